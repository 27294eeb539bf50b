/**
 * Planning a resolution: what each ref can be looked up by (slug, address, domains, alias keys,
 * name) and what is wrong with it (lookalikes, free-mail, not a profile URL). Pure: no database,
 * so every identity rule's input side is testable on its own.
 */
import type { EmailRef, IdentityRef } from '../../shared/refs.ts';
import { aliasKey } from './aliases.ts';
import { lookalikeInRef, lookalikeWarning } from './lookalike.ts';
import {
  companyKey,
  emailDomain,
  isFreeMailDomain,
  normalizeDomain,
  normalizeEmail,
  normalizeLinkedInSlug,
  registrableDomain,
  type Normalized,
} from './normalize.ts';
import { companyKeyOfDomain, personNameKey, type NameQuery } from './suggest.ts';

/** What one person- or company-shaped ref can be resolved by. */
export interface RefPlan {
  /** Where the domains came from: a `domain` ref is a stronger company signal than an address's domain. */
  source: 'linkedin' | 'email' | 'domain' | 'name';
  slug?: string;
  email?: string;
  /** The exact host, then its registrable domain when different; empty for free-mail. */
  domains: string[];
  /** Alias keys, strongest first, in the order they override automatic matches. */
  aliasKeys: string[];
  name?: Omit<NameQuery, 'accountId'>;
  warnings: string[];
  /** A lookalike never gets suggestions: proposing the real Jane Doe for `jane@аcme.com` helps the impostor. */
  lookalike: boolean;
}

/** A ref's plan; an event has one per attendee. */
export type Planned = { kind: 'single'; plan: RefPlan } | { kind: 'event'; attendees: RefPlan[] };

const sentence = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** Warnings for a key: a lookalike names what it imitates; other failures say what the input is not. */
function check(kind: 'linkedin' | 'email' | 'domain', raw: string, normalized: Normalized<string>) {
  const lookalike = lookalikeInRef(kind, raw);
  if (lookalike) return { warnings: [lookalikeWarning(lookalike)], lookalike: true };
  return { warnings: normalized.ok ? [] : [sentence(normalized.reason)], lookalike: false };
}

/** `[host, registrable]` for a company domain; nothing for a free-mail provider. */
function companyDomains(host: string): string[] {
  if (isFreeMailDomain(host)) return [];
  const registrable = registrableDomain(host);
  return registrable === host ? [host] : [host, registrable];
}

function planEmail(ref: EmailRef): RefPlan {
  const email = normalizeEmail(ref.address);
  const { warnings, lookalike } = check('email', ref.address, email);
  const plan: RefPlan = { source: 'email', domains: [], aliasKeys: [], warnings, lookalike };
  if (email.ok) {
    plan.email = email.value;
    plan.domains = companyDomains(emailDomain(email.value));
    plan.aliasKeys = [aliasKey.email(email.value), ...plan.domains.map(aliasKey.domain)];
  }
  if (ref.name) {
    const hint = plan.domains.length ? companyKeyOfDomain(plan.domains.at(-1)!) : undefined;
    plan.name = { nameKey: personNameKey(ref.name), ...(hint ? { companyKey: hint } : {}) };
  }
  return plan;
}

/**
 * What a ref can be looked up by.
 *
 * @example planRef({ kind: 'domain', domain: 'www.eu.acme.com' })
 * // { kind: 'single', plan: { source: 'domain', domains: ['eu.acme.com', 'acme.com'], aliasKeys: ['domain:eu.acme.com', 'domain:acme.com'], … } }
 */
export function planRef(ref: IdentityRef): Planned {
  switch (ref.kind) {
    case 'linkedin': {
      const slug = normalizeLinkedInSlug(ref.profileUrl);
      const { warnings, lookalike } = check('linkedin', ref.profileUrl, slug);
      const plan: RefPlan = { source: 'linkedin', domains: [], aliasKeys: [], warnings, lookalike };
      if (slug.ok) {
        plan.slug = slug.value;
        plan.aliasKeys = [aliasKey.linkedin(slug.value)];
      }
      if (ref.name) plan.name = { nameKey: personNameKey(ref.name), ...(ref.company ? { companyKey: companyKey(ref.company) } : {}) };
      return { kind: 'single', plan };
    }
    case 'email':
      return { kind: 'single', plan: planEmail(ref) };
    case 'domain': {
      const domain = normalizeDomain(ref.domain);
      const { warnings, lookalike } = check('domain', ref.domain, domain);
      const plan: RefPlan = { source: 'domain', domains: [], aliasKeys: [], warnings, lookalike };
      if (domain.ok) {
        plan.domains = companyDomains(domain.value);
        plan.aliasKeys = plan.domains.map(aliasKey.domain);
        if (!plan.domains.length) warnings.push(`${domain.value} is a free-mail provider, not a company`);
      }
      return { kind: 'single', plan };
    }
    case 'name':
      return {
        kind: 'single',
        plan: {
          source: 'name',
          domains: [],
          aliasKeys: [],
          name: { nameKey: personNameKey(ref.name), ...(ref.company ? { companyKey: companyKey(ref.company) } : {}) },
          warnings: [],
          lookalike: false,
        },
      };
    case 'event':
      return { kind: 'event', attendees: ref.attendees.map(planEmail) };
  }
}
