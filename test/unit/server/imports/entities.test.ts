import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeHarness, TEST_NOW, type Harness } from '../harness.ts';
import { ACCOUNTS, csv, postCsv } from './helpers.ts';

let h: Harness;
beforeAll(async () => {
  h = await makeHarness();
  expect((await postCsv(h, 'accounts', ACCOUNTS)).body.summary).toEqual({ created: 2, updated: 0, unchanged: 0, rejected: 0 });
});
afterAll(() => h.close());

const account = (externalId: string) =>
  h.db.kysely.selectFrom('accounts').selectAll().where('team_id', '=', h.teamA).where('external_id', '=', externalId).executeTakeFirstOrThrow();

/** Imports `first`, re-imports it unchanged, then imports `changed` (one row differs). */
async function importTwiceThenChange(entity: string, first: string, changed: string, rows: number) {
  const created = await postCsv(h, entity, first);
  expect(created.status).toBe(200);
  expect(created.body).toMatchObject({ entity, summary: { created: rows, updated: 0, unchanged: 0, rejected: 0 }, errors: [], totalErrors: 0 });
  const again = await postCsv(h, entity, first);
  expect(again.body.summary).toEqual({ created: 0, updated: 0, unchanged: rows, rejected: 0 });
  const update = await postCsv(h, entity, changed);
  expect(update.body.summary).toEqual({ created: 0, updated: 1, unchanged: rows - 1, rejected: 0 });
}

