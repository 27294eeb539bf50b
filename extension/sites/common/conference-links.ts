/**
 * Conference links as they appear in a Calendar event (conference area, location, description)
 * and in Gmail bodies: Google Meet, Zoom, Microsoft Teams, Webex and GoTo Meeting, each reduced to
 * its provider and meeting id, the key a join page and a calendar event are matched by.
 *
 * Rules (host-pages.md §3 "Conferencing links", §4; Dec 2026):
 * - `https:` only, and the provider's own hosts by exact name or dot-suffix, so
 *   `zoom.us.evil.example`, `evilzoom.us` and `https://meet.google.com@evil.example/…` are refused.
 * - Google's and Outlook's click-tracking redirects (`https://www.google.com/url?q=…`,
 *   `*.safelinks.protection.outlook.com/?url=…`) are unwrapped first.
 * - Secrets never survive: Zoom's `pwd`, Teams' `p` passcode and every other query parameter are
 *   dropped; the canonical URL is rebuilt from the meeting id alone.
 * Pure string work; no DOM.
 */

export type ConferenceProvider = 'meet' | 'zoom' | 'teams' | 'webex' | 'gotomeeting';

/** A recognised conference link, without its secrets. */
export interface ConferenceLink {
  provider: ConferenceProvider;
  /**
   * The provider's id of the meeting: Meet `abc-defg-hij`; Zoom digits (`81234567890`) or a
   * personal room `my/<name>`; Teams the thread id (`19:meeting_…@thread.v2`) or the numeric
   * meet id; Webex `<site>/<kind>/<name>` or the `MTID`; GoTo digits.
   */
  meetingId: string;
  /** The link rebuilt from the host and id: no password, no tracking, no query unless it is the id. */
  url: string;
}

const MEET_CODE = /^[a-z]{3}-[a-z]{4}-[a-z]{3}$/;
/** Zoom meeting ids are 9 to 11 digits (host-pages.md §4b); dashes and spaces are display only. */
const ZOOM_ID = /^\d{9,11}$/;

/** A host that is `domain` itself or one of its subdomains. */
function isHostOf(host: string, domain: string): boolean {
  return host === domain || host.endsWith(`.${domain}`);
}

/** Zoom's hosts: `zoom.us` with any subdomain (`us02web.`, `app.`, `acme.`), and Zoom for Government. */
export function isZoomHostname(host: string): boolean {
  const h = host.toLowerCase();
  return isHostOf(h, 'zoom.us') || isHostOf(h, 'zoomgov.com');
}

/** The URL `input` names, `https:` only; `undefined` for anything else. */
function httpsUrl(input: string | URL): URL | undefined {
  let url: URL;
  try {
    url = typeof input === 'string' ? new URL(input.trim()) : new URL(input.href);
  } catch {
    return undefined;
  }
  // A user name in the authority (`https://zoom.us@evil.example/`) exists only to mislead.
  if (url.protocol !== 'https:' || url.username || url.password) return undefined;
  return url;
}

/**
 * The target of a click-tracking redirect, or the URL itself. Unwraps at most twice (Outlook
 * wrapping Google), so a loop of redirects cannot hang the reader.
 *
 * @example unwrapRedirect(new URL('https://www.google.com/url?q=https://zoom.us/j/123456789&sa=D')).href // 'https://zoom.us/j/123456789'
 */
export function unwrapRedirect(url: URL): URL {
  let current = url;
  for (let depth = 0; depth < 2; depth++) {
    const host = current.hostname.toLowerCase();
    let target: string | null = null;
    if ((host === 'www.google.com' || host === 'google.com') && current.pathname === '/url') {
      target = current.searchParams.get('q') ?? current.searchParams.get('url');
    } else if (host.endsWith('.safelinks.protection.outlook.com')) {
      target = current.searchParams.get('url');
    }
    const next = target ? httpsUrl(target) : undefined;
    if (!next) break;
    current = next;
  }
  return current;
}

