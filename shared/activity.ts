/**
 * Activities a rep logs, and the ledger's per-item answer.
 * The client generates `id` (a UUID) before the local commit; the natural key (Gmail message id,
 * calendar event id + start, LinkedIn conversation + time) catches the same touch logged twice
 * by different clients. The server keeps both unique forever.
 */
import { z } from 'zod';

export const ActivityType = z.enum([
  'email',
  'call',
  'meeting',
  'linkedin_message',
  'linkedin_connection',
  'linkedin_inmail',
  'linkedin_note',
  'note',
]);
export type ActivityType = z.infer<typeof ActivityType>;

export const Surface = z.enum(['linkedin', 'gmail', 'calendar', 'meet', 'zoom', 'sidepanel', 'import', 'api']);
export type Surface = z.infer<typeof Surface>;

export const NaturalKey = z.string().trim().min(1).max(512);

/** The most other people one activity may name (a thread's or a meeting's CRM people; the briefs request's 50). */
export const MAX_ACTIVITY_PARTICIPANTS = 50;

export const ActivityInput = z.strictObject({
  id: z.uuid(),
  naturalKey: NaturalKey.optional(),
  type: ActivityType,
  subject: z.string().trim().max(500).optional(),
  body: z.string().max(20_000).optional(),
  occurredAt: z.iso.datetime({ offset: true }),
  /** The person the touch is about: its history, its CRM association. */
  contactId: z.string().max(64).optional(),
  /**
   * The other CRM people the touch was with (everyone on the email the CRM knows, every known guest
   * of the meeting), so each one's last touch, history and "emailed by Ana" count it. The server
   * drops repeats and `contactId` itself, so a client may send every known person without choosing.
   * Not part of the payload the ledger compares: a teammate's copy of the same email that names
   * other people is the same activity (`duplicate`), and the people it adds are merged into it.
   */
  participantContactIds: z.array(z.string().max(64)).max(MAX_ACTIVITY_PARTICIPANTS).optional(),
  accountId: z.string().max(64).optional(),
  dealId: z.string().max(64).optional(),
  surface: Surface,
});
export type ActivityInput = z.infer<typeof ActivityInput>;

export const Activity = z.strictObject({
  id: z.string(),
  naturalKey: z.string().nullable(),
  type: ActivityType,
  subject: z.string().nullable(),
  body: z.string().nullable(),
  occurredAt: z.string(),
  contactId: z.string().nullable(),
  accountId: z.string().nullable(),
  dealId: z.string().nullable(),
  surface: Surface,
  userId: z.string().nullable(),
  recordedAt: z.string(),
});
export type Activity = z.infer<typeof Activity>;

/**
 * One result per submitted item, in order. `created` and `duplicate` are both success
 * (the client may drop the item from its outbox); `conflict` and `invalid` need attention.
 */
export const ActivityResult = z.discriminatedUnion('status', [
  z.strictObject({ status: z.literal('created'), id: z.string(), activity: Activity }),
  z.strictObject({ status: z.literal('duplicate'), id: z.string(), activity: Activity }),
  z.strictObject({ status: z.literal('conflict'), id: z.string(), problem: z.looseObject({ type: z.string(), title: z.string() }) }),
  z.strictObject({ status: z.literal('invalid'), id: z.string().nullable(), problem: z.looseObject({ type: z.string(), title: z.string() }) }),
]);
export type ActivityResult = z.infer<typeof ActivityResult>;

/** Activities per `POST /v1/activities`: the server's limit and the extension's outbox batch. */
export const MAX_ACTIVITIES_PER_BATCH = 100;

/** `POST /v1/activities`. The server checks only this envelope at first, then each item on its own (one bad item blocks nothing). */
export const ActivitiesRequest = z.strictObject({ activities: z.array(ActivityInput).min(1).max(MAX_ACTIVITIES_PER_BATCH) });
export type ActivitiesRequest = z.infer<typeof ActivitiesRequest>;

/** `POST /v1/activities` answers one result per item, in the order sent. */
export const ActivitiesAnswer = z.strictObject({ results: z.array(ActivityResult) });
export type ActivitiesAnswer = z.infer<typeof ActivitiesAnswer>;
