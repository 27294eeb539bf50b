/**
 * Multi-row inserts through Kysely in chunks, for seeds and bulk loads that must work on both
 * SQLite and PostgreSQL. 500 rows of ~20 columns stay well under both dialects' bound-parameter
 * limits (SQLite 32,766; PostgreSQL 65,535) while keeping round trips few.
 *
 * @example
 * await db.transaction().execute((trx) => insertInChunks(trx, 'accounts', rows));
 */
import type { Insertable, Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

export const CHUNK_ROWS = 500;

export async function insertInChunks<T extends keyof Database & string>(
  db: Kysely<Database>,
  table: T,
  rows: readonly Insertable<Database[T]>[],
  chunk = CHUNK_ROWS,
): Promise<void> {
  for (let start = 0; start < rows.length; start += chunk) {
    // Kysely cannot narrow a generic table's insert type; the rows are typed by the caller.
    await db
      .insertInto(table)
      .values(rows.slice(start, start + chunk) as never)
      .execute();
  }
}
