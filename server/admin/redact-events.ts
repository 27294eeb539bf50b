/**
 * Erasure's part in raw events: `events.data` is JSON written by imports and webhooks, and some of
 * it names people (a departure's or an executive hire's `name` and `contactId`, a news headline or
 * URL, a web visit's URL with the visitor's address in its query string, as a CSV import keeps it).
 *
 * A value that IS one of the person's identifiers (an email, their name, their LinkedIn URL or
 * slug, their contact id or CRM id) loses its field, whatever the field is called (so fields a
 * company event gains later are covered too); a longer text that CONTAINS one keeps the rest of its
 * words, with the identifier replaced by `[erased]`. Everything else in the event stays, so the
 * account keeps its signal (a visit to the pricing page, a departure's title).
 */
import type { DB } from '../db/connect.ts';
import { nameKey, normalizeLinkedInSlug } from '../identity/normalize.ts';

export interface ErasedPerson {
  contactIds: readonly string[];
  names: readonly string[];
  emails: readonly string[];
  slugs: readonly string[];
  /**
   * Their CRM ids: a value that is one names them (a company event may carry the leaver's CRM id).
   * Whole values only: a short id inside a text would take unrelated words with it.
   */
  externalIds?: readonly string[];
}

export const ERASED_MARK = '[erased]';

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The identifiers a text may contain, each as a pattern that does not match inside a longer word or
 * address. `ids: false` leaves contact ids alone (a stored digest's signal keys embed them).
 */
export function containedPatterns(person: ErasedPerson, { ids = true } = {}): RegExp[] {
  const words = (list: readonly string[], inner: string) =>
    list.filter((s) => s.trim().length > 0).map((s) => new RegExp(`(?<![${inner}])${escapeRegExp(s.trim())}(?![${inner}])`, 'giu'));
  const addresses = person.emails.flatMap((e) => [e, encodeURIComponent(e)]);
  // A name inside a text: its words in order, however spaced. A one-word name ("Jane") is left to
  // the whole-value rule: inside texts it would take every other Jane of the team with it.
  const names = person.names
    .map((name) => name.trim().split(/\s+/))
    .filter((parts) => parts.length > 1)
    .map((parts) => new RegExp(`(?<![\\p{L}\\p{N}])${parts.map(escapeRegExp).join('\\s+')}(?![\\p{L}\\p{N}])`, 'giu'));
  return [
    ...words(addresses, '\\p{L}\\p{N}._%+-'),
    ...words(person.slugs.flatMap((s) => [s, encodeURIComponent(s)]), '\\p{L}\\p{N}_%-'),
    ...names,
    ...(ids ? words(person.contactIds, '\\p{L}\\p{N}_-') : []),
  ];
}

/** A value that is the person, whole. */
export function isThePerson(value: string, person: ErasedPerson): boolean {
  const folded = value.trim().toLowerCase();
  if (person.emails.includes(folded) || person.slugs.includes(folded) || person.contactIds.includes(value.trim())) return true;
  if (person.externalIds?.includes(value.trim())) return true;
  const key = nameKey(value);
  if (key && person.names.some((name) => nameKey(name) === key)) return true;
  const slug = normalizeLinkedInSlug(value);
  return slug.ok && person.slugs.includes(slug.value);
}

/** The JSON value with the person taken out, and whether anything changed. */
function redactValue(value: unknown, person: ErasedPerson, patterns: RegExp[]): { value: unknown; changed: boolean; drop: boolean } {
  if (typeof value === 'string') {
    if (isThePerson(value, person)) return { value, changed: true, drop: true };
    let text = value;
    for (const pattern of patterns) text = text.replace(pattern, ERASED_MARK);
    return { value: text, changed: text !== value, drop: false };
  }
  if (Array.isArray(value)) {
    let changed = false;
    const out: unknown[] = [];
    for (const item of value) {
      const r = redactValue(item, person, patterns);
      changed ||= r.changed;
      if (!r.drop) out.push(r.value);
    }
    return { value: out, changed, drop: false };
  }
  if (value && typeof value === 'object') {
    let changed = false;
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      const r = redactValue(item, person, patterns);
      changed ||= r.changed;
      if (!r.drop) out[key] = r.value;
    }
    return { value: out, changed, drop: false };
  }
  return { value, changed: false, drop: false };
}

/**
 * LIKE patterns for the lower-cased JSON text of a row that may hold the person: their addresses,
 * slugs, contact ids, and each name's words with anything between them (as the patterns allow any
 * spacing). A quote or backslash is escaped inside JSON, and a backslash is LIKE's escape on
 * PostgreSQL only: a wildcard in its place reads the same on both.
 */
export function likeNeedles(person: ErasedPerson): string[] {
  const inJson = (s: string) => JSON.stringify(s.trim().toLowerCase()).slice(1, -1).replace(/\\/g, '%');
  const needles = [
    ...person.emails.flatMap((e) => [e, encodeURIComponent(e)]),
    ...person.slugs.flatMap((s) => [s, encodeURIComponent(s)]),
    ...person.contactIds,
  ]
    .filter((s) => s.trim().length > 0)
    .map((s) => `%${inJson(s)}%`);
  for (const name of person.names) if (name.trim()) needles.push(`%${name.trim().split(/\s+/).map(inJson).join('%')}%`);
  // A CRM id counts as a whole JSON string only, quotes included.
  for (const id of person.externalIds ?? []) if (id.trim()) needles.push(`%"${inJson(id)}"%`);
  return [...new Set(needles.map((needle) => needle.toLowerCase()))];
}

/**
 * Takes the person out of the team's events' data, inside the caller's transaction; answers how
 * many events changed and on which accounts (their snapshots name the person too). A LIKE on the
 * lower-cased JSON picks the candidates (it may pick more: `_` is a wildcard there), the exact
 * rules above decide.
 *
 * @example await redactEvents(trx, teamId, { contactIds: ['ct_1'], names: ['Jane Quill'], emails: ['jane@acme.com'], slugs: [] }) // { redacted: 3, accountIds: ['acc_1'] }
 */
export async function redactEvents(trx: DB, teamId: string, person: ErasedPerson): Promise<{ redacted: number; accountIds: string[] }> {
  const needles = likeNeedles(person);
  if (!needles.length) return { redacted: 0, accountIds: [] };
  const candidates = await trx
    .selectFrom('events')
    .select(['id', 'account_id', 'data'])
    .where('team_id', '=', teamId)
    .where((eb) => eb.or(needles.map((needle) => eb(eb.fn('lower', ['data']), 'like', needle))))
    .execute();
  const patterns = containedPatterns(person);
  let redacted = 0;
  const accountIds = new Set<string>();
  for (const event of candidates) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(event.data);
    } catch {
      continue;
    }
    const result = redactValue(parsed, person, patterns);
    if (!result.changed) continue;
    const data = result.drop ? {} : result.value;
    await trx.updateTable('events').set({ data: JSON.stringify(data) }).where('team_id', '=', teamId).where('id', '=', event.id).execute();
    redacted += 1;
    accountIds.add(event.account_id);
  }
  return { redacted, accountIds: [...accountIds] };
}
