/**
 * Erasure sticks through imports: a CSV that still lists an erased person does not bring them
 * back (rows rejected by row and column, nothing written), unless the admin says so explicitly.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAdmin } from '../../../../server/cli/admin.ts';
import { makeHarness, TEST_NOW, type Harness } from '../harness.ts';
import { ACCOUNTS, countOf, csv, postCsv } from './helpers.ts';

let h: Harness;
const HEADER = 'external_id,name,emails,linkedin_url,account_external_id,title';
const JANE = 'C-1,Jane Doe,Jane.Doe@ACME.com; jane@acme.io,https://www.linkedin.com/in/jane-doe/,A-1,VP Engineering';
const OMAR = 'C-2,Omar Vale,omar@acme.com,,A-1,CTO';
const CONTACTS = csv(HEADER, JANE, OMAR);

const contactByEmail = (email: string) =>
  h.db.kysely
    .selectFrom('contact_emails')
    .select('contact_id')
    .where('team_id', '=', h.teamA)
    .where('email', '=', email)
    .executeTakeFirst();

beforeAll(async () => {
  h = await makeHarness();
  expect((await postCsv(h, 'accounts', ACCOUNTS)).body.summary).toMatchObject({ created: 2 });
  expect((await postCsv(h, 'contacts', CONTACTS)).body.summary).toEqual({ created: 2, updated: 0, unchanged: 0, rejected: 0 });
  h.clock.now = new Date('2026-11-02T16:30:00.000Z');
  const erased = await h.request('POST', '/v1/admin/erasures', { token: h.admin.token, json: { email: 'jane@acme.io' } });
  expect(await erased.json()).toMatchObject({ status: 'erased' });
  h.clock.now = new Date(TEST_NOW);
});
afterAll(() => h.close());

const ERASED = 'this person was erased on 2026-11-02 and is not re-imported';

describe('importing contacts after an erasure', () => {
  it('a re-import of the same CSV creates nothing for her and says why, by row and column', async () => {
    const before = await countOf(h, 'contacts', h.teamA);
    const again = await postCsv(h, 'contacts', CONTACTS);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ summary: { created: 0, updated: 0, unchanged: 1, rejected: 1 }, totalErrors: 1 });
    // Her CRM id is checked first, as it is matched first.
    expect(again.body.errors).toEqual([{ row: 2, column: 'external_id', message: ERASED }]);
    expect(await countOf(h, 'contacts', h.teamA)).toBe(before);
    expect(await contactByEmail('jane.doe@acme.com')).toBeUndefined();
    expect(await contactByEmail('jane@acme.io')).toBeUndefined();
  });

  it('any one of her keys is enough: one email alone, the LinkedIn URL in another spelling, or her CRM id alone', async () => {
    const rows = csv(HEADER, 'C-9,J. Doe,JANE@acme.io,,A-1,', 'C-8,Jane D,,se.linkedin.com/in/Jane-Doe?trk=x,A-1,', 'C-1,Jane Doe,,,A-1,');
    const res = await postCsv(h, 'contacts', rows);
    expect(res.body.summary).toMatchObject({ created: 0, rejected: 3 });
    expect(res.body.errors).toEqual([
      { row: 2, column: 'emails', message: ERASED },
      { row: 3, column: 'linkedin_url', message: ERASED },
      { row: 4, column: 'external_id', message: ERASED },
    ]);
  });

  it('her address is not added to another contact either', async () => {
    const res = await postCsv(h, 'contacts', csv(HEADER, 'C-2,Omar Vale,omar@acme.com; jane.doe@acme.com,,A-1,CTO'));
    expect(res.body).toMatchObject({ summary: { updated: 0, rejected: 1 }, errors: [{ row: 2, column: 'emails', message: ERASED }] });
    expect(await contactByEmail('jane.doe@acme.com')).toBeUndefined();
  });

  it('a different person at the same company still imports', async () => {
    const res = await postCsv(h, 'contacts', csv(HEADER, 'C-3,Pat Rowe,pat@acme.com,https://www.linkedin.com/in/pat-rowe/,A-1,CFO'));
    expect(res.body).toMatchObject({ summary: { created: 1, rejected: 0 }, errors: [] });
    expect(await contactByEmail('pat@acme.com')).toBeDefined();
  });

  it('another team holding her is not affected', async () => {
    expect((await postCsv(h, 'accounts', csv('external_id,name,domains', 'A-1,Acme Corp,acme.com'), h.otherAdmin.token)).body.summary).toMatchObject({ created: 1 });
    expect((await postCsv(h, 'contacts', CONTACTS, h.otherAdmin.token)).body.summary).toMatchObject({ created: 2, rejected: 0 });
  });

  it('refuses an unknown or misspelt import option, naming it', async () => {
    for (const query of ['readmitErased=yes', 'readmit=true']) {
      const res = await h.request('POST', `/v1/import/contacts?${query}`, { token: h.admin.token, body: CONTACTS, headers: { 'content-type': 'text/csv' } });
      expect(res.status, query).toBe(422);
      expect(JSON.stringify(await res.json()), query).toMatch(/readmit/);
    }
    expect(await contactByEmail('jane@acme.io')).toBeUndefined();
  });

  it('an admin re-adds her knowingly with ?readmitErased=true, which lifts her erasure', async () => {
    const res = await h.request('POST', '/v1/import/contacts?readmitErased=true', { token: h.admin.token, body: CONTACTS, headers: { 'content-type': 'text/csv' } });
    expect(await res.json()).toMatchObject({ summary: { created: 1, unchanged: 1, rejected: 0 }, errors: [] });
    expect(await contactByEmail('jane@acme.io')).toBeDefined();
    expect(await h.db.kysely.selectFrom('erased_keys').select('key_hash').where('team_id', '=', h.teamA).execute()).toEqual([]);
    // From now on she is an ordinary contact: a plain re-import finds her unchanged.
    expect((await postCsv(h, 'contacts', CONTACTS)).body.summary).toEqual({ created: 0, updated: 0, unchanged: 2, rejected: 0 });
    const log = await (await h.request('GET', '/v1/admin/audit?limit=500', { token: h.admin.token })).json();
    const readmits = log.entries.filter((e: { action: string; detail: { readmitErased?: boolean } }) => e.action === 'import.contacts' && e.detail.readmitErased);
    expect(readmits).toHaveLength(1);
  });

  it('the admin CLI rejects her the same way, and re-adds her only with --readmit-erased', async () => {
    const erased = await h.request('POST', '/v1/admin/erasures', { token: h.admin.token, json: { linkedin: 'linkedin.com/in/jane-doe' } });
    expect(await erased.json()).toMatchObject({ status: 'erased' });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sh-erased-'));
    const file = path.join(dir, 'contacts.csv');
    fs.writeFileSync(file, CONTACTS);
    const admin = async (...argv: string[]) => {
      const out: string[] = [];
      const code = await runAdmin(argv, { db: h.db, now: () => h.clock.now, io: { out: (l) => out.push(l), err: () => {} } });
      return { code, out: out.join('\n') };
    };
    try {
      const plain = await admin('import', 'contacts', file, '--team', h.teamA);
      expect(plain.code).toBe(1);
      expect(plain.out).toContain('0 created, 0 updated, 1 unchanged, 1 rejected');
      expect(plain.out).toContain('row 2, column external_id: this person was erased on 2026-11-23 and is not re-imported');
      expect(await contactByEmail('jane@acme.io')).toBeUndefined();
      const readmit = await admin('import', 'contacts', file, '--team', h.teamA, '--readmit-erased');
      expect(readmit).toMatchObject({ code: 0 });
      expect(readmit.out).toContain('1 created, 0 updated, 1 unchanged, 0 rejected');
      expect(await contactByEmail('jane@acme.io')).toBeDefined();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
