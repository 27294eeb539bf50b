/**
 * Raw events' natural keys name nobody: a company event's key is built from the hire's or
 * leaver's name (and a news key from its headline), so it is stored as the team's keyed hash
 * (server/ingest/event-keys.ts). Re-importing the same row still finds its event, and migration
 * 0007 hashes the keys older versions stored in clear, on either database.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Migrator, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest, migrations, openDatabase, type OpenedDatabase } from '../../../../server/db/connect.ts';
import { createTeam } from '../../../../server/auth/users.ts';
import { keyedHash } from '../../../../server/db/team-salt.ts';
import { erasedActivityKey } from '../../../../server/ledger/activity-keys.ts';
import { makeHarness, type Harness } from '../harness.ts';
import { ACCOUNTS, csv, postCsv } from './helpers.ts';

const EVENTS = csv(
  'domain,kind,occurred_at,title,name,round,amount_usd,headline,url',
  'acme.com,exec_hire,2026-11-10,VP Sales,Jane Quill,,,,',
  'acme.com,departure,2026-11-12,CFO,Omar Vale,,,,',
  'acme.com,news,2026-11-14,,,,,Jane Quill joins Acme as VP Sales,https://news.example/acme',
);

describe('company events’ natural keys', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await makeHarness();
    expect((await postCsv(h, 'accounts', ACCOUNTS)).body.summary).toMatchObject({ created: 2 });
  });
  afterAll(() => h.close());

  it('store a keyed hash, not the hire’s or leaver’s name nor the headline', async () => {
    expect((await postCsv(h, 'company-events', EVENTS)).body.summary).toEqual({ created: 3, updated: 0, unchanged: 0, rejected: 0 });
    const keys = (await h.db.kysely.selectFrom('events').select('natural_key').where('team_id', '=', h.teamA).execute()).map((e) => e.natural_key);
    expect(keys).toHaveLength(3);
    for (const key of keys) expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(keys.join(' ').toLowerCase()).not.toMatch(/jane|quill|omar|vale|acme/);
  });

  it('still find their event when the same rows are imported again, or changed', async () => {
    expect((await postCsv(h, 'company-events', EVENTS)).body.summary).toEqual({ created: 0, updated: 0, unchanged: 3, rejected: 0 });
    expect((await postCsv(h, 'company-events', EVENTS.replace('CFO', 'Chief Financial Officer'))).body.summary).toEqual({ created: 0, updated: 1, unchanged: 2, rejected: 0 });
    const count = await h.db.kysely.selectFrom('events').select((eb) => eb.fn.countAll<number>().as('n')).where('team_id', '=', h.teamA).executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(3);
  });

  it('differ between teams importing the same row (each team has its own salt)', async () => {
    expect((await postCsv(h, 'accounts', csv('external_id,name,domains', 'B-1,Acme,acme.com'), h.otherAdmin.token)).body.summary).toMatchObject({ created: 1 });
    expect((await postCsv(h, 'company-events', EVENTS, h.otherAdmin.token)).body.summary).toMatchObject({ created: 3 });
    const keys = async (teamId: string) => new Set((await h.db.kysely.selectFrom('events').select('natural_key').where('team_id', '=', teamId).execute()).map((e) => e.natural_key));
    const [a, other] = [await keys(h.teamA), await keys(h.teamB)];
    expect(other.size).toBe(3);
    for (const key of other) expect(a.has(key)).toBe(false);
  });
});

describe('migration 0007', () => {
  let db: OpenedDatabase;
  let cleanup: () => Promise<void>;
  let teamId: string;
  const AT = '2026-11-10T00:00:00.000Z';
  const ALREADY_HASHED = '0123456789abcdef'.repeat(4);
  const SALT = 'ab'.repeat(32);
  const JANE_TOUCH = 'linkedin:jane-quill:linkedin_note:2026-11-10T10:00Z';
  const OMAR_TOUCH = 'linkedin:omar-vale:linkedin_note:2026-11-10T10:00Z';

  beforeAll(async () => {
    // A database as the previous version left it: migrated to 0006, keys in clear.
    const url = process.env.TEST_DATABASE_URL;
    if (url) {
      const schema = `t_${crypto.randomBytes(6).toString('hex')}`;
      db = await openDatabase({ databaseUrl: url, pgSchema: schema, poolSize: 2 });
      cleanup = async () => {
        await sql.raw(`drop schema ${schema} cascade`).execute(db.kysely);
        await db.close();
      };
    } else {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sh-0007-'));
      db = await openDatabase({ dataDir: dir });
      cleanup = async () => {
        await db.close();
        fs.rmSync(dir, { recursive: true, force: true });
      };
    }
    const migrator = new Migrator({ db: db.kysely, provider: { getMigrations: async () => migrations(db.dialect) }, ...(db.schema ? { migrationTableSchema: db.schema } : {}) });
    expect((await migrator.migrateTo('0006_erased_keys')).error).toBeUndefined();
    const k = db.kysely;
    teamId = (await createTeam(k, 'Acme Sales', new Date(AT))).id;
    await k.insertInto('accounts').values({ id: 'acc_1', team_id: teamId, external_id: null, name: 'Acme', tier: 1, stage: 'engaged', stage_set_by: null, tier_set_by: null, owner_id: null, territory: null, industry: null, employees: null, location: null, country: null, revenue: null, funding: null, description: null, field_sources: '{}', last_touch_at: null, last_touch_type: null, last_touch_by: null, created_at: AT, updated_at: AT }).execute();
    await k.insertInto('account_domains').values({ team_id: teamId, domain: 'acme.com', account_id: 'acc_1' }).execute();
    const event = (naturalKey: string, kind: string, data: object) =>
      ({ team_id: teamId, account_id: 'acc_1', contact_id: null, kind, occurred_at: naturalKey.split('|')[2] ?? AT, source: 'import:company-events', natural_key: naturalKey, delivery_id: null, data: JSON.stringify(data) });
    // What 0006's importer stored for the first two rows of EVENTS, and a webhook's visit key.
    await k.insertInto('events').values([
      event('exec_hire|acme.com|2026-11-10T00:00:00.000Z|jane quill', 'exec_hire', { name: 'Jane Quill', title: 'VP Sales' }),
      event('departure|acme.com|2026-11-12T00:00:00.000Z|omar vale', 'departure', { name: 'Omar Vale', title: 'CFO' }),
      { ...event('visit:acc_1:https://acme.test/p?email=jane.quill%40acme.com:2026-11-10T00:00:00.000Z', 'web_visit', { url: 'https://acme.test/p', pageType: 'other' }), source: 'web-visits' },
      // A key hashed by a run of the migration stopped half-way (SQLite migrates outside a transaction).
      { ...event(ALREADY_HASHED, 'web_visit', { url: 'https://acme.test/q', pageType: 'other' }), source: 'web-visits' },
    ]).execute();
    // Jane was erased under 0006: her slug is an erased key, her LinkedIn touch's key still in clear.
    await k.insertInto('erasure_salts').values({ team_id: teamId, salt: SALT }).execute();
    await k.insertInto('erased_keys').values({ team_id: teamId, key_hash: keyedHash(SALT, 'linkedin:jane-quill'), erased_at: AT }).execute();
    const touch = (id: string, naturalKey: string) => ({ id, team_id: teamId, natural_key: naturalKey, type: 'linkedin_message', subject: null, body: null, occurred_at: AT, contact_id: null, account_id: 'acc_1', deal_id: null, user_id: null, surface: 'linkedin', payload_hash: id.padEnd(64, '0'), recorded_at: AT });
    await k.insertInto('activities').values([touch('a1', JANE_TOUCH), touch('a2', OMAR_TOUCH)]).execute();
    await migrateToLatest(db);
  });
  afterAll(() => cleanup());

  it('replaces every clear key by its keyed hash and gives the team a salt', async () => {
    const keys = (await db.kysely.selectFrom('events').select('natural_key').execute()).map((e) => e.natural_key);
    expect(keys).toHaveLength(4);
    for (const key of keys) expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(keys.join(' ')).not.toMatch(/jane|quill|omar|vale/);
    if (db.dialect === 'sqlite') expect(keys).toContain(ALREADY_HASHED);
    expect(await db.kysely.selectFrom('erasure_salts').select('team_id').execute()).toEqual([{ team_id: teamId }]);
  });

  it('gives the LinkedIn touches of a person erased before it their erased key, and leaves everyone else’s', async () => {
    const keys = await db.kysely.selectFrom('activities').select(['id', 'natural_key']).orderBy('id').execute();
    expect(keys).toEqual([
      { id: 'a1', natural_key: erasedActivityKey(SALT, JANE_TOUCH) },
      { id: 'a2', natural_key: OMAR_TOUCH },
    ]);
  });

  it('hashes as the importer does: the same rows imported after the upgrade find their events', async () => {
    const { IMPORTERS } = await import('../../../../server/ingest/csv/entities/index.ts');
    const { runImport } = await import('../../../../server/ingest/csv/run.ts');
    const { csvFileSource } = await import('../../../../server/ingest/csv/read.ts');
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sh-0007-csv-')), 'events.csv');
    fs.writeFileSync(file, EVENTS);
    const outcome = await runImport(db.kysely, IMPORTERS['company-events'], csvFileSource(file), { teamId, now: new Date(AT) });
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
    expect(outcome).toMatchObject({ ok: true, report: { summary: { created: 1, updated: 0, unchanged: 2, rejected: 0 } } });
  });
});
