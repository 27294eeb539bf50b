/**
 * Between the `activities` table and the `Activity` contract: one place that knows both shapes.
 */
import type { Activity } from '../../shared/activity.ts';
import type { ActivityRow } from '../db/schema.ts';

/**
 * The API's view of a stored activity.
 *
 * @example activityOf(row).occurredAt // '2026-11-23T09:00:00.000Z'
 */
export function activityOf(row: ActivityRow): Activity {
  return {
    id: row.id,
    naturalKey: row.natural_key,
    type: row.type as Activity['type'],
    subject: row.subject,
    body: row.body,
    occurredAt: row.occurred_at,
    contactId: row.contact_id,
    accountId: row.account_id,
    dealId: row.deal_id,
    surface: row.surface as Activity['surface'],
    userId: row.user_id,
    recordedAt: row.recorded_at,
  };
}
