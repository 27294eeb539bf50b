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
import { domainToASCII } from 'node:url';
import { getDomain } from 'tldts';
import { FREE_MAIL_DOMAINS } from './free-mail.ts';

import { lookalikeReason, normalizeLinkedInSlug, type Normalized } from '../../shared/identity-keys.ts';

// Written once for server and extension (browser-safe), re-exported so callers keep one import.
export { lookalikeReason, normalizeLinkedInSlug, type Normalized };

/**
 * A host name as we store and look it up: lower case, no `www.`, no trailing dot, IDN as punycode.
 *
 * @example normalizeDomain('WWW.Acme.com.') // { ok: true, value: 'acme.com' }
 */
export function normalizeDomain(input: string): Normalized<string> {
  const trimmed = input.trim();
  const invisible = lookalikeReason(trimmed);
  if (invisible) return { ok: false, reason: invisible };
  let host = trimmed.toLowerCase();
  // Accept a pasted URL or a bare host.
  if (/^[a-z][a-z0-9+.-]*:\/\//.test(host)) {
    try {
      host = new URL(host).hostname;
    } catch {
      return { ok: false, reason: 'not a domain' };
    }
  }
  // A bare host may still carry a path, query or port (`acme.com/pricing`, `acme.com:443`).
  host = host.replace(/[/?#].*$/, '').replace(/:\d*$/, '').replace(/\.$/, '');
  if (!host || host.length > 253) return { ok: false, reason: 'not a domain' };
  const ascii = domainToASCII(host);
  if (!ascii) return { ok: false, reason: 'not a domain' };
  if (foldsOntoAscii(host, ascii)) {
    return { ok: false, reason: 'contains letters that imitate other letters' };
  }
  if (!/^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(ascii)) return { ok: false, reason: 'not a domain' };
  // `www.` names the web server, not the company; but `www.com` is itself the domain.
  const bare = ascii.replace(/^www\d*\./, '');
  return { ok: true, value: bare.includes('.') ? bare : ascii };
}

/**
 * Whether IDNA mapping folded a non-ASCII character onto ASCII (fullwidth `ａ`, a fullwidth dot):
 * a lookalike. Judged per label, so a genuine IDN label elsewhere in the host does not excuse it.
 */
function foldsOntoAscii(host: string, ascii: string): boolean {
  if (!/[^\p{ASCII}]/u.test(host)) return false;
  const labels = host.split('.');
  const asciiLabels = ascii.split('.');
  if (labels.length !== asciiLabels.length) return true;
  return labels.some((label, i) => /[^\p{ASCII}]/u.test(label) && !asciiLabels[i]!.startsWith('xn--'));
}

/** The registrable domain (`eu.mail.acme.co.uk` → `acme.co.uk`), or the host itself when unknown. */
export function registrableDomain(host: string): string {
  return getDomain(host, { allowPrivateDomains: false }) ?? host;
}

/** Free-mail providers never identify a company: gmail.com is not an account. */
export function isFreeMailDomain(domain: string): boolean {
  return FREE_MAIL_DOMAINS.has(domain) || FREE_MAIL_DOMAINS.has(registrableDomain(domain));
}

/**
 * An email address as we store and look it up: trimmed, `mailto:` and angle brackets removed,
 * the domain as by `normalizeDomain`. The local part is case-folded too: RFC 5321 allows a
 * case-sensitive mailbox, but no mainstream provider has one and CRMs store addresses lower-cased,
 * so folding it is what finds the person. Plus-addresses stay distinct (`jane+x@` is not `jane@`).
 *
 * @example normalizeEmail(' <Jane.Doe@ACME.com> ') // { ok: true, value: 'jane.doe@acme.com' }
 * @example normalizeEmail('Jane <jane+news@acme.com>') // { ok: true, value: 'jane+news@acme.com' }
 */
export function normalizeEmail(input: string): Normalized<string> {
  const trimmed = input
    .trim()
    .replace(/^mailto:/i, '')
    // `Jane Doe <jane@acme.com>` as copied from a mail client: the address is inside the brackets.
    .replace(/^[^<>]*<([^<>]*)>\s*$/s, '$1')
    .trim();
  const invisible = lookalikeReason(trimmed);
  if (invisible) return { ok: false, reason: invisible };
  const at = trimmed.lastIndexOf('@');
  if (at < 1 || at === trimmed.length - 1) return { ok: false, reason: 'not an email address' };
  const local = trimmed.slice(0, at);
  if (/[\s<>(),;:"[\]\\]/.test(local) || local.length > 64) return { ok: false, reason: 'not an email address' };
  if (/[^\p{ASCII}]/u.test(local) && local.normalize('NFKC') !== local) {
    return { ok: false, reason: 'contains letters that imitate other letters' };
  }
  const domain = normalizeDomainForEmail(trimmed.slice(at + 1));
  if (!domain.ok) return domain;
  return { ok: true, value: `${local.toLowerCase()}@${domain.value}` };
}

/** Like normalizeDomain, but `www.` is part of a mail domain and stays. */
function normalizeDomainForEmail(input: string): Normalized<string> {
  const host = input.trim().toLowerCase().replace(/\.$/, '');
  const ascii = domainToASCII(host);
  if (!ascii) return { ok: false, reason: 'not an email address' };
  if (foldsOntoAscii(host, ascii)) {
    return { ok: false, reason: 'contains letters that imitate other letters' };
  }
  if (!/^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(ascii)) return { ok: false, reason: 'not an email address' };
  return { ok: true, value: ascii };
}

/** The domain part of a normalised email. */
export const emailDomain = (email: string) => email.slice(email.lastIndexOf('@') + 1);


export const linkedInUrlOf = (slug: string) => `https://www.linkedin.com/in/${encodeURIComponent(slug)}/`;

/** Lower case, accents folded, punctuation dropped, spaces collapsed: for suggestions, never links. */
export function nameKey(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

const COMPANY_SUFFIXES =
  /\b(inc|incorporated|ltd|limited|llc|llp|plc|corp|corporation|co|company|gmbh|ag|ab|publ|sa|sas|sarl|bv|nv|oy|oyj|as|asa|aps|spa|srl|pty|kk|group|holding|holdings)\b/g;

/** A company name reduced for comparison: `Acme, Inc.` and `ACME` compare equal. */
export function companyKey(name: string): string {
  return nameKey(name).replace(COMPANY_SUFFIXES, ' ').replace(/\s+/g, ' ').trim();
}
