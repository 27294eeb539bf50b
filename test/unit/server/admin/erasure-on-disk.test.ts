/**
 * An erased person is gone from disk, not only from queries. A person who appears in a contact,
 * their emails, an alias, a flag, activities (one keyed by their LinkedIn profile), company events
 * (an executive hire and a departure naming them), news, an account snapshot and a stored daily
 * digest — all put there through the product's own routes — is erased through the admin route.
 *
 * SQLite: the raw bytes of every file in DATA_DIR (the database, `-wal`, `-shm`) are searched for
 * their name, each address and the LinkedIn slug, in the spellings a reviewer would grep for, while
 * the database is still open and again after it is closed. PostgreSQL: every text, varchar, json
 * and jsonb column of every table in the test's schema is searched the same way.
 */
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nameKey } from '../../../../server/identity/normalize.ts';
import { openDatabase, type OpenedDatabase } from '../../../../server/db/connect.ts';
import { dialectUnderTest, makeHarness, type Harness } from '../harness.ts';
import { csv, postCsv } from '../imports/helpers.ts';

const INGRID = {
  name: 'Ingrid Falkenrath',
  emails: ['Ingrid.Falkenrath@nordvik.test', 'i.falkenrath@falkenrath-consulting.test'],
  aliasEmail: 'ingrid.f@falkenrath-home.test',
  slug: 'ingrid-falkenrath-7b2',
};

/** Every spelling of her that must not be found: as written, folded, upper-cased, URL-encoded. */
function needles(): string[] {
  const base = [INGRID.name, nameKey(INGRID.name), ...INGRID.emails, INGRID.aliasEmail, INGRID.slug];
  const spellings = base.flatMap((s) => [s, s.toLowerCase(), s.toUpperCase(), encodeURIComponent(s), encodeURIComponent(s.toLowerCase())]);
  return [...new Set(spellings.filter((s) => s.length > 0))];
}

let h: Harness;
let ingridId: string;
let secondWorker: OpenedDatabase | undefined;

