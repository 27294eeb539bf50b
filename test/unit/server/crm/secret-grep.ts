/**
 * Looking for a secret everywhere it must not be (issue 14, acceptance 4): every row of every
 * table, as text, and on SQLite the database files' bytes (the WAL included).
 */
import fs from 'node:fs';
import { sql } from 'kysely';
import type { OpenedDatabase } from '../../../../server/db/connect.ts';

/** Every row of every table as one text, for `expect(text).not.toContain(secret)`. */
export async function databaseText(db: OpenedDatabase): Promise<string> {
  const tables = await db.kysely.introspection.getTables();
  const parts: string[] = [];
  for (const table of tables) {
    const rows = await db.kysely.selectFrom(table.name as never).selectAll().execute();
    parts.push(`${table.name}: ${JSON.stringify(rows)}`);
  }
  return parts.join('\n');
}

/** On SQLite, the raw bytes of the database, its WAL and its shared memory; nothing on PostgreSQL (databaseText covers it). */
export async function databaseFileBytes(db: OpenedDatabase): Promise<Buffer> {
  if (db.dialect !== 'sqlite') return Buffer.alloc(0);
  const list = await sql<{ name: string; file: string }>`pragma database_list`.execute(db.kysely);
  const file = list.rows.find((r) => r.name === 'main')?.file;
  if (!file) return Buffer.alloc(0);
  const buffers = ['', '-wal', '-shm'].map((suffix) => `${file}${suffix}`).filter((f) => fs.existsSync(f)).map((f) => fs.readFileSync(f));
  return Buffer.concat(buffers);
}
