/**
 * Cache keys for briefs: one normalised identity key per ref (`linkedin:<slug>`, `email:<address>`,
 * `domain:<host>`, `contact:<id>`, `account:<id>`, `event:<id>`).
 *
 * The LinkedIn slug rule is shared (`shared/identity-keys.ts`); the email and domain rules are a
 * browser-safe copy of `server/identity/normalize.ts`: that
 * file imports `node:url` (`domainToASCII`), which does not bundle for a service worker. Node's
 * `domainToASCII` is the WHATWG URL hostname setter on a special-scheme URL, so `new URL('ws://x')`
 * with `hostname = …` gives the same answer in the browser. A test holds both copies to one table.
 */
import type { BriefRef } from '../../shared/brief.ts';

import { lookalikeReason, normalizeLinkedInSlug, type Normalized } from '../../shared/identity-keys.ts';

export { normalizeLinkedInSlug, type Normalized };

/**
 * WHATWG domain-to-ASCII, as Node's `url.domainToASCII`: '' when the host is not valid.
 *
 * @example domainToAscii('Bücher.example') // 'xn--bcher-kva.example'
 */
export function domainToAscii(host: string): string {
  const url = new URL('ws://x');
  // The setter ignores a host it cannot parse and leaves `x`; only an input of `x` itself yields `x`.
  url.hostname = host;
  if (url.hostname === 'x' && host.trim().toLowerCase() !== 'x') return '';
  return url.hostname;
}

/** Whether IDNA mapping folded a non-ASCII character onto ASCII (fullwidth `ａ`): a lookalike, judged per label. */
function foldsOntoAscii(host: string, ascii: string): boolean {
  if (!/[^\p{ASCII}]/u.test(host)) return false;
  const labels = host.split('.');
  const asciiLabels = ascii.split('.');
  if (labels.length !== asciiLabels.length) return true;
  return labels.some((label, i) => /[^\p{ASCII}]/u.test(label) && !asciiLabels[i]!.startsWith('xn--'));
}

/**
 * A host name as the server stores it: lower case, no `www.`, no trailing dot, IDN as punycode.
 *
 * @example normalizeDomain('WWW.Acme.com.') // { ok: true, value: 'acme.com' }
 */
export function normalizeDomain(input: string): Normalized<string> {
  const trimmed = input.trim();
  const invisible = lookalikeReason(trimmed);
  if (invisible) return { ok: false, reason: invisible };
  let host = trimmed.toLowerCase();
  if (/^[a-z][a-z0-9+.-]*:\/\//.test(host)) {
    try {
      host = new URL(host).hostname;
    } catch {
      return { ok: false, reason: 'not a domain' };
    }
  }
  host = host.replace(/[/?#].*$/, '').replace(/:\d*$/, '').replace(/\.$/, '');
  if (!host || host.length > 253) return { ok: false, reason: 'not a domain' };
  const ascii = domainToAscii(host);
  if (!ascii) return { ok: false, reason: 'not a domain' };
  if (foldsOntoAscii(host, ascii)) return { ok: false, reason: 'contains letters that imitate other letters' };
  if (!/^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(ascii)) return { ok: false, reason: 'not a domain' };
  const bare = ascii.replace(/^www\d*\./, '');
  return { ok: true, value: bare.includes('.') ? bare : ascii };
}

/**
 * An email address as the server stores it: `mailto:` and brackets removed, lower case, IDN domain as punycode.
 *
 * @example normalizeEmail('Jane <Jane.Doe@ACME.com>') // { ok: true, value: 'jane.doe@acme.com' }
 */
export function normalizeEmail(input: string): Normalized<string> {
  const trimmed = input
    .trim()
    .replace(/^mailto:/i, '')
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
  // `www.` is part of a mail domain and stays.
  const host = trimmed.slice(at + 1).trim().toLowerCase().replace(/\.$/, '');
  const ascii = domainToAscii(host);
  if (!ascii) return { ok: false, reason: 'not an email address' };
  if (foldsOntoAscii(host, ascii)) return { ok: false, reason: 'contains letters that imitate other letters' };
  if (!/^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(ascii)) return { ok: false, reason: 'not an email address' };
  return { ok: true, value: `${local.toLowerCase()}@${ascii}` };
}


/**
 * The cache key of a ref, or null when the ref cannot be cached: a name (it only ever yields
 * suggestions) or a value that does not normalise (the server would refuse it too).
 *
 * @example briefKeyOf({ kind: 'linkedin', profileUrl: 'https://de.linkedin.com/in/Jane-Doe/details/experience/' }) // 'linkedin:jane-doe'
 * @example briefKeyOf({ kind: 'email', address: 'Jane <JANE@Acme.com>' }) // 'email:jane@acme.com'
 * @example briefKeyOf({ contactId: 'ct_1' }) // 'contact:ct_1'
 */
export function briefKeyOf(ref: BriefRef): string | null {
  if ('contactId' in ref) return `contact:${ref.contactId}`;
  if ('accountId' in ref) return `account:${ref.accountId}`;
  switch (ref.kind) {
    case 'linkedin': {
      const slug = normalizeLinkedInSlug(ref.profileUrl);
      return slug.ok ? `linkedin:${slug.value}` : null;
    }
    case 'email': {
      const email = normalizeEmail(ref.address);
      return email.ok ? `email:${email.value}` : null;
    }
    case 'domain': {
      const domain = normalizeDomain(ref.domain);
      return domain.ok ? `domain:${domain.value}` : null;
    }
    case 'event':
      return `event:${ref.eventId}`;
    case 'name':
      return null;
  }
}
