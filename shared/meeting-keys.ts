/**
 * Meetings' keys and the own-side rule (issue 13), with no schema: what the join page's panel
 * bundle needs at run time without building zod's schemas at its load (shared/meetings.ts holds
 * the wire shapes and re-exports these).
 */
/** At most this many external guests are briefed in a package (the extension's cards, and the server's package). */
export const MAX_PACKAGE_GUESTS = 40;

/** The rep's side of an invite: their own address and their mail domain. */
export interface OwnSide {
  address: string | null;
  domain: string | null;
}

const domainOf = (address: string) => address.slice(address.lastIndexOf('@') + 1).toLowerCase();

/** The side of the rep whose address this is (no one's for null). */
export function ownSideOfAddress(address: string | null): OwnSide {
  return { address, domain: address ? domainOf(address) : null };
}

/**
 * Whether a guest is the rep or a teammate (at the rep's mail domain or below it): the one rule
 * for the package's guests, in the extension and in the server's package.
 *
 * @example isOwnSide('ana@eu.acme.com', ownSideOfAddress('rep@acme.com')) // true
 */
export function isOwnSide(address: string, side: OwnSide): boolean {
  const a = address.toLowerCase();
  if (side.address && a === side.address.toLowerCase()) return true;
  const host = domainOf(a);
  return !!side.domain && (host === side.domain || host.endsWith(`.${side.domain}`));
}

/**
 * A meeting's start as the server keys it: UTC to the second, so one instance seen from two time
 * zones is one meeting (the same form as the ledger's `gcal:<event id>:<start>` key).
 *
 * @example meetingStart('2026-12-08T10:00:00-05:00') // '2026-12-08T15:00:00Z'
 */
export function meetingStart(start: string): string {
  const time = Date.parse(start);
  if (Number.isNaN(time)) throw new RangeError(`not a start time: ${start}`);
  return new Date(time).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** A conference id as keyed: Meet codes and Zoom rooms in lower case (the hosts ignore case), digits as they are. */
export function conferenceKey(provider: string, id: string): string {
  const trimmed = id.trim();
  return provider === 'meet' || provider === 'zoom' ? trimmed.toLowerCase() : trimmed;
}

/**
 * A calendar meeting's key: its natural key in the ledger, its reminder's and the side panel's
 * (`gcal:<event id>:<start>`; each instance of a recurring event has its own start).
 *
 * @example gcalMeetingKey('4q8k2m9v0c1s', '2026-12-08T10:00:00-05:00') // 'gcal:4q8k2m9v0c1s:2026-12-08T15:00:00Z'
 */
export function gcalMeetingKey(eventId: string, start: string): string {
  return `gcal:${eventId}:${meetingStart(start)}`;
}
