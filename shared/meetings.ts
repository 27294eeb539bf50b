/**
 * Meetings (issue 13): what the extension tells the server about a calendar event it saw
 * (`POST /v1/meetings`: event id, start, conference, attendee addresses, nothing else), how a
 * join page finds it by conference id (`GET /v1/meetings?provider=&conferenceId=`), and what
 * changed at an account since the last logged meeting with it
 * (`GET /v1/accounts/:accountId/since-last-meeting`).
 */
import { z } from 'zod';

export const ConferenceProviderName = z.enum(['meet', 'zoom', 'teams', 'webex', 'gotomeeting']);
export type ConferenceProviderName = z.infer<typeof ConferenceProviderName>;

/** A conference by its provider and the provider's meeting id (Meet `abc-defg-hij`, Zoom digits or `my/<name>`). */
export const ConferenceId = z.strictObject({
  provider: ConferenceProviderName,
  id: z.string().trim().min(1).max(200),
});
export type ConferenceId = z.infer<typeof ConferenceId>;

export const MAX_MEETING_ATTENDEES = 200;

/** `POST /v1/meetings`: one instance of a calendar event (a recurring event's instance has its own start). */
export const MeetingInput = z.strictObject({
  eventId: z.string().trim().min(1).max(1024),
  start: z.iso.datetime({ offset: true }),
  conference: ConferenceId,
  attendees: z.array(z.string().trim().min(3).max(320)).max(MAX_MEETING_ATTENDEES),
});
export type MeetingInput = z.infer<typeof MeetingInput>;

/** A meeting as the server keeps it: start in UTC to the second, addresses normalised. */
export const Meeting = z.strictObject({
  eventId: z.string(),
  start: z.string(),
  conference: ConferenceId,
  attendees: z.array(z.string()),
});
export type Meeting = z.infer<typeof Meeting>;

/** `POST /v1/meetings` answers the meeting as stored: 201 when new, 200 when it was known. */
export const MeetingAnswer = z.strictObject({ created: z.boolean(), meeting: Meeting });
export type MeetingAnswer = z.infer<typeof MeetingAnswer>;

/** `GET /v1/meetings?provider=&conferenceId=`: the team's meeting on that conference nearest to now, or null. */
export const MeetingLookup = z.strictObject({ meeting: Meeting.nullable() });
export type MeetingLookup = z.infer<typeof MeetingLookup>;

/** The kinds of change "since we last met" lists, in the rep's words in `reason`. */
export const ChangeKind = z.enum(['signal', 'stage', 'deal', 'stakeholder', 'intent', 'job']);
export type ChangeKind = z.infer<typeof ChangeKind>;

export const AccountChange = z.strictObject({
  kind: ChangeKind,
  /** When it happened (or, for a signal, when we learned of it), ISO. */
  at: z.string(),
  reason: z.string().min(1),
});
export type AccountChange = z.infer<typeof AccountChange>;

/** What changed at an account since the last logged meeting with it, newest first, and what to ask. */
export const SinceLastMeeting = z.strictObject({
  accountId: z.string(),
  /** The last meeting logged with the account before `before`; null when none is logged. */
  lastMeeting: z.strictObject({ at: z.string(), by: z.string().nullable(), subject: z.string().nullable() }).nullable(),
  /** The changes are those after this instant: the last meeting, else SINCE_DEFAULT_DAYS before `before`. */
  since: z.string(),
  changes: z.array(AccountChange),
  /** Two or three questions or agenda points from the changes and the open deals' risks. */
  questions: z.array(z.string().min(1)).max(3),
});
export type SinceLastMeeting = z.infer<typeof SinceLastMeeting>;

/** With no meeting logged, "what changed" covers this many days. */
export const SINCE_DEFAULT_DAYS = 30;
/** At most this many changes are listed. */
export const MAX_CHANGES = 20;

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
export function conferenceKey(provider: ConferenceProviderName, id: string): string {
  const trimmed = id.trim();
  return provider === 'meet' || provider === 'zoom' ? trimmed.toLowerCase() : trimmed;
}
