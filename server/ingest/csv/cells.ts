/**
 * Zod schemas for single CSV cells. A cell arrives trimmed, and an empty cell arrives as
 * `undefined` (so "optional" means "may be blank"). Identity keys go through
 * `server/identity/normalize.ts`, so an imported email or domain is stored exactly as a lookup
 * will search for it.
 *
 * @example
 * const Row = z.object({ name: required(text()), tier: choice(['1', '2', '3']).optional() });
 */
import { normalizePhone } from '../../identity/phone.ts';
import { z } from 'zod';
import {
  isFreeMailDomain,
  normalizeDomain,
  normalizeEmail,
  normalizeLinkedInSlug,
  type Normalized,
} from '../../identity/normalize.ts';
import type { PastEmployer } from '../../../shared/brief.ts';

/** A column that must have a value in every row. */
export const required = <T extends z.ZodType<unknown, string>>(cell: T) => z.string({ error: 'is required' }).pipe(cell);

export const text = (max = 500) => z.string().max(max, `must be at most ${max} characters`);

/** One of a fixed set of values, compared case-insensitively. */
export const choice = <const V extends string>(values: readonly V[]) =>
  z
    .string()
    .transform((v) => v.toLowerCase())
    .pipe(z.enum(values as [V, ...V[]], { error: `must be one of ${values.join(', ')}` }));

export const integer = (min: number, max: number) =>
  z
    .string()
    .regex(/^[+-]?\d+$/, 'must be a whole number')
    .transform(Number)
    .pipe(z.number().min(min, `must be at least ${min}`).max(max, `must be at most ${max}`));

/** A plain decimal number: no currency signs or thousands separators, so nothing is guessed. */
export const decimal = (min = 0) =>
  z
    .string()
    .regex(/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/, 'must be a number (digits, optional decimal point)')
    .transform(Number)
    .pipe(z.number().min(min, `must be at least ${min}`).refine(Number.isFinite, 'is too large'));

export const flag = () =>
  z
    .string()
    .transform((v) => v.toLowerCase())
    .pipe(z.enum(['true', 'false', 'yes', 'no', '1', '0'], { error: 'must be true or false' }))
    .transform((v) => v === 'true' || v === 'yes' || v === '1');

