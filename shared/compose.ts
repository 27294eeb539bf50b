/**
 * What a Gmail compose window's card asks the server (issue 12, `POST /v1/compose-context`): for
 * each external recipient of one compose window, who they are in the CRM, the team's last touch
 * with them, a collision warning when a teammate touched their account within the team's window,
 * and two or three talking points from the account's current signals, each with its reason.
 * Only addresses and names are sent: never a subject or a body.
 */
import { z } from 'zod';
import { ActivityType } from './activity.ts';
import { EmailRef } from './refs.ts';

/** The most recipients one compose window asks about (the briefs request's limit). */
export const MAX_COMPOSE_RECIPIENTS = 50;

/** The admin setting `compose` (`PUT /v1/admin/settings/compose`). */
export const ComposeSetting = z.strictObject({
  /** A teammate's touch on the recipient's account this many days back warns the rep (default 3). */
  collisionDays: z.number().int().min(1).max(90),
});
export type ComposeSetting = z.infer<typeof ComposeSetting>;
export const DEFAULT_COMPOSE_SETTING: ComposeSetting = { collisionDays: 3 };

export const ComposeContextRequest = z.strictObject({
  recipients: z.array(EmailRef).min(1).max(MAX_COMPOSE_RECIPIENTS),
});
export type ComposeContextRequest = z.infer<typeof ComposeContextRequest>;

const Person = z.strictObject({ id: z.string(), name: z.string() });

/** A touch by someone on the team: what (the ledger's type), who and when. */
export const TeamTouch = z.strictObject({
  type: ActivityType,
  at: z.string(),
  /** Null when that user was removed. */
  by: Person.nullable(),
});
export type TeamTouch = z.infer<typeof TeamTouch>;

/** A line the rep may insert in the body, and why it is worth saying now. */
export const TalkingPoint = z.strictObject({
  /** The signal's kind (`exec_hire`, `pricing_visits`, `funding`, `intent_surge`, `deal_risk`, …). */
  kind: z.string(),
  /** Plain text, inserted as it is at the cursor. */
  text: z.string().min(1),
  /** Why: the signal's own reason ("New VP Sales Dana Reyes hired 2 days ago"). */
  reason: z.string().min(1),
});
export type TalkingPoint = z.infer<typeof TalkingPoint>;

export const RecipientContext = z.strictObject({
  /** The address as asked, lower-cased. */
  address: z.string(),
  contact: z.strictObject({ id: z.string(), name: z.string(), title: z.string().nullable() }).nullable(),
  account: z.strictObject({ id: z.string(), name: z.string() }).nullable(),
  /** The team's last touch with this contact, anyone's; null when none or not a contact. */
  lastTouch: TeamTouch.nullable(),
  /** A teammate (not the rep asking) touched this recipient's account within `collisionDays`: the latest such touch. */
  collision: TeamTouch.extend({ contactName: z.string().nullable() }).nullable(),
  talkingPoints: z.array(TalkingPoint).max(3),
});
export type RecipientContext = z.infer<typeof RecipientContext>;

export const ComposeContextAnswer = z.strictObject({
  /** The window the collision warnings used (the admin setting). */
  collisionDays: z.number().int(),
  /** One per recipient, in the order asked. */
  recipients: z.array(RecipientContext),
});
export type ComposeContextAnswer = z.infer<typeof ComposeContextAnswer>;
