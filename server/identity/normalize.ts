/**
 * Normalisation of the keys people are matched by: LinkedIn slugs, email addresses, domains,
 * names and company names. Pure functions, shared by resolution, imports and the demo seed, so
 * a value is stored the same way it is looked up.
 *
 * Lookalikes: a key carrying invisible characters (zero-width, bidi controls, soft hyphen) or
 * letters that normalisation would fold onto other letters (fullwidth `ａ`) is refused with a
 * reason, never "cleaned" onto the real key. Non-Latin letters (Cyrillic `а`) survive as
 * punycode (`xn--…`), so they can only ever equal the same non-Latin key.
 */
import { getDomain } from 'tldts';
import { FREE_MAIL_DOMAINS } from './free-mail.ts';

import { lookalikeReason, normalizeDomain, normalizeEmail, normalizeLinkedInSlug, type Normalized } from '../../shared/identity-keys.ts';

// Written once for server and extension (browser-safe), re-exported so callers keep one import.
export { lookalikeReason, normalizeDomain, normalizeEmail, normalizeLinkedInSlug, type Normalized };
export { companyKey, nameKey } from '../../shared/company.ts';

/** The registrable domain (`eu.mail.acme.co.uk` → `acme.co.uk`), or the host itself when unknown. */
export function registrableDomain(host: string): string {
  return getDomain(host, { allowPrivateDomains: false }) ?? host;
}

/** Free-mail providers never identify a company: gmail.com is not an account. */
export function isFreeMailDomain(domain: string): boolean {
  return FREE_MAIL_DOMAINS.has(domain) || FREE_MAIL_DOMAINS.has(registrableDomain(domain));
}

/** The domain part of a normalised email. */
export const emailDomain = (email: string) => email.slice(email.lastIndexOf('@') + 1);

/** A member's profile URL from their slug. */
export const linkedInUrlOf = (slug: string) => `https://www.linkedin.com/in/${encodeURIComponent(slug)}/`;

