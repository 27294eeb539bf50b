/**
 * Migration 0010 indexes the accounts and contacts already in the database (one pass), so an
 * upgraded install finds them by part of a name at once; down and up again leave it whole.
 * Runs on both dialects.
 */
import { CompiledQuery, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { searchIndex } from '../../../../server/db/migrations/0010_search_index.ts';
import { searchDirectory } from '../../../../server/routes/accounts.ts';
import { openTestDatabase } from '../harness.ts';
import type { OpenedDatabase } from '../../../../server/db/connect.ts';

let db: OpenedDatabase;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  ({ db, cleanup } = await openTestDatabase());
});
afterAll(() => cleanup());

const AT = '2026-01-01T00:00:00.000Z';

describe('migration 0010: the search index of rows already there', () => {
  it('indexes existing accounts and contacts, which are then found by the middle of their names', async () => {
    const migration = searchIndex(db.dialect);
    await migration.down!(db.kysely);
    await sql`insert into teams (id, name, created_at) values ('t1', 'Team', ${AT})`.execute(db.kysely);
    await sql`insert into accounts (id, team_id, name, stage, field_sources, created_at, updated_at)
      values ('a1', 't1', 'Vindelälvens Kraft', 'target', '{}', ${AT}, ${AT})`.execute(db.kysely);
    await sql`insert into contacts (id, team_id, account_id, name, name_key, past_employers, field_sources, created_at, updated_at)
      values ('c1', 't1', 'a1', 'Eleonora Brännström', 'eleonora brannstrom', '[]', '{}', ${AT}, ${AT})`.execute(db.kysely);
    await migration.up(db.kysely);

    if (db.dialect === 'sqlite') {
      const hits = async (table: string, text: string) =>
        (await db.kysely.executeQuery<{ rowid: number }>(CompiledQuery.raw(`select rowid from ${table} where ${table} match ?`, [`"${text}"`]))).rows.length;
      expect(await hits('contacts_search', 'annstr')).toBe(1);
      expect(await hits('accounts_search', 'LÄLVEN')).toBe(1);
    } else {
      const { rows } = await sql<{ indexname: string }>`select indexname from pg_indexes where schemaname = current_schema() and indexname like '%_trgm' order by 1`.execute(db.kysely);
      expect(rows.map((r) => r.indexname)).toEqual(['accounts_name_trgm', 'contacts_name_trgm']);
    }
    const found = await searchDirectory(db.kysely, 't1', 'älvens', 10, db.dialect);
    expect(found.accounts.map((a) => a.id)).toEqual(['a1']);
    expect((await searchDirectory(db.kysely, 't1', 'brännström', 10, db.dialect)).contacts.map((c) => c.id)).toEqual(['c1']);
  });
});
