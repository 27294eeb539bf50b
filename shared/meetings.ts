/**
 * Meetings (issue 13): what the extension tells the server about a calendar event it saw
 * (`POST /v1/meetings`: event id, start, conference, attendee addresses, nothing else), how a
 * join page finds it by conference id (`GET /v1/meetings?provider=&conferenceId=`), and what
 * changed at an account since the last logged meeting with it
 * (`GET /v1/accounts/:accountId/since-last-meeting`); and who on the team knows each guest best
 * (`GET /v1/contacts/known-best?ids=`); and a join page's whole package in one answer
 * (`GET /v1/meetings?provider=&conferenceId=&include=package`).
 */
import { z } from 'zod';
import { Brief } from './brief.ts';
import { MAX_PACKAGE_GUESTS } from './meeting-keys.ts';

// The keys and the own-side rule, without zod (the join page's bundle imports them): shared/meeting-keys.ts.
export { conferenceKey, gcalMeetingKey, isOwnSide, MAX_PACKAGE_GUESTS, meetingStart, ownSideOfAddress, type OwnSide } from './meeting-keys.ts';

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

/** How many of one kind of touch ("3 emails"). */
export const TouchCount = z.strictObject({ type: z.string(), count: z.number().int().min(1) });
export type TouchCount = z.infer<typeof TouchCount>;

/**
 * Who on the team knows a guest best (server/meetings/known-best.ts says the rule): the teammate,
 * how many touches they had with the person in the last year (`recentTouches`: in the last 90
 * days), of which kinds, and their last one. `teammate: null` when nobody on the team has one.
 */
export const KnownBest = z.strictObject({
  contactId: z.string(),
  teammate: z.strictObject({ id: z.string(), name: z.string(), you: z.boolean() }).nullable(),
  touches: z.number().int().min(0),
  recentTouches: z.number().int().min(0),
  byType: z.array(TouchCount),
  last: z.strictObject({ type: z.string(), at: z.string() }).nullable(),
});
export type KnownBest = z.infer<typeof KnownBest>;

/** At most this many contacts per `GET /v1/contacts/known-best` (the package's external guests: 40). */
export const MAX_KNOWN_BEST = 40;

/** `GET /v1/contacts/known-best?ids=`: one answer per id asked, in the order asked. */
export const KnownBestAnswer = z.strictObject({ contacts: z.array(KnownBest).max(MAX_KNOWN_BEST) });
export type KnownBestAnswer = z.infer<typeof KnownBestAnswer>;

/**
 * A join page's package, in one answer (`GET /v1/meetings?provider=&conferenceId=&include=package`):
 * the team's meeting on the conference and, for it, what the extension would otherwise ask in
 * three requests in a row (the briefs, then what changed, then who knows whom). `package` is null
 * when there is no meeting.
 */
export const MeetingPackage = z.strictObject({
  /** The meeting's external guests briefed, in the meeting's order: not the caller nor at the caller's mail domain (`isOwnSide`), at most MAX_PACKAGE_GUESTS. */
  guests: z.array(z.string()).max(MAX_PACKAGE_GUESTS),
  /** The event's brief (its account, from the external guests), then each guest's, in that order; null where the CRM knows nothing. */
  briefs: z.array(Brief.nullable()),
  /** What changed at the event's account since the last meeting logged before this one; null without an account. */
  since: SinceLastMeeting.nullable(),
  /** Who on the team knows each guest the CRM knows best, in the guests' order. */
  knownBest: z.array(KnownBest).max(MAX_KNOWN_BEST),
});
export type MeetingPackage = z.infer<typeof MeetingPackage>;

export const MeetingPackageAnswer = z.strictObject({ meeting: Meeting.nullable(), package: MeetingPackage.nullable() });
export type MeetingPackageAnswer = z.infer<typeof MeetingPackageAnswer>;

/** With no meeting logged, "what changed" covers this many days. */
export const SINCE_DEFAULT_DAYS = 30;
/** At most this many changes are listed. */
export const MAX_CHANGES = 20;
