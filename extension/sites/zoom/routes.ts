/**
 * Which Zoom pages the extension serves, decided from the URL alone (host-pages.md §4b; no
 * capture of any Zoom page exists, so the URL is the contract):
 * - the launch page `zoom.us/j/<id>` on any Zoom host (`us02web.zoom.us`, `acme.zoom.us`), which
 *   appends `#success` once the app opened;
 * - the web client's join page, `app.zoom.us/wc/<id>/join` (current) and `zoom.us/wc/join/<id>` (older);
 * - personal rooms `/my/<name>`, which have no numeric id.
 * The meeting's `pwd` query parameter is a secret: no function here returns it, and the page key
 * leaves the whole query out.
 */
import { isZoomHostname, zoomMeetingOf } from '../common/conference-links.ts';

/** The meeting a Zoom page is for: a numeric id, or a personal room's name. */
export type ZoomMeetingRef = { kind: 'meeting'; meetingId: string } | { kind: 'personal-room'; room: string; meetingId: string };

/** Zoom's hosts over https: `zoom.us` and every subdomain, Zoom for Government; lookalikes refused. */
export function isZoomHost(url: URL): boolean {
  return url.protocol === 'https:' && isZoomHostname(url.hostname);
}

/** The launch page: `/j/<id>` (also `/w/<id>` webinars), where "Launch Meeting" opens the app. */
export function isLaunchPage(url: URL): boolean {
  return isZoomHost(url) && /^\/[jw]\/[^/]+\/?$/.test(url.pathname) && zoomMeetingOf(url) !== undefined;
}

/** The web client's pre-join page: `/wc/<id>/join` or `/wc/join/<id>`. */
export function isWebClientJoin(url: URL): boolean {
  return isZoomHost(url) && /^\/wc\//.test(url.pathname) && zoomMeetingOf(url) !== undefined;
}

/** A personal meeting room: `/my/<name>`. */
export function isPersonalRoom(url: URL): boolean {
  return isZoomHost(url) && /^\/my\//.test(url.pathname) && zoomMeetingOf(url) !== undefined;
}

/** Every Zoom page the join-page features run on. */
export function isServedPage(url: URL): boolean {
  // The three predicates above in one test (the every-page script's 3 kB budget counts each byte).
  return isZoomHost(url) && /^\/(?:[jw]\/[^/]+\/?$|wc\/|my\/)/.test(url.pathname) && zoomMeetingOf(url) !== undefined;
}

/**
 * The meeting a served Zoom page is for; `undefined` on any other page. Never carries `pwd`.
 *
 * @example zoomMeetingFromUrl(new URL('https://acme.zoom.us/j/812-3456-7890?pwd=x')) // { kind: 'meeting', meetingId: '81234567890' }
 */
export function zoomMeetingFromUrl(url: URL): ZoomMeetingRef | undefined {
  if (!isServedPage(url)) return undefined;
  const meeting = zoomMeetingOf(url);
  if (!meeting) return undefined;
  return meeting.room ? { kind: 'personal-room', room: meeting.room, meetingId: meeting.meetingId } : { kind: 'meeting', meetingId: meeting.meetingId };
}

/** The conference a served Zoom page's URL names, as the join feature reads it (`features/join-package.tsx`). */
export function zoomConferenceFromUrl(url: URL): { provider: 'zoom'; id: string } | undefined {
  const meeting = zoomMeetingFromUrl(url);
  return meeting ? { provider: 'zoom', id: meeting.meetingId } : undefined;
}

/**
 * The page key: one per meeting, whatever Zoom host, page form, `#success` or query the URL has
 * (the launch page and the web client of one meeting are one page). No secret in it.
 */
export function zoomPageKey(url: URL): string {
  const meeting = zoomMeetingFromUrl(url);
  return meeting ? `zoom:${meeting.meetingId}` : `${url.origin}${url.pathname}`;
}

/**
 * The natural key of a meeting logged from a Zoom page with no calendar event (issue 13):
 * `zoom:<meeting id>:<YYYY-MM-DD>`, the UTC date the rep was on the page. UTC, not local time,
 * so two teammates in different time zones on the same call key it the same (a call crossing
 * midnight UTC is the one case that splits).
 */
export function zoomMeetingKey(meetingId: string, at: Date): string {
  return `zoom:${meetingId}:${at.toISOString().slice(0, 10)}`;
}

/** Launch pages: `isLaunchPage` and `isServedPage` accept these. */
export const LAUNCH_URL_EXAMPLES: readonly string[] = [
  'https://zoom.us/j/81234567890',
  'https://zoom.us/j/81234567890?pwd=Zm9vYmFyc2VjcmV0',
  'https://us02web.zoom.us/j/81234567890?pwd=Zm9vYmFyc2VjcmV0#success',
  'https://acme.zoom.us/j/8123456789',
  'https://acme.zoom.us/j/812-3456-7890',
  'https://zoom.us/w/912345678?tk=abc',
  'https://acme.zoomgov.com/j/1601234567',
];

/** Web client join pages: `isWebClientJoin` and `isServedPage` accept these. */
export const WEB_CLIENT_URL_EXAMPLES: readonly string[] = [
  'https://app.zoom.us/wc/81234567890/join',
  'https://app.zoom.us/wc/81234567890/join?fromPWA=1&pwd=Zm9vYmFyc2VjcmV0',
  'https://zoom.us/wc/join/81234567890',
  'https://us02web.zoom.us/wc/join/81234567890?pwd=x',
];

/** Personal rooms: `isPersonalRoom` and `isServedPage` accept these. */
export const PERSONAL_ROOM_URL_EXAMPLES: readonly string[] = [
  'https://zoom.us/my/jane.doe',
  'https://acme.zoom.us/my/JaneDoe?pwd=x',
  'https://us06web.zoom.us/my/sales-team',
];

/** Pages no predicate accepts. */
export const NOT_SERVED_URL_EXAMPLES: readonly string[] = [
  'https://zoom.us/',
  'https://zoom.us/signin',
  'https://zoom.us/pricing',
  'https://zoom.us/j/',
  'https://zoom.us/j/1234',
  'https://zoom.us/j/81234567890/extra',
  'https://app.zoom.us/wc/home',
  'https://zoom.us/my/',
  'https://zoom.us.evil.example/j/81234567890',
  'https://evilzoom.us/j/81234567890',
  'http://zoom.us/j/81234567890',
  'https://meet.google.com/abc-defg-hij',
];