beforeAll(async () => {
  h = await makeHarness();
  const accounts = csv(
    'external_id,name,domains,owner_email',
    'A-1,Nordvik Logistics,nordvik.test,rep@a.test',
    'A-2,Brightwater Freight,brightwater.test,rep@a.test',
  );
  expect((await postCsv(h, 'accounts', accounts)).body.summary).toMatchObject({ created: 2, rejected: 0 });
  const contacts = csv(
    'external_id,name,emails,linkedin_url,account_external_id,title,buying_role',
    `C-1,${INGRID.name},${INGRID.emails.join('; ')},https://www.linkedin.com/in/${INGRID.slug}/,A-1,VP Supply Chain,champion`,
    'C-2,Omar Vale,omar@nordvik.test,https://www.linkedin.com/in/omar-vale/,A-1,CFO,decision_maker',
  );
  const imported = await postCsv(h, 'contacts', contacts);
  expect(imported.body.errors).toEqual([]);
  expect(imported.body.summary).toMatchObject({ created: 2, rejected: 0 });
  ingridId = (await h.db.kysely.selectFrom('contacts').select('id').where('team_id', '=', h.teamA).where('external_id', '=', 'C-1').executeTakeFirstOrThrow()).id;

  // A rep's correction: another address of hers, linked to her.
  const alias = await h.request('POST', '/v1/aliases', { json: { ref: { kind: 'email', address: INGRID.aliasEmail }, contactId: ingridId } });
  expect(alias.status).toBe(201);
  const flag = await h.request('POST', '/v1/flags', { json: { entity: 'contact', entityId: ingridId, field: 'title', problem: `${INGRID.name} is COO now`, suggestedValue: 'COO' } });
  expect(flag.status).toBe(201);
  // A flag on her account that names her in its text stays, without her.
  const accountId = (await h.db.kysely.selectFrom('accounts').select('id').where('team_id', '=', h.teamA).where('external_id', '=', 'A-1').executeTakeFirstOrThrow()).id;
  const accountFlag = await h.request('POST', '/v1/flags', { json: { entity: 'account', entityId: accountId, field: 'description', problem: `Outdated since ${INGRID.name} (${INGRID.emails[0]}) left purchasing`, suggestedValue: 'Freight forwarding' } });
  expect(accountFlag.status).toBe(201);

  // Activities: an email about her, and a LinkedIn note keyed by her profile as the extension keys it.
  const activities = [
    { id: '0b7e8f6a-5c4d-4e3f-9a2b-1c0d9e8f7a6b', naturalKey: 'gmail:msg-77f1', type: 'email', subject: `Intro: ${INGRID.name}`, body: `Hi Ingrid, writing to ${INGRID.emails[0]}`, occurredAt: '2026-11-20T15:00:00.000Z', contactId: ingridId, surface: 'gmail' },
    { id: '1c8f9a7b-6d5e-4f40-8b3c-2d1e0f9a8b7c', naturalKey: `linkedin:${INGRID.slug}:linkedin_note:2026-11-21T10:00Z`, type: 'linkedin_message', subject: 'Note', occurredAt: '2026-11-21T10:00:00.000Z', contactId: ingridId, surface: 'linkedin' },
  ];
  const logged = await (await h.request('POST', '/v1/activities', { json: { activities } })).json();
  expect(logged.results.map((r: { status: string }) => r.status)).toEqual(['created', 'created']);

  // Company events and news naming her, and a visit whose URL carries her address, by CSV.
  const events = csv(
    'domain,kind,occurred_at,title,name,round,amount_usd,headline,url',
    `nordvik.test,exec_hire,2026-11-22T18:00:00Z,VP Supply Chain,${INGRID.name},,,,`,
    `brightwater.test,departure,2026-11-02,VP Operations,${INGRID.name},,,,`,
    `brightwater.test,news,2026-11-03,,,,,${INGRID.name} leaves Brightwater for Nordvik,https://news.example/brightwater`,
  );
  expect((await postCsv(h, 'company-events', events)).body.summary).toMatchObject({ created: 3, rejected: 0 });
  const visits = csv('domain,url,page_type,time', `nordvik.test,https://ours.example/pricing?email=${encodeURIComponent(INGRID.emails[0]!)},pricing,2026-11-22T10:00:00Z`);
  expect((await postCsv(h, 'web-visits', visits)).body.summary).toMatchObject({ created: 1, rejected: 0 });

  // A brief stores the account's snapshot (stakeholders, events); the digest is stored for the day.
  const brief = await h.request('POST', '/v1/briefs', { json: { refs: [{ kind: 'linkedin', profileUrl: `https://www.linkedin.com/in/${INGRID.slug}/` }] } });
  expect(brief.status).toBe(200);
  expect(JSON.stringify(await brief.json())).toContain(INGRID.name);
  expect((await h.request('GET', '/v1/digest')).status).toBe(200);
  const stored = await h.db.kysely.selectFrom('digests').select('payload').where('user_id', '=', h.rep.id).executeTakeFirstOrThrow();
  expect(stored.payload).toContain(INGRID.name);
  expect(await h.db.kysely.selectFrom('account_intel').select('account_id').where('team_id', '=', h.teamA).execute()).not.toEqual([]);

  if (dialectUnderTest === 'sqlite') {
    // The scan finds her before the erasure: it reads what it claims to read.
    expect(Object.values(scanDir(await dataDir())).flat()).toEqual(expect.arrayContaining([INGRID.name, INGRID.slug, INGRID.emails[0]]));
    // A second worker has the same files open and has read her (WORKERS=2 shares DATA_DIR).
    secondWorker = await openDatabase({ dataDir: await dataDir() });
    expect(await secondWorker.kysely.selectFrom('contacts').select('name').where('id', '=', ingridId).executeTakeFirst()).toEqual({ name: INGRID.name });
  }

  const erased = await h.request('POST', '/v1/admin/erasures', { token: h.admin.token, json: { email: INGRID.emails[1] } });
  expect(await erased.json()).toMatchObject({ status: 'erased', contactIds: [ingridId] });
});
afterAll(async () => {
  if (dialectUnderTest === 'postgres') await h.close();
});

