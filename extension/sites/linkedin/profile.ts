/**
 * What the LinkedIn adapter reads about the member on screen, and the contract each layout
 * reader (`layouts/*.ts`) fulfils. Types only, so layouts and the extractor share them without cycles.
 */

/** Which reader answered: the newest layout first, the URL slug last. */
export type ProfileLayout = 'sdui' | 'ember-2024' | 'guest' | 'title' | 'url';

/** Fields a page may show. A field the page does not show is absent, never an empty string. */
export interface ProfileFields {
  name?: string;
  headline?: string;
  location?: string;
  currentCompany?: string;
  currentTitle?: string;
  /** Start of the current role, `YYYY-MM`. */
  since?: string;
}

/** The member on a profile page. `profileUrl` and `slug` always come from the page's own URL. */
export interface LinkedInProfile extends ProfileFields {
  /** `https://www.linkedin.com/in/<slug>/`, whatever host, subpage or query the page was on. */
  profileUrl: string;
  /** Lower-cased, percent-decoded: the key the server matches on. */
  slug: string;
  layout: ProfileLayout;
}

/**
 * A layout reader's answer: the fields it found; `undefined` when its layout is not on the page;
 * `'other-member'` when its layout is there but shows someone else than the URL names (the DOM of
 * the previous profile, still on screen after in-page navigation). The extractor then trusts
 * nothing on the page, `document.title` included, and falls back to the URL.
 */
export type LayoutReading = ProfileFields | 'other-member' | undefined;

/** Drops `undefined` values so absent fields are absent keys. */
export function presentFields(fields: ProfileFields): ProfileFields {
  const present: ProfileFields = {};
  for (const [key, value] of Object.entries(fields) as [keyof ProfileFields, string | undefined][]) {
    if (value !== undefined && value !== '') present[key] = value;
  }
  return present;
}
