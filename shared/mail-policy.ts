/**
 * The team's mail policy (issue 12), set by an admin (`PUT /v1/admin/settings/mail`) and read by
 * every rep's extension (`GET /v1/mail-policy`): the never-log list and whether emails may be
 * logged with their bodies. Also the ledger's look-up by natural keys (`POST /v1/activities/lookup`),
 * which tells a rep "already logged by Ana on 12 Nov".
 */
import { z } from 'zod';
import { ActivityType, NaturalKey } from './activity.ts';

/** An address (`ana@family.example`) or a domain (`family.example`, `@family.example`), matched with its subdomains. */
export const NeverLogEntry = z
  .string()
  .trim()
  .toLowerCase()
  .min(3)
  .max(320)
  .regex(/^(?:[^\s@]+@|@)?[a-z0-9.-]+\.[a-z0-9-]{2,}$/u, 'an address or a domain');

export const MailSetting = z.strictObject({
  neverLog: z.array(NeverLogEntry).max(1_000),
  /** false: no email is logged with its body, whatever the rep ticks. */
  bodies: z.boolean(),
});
export type MailSetting = z.infer<typeof MailSetting>;

/** `GET /v1/mail-policy`: the setting as every member of the team reads it. */
export type MailPolicy = MailSetting;

/** The most natural keys one look-up may name (a long thread's messages). */
export const MAX_LOOKUP_KEYS = 100;

export const ActivityLookupRequest = z.strictObject({ naturalKeys: z.array(NaturalKey).min(1).max(MAX_LOOKUP_KEYS) });
export type ActivityLookupRequest = z.infer<typeof ActivityLookupRequest>;

/** One activity the ledger holds under a key asked for; keys it does not hold are left out. */
export const LoggedActivity = z.strictObject({
  naturalKey: z.string(),
  activityId: z.string(),
  type: ActivityType,
  occurredAt: z.string(),
  recordedAt: z.string(),
  /** Who logged it; null when that user was removed. */
  loggedBy: z.strictObject({ id: z.string(), name: z.string() }).nullable(),
});
export type LoggedActivity = z.infer<typeof LoggedActivity>;

export const ActivityLookupAnswer = z.strictObject({ logged: z.array(LoggedActivity) });
export type ActivityLookupAnswer = z.infer<typeof ActivityLookupAnswer>;

export { onNeverLogList } from './never-log.ts';
