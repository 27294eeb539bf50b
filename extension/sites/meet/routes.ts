/**
 * Which Google Meet pages the extension serves, from the URL alone (host-pages.md §4a; no capture
 * of any Meet page exists). The meeting page `meet.google.com/<code>` is one URL for the
 * pre-join ("green room") screen and the call itself: only the DOM tells them apart
 * (`extract-meeting.ts`). `/lookup/<name>` pages resolve a nickname to a meeting.
 */
import { meetCodeOf } from '../common/conference-links.ts';

/** meet.google.com over https, by exact name. */
export function isMeetHost(url: URL): boolean {
  return url.protocol === 'https:' && url.hostname.toLowerCase() === 'meet.google.com';
}

/** A meeting page: `/abc-defg-hij` (pre-join or in call), any query (`?authuser=1`, `?hs=122`). */
export function isMeetingPage(url: URL): boolean {
  return isMeetHost(url) && meetCodeOf(url) !== undefined;
}

/** A nickname lookup: `/lookup/<name>`, which Meet resolves to a meeting on the same page. */
export function isLookupPage(url: URL): boolean {
  return isMeetHost(url) && /^\/lookup\/[A-Za-z0-9._-]{1,64}\/?$/.test(url.pathname);
}

/** Meet's own pages that are no meeting: the landing page, `/new`, `/landing`, settings. */
export function isLandingPage(url: URL): boolean {
  return isMeetHost(url) && !isMeetingPage(url) && !isLookupPage(url);
}

/** Every Meet page the join-page features run on. */
export function isServedPage(url: URL): boolean {
  return isMeetingPage(url) || isLookupPage(url);
}

/**
 * The meeting code of a meeting page, lower-cased; `undefined` elsewhere (lookup pages name a
 * nickname, not a code: their code is on the page, `extract-meeting.ts`).
 *
 * @example meetCodeFromUrl(new URL('https://meet.google.com/ABC-defg-hij?authuser=1')) // 'abc-defg-hij'
 */
export function meetCodeFromUrl(url: URL): string | undefined {
  return isMeetHost(url) ? meetCodeOf(url) : undefined;
}

/** The conference a meeting page's URL names, as the join feature reads it (`features/join-package.tsx`). */
export function meetConferenceFromUrl(url: URL): { provider: 'meet'; id: string } | undefined {
  const code = meetCodeFromUrl(url);
  return code ? { provider: 'meet', id: code } : undefined;
}

/** The page key: `meet:<code>` for a meeting, else origin and path (query and hash are not the meeting). */
export function meetPageKey(url: URL): string {
  const code = meetCodeFromUrl(url);
  return code ? `meet:${code}` : `${url.origin}${url.pathname.toLowerCase().replace(/\/+$/, '')}`;
}

/** Meeting pages: `isMeetingPage` and `isServedPage` accept these. */
export const MEETING_URL_EXAMPLES: readonly string[] = [
  'https://meet.google.com/abc-defg-hij',
  'https://meet.google.com/abc-defg-hij/',
  'https://meet.google.com/ABC-DEFG-HIJ?authuser=1',
  'https://meet.google.com/abc-defg-hij?hs=122&authuser=0',
  'https://meet.google.com/abc-defg-hij?pli=1#',
];

/** Nickname lookups: `isLookupPage` and `isServedPage` accept these. */
export const LOOKUP_URL_EXAMPLES: readonly string[] = [
  'https://meet.google.com/lookup/weekly-sync',
  'https://meet.google.com/lookup/acmekickoff?authuser=0',
];

/** Meet pages that are no meeting: `isLandingPage` accepts these, the others refuse them. */
export const LANDING_URL_EXAMPLES: readonly string[] = [
  'https://meet.google.com/',
  'https://meet.google.com/landing',
  'https://meet.google.com/new',
  'https://meet.google.com/abc-defg-hijk',
  'https://meet.google.com/abc-defg-hij/extra',
];

/** Not Meet at all: every predicate refuses these. */
export const NOT_MEET_URL_EXAMPLES: readonly string[] = [
  'http://meet.google.com/abc-defg-hij',
  'https://meet.google.com.evil.example/abc-defg-hij',
  'https://calendar.google.com/calendar/u/0/r',
  'https://zoom.us/j/81234567890',
];
