/**
 * Trigram indexes for the side panel's search (`GET /v1/accounts?q=`, server/routes/accounts.ts), so a
 * name *containing* the text is found without reading every contact and account of the team.
 *
 * SQLite: two FTS5 tables with the `trigram` tokenizer, `contacts_search` over `contacts.name_key` and
 * `accounts_search` over `accounts.name`. They are external-content tables (the text stays in its
 * table; the index holds only trigrams and rowids) kept in step by triggers on insert, delete and a
 * change of the name, so every writer (imports, webhooks, seeds and the scale seed's bulk loader,
 * erasure, flags) is covered without knowing about them. The key is the tables' rowid: neither has an
 * INTEGER PRIMARY KEY, but both have indexes, and VACUUM copies a table that has indexes with its
 * rowids kept (the index entries hold them), so `npm run admin -- compact` does not unhook the index
 * (a test compacts and checks it). `INSERT OR REPLACE` into these tables would delete without the
 * delete trigger (recursive_triggers is off): no writer does, and ON CONFLICT DO UPDATE keeps the row.
 *
 * `secure-delete` is on for both: a deleted row's trigrams are removed from the index's segments at
 * once rather than masked by a later "delete" record, so an erased person's name is not left in the
 * file (docs/privacy.md, issue 9 item 2).
 *
 * PostgreSQL: `pg_trgm` GIN indexes on `contacts.name_key` and `lower(accounts.name)`, which serve the
 * route's `like '%…%'` as they are. The extension is installed into `public` (not the current schema:
 * the tests give each run a schema and drop it, which would drop the extension under every other
 * run's indexes); where it is already installed, that schema's operator class is used. Where
 * pg_trgm is not available (no contrib package, or no right to install it) the migration says so
 * and skips the indexes; the search then reads as before, unindexed.
 *
 * Existing rows are indexed in one pass ('rebuild' / CREATE INDEX).
 */
import { sql, type Kysely, type Migration } from 'kysely';
import type { Dialect } from '../schema.ts';

type Any = Kysely<unknown>;

/** An FTS5 trigram index over `table.column`, its triggers, and its existing rows. */
async function sqliteTrigramIndex(db: Any, fts: string, table: string, column: string): Promise<void> {
  const [f, t, c] = [sql.raw(fts), sql.raw(table), sql.raw(column)];
  // columnsize=0: nothing here ranks by length, so the per-row sizes are not stored.
  await sql`create virtual table ${f} using fts5(${c}, content='${t}', content_rowid='rowid', tokenize='trigram', columnsize=0)`.execute(db);
  await sql`insert into ${f}(${f}, rank) values ('secure-delete', 1)`.execute(db);
  await sql`create trigger ${sql.raw(`${fts}_insert`)} after insert on ${t} begin
      insert into ${f}(rowid, ${c}) values (new.rowid, new.${c});
    end`.execute(db);
  await sql`create trigger ${sql.raw(`${fts}_delete`)} after delete on ${t} begin
      insert into ${f}(${f}, rowid, ${c}) values ('delete', old.rowid, old.${c});
    end`.execute(db);
  await sql`create trigger ${sql.raw(`${fts}_update`)} after update of ${c} on ${t} when old.${c} is not new.${c} begin
      insert into ${f}(${f}, rowid, ${c}) values ('delete', old.rowid, old.${c});
      insert into ${f}(rowid, ${c}) values (new.rowid, new.${c});
    end`.execute(db);
  await sql`insert into ${f}(${f}) values ('rebuild')`.execute(db);
}

/** The schema holding pg_trgm, installing it into `public` if it is available and not yet installed; null when it cannot be had. */
async function pgTrgmSchema(db: Any): Promise<string | null> {
  const installed = async () =>
    (await sql<{ schema: string }>`select n.nspname as schema from pg_extension e join pg_namespace n on n.oid = e.extnamespace where e.extname = 'pg_trgm'`.execute(db))
      .rows[0]?.schema ?? null;
  const found = await installed();
  if (found) return found;
  const { rows } = await sql<{ n: number }>`select count(*) as n from pg_available_extensions where name = 'pg_trgm'`.execute(db);
  if (!Number(rows[0]?.n)) {
    console.warn('migration 0010_search_index: the pg_trgm extension is not available (PostgreSQL contrib); search by part of a name stays unindexed');
    return null;
  }
  // A failed CREATE EXTENSION (no right to) must not abort the migration's transaction.
  await sql`savepoint pg_trgm`.execute(db);
  try {
    await sql`create extension if not exists pg_trgm with schema public`.execute(db);
    await sql`release savepoint pg_trgm`.execute(db);
  } catch (error) {
    await sql`rollback to savepoint pg_trgm`.execute(db);
    console.warn(`migration 0010_search_index: could not install pg_trgm (${error instanceof Error ? error.message : String(error)}); search by part of a name stays unindexed`);
    return null;
  }
  return installed();
}

export function searchIndex(dialect: Dialect): Migration {
  return {
    async up(db: Any) {
      if (dialect === 'sqlite') {
        await sqliteTrigramIndex(db, 'contacts_search', 'contacts', 'name_key');
        await sqliteTrigramIndex(db, 'accounts_search', 'accounts', 'name');
        return;
      }
      const schema = await pgTrgmSchema(db);
      if (!schema) return;
      const ops = sql.raw(`"${schema.replace(/"/g, '""')}".gin_trgm_ops`);
      await sql`create index contacts_name_trgm on contacts using gin (name_key ${ops})`.execute(db);
      await sql`create index accounts_name_trgm on accounts using gin (lower(name) ${ops})`.execute(db);
    },
    async down(db: Any) {
      if (dialect === 'sqlite') {
        for (const fts of ['contacts_search', 'accounts_search']) {
          for (const op of ['insert', 'delete', 'update']) await sql`drop trigger if exists ${sql.raw(`${fts}_${op}`)}`.execute(db);
          await sql`drop table if exists ${sql.raw(fts)}`.execute(db);
        }
        return;
      }
      await sql`drop index if exists contacts_name_trgm`.execute(db);
      await sql`drop index if exists accounts_name_trgm`.execute(db);
    },
  };
}