/** Where each needle is found in a buffer, folding ASCII case. */
function foundIn(bytes: Buffer): string[] {
  const text = bytes.toString('latin1').toLowerCase();
  return needles().filter((needle) => text.includes(Buffer.from(needle.toLowerCase(), 'utf8').toString('latin1')));
}

async function dataDir(): Promise<string> {
  const { rows } = await sql<{ name: string; file: string }>`pragma database_list`.execute(h.db.kysely);
  return path.dirname(rows.find((r) => r.name === 'main')!.file);
}

function scanDir(dir: string): Record<string, string[]> {
  const hits: Record<string, string[]> = {};
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    const found = foundIn(fs.readFileSync(file));
    if (found.length) hits[path.relative(dir, file)] = found;
  }
  return hits;
}

describe('after an erasure', () => {
  it('keeps the flag on her account, without her', async () => {
    const flags = await h.db.kysely.selectFrom('flags').select(['entity', 'problem']).where('team_id', '=', h.teamA).execute();
    expect(flags).toEqual([{ entity: 'account', problem: 'Outdated since [erased] ([erased]) left purchasing' }]);
  });
});

describe.runIf(dialectUnderTest === 'sqlite')('after an erasure, on SQLite', () => {
  it('no file in DATA_DIR holds her name, addresses or profile while the server is still running', async () => {
    const dir = await dataDir();
    expect(fs.readdirSync(dir).some((f) => f.endsWith('.db'))).toBe(true);
    expect(scanDir(dir)).toEqual({});
    // The other worker, still open, reads the erased state and nothing of her.
    expect(await secondWorker!.kysely.selectFrom('contacts').select('name').where('id', '=', ingridId).executeTakeFirst()).toBeUndefined();
    expect(scanDir(dir)).toEqual({});
  });

  it('nor after the server stops', async () => {
    const dir = await dataDir();
    // The colleague's data is still there, so the scan reads real, live files.
    const all = fs.readdirSync(dir).map((f) => fs.readFileSync(path.join(dir, f)).toString('latin1')).join('');
    expect(all).toContain('Omar Vale');
    await secondWorker!.close();
    await h.db.close();
    try {
      expect(scanDir(dir)).toEqual({});
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe.runIf(dialectUnderTest === 'postgres')('after an erasure, on PostgreSQL', () => {
  it('no text or JSON column of any table names her, the audit log included', async () => {
    const k = h.db.kysely;
    const columns = (
      await sql<{ table_name: string; column_name: string }>`
        select c.table_name, c.column_name from information_schema.columns c
        join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
        where c.table_schema = ${h.db.schema!} and t.table_type = 'BASE TABLE'
          and c.data_type in ('text', 'character varying', 'character', 'json', 'jsonb')`.execute(k)
    ).rows;
    expect(columns.map((c) => `${c.table_name}.${c.column_name}`)).toEqual(expect.arrayContaining(['contacts.name', 'events.natural_key', 'audit_log.detail']));
    const hits: string[] = [];
    for (const { table_name: table, column_name: column } of columns) {
      for (const needle of needles()) {
        const { rows } = await sql<{ n: number }>`select count(*) as n from ${sql.table(table)} where strpos(lower(${sql.ref(column)}::text), ${needle.toLowerCase()}) > 0`.execute(k);
        if (Number(rows[0]!.n) > 0) hits.push(`${table}.${column}: ${needle}`);
      }
    }
    expect(hits).toEqual([]);
    // Her colleague is still there: the search reads live data.
    const omar = await sql<{ n: number }>`select count(*) as n from contacts where name = 'Omar Vale'`.execute(k);
    expect(Number(omar.rows[0]!.n)).toBe(1);
  });

  it('the tables the erasure touched were vacuumed after it committed', async () => {
    const { rows } = await sql<{ relname: string; last_vacuum: Date | null }>`
      select relname, last_vacuum from pg_stat_user_tables where schemaname = ${h.db.schema!} and relname in ('contacts', 'contact_emails', 'aliases', 'flags', 'activities', 'events', 'digests', 'account_intel')`.execute(h.db.kysely);
    expect(rows).toHaveLength(8);
    for (const row of rows) expect(row.last_vacuum, row.relname).not.toBeNull();
  });
});
