/**
 * Last touch: each account and contact carries its most recent activity (when, what, by whom)
 * so briefs and the review queue never scan the ledger. Only ever moves forward in time.
 */
import type { DB } from '../db/connect.ts';

export interface Touch {
  teamId: string;
  /** The activity's account and the accounts of the other people on it: each one's last touch moves. */
  accountIds: readonly (string | null)[];
  /** The activity's contact and the other people on it (participants): each one's last touch moves. */
  contactIds: readonly string[];
  occurredAt: string;
  type: string;
  /** Null when the activity's author is unknown (a merged duplicate of such a row). */
  userId: string | null;
}

/**
 * A touch dated further ahead than this is a plan (a meeting next week), not a touch yet:
 * letting it through would make an untouched account look fresh for days.
 */
export const FUTURE_TOUCH_TOLERANCE_MS = 5 * 60 * 1000;

/**
 * Moves the account's and each contact's last touch to this one when it is newer than the stored
 * one. The comparison happens in the UPDATE itself, so two concurrent batches cannot move it back.
 *
 * @example await recordTouch(trx, { teamId, accountId: 'acc_1', contactIds: ['con_1', 'con_2'], occurredAt, type: 'call', userId }, now)
 */
export async function recordTouch(db: DB, touch: Touch, now: Date): Promise<void> {
  if (Date.parse(touch.occurredAt) > now.getTime() + FUTURE_TOUCH_TOLERANCE_MS) return;
  const values = { last_touch_at: touch.occurredAt, last_touch_type: touch.type, last_touch_by: touch.userId };
  const accountIds = [...new Set(touch.accountIds.filter((id): id is string => id !== null))];
  if (accountIds.length > 0) {
    await db
      .updateTable('accounts')
      .set(values)
      .where('team_id', '=', touch.teamId)
      .where('id', 'in', accountIds)
      .where((eb) => eb.or([eb('last_touch_at', 'is', null), eb('last_touch_at', '<', touch.occurredAt)]))
      .execute();
  }
  if (touch.contactIds.length > 0) {
    await db
      .updateTable('contacts')
      .set(values)
      .where('team_id', '=', touch.teamId)
      .where('id', 'in', [...touch.contactIds])
      .where((eb) => eb.or([eb('last_touch_at', 'is', null), eb('last_touch_at', '<', touch.occurredAt)]))
      .execute();
  }
}
