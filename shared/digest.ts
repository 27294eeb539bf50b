/**
 * The rep's daily digest (`GET /v1/digest`): what changed on their accounts since the last digest,
 * ranked by the priority hierarchy, bounded so it reads in under five minutes, each line with its
 * reason and action, ending in two or three tasks for today. Lines marked `alert` are the day's
 * interruptions, within the rep's alert budget; the extension raises a notification for each.
 * Signals under the alert thresholds are not here: they wait in the review queue.
 *
 * @example
 * const digest = Digest.parse(await res.json());
 * digest.tasks.map((t) => t.text) // ['Call the champion today; … (Acme)', …]
 */
import { z } from 'zod';
import { Play, PriorityClass } from './brief.ts';
import { ReviewAccount } from './review.ts';

export const SignalState = z.enum(['new', 'seen', 'acted', 'dismissed']);
export type SignalState = z.infer<typeof SignalState>;

export const DigestLine = z.strictObject({
  /** Stable across digests and briefs: what a state change names. */
  key: z.string(),
  kind: z.string(),
  priority: PriorityClass,
  account: ReviewAccount,
  contactId: z.string().nullable(),
  reason: z.string().min(1),
  action: Play,
  occurredAt: z.string(),
  /** One of the day's interruptions (within the alert budget). */
  alert: z.boolean(),
  state: SignalState,
});
export type DigestLine = z.infer<typeof DigestLine>;

export const DigestTask = z.strictObject({
  text: z.string().min(1),
  reason: z.string().min(1),
  action: Play,
  account: ReviewAccount,
  /** The line it comes from, when it comes from a signal. */
  signalKey: z.string().nullable(),
});
export type DigestTask = z.infer<typeof DigestTask>;

export const Digest = z.strictObject({
  /** The UTC day it is for. */
  day: z.string(),
  /** It covers what happened after this instant (the previous digest, or a day back for the first). */
  since: z.string(),
  lines: z.array(DigestLine),
  /** Lines left out by the bound (the most urgent are kept). */
  omitted: z.number().int().min(0),
  tasks: z.array(DigestTask).max(3),
  /** The rep's alert budget and how much of it the digest's alerts use. */
  alertBudget: z.number().int().min(0),
  alerts: z.number().int().min(0),
  /** Estimated reading time at 200 words a minute. */
  readingMinutes: z.number().int().min(0),
  generatedAt: z.string(),
});
export type Digest = z.infer<typeof Digest>;

export const SignalStateUpdate = z.strictObject({
  key: z.string().trim().min(1).max(300),
  state: SignalState.exclude(['new']),
});
export type SignalStateUpdate = z.infer<typeof SignalStateUpdate>;

/** `POST /v1/signals/state` → 200: the state now stored for the caller. */
export const SignalStateAnswer = z.strictObject({ key: z.string(), state: SignalStateUpdate.shape.state, changedAt: z.string() });
export type SignalStateAnswer = z.infer<typeof SignalStateAnswer>;
