/**
 * Who is on this LinkedIn profile page: the member's identity as the page shows it.
 *
 * LinkedIn has shipped three DOMs in three years, so readers are tried newest first and the
 * first one that finds a name answers: SDUI (2025-26) → Ember (2024) → guest page (JSON-LD,
 * `og:title`) → `document.title` → the URL slug alone, which is always enough for a panel.
 * Pure: reads `doc` and `url`, never throws, never stores or sends anything.
 */
import type { LinkedInRef } from '../../../shared/refs.ts';
import { readEmber2024 } from './layouts/ember-2024.ts';
import { readGuest } from './layouts/guest.ts';
import { readSdui } from './layouts/sdui.ts';
import { readTitle } from './layouts/title.ts';
import type { LayoutReading, LinkedInProfile, ProfileLayout } from './profile.ts';
import { canonicalProfileUrl, profileSlugFromUrl } from './routes.ts';

export type { LinkedInProfile, ProfileFields, ProfileLayout } from './profile.ts';

const READERS: readonly [Exclude<ProfileLayout, 'url'>, (doc: Document, slug: string) => LayoutReading][] = [
  ['sdui', readSdui],
  ['ember-2024', readEmber2024],
  ['guest', readGuest],
  ['title', (doc) => readTitle(doc)],
];

/**
 * Reads the profile on screen. `profileUrl` and `slug` come from `url` (canonical and `og:url`
 * tags go stale after in-page navigation); everything else from the first layout that answers.
 * Returns `null` when `url` names no member (feed, company page, another site).
 *
 * @example
 * extractProfile(document, new URL(location.href))
 * // { profileUrl: 'https://www.linkedin.com/in/daniel-ortega-lind/', slug: 'daniel-ortega-lind',
 * //   layout: 'ember-2024', name: 'Daniel Ortega Lind', currentCompany: 'Novare Potential', … }
 */
export function extractProfile(doc: Document, url: URL): LinkedInProfile | null {
  const slug = profileSlugFromUrl(url);
  if (!slug) return null;
  const identity = { profileUrl: canonicalProfileUrl(slug), slug };
  for (const [layout, read] of READERS) {
    let reading: LayoutReading;
    try {
      reading = read(doc, slug);
    } catch {
      // A reader tripping on markup it never saw must cost its fields, not the panel.
      reading = undefined;
    }
    // The page still shows the previous member: nothing on it, not even the title, is this one's.
    if (reading === 'other-member') break;
    if (reading?.name) return { ...identity, layout, ...reading };
  }
  return { ...identity, layout: 'url' };
}

// The server's limits (shared/refs.ts); clipping here keeps a long headline from failing the request.
const LIMITS = { name: 200, headline: 500, company: 200, title: 200 } as const;

function clip(value: string | undefined, max: number): string | undefined {
  if (value === undefined) return undefined;
  // Cut on a code-unit boundary that does not split a surrogate pair.
  const cut = value.length > max ? value.slice(0, max).replace(/[\uD800-\uDBFF]$/, '') : value;
  return cut.trim() || undefined;
}

/**
 * The identity ref the extension sends to the server for this profile (never page content).
 *
 * @example toIdentityRef(profile) // { kind: 'linkedin', profileUrl: 'https://www.linkedin.com/in/…/', name: '…' }
 */
export function toIdentityRef(profile: LinkedInProfile): LinkedInRef {
  const ref: LinkedInRef = { kind: 'linkedin', profileUrl: profile.profileUrl };
  const name = clip(profile.name, LIMITS.name);
  const headline = clip(profile.headline, LIMITS.headline);
  const company = clip(profile.currentCompany, LIMITS.company);
  const title = clip(profile.currentTitle, LIMITS.title);
  if (name) ref.name = name;
  if (headline) ref.headline = headline;
  if (company) ref.company = company;
  if (title) ref.title = title;
  if (profile.since && /^\d{4}-\d{2}$/.test(profile.since)) ref.since = profile.since;
  return ref;
}

/** The drift report's name for LinkedIn's name selectors (every layout's top-card name). */
export const NAME_SELECTORS = 'linkedin.profile.name';

/**
 * Required selectors that did not match on a profile page: no layout reader found the member's
 * name (only the title or the URL answered), so LinkedIn's markup has moved away from every
 * layout `selectors.ts` knows. Names only, for the censored drift report.
 *
 * @example profileDrift({ profileUrl, slug, layout: 'title', name: 'Jane Doe' }) // ['linkedin.profile.name']
 */
export function profileDrift(profile: LinkedInProfile): string[] {
  return profile.layout === 'title' || profile.layout === 'url' ? [NAME_SELECTORS] : [];
}
