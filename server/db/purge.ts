/**
 * After rows holding personal data were deleted or rewritten (an erasure), make the old bytes
 * unreadable where the database itself can:
 *
 * - SQLite runs with `secure_delete` on (connect.ts), so a deleted or rewritten row's old bytes
 *   are zeroed in its page, and a freed page is zeroed before it joins the freelist. But every
 *   page ever written since the last checkpoint stays in the `-wal` file, old versions included:
 *   a TRUNCATE checkpoint copies the new pages into the database and cuts the WAL to zero bytes.
 *   It waits (the busy timeout) for readers in other processes to finish their snapshot, and is
 *   tried again a few times when one holds on.
 * - PostgreSQL: the given tables are VACUUMed once the erasure has committed (VACUUM cannot run in
 *   a transaction), so dead row versions are removed from the tables and their indexes and no
 *   longer readable through SQL. What stays in PostgreSQL's data files, WAL and backups, and for
 *   how long, is the operator's to bound: docs/privacy.md.
 */
import { PostgresAdapter, sql } from 'kysely';
import type { DB } from './connect.ts';

export interface PurgeOutcome {
  /** SQLite: the WAL is now empty. PostgreSQL: the tables were vacuumed. */
  done: boolean;
}

const CHECKPOINT_TRIES = 5;

/**
 * @example await purgeDeleted(db.kysely, ['contacts', 'events']) // { done: true }
 */
export async function purgeDeleted(db: DB, tables: readonly string[]): Promise<PurgeOutcome> {
  if (db.isTransaction) throw new Error('purgeDeleted runs after the transaction has committed');
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    // Names come from our own code, never from a request; quoted all the same.
    const names = [...new Set(tables)].map((t) => `"${t.replace(/"/g, '""')}"`).join(', ');
    if (names) await sql.raw(`vacuum ${names}`).execute(db);
    return { done: true };
  }
  for (let attempt = 1; attempt <= CHECKPOINT_TRIES; attempt++) {
    const { rows } = await sql<{ busy: number; log: number; checkpointed: number }>`pragma wal_checkpoint(TRUNCATE)`.execute(db);
    if (rows[0] && rows[0].busy === 0) return { done: true };
    await new Promise((resolve) => setTimeout(resolve, 50 * attempt));
  }
  return { done: false };
}

/**
 * Rewrites the database so that no deleted row's bytes remain anywhere in its files, including
 * those deleted before `secure_delete` was on (a database from an earlier version): SQLite
 * `VACUUM` then a TRUNCATE checkpoint; PostgreSQL `VACUUM FULL` of the given tables, which holds
 * an exclusive lock on each while it copies it. `npm run admin -- compact`.
 *
 * @example await compactDatabase(db.kysely, ['contacts', 'events'])
 */
export async function compactDatabase(db: DB, tables: readonly string[]): Promise<PurgeOutcome> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    const names = [...new Set(tables)].map((t) => `"${t.replace(/"/g, '""')}"`).join(', ');
    if (names) await sql.raw(`vacuum full ${names}`).execute(db);
    return { done: true };
  }
  await sql`vacuum`.execute(db);
  return purgeDeleted(db, tables);
}
