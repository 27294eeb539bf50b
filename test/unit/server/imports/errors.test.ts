import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { makeHarness, type Harness } from '../harness.ts';
import { ACCOUNTS, countOf, csv, postCsv } from './helpers.ts';

let h: Harness;
beforeAll(async () => {
  h = await makeHarness();
});
afterAll(() => h.close());

const HEADER = 'external_id,name,domains,tier,stage';

describe('a malformed CSV is reported by row and column, and nothing invalid is written', () => {
  beforeEach(async () => {
    // Each test starts from an empty team A.
    for (const table of ['account_domains', 'account_history', 'contact_emails', 'contacts', 'accounts'] as const) {
      await h.db.kysely.deleteFrom(table).where('team_id', '=', h.teamA).execute();
    }
  });

  it('rejects the row with tier 7 (row 3, column tier) and imports the others', async () => {
    const file = csv(HEADER, 'A-1,Acme,acme.com,1,engaged', 'A-2,Bad Tier Inc,badtier.com,7,engaged', 'A-3,Globex,globex.com,2,identified');
    const { status, body } = await postCsv(h, 'accounts', file);
    expect(status).toBe(200);
    expect(body).toMatchObject({ summary: { created: 2, updated: 0, unchanged: 0, rejected: 1 }, totalErrors: 1 });
    expect(body.errors).toEqual([{ row: 3, column: 'tier', message: 'must be one of 1, 2, 3' }]);
    expect(await countOf(h, 'accounts', h.teamA)).toBe(2);
    expect(await countOf(h, 'account_domains', h.teamA)).toBe(2);
    const names = await h.db.kysely.selectFrom('accounts').select('name').where('team_id', '=', h.teamA).execute();
    expect(names.map((n) => n.name)).not.toContain('Bad Tier Inc');
  });

  it('rejects the contact with a bad email (row 4, column emails); its other values are not written either', async () => {
    await postCsv(h, 'accounts', ACCOUNTS);
    const file = csv(
      'external_id,name,emails,account_external_id,title',
      'C-1,Jane Doe,jane@acme.com,A-1,CEO',
      'C-2,Joe Bloggs,joe@acme.com,A-1,CFO',
      'C-3,Bad Email,not-an-email;bad@acme.com,A-1,CTO',
      'C-4,Ann Other,ann@acme.com,A-404,COO',
    );
    const { body } = await postCsv(h, 'contacts', file);
    expect(body.summary).toEqual({ created: 2, updated: 0, unchanged: 0, rejected: 2 });
    expect(body.errors).toEqual([
      { row: 4, column: 'emails', message: 'value 1: not an email address' },
      { row: 5, column: 'account_external_id', message: expect.stringContaining('no account') },
    ]);
    expect(await countOf(h, 'contacts', h.teamA)).toBe(2);
    const emails = await h.db.kysely.selectFrom('contact_emails').select('email').where('team_id', '=', h.teamA).orderBy('email').execute();
    expect(emails.map((e) => e.email)).toEqual(['jane@acme.com', 'joe@acme.com']);
  });

  it('refuses a file with an unknown column before writing anything (422, row 1)', async () => {
    const res = await h.request('POST', '/v1/import/accounts', {
      token: h.admin.token,
      body: csv(`${HEADER},favourite_colour`, 'A-1,Acme,acme.com,1,engaged,blue'),
      headers: { 'content-type': 'text/csv; charset=utf-8' },
    });
    expect(res.status).toBe(422);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(await res.json()).toMatchObject({
      type: '/problems/invalid-csv',
      field: 'row 1, column favourite_colour',
      errors: [{ field: 'row 1, column favourite_colour', message: expect.stringContaining('unknown column') }],
    });
    expect(await countOf(h, 'accounts', h.teamA)).toBe(0);
  });

  it('refuses a file that lacks a required column', async () => {
    const { status, body } = await postCsv(h, 'accounts', csv('external_id,tier', 'A-1,1'));
    expect(status).toBe(422);
    expect(body.errors).toEqual([{ field: 'row 1, column name', message: 'this required column is missing' }]);
  });

  it('refuses unparseable quoting with 422 and writes none of the valid rows before it', async () => {
    const file = csv(HEADER, 'A-1,Acme,acme.com,1,engaged', 'A-2,Glo"bex,globex.com,2,identified', 'A-3,"Initech,initech.com,3,identified');
    const { status, body } = await postCsv(h, 'accounts', file);
    expect(status).toBe(422);
    expect(body.errors).toEqual([{ field: 'row 3, column name', message: expect.stringContaining('quote') }]);
    expect(await countOf(h, 'accounts', h.teamA)).toBe(0);
  });

  it('counts rows like a spreadsheet, even when a quoted value spans lines', async () => {
    const file = csv('external_id,name,description', 'A-1,Acme,"two', 'lines"', 'A-2,,');
    const { body } = await postCsv(h, 'accounts', file);
    expect(body.errors).toEqual([{ row: 3, column: 'name', message: 'is required' }]);
  });

  it('refuses an empty file, and accepts a header with no rows as an import of nothing', async () => {
    expect((await postCsv(h, 'accounts', '')).body.errors).toEqual([{ field: 'row 1', message: 'the file is empty: it needs a header row' }]);
    expect((await postCsv(h, 'accounts', csv(HEADER))).body.summary).toEqual({ created: 0, updated: 0, unchanged: 0, rejected: 0 });
  });

  it('rejects a row with more values than the header', async () => {
    const { body } = await postCsv(h, 'accounts', csv('external_id,name', 'A-1,Acme,extra'));
    expect(body.errors).toEqual([{ row: 2, column: '(row)', message: 'has 3 values; the header has 2' }]);
  });

  it('lists at most 1000 errors and counts them all', async () => {
    const rows = Array.from({ length: 1500 }, (_, i) => `A-${i},Acme ${i},acme${i}.com,9,engaged`);
    const { body } = await postCsv(h, 'accounts', csv(HEADER, ...rows));
    expect(body.summary).toEqual({ created: 0, updated: 0, unchanged: 0, rejected: 1500 });
    expect(body.totalErrors).toBe(1500);
    expect((body.errors as unknown[]).length).toBe(1000);
    expect(await countOf(h, 'accounts', h.teamA)).toBe(0);
  });
});

