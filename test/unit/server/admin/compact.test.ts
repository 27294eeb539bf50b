/**
 * `npm run admin -- compact`: a database from a version without `secure_delete` still holds rows
 * deleted back then in its free space; compact rewrites it so they are gone (SQLite VACUUM and a
 * truncated WAL; PostgreSQL VACUUM FULL of the tables an erasure touches).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { runAdmin } from '../../../../server/cli/admin.ts';
import { migrateToLatest, openDatabase } from '../../../../server/db/connect.ts';
import { dialectUnderTest, openTestDatabase } from '../harness.ts';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

const bytesOf = (dir: string) => fs.readdirSync(dir).map((f) => fs.readFileSync(path.join(dir, f)).toString('latin1')).join('');

describe.runIf(dialectUnderTest === 'sqlite')('compact on SQLite', () => {
  it('leaves no byte of a row deleted before secure_delete was on', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sh-compact-'));
    dirs.push(dir);
    const db = await openDatabase({ dataDir: dir });
    await migrateToLatest(db);
    await db.close();
    // What an earlier version did: delete without zeroing, then a clean stop.
    const legacy = new SQLite(path.join(dir, 'signalhouse.db'));
    legacy.pragma('secure_delete = OFF');
    legacy.prepare('insert into teams (id, name, created_at) values (?, ?, ?)').run('team_1', 'Acme', '2026-11-01T00:00:00.000Z');
    legacy.prepare("insert into contacts (id, team_id, name, name_key, past_employers, field_sources, created_at, updated_at) values ('ct_1', 'team_1', 'Wilhelmina Starbrook', 'wilhelmina starbrook', '[]', '{}', '', '')").run();
    legacy.prepare("delete from contacts where id = 'ct_1'").run();
    legacy.close();
    expect(bytesOf(dir)).toContain('Wilhelmina Starbrook');

    const out: string[] = [];
    const code = await runAdmin(['compact'], { env: { DATA_DIR: dir }, io: { out: (l) => out.push(l), err: (l) => out.push(l) } });
    expect({ code, out }).toEqual({ code: 0, out: ['Compacted: deleted rows leave no bytes in the database files.'] });
    expect(bytesOf(dir)).not.toContain('Wilhelmina');
    expect(bytesOf(dir)).not.toContain('wilhelmina');
  });
});

describe('compact', () => {
  it('runs on either database and refuses arguments', async () => {
    const { db, cleanup } = await openTestDatabase();
    try {
      const out: string[] = [];
      const io = { out: (l: string) => out.push(l), err: (l: string) => out.push(l) };
      expect(await runAdmin(['compact'], { db, io })).toBe(0);
      expect(await runAdmin(['compact', 'now'], { db, io })).toBe(2);
    } finally {
      await cleanup();
    }
  });
});