const isCalendarDate = (v: string) => {
  const d = new Date(`${v}T00:00:00.000Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(v);
};

/** A calendar date, kept as `YYYY-MM-DD`. */
export const calendarDate = () =>
  z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date as YYYY-MM-DD').refine(isCalendarDate, 'is not a real date');

export const yearMonth = () => z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month as YYYY-MM');

/**
 * A moment, stored as UTC ISO-8601 with milliseconds so stored times compare as text. A bare date
 * means its midnight UTC; a time without an offset is refused, because its zone would be a guess.
 */
export const instant = () =>
  z.string().transform((v, ctx) => {
    const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(v);
    const withZone = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/i.test(v);
    if (!dateOnly && !withZone) {
      ctx.addIssue({ code: 'custom', message: 'must be a date (YYYY-MM-DD) or a date-time with a zone (2026-11-23T09:00:00Z)' });
      return z.NEVER;
    }
    const at = new Date(dateOnly ? `${v}T00:00:00.000Z` : v.replace(' ', 'T'));
    if (Number.isNaN(at.getTime()) || !isCalendarDate(v.slice(0, 10))) {
      ctx.addIssue({ code: 'custom', message: 'is not a real date' });
      return z.NEVER;
    }
    return at.toISOString();
  });

export const uuid = () => z.uuid({ error: 'must be a UUID' }).transform((v) => v.toLowerCase());

export const httpUrl = () =>
  z
    .string()
    .max(2000, 'must be at most 2000 characters')
    .refine((v) => {
      try {
        const url = new URL(v);
        return url.protocol === 'http:' || url.protocol === 'https:';
      } catch {
        return false;
      }
    }, 'must be an http or https URL');

/** A cell through one of the identity normalisers; its refusal reason becomes the message. */
const normalized = (normalize: (v: string) => Normalized<string>, max = 320) =>
  z
    .string()
    .max(max, `must be at most ${max} characters`)
    .transform((v, ctx) => {
      const result = normalize(v);
      if (!result.ok) {
        ctx.addIssue({ code: 'custom', message: result.reason });
        return z.NEVER;
      }
      return result.value;
    });

/** A company domain: never a free-mail one, which identifies no company. */
const companyDomainOf = (v: string): Normalized<string> => {
  const result = normalizeDomain(v);
  if (result.ok && isFreeMailDomain(result.value)) return { ok: false, reason: 'is a free-mail domain, which identifies no company' };
  return result;
};

export const email = () => normalized(normalizeEmail);
export const companyDomain = () => normalized(companyDomainOf, 2000);
export const linkedInSlug = () => normalized(normalizeLinkedInSlug, 2000);

/** `a;b;c` → distinct normalised values; an item that fails names its position. */
const listOf = (normalize: (v: string) => Normalized<string>, max = 50) =>
  z.string().transform((v, ctx) => {
    const items = v.split(';').map((s) => s.trim()).filter(Boolean);
    if (items.length > max) {
      ctx.addIssue({ code: 'custom', message: `must list at most ${max} values` });
      return z.NEVER;
    }
    const out = new Set<string>();
    for (const [index, item] of items.entries()) {
      const result = normalize(item);
      if (!result.ok) {
        ctx.addIssue({ code: 'custom', message: `value ${index + 1}: ${result.reason}` });
        return z.NEVER;
      }
      out.add(result.value);
    }
    return [...out];
  });

export const emailList = () => listOf(normalizeEmail);

/**
 * `+46 70 123 45 67;08-123 456` → the numbers, checked (digits, spaces, `+ - ( ) .`; 6 to 15
 * digits) and kept as typed: which country a national number belongs to is the account's, known
 * only when the row is written (server/identity/phone.ts normalises it there).
 */
export const phoneList = () => listOf((v) => normalizePhone(v, null), 20);

/**
 * `acme.se;gmail.com` → the company domains, and apart the free-mail ones, which identify no
 * company: the importer leaves those out with a warning instead of refusing the row, because a
 * CRM's domain field often holds a founder's mailbox next to the company's domain.
 *
 * @example domainList().parse('Acme.se; gmail.com') // { company: ['acme.se'], freeMail: ['gmail.com'] }
 */
export const domainList = () =>
  listOf(normalizeDomain).transform((domains) => ({
    company: domains.filter((d) => !isFreeMailDomain(d)),
    freeMail: domains.filter((d) => isFreeMailDomain(d)),
  }));

/**
 * `Company|Title|YYYY-MM|YYYY-MM;…` → past employers, in the order given. Title and months may be
 * blank (`Globex||2019-01|`); the company may not.
 */
export const pastEmployers = () =>
  z.string().transform((v, ctx): PastEmployer[] => {
    const out: PastEmployer[] = [];
    for (const [index, item] of v.split(';').map((s) => s.trim()).filter(Boolean).entries()) {
      const [company = '', title = '', from = '', to = '', ...extra] = item.split('|').map((s) => s.trim());
      const problem =
        extra.length > 0
          ? 'has more than 4 parts (Company|Title|YYYY-MM|YYYY-MM)'
          : !company
            ? 'needs a company (Company|Title|YYYY-MM|YYYY-MM)'
            : [from, to].some((m) => m && !/^\d{4}-(0[1-9]|1[0-2])$/.test(m))
              ? 'months must be YYYY-MM'
              : company.length > 300 || title.length > 300
                ? 'is too long'
                : null;
      if (problem) {
        ctx.addIssue({ code: 'custom', message: `employer ${index + 1}: ${problem}` });
        return z.NEVER;
      }
      out.push({ company, ...(title ? { title } : {}), ...(from ? { from } : {}), ...(to ? { to } : {}) });
    }
    return out;
  });

/** The provenance columns every enrichment entity accepts. */
export const provenanceColumns = {
  source: text(100).optional(),
  refreshed_at: instant().optional(),
};
