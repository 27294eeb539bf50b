/**
 * The identity keys both sides compute the same way, written once and browser-safe (no Node
 * modules): the LinkedIn profile slug, email addresses and domains, and the invisible-character
 * check behind lookalike refusals. The server stores and looks up by these
 * (server/identity/normalize.ts re-exports them); the extension keys its brief cache by them
 * (extension/core/background/cache-keys.ts).
 *
 * IDN domains go to punycode with the WHATWG URL hostname setter on a special-scheme URL, which is
 * what Node's `url.domainToASCII` is, and which a service worker has too.
 */

export type Normalized<T> = { ok: true; value: T } | { ok: false; reason: string };

// Format (Cf) and control (Cc) characters are invisible: zero-width space and joiners, bidi overrides, BOM, soft hyphen.
export const INVISIBLE = /[\p{Cf}\p{Cc}]/u;

/** Why a key is refused as a possible lookalike, or null. */
export function lookalikeReason(value: string): string | null {
  return INVISIBLE.test(value) ? 'contains invisible characters that can disguise a lookalike' : null;
}

/**
 * The profile slug of a LinkedIn member URL, lower-cased and percent-decoded. Accepts country
 * subdomains (`se.linkedin.com`), missing scheme, trailing slashes, query strings, fragments and
 * profile subpages (`/in/<slug>/details/experience/`). Anything else (company pages, feed) is refused.
 *
 * @example normalizeLinkedInSlug('https://se.linkedin.com/in/J%C3%B6rg-M/?trk=x') // { ok: true, value: 'jörg-m' }
 */
export function normalizeLinkedInSlug(input: string): Normalized<string> {
  const trimmed = input.trim();
  const invisible = lookalikeReason(trimmed);
  if (invisible) return { ok: false, reason: invisible };
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `https://${trimmed.replace(/^\/+/, '')}`);
  } catch {
    return { ok: false, reason: 'not a LinkedIn profile URL' };
  }
  const host = url.hostname.toLowerCase();
  if (!(host === 'linkedin.com' || host.endsWith('.linkedin.com'))) return { ok: false, reason: 'not a LinkedIn URL' };
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { ok: false, reason: 'not a LinkedIn URL' };
  const match = /^\/in\/([^/]+)/i.exec(url.pathname);
  if (!match) return { ok: false, reason: 'not a LinkedIn profile URL' };
  let slug: string;
  try {
    slug = decodeURIComponent(match[1]!);
  } catch {
    return { ok: false, reason: 'not a LinkedIn profile URL' };
  }
  slug = slug.normalize('NFC').toLowerCase().trim();
  if (!slug || slug.length > 200 || /[\s/]/.test(slug) || INVISIBLE.test(slug)) {
    return { ok: false, reason: 'not a LinkedIn profile URL' };
  }
  return { ok: true, value: slug };
}

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
