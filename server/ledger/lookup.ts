/**
 * The ledger by natural keys, for the team (`POST /v1/activities/lookup`): which of the keys a
 * rep's panel names are already logged, when, and by whom ("already logged by Ana on 12 Nov").
 * Each key is looked for in both its stored forms (activity-keys.ts: an erased person's key is
 * stored hashed) and answered under the key the client asked with.
 */
import type { LoggedActivity } from '../../shared/mail-policy.ts';
import type { DB } from '../db/connect.ts';
import { activityKeyForms } from './activity-keys.ts';

/**
 * @example await lookupActivities(db, teamId, ['gmail:msg:v1:3f…']) // [{ naturalKey: 'gmail:msg:v1:3f…', loggedBy: { id, name: 'Ana Lind' }, … }]
 */
export async function lookupActivities(db: DB, teamId: string, naturalKeys: readonly string[]): Promise<LoggedActivity[]> {
  const formsOf = await activityKeyForms(db, teamId);
  const asked = new Map<string, string>();
  for (const key of new Set(naturalKeys)) for (const form of formsOf(key)) asked.set(form, key);
  if (asked.size === 0) return [];
  const rows = await db
    .selectFrom('activities')
    .leftJoin('users', (join) => join.onRef('users.id', '=', 'activities.user_id').onRef('users.team_id', '=', 'activities.team_id'))
    .select(['activities.id', 'activities.natural_key', 'activities.type', 'activities.occurred_at', 'activities.recorded_at', 'users.id as user_id', 'users.name as user_name'])
    .where('activities.team_id', '=', teamId)
    .where('activities.natural_key', 'in', [...asked.keys()])
    .execute();
  return rows
    .map((row) => ({
      naturalKey: asked.get(row.natural_key!)!,
      activityId: row.id,
      type: row.type as LoggedActivity['type'],
      occurredAt: row.occurred_at,
      recordedAt: row.recorded_at,
      loggedBy: row.user_id && row.user_name ? { id: row.user_id, name: row.user_name } : null,
    }))
    .sort((a, b) => naturalKeys.indexOf(a.naturalKey) - naturalKeys.indexOf(b.naturalKey));
}
