/**
 * Contacts' phone numbers from the contacts import: a `phones` column of several numbers separated
 * as emails are, normalised to E.164 when the number has its country code or the account's country
 * is known, kept as typed otherwise; a bad number is reported by row and column; the brief shows
 * them with their source and refresh date like any contact field. Both dialects.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Brief } from '../../../../shared/brief.ts';
import { makeHarness, TEST_NOW, type Harness } from '../harness.ts';
import { csv, postCsv } from './helpers.ts';

let h: Harness;
beforeAll(async () => {
  h = await makeHarness();
  const accounts = csv('external_id,name,domains,country', 'S-1,Swedbank,swedbank.se,SE', 'U-1,Unplaced,unplaced.example,');
  expect((await postCsv(h, 'accounts', accounts)).body.summary).toMatchObject({ created: 2, rejected: 0 });
});
afterAll(() => h.close());

const phonesOf = async (externalId: string) => {
  const row = await h.db.kysely.selectFrom('contacts').select(['phones', 'field_sources']).where('team_id', '=', h.teamA).where('external_id', '=', externalId).executeTakeFirstOrThrow();
  return { phones: JSON.parse(row.phones) as string[], source: (JSON.parse(row.field_sources) as Record<string, unknown>).phones };
};

describe('importing contacts’ phone numbers', () => {
  it('normalises to E.164 with the account’s country, keeps as typed without one, and records where they came from', async () => {
    const file = csv(
      'external_id,name,account_external_id,phones,linkedin_url',
      'P-1,Erik Holm,S-1,070-123 45 67; +46 8 555 000 11,https://www.linkedin.com/in/erik-holm/',
      'P-2,Nova Ek,U-1,070-765 43 21,',
    );
    expect((await postCsv(h, 'contacts', file)).body).toMatchObject({ summary: { created: 2, rejected: 0 }, errors: [] });
    expect(await phonesOf('P-1')).toEqual({ phones: ['+46701234567', '+46855500011'], source: { source: 'import:contacts', refreshedAt: TEST_NOW.toISOString() } });
    expect((await phonesOf('P-2')).phones).toEqual(['070-765 43 21']);
    // The same file again changes nothing.
    expect((await postCsv(h, 'contacts', file)).body.summary).toMatchObject({ unchanged: 2 });
  });

  it('reports a number that is not one by its row and column, naming which of the list', async () => {
    const file = csv('external_id,name,account_external_id,phones', 'P-3,Bad Number,S-1,+46 70 123 45 67;call me');
    const { body } = await postCsv(h, 'contacts', file);
    expect(body.summary).toMatchObject({ created: 0, rejected: 1 });
    expect(body.errors).toEqual([{ row: 2, column: 'phones', message: 'value 2: must be a phone number: digits, spaces and + - ( ) . only' }]);
  });

  it('the brief shows the numbers with their provenance, and the stakeholder map with them', async () => {
    const res = await h.request('POST', '/v1/briefs', { token: h.rep.token, json: { refs: [{ kind: 'linkedin', profileUrl: 'https://www.linkedin.com/in/erik-holm/' }] } });
    const brief = Brief.parse(((await res.json()) as { briefs: unknown[] }).briefs[0]);
    expect(brief.contact!.phones).toEqual({ value: ['+46701234567', '+46855500011'], source: 'import:contacts', refreshedAt: TEST_NOW.toISOString(), stale: false });
    // On the account's stakeholder map too, so a next step about them can call them.
    expect(brief.stakeholders.find((s) => s.name === 'Erik Holm')?.phones).toEqual(['+46701234567', '+46855500011']);
  });
});