/** A path segment, percent-decoded; `undefined` when the escape is malformed. */
function decoded(segment: string | undefined): string | undefined {
  if (segment === undefined) return undefined;
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

/** Zoom id from a path segment: digits once spaces and dashes are gone (`812-3456-7890`). */
export function zoomIdFrom(segment: string | undefined): string | undefined {
  const digits = decoded(segment)?.replace(/[\s-]/g, '');
  return digits && ZOOM_ID.test(digits) ? digits : undefined;
}

/** Personal room names: letters, digits, dots, dashes, underscores (`/my/jane.doe`). */
export function zoomRoomFrom(segment: string | undefined): string | undefined {
  const name = decoded(segment)?.trim().toLowerCase();
  return name && /^[a-z0-9._-]{1,64}$/.test(name) ? name : undefined;
}

/** The Zoom meeting a URL on a Zoom host names (the forms of host-pages.md §4b), or undefined. */
export function zoomMeetingOf(url: URL): { meetingId: string; room?: string } | undefined {
  if (!isZoomHostname(url.hostname)) return undefined;
  const parts = url.pathname.split('/').filter(Boolean);
  const [first, second, third] = parts;
  // `/j/<id>` join, `/w/<id>` webinar, `/s/<id>` host start: one id, nothing after it.
  if ((first === 'j' || first === 'w' || first === 's') && parts.length === 2) {
    const id = zoomIdFrom(second);
    return id ? { meetingId: id } : undefined;
  }
  if (first === 'wc') {
    // Web client: `/wc/<id>/join` (app.zoom.us, current) and `/wc/join/<id>` (older).
    if (second === 'join' && parts.length === 3) {
      const id = zoomIdFrom(third);
      return id ? { meetingId: id } : undefined;
    }
    if ((third === 'join' || third === 'start') && parts.length === 3) {
      const id = zoomIdFrom(second);
      return id ? { meetingId: id } : undefined;
    }
    return undefined;
  }
  if (first === 'my' && parts.length === 2) {
    const room = zoomRoomFrom(second);
    return room ? { meetingId: `my/${room}`, room } : undefined;
  }
  return undefined;
}

/** The Meet code of `/abc-defg-hij` on meet.google.com, lower-cased, or undefined. */
export function meetCodeOf(url: URL): string | undefined {
  if (url.hostname.toLowerCase() !== 'meet.google.com') return undefined;
  const match = /^\/([A-Za-z]{3}-[A-Za-z]{4}-[A-Za-z]{3})\/?$/.exec(url.pathname);
  const code = match?.[1]?.toLowerCase();
  return code && MEET_CODE.test(code) ? code : undefined;
}

function teamsLink(url: URL): ConferenceLink | undefined {
  const host = url.hostname.toLowerCase();
  if (host !== 'teams.microsoft.com' && host !== 'teams.live.com') return undefined;
  const parts = url.pathname.split('/').filter(Boolean);
  // `/l/meetup-join/<thread id>/<message id>?context=…`: the thread id names the meeting.
  if (parts[0] === 'l' && parts[1] === 'meetup-join' && parts[2]) {
    const thread = decoded(parts[2]);
    if (!thread || !/^19:meeting_[^/\s]+@thread\.(?:v2|skype)$/.test(thread)) return undefined;
    return { provider: 'teams', meetingId: thread, url: `https://${host}/l/meetup-join/${encodeURIComponent(thread)}/0` };
  }
  // `/meet/<numeric id>?p=<passcode>` (teams.microsoft.com, 2024-) and teams.live.com: drop the passcode.
  if (parts[0] === 'meet' && parts.length === 2) {
    const id = decoded(parts[1])?.replace(/\s/g, '');
    if (!id || !/^[A-Za-z0-9]{6,40}$/.test(id)) return undefined;
    return { provider: 'teams', meetingId: id, url: `https://${host}/meet/${id}` };
  }
  return undefined;
}

function webexLink(url: URL): ConferenceLink | undefined {
  const host = url.hostname.toLowerCase();
  if (!host.endsWith('.webex.com')) return undefined;
  const parts = url.pathname.split('/').filter(Boolean);
  const site = host.slice(0, -'.webex.com'.length);
  // `/<site>/j.php?MTID=m…`: the meeting token is the id.
  if (parts.length === 2 && parts[1]?.toLowerCase() === 'j.php') {
    const mtid = url.searchParams.get('MTID');
    if (!mtid || !/^[A-Za-z0-9]{8,64}$/.test(mtid)) return undefined;
    return { provider: 'webex', meetingId: mtid, url: `https://${host}/${parts[0]}/j.php?MTID=${mtid}` };
  }
  const kind = parts[0]?.toLowerCase();
  if ((kind === 'meet' || kind === 'join') && parts.length === 2) {
    const name = decoded(parts[1])?.toLowerCase();
    if (!name || !/^[a-z0-9._-]{1,64}$/.test(name)) return undefined;
    return { provider: 'webex', meetingId: `${site}/${kind}/${name}`, url: `https://${host}/${kind}/${name}` };
  }
  if (kind === 'wbxmjs') {
    const hash = parts.at(-1);
    if (!hash || !/^[A-Za-z0-9]{16,64}$/.test(hash)) return undefined;
    return { provider: 'webex', meetingId: hash, url: `https://${host}${url.pathname}` };
  }
  return undefined;
}

function gotoLink(url: URL): ConferenceLink | undefined {
  const host = url.hostname.toLowerCase();
  const parts = url.pathname.split('/').filter(Boolean);
  let id: string | undefined;
  if (isHostOf(host, 'gotomeeting.com') && parts[0] === 'join' && parts.length === 2) id = parts[1];
  else if (host === 'meet.goto.com' && parts.length === 1) id = parts[0];
  if (!id || !/^\d{9,10}$/.test(id)) return undefined;
  return { provider: 'gotomeeting', meetingId: id, url: `https://${host}/${host === 'meet.goto.com' ? '' : 'join/'}${id}` };
}

/**
 * The conference a link joins, or null when it is not one (another site, `http:`, a lookalike
 * host, a Zoom page that names no meeting). Redirect wrappers are unwrapped first.
 *
 * @example parseConferenceLink('https://acme.zoom.us/j/81234567890?pwd=s3cr3t')
 * // { provider: 'zoom', meetingId: '81234567890', url: 'https://acme.zoom.us/j/81234567890' }
 */
export function parseConferenceLink(input: string | URL): ConferenceLink | null {
  const outer = httpsUrl(input);
  if (!outer) return null;
  const url = unwrapRedirect(outer);
  const host = url.hostname.toLowerCase();
  const code = meetCodeOf(url);
  if (code) return { provider: 'meet', meetingId: code, url: `https://meet.google.com/${code}` };
  const zoom = zoomMeetingOf(url);
  if (zoom) {
    const path = zoom.room ? `my/${zoom.room}` : `j/${zoom.meetingId}`;
    return { provider: 'zoom', meetingId: zoom.meetingId, url: `https://${host}/${path}` };
  }
  return teamsLink(url) ?? webexLink(url) ?? gotoLink(url) ?? null;
}

// Candidate links in free text: up to the first space, quote or bracket. Trailing sentence
// punctuation ("Join: https://zoom.us/j/123456789.") is trimmed after.
const URL_IN_TEXT = /https?:\/\/[^\s<>"'()[\]{}]+/gi;

/**
 * Every conference link in `texts` (free text and hrefs), once each by provider and id, in order.
 *
 * @example findConferenceLinks(['Join: https://meet.google.com/abc-defg-hij.']) // [{ provider: 'meet', meetingId: 'abc-defg-hij', … }]
 */
export function findConferenceLinks(texts: Iterable<string | null | undefined>): ConferenceLink[] {
  const found = new Map<string, ConferenceLink>();
  for (const text of texts) {
    if (!text) continue;
    for (const match of text.matchAll(URL_IN_TEXT)) {
      const link = parseConferenceLink(match[0].replace(/[.,;:!?]+$/, ''));
      if (link && !found.has(`${link.provider}:${link.meetingId}`)) found.set(`${link.provider}:${link.meetingId}`, link);
    }
  }
  return [...found.values()];
}
