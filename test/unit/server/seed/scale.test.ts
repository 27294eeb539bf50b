/**
 * The scale data set, at a small size: the same code path as `npm run seed:scale`, checked for
 * proportions, readability through the real app, and what the benchmark reads from the manifest.
 * SQLite only by design (the CLI refuses PostgreSQL), so it runs the same on either pass.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../../server/app.ts';
import { migrateToLatest, openDatabase, type OpenedDatabase } from '../../../../server/db/connect.ts';
import { readEnv } from '../../../../server/env.ts';
import { normalizeEmail } from '../../../../server/identity/normalize.ts';
import { seedScale, type ScaleResult } from '../../../../server/seed/scale.ts';
import { parseEventData } from '../../../../shared/events.ts';

const ROOT = path.resolve(import.meta.dirname, '../../../..');
const ACCOUNTS = 400;
let dir: string;
let db: OpenedDatabase;
let loaded: ScaleResult;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sh-scale-'));
  loaded = await seedScale({ file: path.join(dir, 'signalhouse.db'), accounts: ACCOUNTS, now: new Date('2026-11-23T09:00:00.000Z'), sampleSize: 500 });
  db = await openDatabase({ dataDir: dir });
});
afterAll(async () => {
  await db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('the scale data set', () => {
  it('keeps the benchmark proportions: 10 contacts, 100 events and 10 activities per account', () => {
    const { counts } = loaded;
    expect(counts.accounts).toBe(ACCOUNTS);
    expect(counts.contacts / ACCOUNTS).toBeGreaterThan(9);
    expect(counts.contacts / ACCOUNTS).toBeLessThan(11);
    expect(counts.contact_emails).toBe(counts.contacts);
    expect(counts.events / ACCOUNTS).toBeGreaterThan(90);
    expect(counts.events / ACCOUNTS).toBeLessThan(110);
    expect(counts.activities / ACCOUNTS).toBeGreaterThan(9);
    expect(counts.activities / ACCOUNTS).toBeLessThan(11);
    expect(counts.deals).toBeGreaterThan(ACCOUNTS);
    expect(counts.technologies).toBeGreaterThan(ACCOUNTS * 3);
  });

  it('serves its sample contacts through the real app with the printed token', async () => {
    const app = createApp({ db, now: () => new Date('2026-11-23T09:00:00.000Z'), env: readEnv({ LOG_REQUESTS: '0' }) });
    const headers = { authorization: `Bearer ${loaded.token}`, 'content-type': 'application/json' };
    const me = await app.request('/v1/me', { headers });
    expect(await me.json()).toMatchObject({ user: { role: 'rep' }, team: { id: loaded.teamId } });

    const { sample } = loaded;
    // About the asked-for size: every n-th contact, n from the expected contact count.
    expect(sample.contactIds.length).toBeGreaterThan(450);
    expect(sample.contactIds.length).toBeLessThanOrEqual(500);
    const picks = [0, 137, 449].map((i) => ({ url: sample.linkedinUrls[i]!, id: sample.contactIds[i]! }));
    const res = await app.request('/v1/resolve', { method: 'POST', headers, body: JSON.stringify({ refs: picks.map((p) => ({ kind: 'linkedin', profileUrl: p.url })) }) });
    const { resolutions } = (await res.json()) as { resolutions: { match: { contactId?: string } | null }[] };
    expect(resolutions.map((r) => r.match?.contactId)).toEqual(picks.map((p) => p.id));
  });

  it('writes only event data the brief can read, emails as normalize.ts stores them, and last touch from the newest activity', async () => {
    const events = await db.kysely.selectFrom('events').select(['kind', 'data']).where('team_id', '=', loaded.teamId).execute();
    expect(events.filter((e) => parseEventData(e.kind, e.data) === null)).toEqual([]);
    const emails = await db.kysely.selectFrom('contact_emails').select('email').where('team_id', '=', loaded.teamId).execute();
    expect(emails.filter(({ email }) => { const n = normalizeEmail(email); return !n.ok || n.value !== email; })).toEqual([]);
    const account = await db.kysely.selectFrom('accounts').select(['id', 'last_touch_at']).where('team_id', '=', loaded.teamId).where('last_touch_at', 'is not', null).limit(1).executeTakeFirstOrThrow();
    const newest = await db.kysely.selectFrom('activities').select((eb) => eb.fn.max('occurred_at').as('at')).where('account_id', '=', account.id).executeTakeFirstOrThrow();
    expect(account.last_touch_at).toBe(newest.at);
  });

  it('ends with every index the migration makes, after rebuilding the ones it dropped for speed', async () => {
    const fresh = await openDatabase({ dataDir: path.join(dir, 'fresh') });
    await migrateToLatest(fresh);
    const names = async (d: OpenedDatabase) =>
      (await sql<{ name: string }>`select name from sqlite_master where type = 'index' order by name`.execute(d.kysely)).rows.map((r) => r.name);
    const expected = await names(fresh);
    await fresh.close();
    expect(expected).toContain('events_account_time');
    expect(await names(db)).toEqual(expected);
    expect(fs.existsSync(path.join(dir, 'signalhouse.db.pending-indexes.sql'))).toBe(false);
  });

  it('gets dropped indexes back when a load was killed half-way', async () => {
    const file = path.join(dir, 'signalhouse.db');
    const pending = `${file}.pending-indexes.sql`;
    await sql`drop index events_account_time`.execute(db.kysely);
    fs.writeFileSync(pending, 'CREATE INDEX IF NOT EXISTS "events_account_time" on "events" ("team_id", "account_id", "occurred_at");');
    await seedScale({ file, accounts: ACCOUNTS, now: new Date('2026-11-23T10:00:00.000Z'), sampleSize: 10 });
    const found = await sql<{ name: string }>`select name from sqlite_master where type = 'index' and name = 'events_account_time'`.execute(db.kysely);
    expect(found.rows).toHaveLength(1);
    expect(fs.existsSync(pending)).toBe(false);
  });

  it('run again on a loaded database, loads nothing and issues a new working token', async () => {
    const again = await seedScale({ file: path.join(dir, 'signalhouse.db'), accounts: ACCOUNTS, now: new Date('2026-11-23T10:00:00.000Z'), sampleSize: 100 });
    expect(again.alreadyLoaded).toBe(true);
    expect(again.counts).toEqual(loaded.counts);
    expect(again.token).not.toBe(loaded.token);
    expect(again.sample.linkedinUrls).toHaveLength(100);
    const app = createApp({ db, now: () => new Date(), env: readEnv({ LOG_REQUESTS: '0' }) });
    expect((await app.request('/v1/me', { headers: { authorization: `Bearer ${again.token}` } })).status).toBe(200);
  });

  it('the CLI prints the token line and writes the manifest the benchmark reads; it refuses PostgreSQL with a reason', () => {
    const out = path.join(dir, 'cli');
    const env = { ...process.env };
    delete env.DATABASE_URL;
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'server/cli/seed-scale.ts', '--data-dir', out, '--accounts', '50'], { cwd: ROOT, env, encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    const token = /^Scale rep token: (shk_\w{40})$/m.exec(run.stdout)?.[1];
    const manifest = JSON.parse(fs.readFileSync(path.join(out, 'scale-manifest.json'), 'utf8')) as { token: string; teamId: string; counts: { accounts: number }; sample: { contactIds: string[]; linkedinUrls: string[] } };
    expect(manifest.token).toBe(token);
    expect(manifest.counts.accounts).toBe(50);
    expect(manifest.sample.linkedinUrls.length).toBe(manifest.sample.contactIds.length);
    expect(manifest.sample.linkedinUrls[0]).toMatch(/^https:\/\/www\.linkedin\.com\/in\/[a-z0-9-]+\/$/);
    expect(fs.statSync(path.join(out, 'scale-manifest.json')).mode & 0o077).toBe(0);

    const refused = spawnSync(process.execPath, ['--import', 'tsx', 'server/cli/seed-scale.ts'], { cwd: ROOT, env: { ...env, DATABASE_URL: 'postgres://localhost/x' }, encoding: 'utf8' });
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/SQLite only.*PostgreSQL is not supported/);
    // Two child processes that compile TypeScript on start: seconds alone, much longer on a busy CI machine.
  }, 180_000);
});