describe('importing each entity from CSV', () => {
  it('imports the target-account list with normalised domains, owner and per-field provenance', async () => {
    const acme = await account('A-1');
    expect(acme).toMatchObject({ name: 'Acme Corp', tier: 1, stage: 'engaged', territory: 'West', owner_id: h.rep.id, employees: 1200, revenue: 50000000, location: 'Austin, TX' });
    const domains = await h.db.kysely.selectFrom('account_domains').select('domain').where('account_id', '=', acme.id).orderBy('domain').execute();
    expect(domains.map((d) => d.domain)).toEqual(['acme.com', 'acme.io']);
    expect(JSON.parse(acme.field_sources).industry).toEqual({ source: 'crm', refreshedAt: '2026-10-01T00:00:00.000Z' });
    const globex = await account('A-2');
    expect(JSON.parse(globex.field_sources)).toEqual({
      industry: { source: 'import:accounts', refreshedAt: TEST_NOW.toISOString() },
      employees: { source: 'import:accounts', refreshedAt: TEST_NOW.toISOString() },
      country: { source: 'import:accounts', refreshedAt: TEST_NOW.toISOString() },
    });
  });

  it('re-importing the account list changes nothing; a stage and tier change is updated and written to history', async () => {
    expect((await postCsv(h, 'accounts', ACCOUNTS)).body.summary).toEqual({ created: 0, updated: 0, unchanged: 2, rejected: 0 });
    const changed = ACCOUNTS.replace('A-2,Globex,www.Globex.com,2,identified', 'A-2,Globex,www.Globex.com,1,evaluating');
    expect((await postCsv(h, 'accounts', changed)).body.summary).toEqual({ created: 0, updated: 1, unchanged: 1, rejected: 0 });
    const globex = await account('A-2');
    expect(globex).toMatchObject({ tier: 1, stage: 'evaluating', stage_set_by: 'import', tier_set_by: 'import' });
    const history = await h.db.kysely.selectFrom('account_history').selectAll().where('account_id', '=', globex.id).orderBy('kind').execute();
    expect(history.map((r) => [r.kind, r.from_value, r.to_value, r.changed_by, r.reason])).toEqual([
      ['stage', 'identified', 'evaluating', 'import', 'imported'],
      ['tier', '2', '1', 'import', 'imported'],
    ]);
    // Putting the original back is a change again, not "unchanged".
    expect((await postCsv(h, 'accounts', ACCOUNTS)).body.summary).toMatchObject({ updated: 1 });
  });

  it('imports contacts linked to accounts, stored as lookups normalise them', async () => {
    const first = csv(
      'external_id,name,emails,linkedin_url,account_external_id,account_domain,title,seniority,department,location,buying_role,tenure_start,past_employers',
      'C-1,Jane Doe,Jane.Doe@ACME.com; jane@acme.io,https://se.linkedin.com/in/Jane-Doe/?trk=x,A-1,,VP Engineering,VP,Engineering,Austin,Champion,2024-03,Initech|Director|2019-01|2024-02;Hooli||2015-06|',
      'C-2,José Núñez,jose@globex.com,,,eu.globex.com,CTO,C-level,,,Decision maker,,,',
    );
    await importTwiceThenChange('contacts', first, first.replace('VP Engineering', 'SVP Engineering'), 2);
    const jane = await h.db.kysely.selectFrom('contacts').selectAll().where('team_id', '=', h.teamA).where('external_id', '=', 'C-1').executeTakeFirstOrThrow();
    expect(jane).toMatchObject({ linkedin_slug: 'jane-doe', title: 'SVP Engineering', buying_role: 'champion', tenure_start: '2024-03', account_id: (await account('A-1')).id });
    expect(JSON.parse(jane.past_employers)).toEqual([
      { company: 'Initech', title: 'Director', from: '2019-01', to: '2024-02' },
      { company: 'Hooli', from: '2015-06' },
    ]);
    expect(JSON.parse(jane.field_sources).title).toEqual({ source: 'import:contacts', refreshedAt: TEST_NOW.toISOString() });
    const emails = await h.db.kysely.selectFrom('contact_emails').select('email').where('contact_id', '=', jane.id).orderBy('email').execute();
    expect(emails.map((e) => e.email)).toEqual(['jane.doe@acme.com', 'jane@acme.io']);
    const jose = await h.db.kysely.selectFrom('contacts').selectAll().where('team_id', '=', h.teamA).where('external_id', '=', 'C-2').executeTakeFirstOrThrow();
    // eu.globex.com finds the account that owns globex.com, as resolution would.
    expect(jose).toMatchObject({ name_key: 'jose nunez', buying_role: 'decision_maker', account_id: (await account('A-2')).id });
  });

  it('imports deals; stage and close-date changes are written to deal history', async () => {
    const first = csv(
      'external_id,account_external_id,account_domain,name,stage,amount,currency,close_date,forecast_category,next_step,competitor,owner_email',
      'D-1,A-1,,Acme expansion,Discovery,120000,usd,2026-12-31,best_case,Send proposal,Globex,rep@a.test',
      'D-2,,globex.com,Globex pilot,,5000,,,,,,',
    );
    await importTwiceThenChange('deals', first, first.replace('Discovery,120000,usd,2026-12-31', 'Closed Won,120000,usd,2027-01-31'), 2);
    const deal = await h.db.kysely.selectFrom('deals').selectAll().where('team_id', '=', h.teamA).where('external_id', '=', 'D-1').executeTakeFirstOrThrow();
    expect(deal).toMatchObject({ stage: 'closed_won', currency: 'USD', amount: 120000, forecast_category: 'best_case', owner_id: h.rep.id });
    const history = await h.db.kysely.selectFrom('deal_history').selectAll().where('deal_id', '=', deal.id).orderBy('field').execute();
    expect(history.map((r) => [r.field, r.from_value, r.to_value])).toEqual([
      ['close_date', '2026-12-31', '2027-01-31'],
      ['stage', 'discovery', 'closed_won'],
    ]);
    const pilot = await h.db.kysely.selectFrom('deals').selectAll().where('team_id', '=', h.teamA).where('external_id', '=', 'D-2').executeTakeFirstOrThrow();
    expect(pilot).toMatchObject({ stage: 'qualification', forecast_category: 'pipeline', currency: 'USD' });
  });

  it('imports technologies per account and tool', async () => {
    const first = csv(
      'account_external_id,account_domain,name,category,competitor,added_at,removed_at,source,refreshed_at',
      'A-1,,Salesforce,CRM,false,2025-01-01,,builtwith,2026-11-01',
      ',acme.com,Globex CRM,CRM,yes,2026-10-15,,,',
    );
    await importTwiceThenChange('technologies', first, first.replace('2025-01-01,,builtwith', '2025-01-01,2026-11-20,builtwith'), 2);
    const rows = await h.db.kysely.selectFrom('technologies').selectAll().where('team_id', '=', h.teamA).orderBy('name').execute();
    expect(rows.map((t) => [t.name, t.competitor, t.removed_at, t.source])).toEqual([
      ['Globex CRM', 1, null, 'import:technologies'],
      ['Salesforce', 0, '2026-11-20T00:00:00.000Z', 'builtwith'],
    ]);
  });

  it('imports intent scores as intent events shaped like shared/events.ts', async () => {
    const first = csv('domain,topic,score,week', 'acme.com,Sales Intelligence,72,2026-11-16', 'globex.com,CRM,40.5,2026-11-16');
    await importTwiceThenChange('intent', first, first.replace(',72,', ',81,'), 2);
    const event = await h.db.kysely.selectFrom('events').selectAll().where('team_id', '=', h.teamA).where('kind', '=', 'intent').orderBy('id').executeTakeFirstOrThrow();
    expect(event).toMatchObject({ account_id: (await account('A-1')).id, occurred_at: '2026-11-16T00:00:00.000Z', source: 'import:intent' });
    expect(JSON.parse(event.data)).toEqual({ topic: 'Sales Intelligence', score: 81, week: '2026-11-16' });
  });

  it('imports web visits (http and https only)', async () => {
    const first = csv('domain,url,page_type,time', 'acme.com,https://ours.example/pricing,Pricing,2026-11-22T10:00:00Z', 'www.globex.com,https://ours.example/docs,,2026-11-22T12:00:00+01:00');
    await importTwiceThenChange('web-visits', first, first.replace('Pricing', 'demo'), 2);
    const visits = await h.db.kysely.selectFrom('events').select(['data', 'occurred_at']).where('team_id', '=', h.teamA).where('kind', '=', 'web_visit').orderBy('occurred_at').execute();
    expect(visits.map((v) => [v.occurred_at, JSON.parse(v.data)])).toEqual([
      ['2026-11-22T10:00:00.000Z', { url: 'https://ours.example/pricing', pageType: 'demo' }],
      ['2026-11-22T11:00:00.000Z', { url: 'https://ours.example/docs', pageType: 'other' }],
    ]);
    const ftp = await postCsv(h, 'web-visits', csv('domain,url,time', 'acme.com,ftp://ours.example/file,2026-11-22T10:00:00Z'));
    expect(ftp.body.errors).toEqual([{ row: 2, column: 'url', message: 'must be an http or https URL' }]);
  });

  it('imports company events: funding, hires and news', async () => {
    const first = csv(
      'domain,kind,occurred_at,title,name,round,amount_usd,headline,url',
      'acme.com,funding,2026-11-01,,,Series D,40000000,,',
      'acme.com,exec_hire,2026-11-10,VP Sales,Pat Lee,,,,',
      'globex.com,news,2026-11-12,,,,,Globex opens a Berlin office,https://news.example/globex',
    );
    await importTwiceThenChange('company-events', first, first.replace('40000000', '45000000'), 3);
    const events = await h.db.kysely.selectFrom('events').select(['kind', 'data']).where('team_id', '=', h.teamA).where('source', '=', 'import:company-events').orderBy('occurred_at').execute();
    expect(events.map((e) => [e.kind, JSON.parse(e.data)])).toEqual([
      ['funding', { round: 'Series D', amountUsd: 45000000 }],
      ['exec_hire', { name: 'Pat Lee', title: 'VP Sales' }],
      ['news', { headline: 'Globex opens a Berlin office', url: 'https://news.example/globex' }],
    ]);
  });

  it('imports activities through the ledger rules: a replay is unchanged, a changed payload is refused', async () => {
    const first = csv(
      'id,natural_key,type,subject,occurred_at,contact_external_id,contact_email,account_external_id,account_domain,owner_email',
      '0f8fad5b-d9cb-469f-a165-70867728950e,gmail:abc,email,Intro,2026-11-20T10:00:00Z,C-1,,,,rep@a.test',
      '7c9e6679-7425-40de-944b-e07fc1f90ae7,,call,Discovery call,2026-11-21T15:30:00+01:00,,jose@globex.com,,,',
    );
    expect((await postCsv(h, 'activities', first)).body.summary).toEqual({ created: 2, updated: 0, unchanged: 0, rejected: 0 });
    expect((await postCsv(h, 'activities', first)).body.summary).toEqual({ created: 0, updated: 0, unchanged: 2, rejected: 0 });
    const changed = await postCsv(h, 'activities', first.replace('Intro', 'Introduction'));
    expect(changed.body.summary).toEqual({ created: 0, updated: 0, unchanged: 1, rejected: 1 });
    expect(changed.body.errors).toEqual([{ row: 2, column: 'id', message: expect.stringContaining('different values') }]);
    const acme = await account('A-1');
    expect(acme).toMatchObject({ last_touch_at: '2026-11-20T10:00:00.000Z', last_touch_type: 'email', last_touch_by: h.rep.id });
    const call = await h.db.kysely.selectFrom('activities').selectAll().where('id', '=', '7c9e6679-7425-40de-944b-e07fc1f90ae7').executeTakeFirstOrThrow();
    expect(call).toMatchObject({ occurred_at: '2026-11-21T14:30:00.000Z', surface: 'import', account_id: (await account('A-2')).id });
  });

  it('accepts the same columns as JSON rows', async () => {
    const res = await h.request('POST', '/v1/import/accounts', {
      token: h.admin.token,
      json: { rows: [{ external_id: 'A-9', name: 'Initech', tier: 3, domains: 'initech.com' }, { external_id: 'A-10', name: 'Hooli', tier: 9, domains: 'hooli.com' }] },
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ summary: { created: 1, rejected: 1 }, errors: [{ row: 3, column: 'tier' }] });
    expect((await account('A-9')).tier).toBe(3);
  });
});
