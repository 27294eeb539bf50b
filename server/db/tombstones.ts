/**
 * Writing tombstones so that `/v1/changes` can page them by id without ever skipping one.
 *
 * Every rep's extension follows `/v1/changes` from a cursor: the last tombstone id it saw
 * (server/routes/changes.ts). On PostgreSQL an id is taken from the sequence when the row is
 * inserted, not when its transaction commits: an erasure that took id 41 and a CRM sync that took
 * id 42 may commit 42 first. A follow in between would see 42, move its cursor past 41, and never
 * see the erasure: that person would stay in the rep's offline copy. So every transaction that
 * writes tombstones takes one transaction-scoped advisory lock first, held until it commits: ids
 * are then taken in commit order, and a reader that sees an id sees every smaller one. Tombstones
 * are rare (erasures, CRM deletions), so serialising their transactions costs nothing a rep sees.
 * SQLite already runs one writer at a time.
 */
import { PostgresAdapter, sql } from 'kysely';
import type { DB } from './connect.ts';
import type { Insertable } from 'kysely';
import type { Database } from './schema.ts';

/** The advisory lock's key: one for the whole database, every team's tombstones share the sequence. */
const LOCK_KEY = 'signalhouse.tombstones';

/**
 * Inserts `rows` into `tombstones` inside the transaction `trx`, after taking the tombstones lock.
 *
 * @example await writeTombstones(trx, [{ team_id, entity: 'contact', entity_id: 'ct_1', at }])
 */
export async function writeTombstones(trx: DB, rows: Insertable<Database['tombstones']>[]): Promise<void> {
  if (rows.length === 0) return;
  if (!trx.isTransaction) throw new Error('tombstones are written inside the transaction that makes them');
  if (trx.getExecutor().adapter instanceof PostgresAdapter) await sql`select pg_advisory_xact_lock(hashtext(${LOCK_KEY}))`.execute(trx);
  await trx.insertInto('tombstones').values(rows).execute();
}
