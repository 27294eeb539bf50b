/**
 * Which Google Calendar pages the extension serves, from the URL alone. The event details dialog
 * opens over the grid views (day, week, month, schedule…) without changing the URL, so the grid
 * views are served and the dialog is an element-scoped feature; the full event page is
 * `/r/eventedit/<eid>` (an existing event) or `/r/eventedit` (a new one), with or without `/u/<n>`.
 * `eid` is unpadded base64 of `"<event id> <calendar id>"` (host-pages.md §3, Dec 2026).
 */

const APP_PATH = /^\/calendar(?:\/u\/\d+)?\/r(?:\/(.*))?$/;
const GRID_VIEWS = new Set(['day', 'week', 'month', 'year', 'agenda', 'schedule', 'customday', 'customweek', 'custom']);

/** calendar.google.com over https, by exact name. */
export function isCalendarHost(url: URL): boolean {
  return url.protocol === 'https:' && url.hostname.toLowerCase() === 'calendar.google.com';
}

/** The app's sub-path after `/r`, without trailing slashes: `week/2026/12/7`, `eventedit/<eid>`, ``. */
function appPath(url: URL): string | undefined {
  if (!isCalendarHost(url)) return undefined;
  const match = APP_PATH.exec(url.pathname.replace(/\/+$/, ''));
  return match ? (match[1] ?? '') : undefined;
}

/** A grid view, where the event details dialog opens: `/r`, `/r/week`, `/r/month/2026/12/1`, … */
export function isGridView(url: URL): boolean {
  const path = appPath(url);
  if (path === undefined) return false;
  if (path === '') return true;
  const [view, ...date] = path.split('/');
  return GRID_VIEWS.has(view ?? '') && date.every((part) => /^\d{1,4}$/.test(part)) && date.length <= 3;
}

/** The full page of an existing event: `/r/eventedit/<eid>`. */
export function isEventEdit(url: URL): boolean {
  return eidFromUrl(url) !== undefined;
}

/** The full page of a new event: `/r/eventedit` with no eid. */
export function isNewEvent(url: URL): boolean {
  return appPath(url) === 'eventedit';
}

/** Every Calendar page the features run on. */
export function isServedPage(url: URL): boolean {
  return isGridView(url) || isEventEdit(url) || isNewEvent(url);
}

/**
 * The `eid` of an event page (`/r/eventedit/<eid>`, also `?eid=` on the old `/calendar/event`
 * links), exactly as the URL carries it; `undefined` elsewhere.
 */
export function eidFromUrl(url: URL): string | undefined {
  if (!isCalendarHost(url)) return undefined;
  const path = appPath(url);
  const fromPath = path?.startsWith('eventedit/') ? path.slice('eventedit/'.length) : undefined;
  const fromQuery = /^\/calendar(?:\/u\/\d+)?\/event\/?$/.test(url.pathname) ? (url.searchParams.get('eid') ?? undefined) : undefined;
  const eid = fromPath ?? fromQuery;
  return eid && /^[A-Za-z0-9_-]{8,2048}\.{0,2}$/.test(eid) ? eid : undefined;
}

/** The page key: the app path (the dialog does not change it; another event's page does). */
export function calendarPageKey(url: URL): string {
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

/** Grid views: `isGridView` and `isServedPage` accept these. */
export const GRID_URL_EXAMPLES: readonly string[] = [
  'https://calendar.google.com/calendar/u/0/r',
  'https://calendar.google.com/calendar/r',
  'https://calendar.google.com/calendar/u/0/r/week',
  'https://calendar.google.com/calendar/u/1/r/week/2026/12/7',
  'https://calendar.google.com/calendar/u/0/r/month/2026/12/1',
  'https://calendar.google.com/calendar/u/0/r/day?pli=1',
  'https://calendar.google.com/calendar/u/0/r/customweek/2026/12/7',
  'https://calendar.google.com/calendar/u/0/r/agenda',
];

/** Existing events' pages: `isEventEdit` and `isServedPage` accept these. */
export const EVENT_EDIT_URL_EXAMPLES: readonly string[] = [
  'https://calendar.google.com/calendar/u/0/r/eventedit/NHE4azJtOXYwYzFzNWg3bDNuNnAwcjJ0NHUgY2FzZXkubW9yZ2FuQG5vcnRod2luZC5leGFtcGxl',
  'https://calendar.google.com/calendar/r/eventedit/NHE4azJtOXYwYzFzNWg3bDNuNnAwcjJ0NHUgY2FzZXkubW9yZ2FuQG5vcnRod2luZC5leGFtcGxl?pli=1',
  'https://calendar.google.com/calendar/u/2/r/eventedit/N2dkMGZ0MWlnM2I1azhzMG0ybzRxNnU4djBfMjAyNjEyMDhUMTUwMDAwWiBjYXNleS5tb3JnYW5Abm9ydGh3aW5kLmV4YW1wbGU',
  'https://calendar.google.com/calendar/event?eid=NHE4azJtOXYwYzFzNWg3bDNuNnAwcjJ0NHUgY2FzZXkubW9yZ2FuQG5vcnRod2luZC5leGFtcGxl',
];

/** New events' pages: `isNewEvent` and `isServedPage` accept these (the 2022 captures' URL). */
export const NEW_EVENT_URL_EXAMPLES: readonly string[] = [
  'https://calendar.google.com/calendar/u/0/r/eventedit',
  'https://calendar.google.com/calendar/r/eventedit/',
  'https://calendar.google.com/calendar/u/0/r/eventedit?text=Kickoff&dates=20261208T150000Z/20261208T160000Z',
];

/** Pages no predicate accepts. */
export const NOT_SERVED_URL_EXAMPLES: readonly string[] = [
  'https://calendar.google.com/calendar/u/0/r/settings',
  'https://calendar.google.com/calendar/u/0/r/settings/calendar/abc',
  'https://calendar.google.com/calendar/u/0/r/trash',
  'https://calendar.google.com/calendar/u/0/r/search?q=acme',
  'https://calendar.google.com/',
  'https://calendar.google.com/calendar/u/0/r/eventedit/%%%',
  'https://calendar.google.com.evil.example/calendar/u/0/r/week',
  'http://calendar.google.com/calendar/u/0/r/week',
  'https://mail.google.com/mail/u/0/#inbox',
];
