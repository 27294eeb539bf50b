/**
 * The weekly account review queue (`GET /v1/review-queue`): what would otherwise go dark. A rep's
 * queue holds their Tier 1 accounts with no activity in the dormancy window (14 days by default),
 * each as the handbook's sentence, and the signals that did not clear an alert threshold (class 4,
 * "for review"). A manager's queue covers the team and adds the accounts that moved stage this
 * week and the open deals at risk.
 *
 * @example
 * const queue = ReviewQueue.parse(await res.json());
 * for (const item of queue.items) console.log(item.text);
 * // No activity on Acme in the past 14 days. Last touchpoint: 2026-10-30, meeting. Intent status: …
 */
import { z } from 'zod';
import { DealRisk, PersonRef, Play, Stage, Tier, Touch } from './brief.ts';

export const ReviewKind = z.enum([
  /** A Tier 1 account with no activity in the dormancy window. */
  'dormant_account',
  /** A signal under the alert thresholds: worth a look, never an interruption. */
  'review_signal',
  /** A stage or tier the rules would set, held back because a person set the current one. */
  'status_suggestion',
  /** Manager view: an account whose stage changed in the last 7 days. */
  'stage_moved',
  /** Manager view: an open deal with at least one risk. */
  'deal_at_risk',
]);
export type ReviewKind = z.infer<typeof ReviewKind>;

export const ReviewAccount = z.strictObject({
  id: z.string(),
  name: z.string(),
  tier: Tier.nullable(),
  stage: Stage,
  owner: PersonRef.nullable(),
});
export type ReviewAccount = z.infer<typeof ReviewAccount>;

export const ReviewItem = z.strictObject({
  kind: ReviewKind,
  account: ReviewAccount,
  /** The line as a rep reads it, with its dates and numbers. */
  text: z.string().min(1),
  /** Why it is in the queue, in plain words. */
  reason: z.string().min(1),
  lastTouch: Touch.nullable(),
  /** The account's intent in a few words ("surging on Data warehousing (72, up)", "none"). */
  intentStatus: z.string().min(1),
  suggestedAction: Play,
  /** When what it reports happened (the last touch, the signal, the stage move). */
  at: z.string().nullable(),
  deal: z.strictObject({ id: z.string(), name: z.string(), risks: z.array(DealRisk) }).optional(),
});
export type ReviewItem = z.infer<typeof ReviewItem>;

export const ReviewScope = z.enum(['mine', 'team']);
export type ReviewScope = z.infer<typeof ReviewScope>;

export const ReviewQueue = z.strictObject({
  scope: ReviewScope,
  /** The dormancy window the queue was built with (days without activity). */
  dormantDays: z.number().int(),
  items: z.array(ReviewItem),
  /** Items left out by the limit; ask again with a larger one to see them. */
  omitted: z.number().int().min(0),
  generatedAt: z.string(),
});
export type ReviewQueue = z.infer<typeof ReviewQueue>;