describe('who may import, and what', () => {
  it('refuses reps and managers (403)', async () => {
    for (const token of [h.rep.token, h.manager.token]) {
      const { status, body } = await postCsv(h, 'accounts', ACCOUNTS, token);
      expect(status).toBe(403);
      expect(body.type).toBe('/problems/forbidden');
    }
  });

  it('answers an unknown entity with a 404 problem', async () => {
    const { status, body } = await postCsv(h, 'leads', ACCOUNTS);
    expect(status).toBe(404);
    expect(body.type).toBe('/problems/not-found');
  });

  it('answers a body that is neither CSV nor JSON with 415', async () => {
    const res = await h.request('POST', '/v1/import/accounts', { token: h.admin.token, body: ACCOUNTS, headers: { 'content-type': 'text/plain' } });
    expect(res.status).toBe(415);
  });

  it('refuses JSON rows with unknown top-level fields', async () => {
    const res = await h.request('POST', '/v1/import/accounts', { token: h.admin.token, json: { rows: [{ name: 'A' }], dryRun: true } });
    expect(res.status).toBe(422);
    expect(await res.json()).toMatchObject({ errors: [{ field: 'dryRun', message: 'unknown field' }] });
  });
});

describe('teams are isolated', () => {
  it('the same external_id in two teams is two records, and one team cannot link to the other\'s accounts', async () => {
    await h.db.kysely.deleteFrom('account_domains').execute();
    await h.db.kysely.deleteFrom('accounts').execute();
    await postCsv(h, 'accounts', csv('external_id,name,domains', 'A-1,Acme (team A),acme.com'));
    const b = await postCsv(h, 'accounts', csv('external_id,name,domains', 'A-1,Acme (team B),acme.com'), h.otherAdmin.token);
    expect(b.body.summary).toMatchObject({ created: 1 });
    const rows = await h.db.kysely.selectFrom('accounts').select(['team_id', 'name']).where('external_id', '=', 'A-1').orderBy('name').execute();
    expect(rows).toEqual([
      { team_id: h.teamA, name: 'Acme (team A)' },
      { team_id: h.teamB, name: 'Acme (team B)' },
    ]);
    await postCsv(h, 'accounts', csv('external_id,name', 'A-2,Only in A'));
    const contact = await postCsv(h, 'contacts', csv('external_id,name,account_external_id', 'C-1,Jane,A-2'), h.otherAdmin.token);
    expect(contact.body.errors).toEqual([{ row: 2, column: 'account_external_id', message: expect.stringContaining('no account') }]);
    expect(await countOf(h, 'contacts', h.teamB)).toBe(0);
  });

  it('an activity id taken by another team is refused without revealing anything', async () => {
    const file = csv('id,occurred_at,subject', '3b241101-e2bb-4255-8caf-4136c566a962,2026-11-20T10:00:00Z,Hello');
    expect((await postCsv(h, 'activities', file)).body.summary).toMatchObject({ created: 1 });
    const other = await postCsv(h, 'activities', file, h.otherAdmin.token);
    expect(other.body.errors).toEqual([{ row: 2, column: 'id', message: 'this id is already taken; generate a new one' }]);
  });
});
