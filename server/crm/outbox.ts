/**
 * The write-back outbox: queueing a logged activity for each of the team's live CRM connections
 * (inside the ledger's transaction), reading what is due, and recording each write's outcome.
 * An `unknown` write (the answer was lost) is retried only after a pause, and only after looking
 * for it in the CRM (server/crm/hubspot/push.ts), so it is never written twice.
 */
import type { DB } from '../db/connect.ts';
import type { Selectable } from 'kysely';
import type { ActivityRow, CrmWritesTable } from '../db/schema.ts';
import { inSlices } from '../ingest/csv/lookups.ts';

/** Refusals before a write is given up as `failed` (it stays listed for the admin). */
export const MAX_ATTEMPTS = 5;
/** An unknown outcome waits this long before the check-then-retry (HubSpot search lags writes). */
export const UNKNOWN_SETTLE_MS = 60_000;

/** Queues the activity for every live connection of its team; call inside the recording transaction. */
export async function queueCrmWrites(trx: DB, activity: Pick<ActivityRow, 'id' | 'team_id' | 'contact_id'>, now: Date): Promise<void> {
  const connections = await trx.selectFrom('crm_connections').select('id').where('team_id', '=', activity.team_id).where('state', '!=', 'disconnected').execute();
  if (connections.length === 0) return;
  const at = now.toISOString();
  await trx
    .insertInto('crm_writes')
    .values(connections.map((c) => ({ connection_id: c.id, activity_id: activity.id, team_id: activity.team_id, contact_id: activity.contact_id, state: 'pending' as const, crm_type: null, crm_id: null, last_error: null, created_at: at, updated_at: at })))
    .onConflict((oc) => oc.columns(['connection_id', 'activity_id']).doNothing())
    .execute();
}

/**
 * Queues a contact a rep added from a page ("Add as contact") for every live connection of its
 * team; call inside the transaction that adds it. The CRM record is created once, carrying our
 * id as its back-reference (server/crm/contact-writes.ts).
 */
export async function queueCrmContactWrite(trx: DB, contact: { id: string; team_id: string }, now: Date): Promise<void> {
  const connections = await trx.selectFrom('crm_connections').select('id').where('team_id', '=', contact.team_id).where('state', '!=', 'disconnected').execute();
  if (connections.length === 0) return;
  const at = now.toISOString();
  await trx
    .insertInto('crm_writes')
    .values(
      connections.map((c) => ({
        connection_id: c.id,
        activity_id: contact.id,
        kind: 'contact' as const,
        team_id: contact.team_id,
        contact_id: contact.id,
        state: 'pending' as const,
        crm_type: null,
        crm_id: null,
        last_error: null,
        created_at: at,
        updated_at: at,
      })),
    )
    .onConflict((oc) => oc.columns(['connection_id', 'activity_id']).doNothing())
    .execute();
}

export type DueWrite = Selectable<CrmWritesTable> & { activity: ActivityRow | null };

/** Pending writes of `kind`, and unknown ones old enough to check, oldest first. */
export async function dueRows(db: DB, connectionId: string, now: Date, limit: number, kind: 'activity' | 'contact') {
  const settled = new Date(now.getTime() - UNKNOWN_SETTLE_MS).toISOString();
  const rows = await db
    .selectFrom('crm_writes')
    .selectAll()
    .where('connection_id', '=', connectionId)
    .where('kind', '=', kind)
    .where((eb) => eb.or([eb('state', '=', 'pending'), eb.and([eb('state', '=', 'unknown'), eb('updated_at', '<=', settled)])]))
    .orderBy('created_at')
    .orderBy('activity_id')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ ...r, attempts: Number(r.attempts) }));
}

/** Pending activity writes, and unknown ones old enough to check, oldest first, with their activities. */
export async function dueWrites(db: DB, connectionId: string, now: Date, limit: number): Promise<DueWrite[]> {
  const rows = await dueRows(db, connectionId, now, limit, 'activity');
  const activities = await inSlices(rows.map((r) => r.activity_id), (slice) => db.selectFrom('activities').selectAll().where('id', 'in', slice).execute());
  const byId = new Map(activities.map((a) => [a.id, a]));
  return rows.map((r) => ({ ...r, activity: byId.get(r.activity_id) ?? null }));
}

export async function markWrite(db: DB, write: Pick<CrmWritesTable, 'connection_id' | 'activity_id'>, change: Partial<Pick<CrmWritesTable, 'state' | 'crm_id' | 'crm_type' | 'last_error'>> & { attempts?: number }, now: Date) {
  await db
    .updateTable('crm_writes')
    .set({ ...change, updated_at: now.toISOString() })
    .where('connection_id', '=', write.connection_id)
    .where('activity_id', '=', write.activity_id)
    .execute();
}

/** A refusal: counted, and `failed` once refused MAX_ATTEMPTS times (otherwise tried next run). */
export async function refuseWrite(db: DB, write: Pick<DueWrite, 'connection_id' | 'activity_id' | 'attempts'>, error: string, now: Date) {
  const attempts = write.attempts + 1;
  await markWrite(db, write, { state: attempts >= MAX_ATTEMPTS ? 'failed' : 'pending', attempts, last_error: error.slice(0, 500) }, now);
}

/** Whether the write is for a person erased since it was queued (their activity lost its contact). */
export const erasedSinceQueued = (write: DueWrite) => write.contact_id !== null && (write.activity === null || write.activity.contact_id === null);

/** The CRM id of our `localId`, as this connection's sync knows it (null when it came from elsewhere). */
export async function crmIdsOf(db: DB, teamId: string, provider: string, object: 'account' | 'contact' | 'deal', localIds: string[]): Promise<Map<string, string>> {
  const rows = await inSlices(localIds, (slice) =>
    db
      .selectFrom('crm_records')
      .select(['local_id', 'crm_id'])
      .where('team_id', '=', teamId)
      .where('provider', '=', provider)
      .where('object', '=', object)
      .where('deleted_at', 'is', null)
      .where('local_id', 'in', slice)
      .execute(),
  );
  return new Map(rows.map((r) => [r.local_id!, r.crm_id]));
}
