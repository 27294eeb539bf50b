/**
 * The identity keys both sides compute the same way, written once and browser-safe (no Node
 * modules): the LinkedIn profile slug, and the invisible-character check behind lookalike refusals.
 * The server stores and looks up by these (server/identity/normalize.ts re-exports them); the
 * extension keys its brief cache by them (extension/core/cache-keys.ts).
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
