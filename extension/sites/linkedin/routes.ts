/**
 * Which LinkedIn pages the extension serves, decided from the URL alone.
 *
 * Pure predicates over `URL`, in the refined-github style: each has an example table below,
 * and the unit test checks every predicate against its own examples (true) and every other
 * table (false), so a new LinkedIn route is added by adding a URL, not by reading regexes.
 */
import type { LinkedInRef } from '../../../shared/refs.ts';

/** `/in/<slug>` with an optional trailing slash; `<slug>` is one non-empty path segment. */
const PROFILE_PATH = /^\/in\/([^/]+)\/?$/i;
/**
 * Pages under a profile that still show that one member: the full lists (`/details/experience/`,
 * `/details/skills/`, …) and overlays drawn over the profile (`/overlay/contact-info/`).
 */
const PROFILE_SUBPAGE_PATH = /^\/in\/([^/]+)\/(?:details|overlay)\/[^/]+(?:\/.*)?$/i;

/**
 * LinkedIn's own hosts only: `linkedin.com`, `www.` and country subdomains (`se.`, `uk.`).
 * Exact suffix match, so `linkedin.com.evil.example` and `evil-linkedin.com` are refused.
 */
export function isLinkedInHost(url: URL): boolean {
  const host = url.hostname.toLowerCase();
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return false;
  return host === 'linkedin.com' || host.endsWith('.linkedin.com');
}

/** A member's profile page, e.g. `https://www.linkedin.com/in/jane-doe/?trk=x`. */
export function isProfile(url: URL): boolean {
  return isLinkedInHost(url) && PROFILE_PATH.test(url.pathname) && profileSlugFromUrl(url) !== undefined;
}

/** A page beneath a profile: `/in/<slug>/details/experience/`, `/in/<slug>/overlay/contact-info/`. */
export function isProfileSubpage(url: URL): boolean {
  return isLinkedInHost(url) && PROFILE_SUBPAGE_PATH.test(url.pathname) && profileSlugFromUrl(url) !== undefined;
}

/** Every page the LinkedIn content features run on. */
export function isServedPage(url: URL): boolean {
  return isProfile(url) || isProfileSubpage(url);
}

/**
 * The member slug of a profile or profile subpage URL, percent-decoded, NFC and lower-cased,
 * the same way the server's `normalizeLinkedInSlug` stores it; `undefined` for anything else.
 *
 * @example profileSlugFromUrl(new URL('https://se.linkedin.com/in/J%C3%B6rg-M/')) // 'jörg-m'
 */
export function profileSlugFromUrl(url: URL): string | undefined {
  if (!isLinkedInHost(url)) return undefined;
  const raw = (PROFILE_PATH.exec(url.pathname) ?? PROFILE_SUBPAGE_PATH.exec(url.pathname))?.[1];
  if (!raw) return undefined;
  let slug: string;
  try {
    slug = decodeURIComponent(raw);
  } catch {
    return undefined; // a malformed escape (`%E0%A4%A`) names nobody
  }
  slug = slug.normalize('NFC').toLowerCase().trim();
  // Whitespace, slashes and invisible format characters never occur in real slugs; refusing
  // them here keeps a lookalike from reaching the server as a different member.
  if (!slug || slug.length > 200 || /[\s/\p{Cf}\p{Cc}]/u.test(slug)) return undefined;
  return slug;
}

/** The one profile URL we send for a slug, whatever host or subpage it was read from. */
export function canonicalProfileUrl(slug: string): string {
  return `https://www.linkedin.com/in/${encodeURIComponent(slug)}/`;
}

/**
 * The ref a profile URL alone gives, exactly as the profile panel's `urlRefs` makes it from the
 * page it reads (features/linkedin-profile-panel.tsx): asked of the brief cache at page load.
 *
 * @example profileRefsFromUrl(new URL('https://se.linkedin.com/in/Jane-Doe/?trk=x')) // [{ kind: 'linkedin', profileUrl: 'https://www.linkedin.com/in/jane-doe/' }]
 */
export function profileRefsFromUrl(url: URL): LinkedInRef[] {
  const slug = profileSlugFromUrl(url);
  return slug ? [{ kind: 'linkedin', profileUrl: canonicalProfileUrl(slug) }] : [];
}

/** Profile pages: `isProfile` and `isServedPage` accept these. */
export const PROFILE_URL_EXAMPLES: readonly string[] = [
  'https://www.linkedin.com/in/daniel-ortega-lind/',
  'https://www.linkedin.com/in/daniel-ortega-lind',
  'https://www.linkedin.com/in/maya-rani-perera-48213c77/?originalSubdomain=se',
  'https://se.linkedin.com/in/arongustav/',
  'https://uk.linkedin.com/in/ravikumaran?trk=people-guest_people_search-card',
  'https://linkedin.com/in/nikospetrakis/',
  'https://www.linkedin.com/in/j%C3%B6rg-m%C3%BCller/#experience',
];

/** Pages beneath a profile: `isProfileSubpage` and `isServedPage` accept these. */
export const PROFILE_SUBPAGE_URL_EXAMPLES: readonly string[] = [
  'https://www.linkedin.com/in/daniel-ortega-lind/details/experience/',
  'https://www.linkedin.com/in/daniel-ortega-lind/details/education/',
  'https://www.linkedin.com/in/daniel-ortega-lind/details/skills/?detailScreenTabIndex=0',
  'https://www.linkedin.com/in/daniel-ortega-lind/overlay/contact-info/',
  'https://se.linkedin.com/in/arongustav/overlay/about-this-profile/',
];

/** Pages we do not serve: every predicate refuses these. */
export const NOT_SERVED_URL_EXAMPLES: readonly string[] = [
  'https://www.linkedin.com/feed/',
  'https://www.linkedin.com/',
  'https://www.linkedin.com/company/novare-potential/',
  'https://www.linkedin.com/search/results/people/?keywords=daniel%20ortega',
  'https://www.linkedin.com/messaging/thread/2-ZmE4ZTY1YjEtNzE0Ny00/',
  'https://www.linkedin.com/jobs/view/3912345678/',
  'https://www.linkedin.com/sales/lead/ACwAABcD123,NAME_SEARCH,abc1',
  'https://www.linkedin.com/sales/people/ACwAABcD123,name,abc1',
  'https://www.linkedin.com/in/',
  'https://www.linkedin.com/in',
  'https://www.linkedin.com/in/daniel-ortega-lind/recent-activity/all/',
  'https://linkedin.com.evil.example/in/daniel-ortega-lind/',
  'https://evil-linkedin.com/in/daniel-ortega-lind/',
  'https://www.linkedin.com/in/%E0%A4%A/',
  'https://www.linkedin.com/in/jane%E2%80%8Bdoe/',
];
