/**
 * Issue 9 item 10: a free-mail domain in an account's domain list is left out with a warning;
 * the account is imported with its other domains, and so are its contacts.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MAX_LISTED_ERRORS } from '../../../../server/ingest/csv/types.ts';
import { makeHarness, type Harness } from '../harness.ts';
import { countOf, csv, postCsv } from './helpers.ts';

let h: Harness;
beforeAll(async () => {
  h = await makeHarness();
});
afterAll(() => h.close());

beforeEach(async () => {
  for (const table of ['contact_emails', 'contacts', 'account_domains', 'account_history', 'accounts'] as const) {
    await h.db.kysely.deleteFrom(table).where('team_id', '=', h.teamA).execute();
  }
});

const domainsOf = async () =>
  (await h.db.kysely.selectFrom('account_domains').select('domain').where('team_id', '=', h.teamA).orderBy('domain').execute()).map((r) => r.domain);

describe('an account whose domains include a free-mail one', () => {
  it('imports lindqvistradgivning.se;gmail.com without gmail.com, warns on that row and cell, and its contacts import', async () => {
    const accounts = await postCsv(
      h,
      'accounts',
      csv('external_id,name,domains', 'A-1,Acme,acme.com', 'A-2,Lindqvist Rådgivning,lindqvistradgivning.se;gmail.com'),
    );
    expect(accounts.status).toBe(200);
    expect(accounts.body).toMatchObject({
      summary: { created: 2, updated: 0, unchanged: 0, rejected: 0 },
      errors: [],
      totalErrors: 0,
      warnings: [{ row: 3, column: 'domains', message: expect.stringContaining('left out gmail.com') }],
      totalWarnings: 1,
    });
    expect(await domainsOf()).toEqual(['acme.com', 'lindqvistradgivning.se']);

    const contacts = await postCsv(
      h,
      'contacts',
      csv('external_id,name,emails,account_external_id', 'C-1,Karin Lindqvist,karin@lindqvistradgivning.se,A-2', 'C-2,Per Lindqvist,per.lindqvist@gmail.com,A-2'),
    );
    expect(contacts.body).toMatchObject({ summary: { created: 2, rejected: 0 }, totalErrors: 0 });
    expect(await countOf(h, 'contacts', h.teamA)).toBe(2);
  });

  it('finds the account again by its company domain on a re-import, and says so again', async () => {
    const file = csv('name,domains', 'Lindqvist Rådgivning,gmail.com; Lindqvistradgivning.se');
    await postCsv(h, 'accounts', file);
    const again = await postCsv(h, 'accounts', file);
    expect(again.body).toMatchObject({ summary: { created: 0, unchanged: 1, rejected: 0 }, totalWarnings: 1 });
    expect(await countOf(h, 'accounts', h.teamA)).toBe(1);
  });

  it('still refuses a row whose only domain is free-mail and has no external id (nothing would find it again)', async () => {
    const { body } = await postCsv(h, 'accounts', csv('name,domains', 'Solo Consulting,gmail.com'));
    expect(body).toMatchObject({ summary: { created: 0, rejected: 1 }, totalWarnings: 0 });
    expect(body.errors).toEqual([{ row: 2, column: 'external_id', message: expect.stringContaining('a free-mail domain does not count') }]);
  });

  it('lists at most 1000 warnings and counts them all', async () => {
    const rows = Array.from({ length: 1200 }, (_, i) => `A-${i},Firm ${i},firm${i}.se;hotmail.com`);
    const { body } = await postCsv(h, 'accounts', csv('external_id,name,domains', ...rows));
    expect(body).toMatchObject({ summary: { created: 1200, rejected: 0 }, totalWarnings: 1200 });
    expect(body.warnings).toHaveLength(MAX_LISTED_ERRORS);
  });

  it('accepts the same list as JSON rows, with the warning', async () => {
    const res = await h.request('POST', '/v1/import/accounts', {
      token: h.admin.token,
      json: { rows: [{ external_id: 'A-9', name: 'Lindqvist', domains: 'lindqvistradgivning.se;gmail.com' }] },
    });
    expect(await res.json()).toMatchObject({ summary: { created: 1 }, warnings: [{ row: 2, column: 'domains' }] });
  });
});
