/**
 * GET /v1/admin/freshness: a hand-written team's provenance counted per source against each
 * source's refresh cadence and the 180-day stale age, on a fixed clock; an admin's cadence
 * override changes the answer; only the caller's team is read. Runs on both dialects.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshnessReport, type FreshnessReport } from '../../../../server/admin/freshness-report.ts';
import { DEFAULT_SETTINGS } from '../../../../server/intel/settings.ts';
import { makeHarness, type Harness } from '../harness.ts';

const DAY = 86_400_000;

describe('GET /v1/admin/freshness', () => {
  let h: Harness;
  let ago: (days: number) => string;
  const report = async (url = '/v1/admin/freshness', token = h.admin.token) => {
    const res = await h.request('GET', url, { token });
    expect(res.status).toBe(200);
    return (await res.json()) as FreshnessReport;
  };

  beforeAll(async () => {
    h = await makeHarness();
    ago = (days: number) => new Date(h.clock.now.getTime() - days * DAY).toISOString();
    const stamp = { stage: 'identified', created_at: ago(400), updated_at: ago(1) };
    const sources = (fields: Record<string, { source: string; refreshedAt: string | null }>) => JSON.stringify(fields);
    await h.db.kysely
      .insertInto('accounts')
      .values([
        {
          id: 'acc_1',
          team_id: h.teamA,
          name: 'Northwind',
          ...stamp,
          field_sources: sources({
            industry: { source: 'firmographics', refreshedAt: ago(100) },
            employees: { source: 'firmographics', refreshedAt: ago(200) },
            description: { source: 'enrichment', refreshedAt: ago(10) },
          }),
        },
        {
          id: 'acc_2',
          team_id: h.teamA,
          name: 'Contoso',
          ...stamp,
          field_sources: sources({ industry: { source: 'crm', refreshedAt: ago(31) }, country: { source: 'import:accounts', refreshedAt: null } }),
        },
        { id: 'acc_3', team_id: h.teamA, name: 'Fabrikam', ...stamp, field_sources: '{}' },
        { id: 'acc_b', team_id: h.teamB, name: 'Globex Target', ...stamp, field_sources: sources({ industry: { source: 'firmographics', refreshedAt: ago(400) } }) },
      ])
      .execute();
    await h.db.kysely
      .insertInto('contacts')
      .values({
        id: 'con_1',
        team_id: h.teamA,
        account_id: 'acc_1',
        name: 'Dana Scully',
        name_key: 'dana scully',
        past_employers: '[]',
        created_at: ago(400),
        updated_at: ago(1),
        field_sources: sources({ title: { source: 'crm', refreshedAt: ago(5) }, location: { source: 'linkedin', refreshedAt: ago(45) } }),
      })
      .execute();
    const tech = (teamId: string, accountId: string, name: string, source: string | null, refreshedAt: string | null, removedAt: string | null = null) => ({
      team_id: teamId,
      account_id: accountId,
      name,
      category: null,
      competitor: 0,
      added_at: ago(500),
      removed_at: removedAt,
      source,
      refreshed_at: refreshedAt,
    });
    await h.db.kysely
      .insertInto('technologies')
      .values([
        tech(h.teamA, 'acc_1', 'Salesforce', 'technographics', ago(95)),
        // Removed: history, not something to refresh.
        tech(h.teamA, 'acc_1', 'HubSpot', 'technographics', ago(300), ago(200)),
        // No provenance at all: not tracked.
        tech(h.teamA, 'acc_2', 'Segment', null, null),
        tech(h.teamB, 'acc_b', 'Marketo', 'technographics', ago(300)),
      ])
      .execute();
  });
  afterAll(async () => {
    await h?.close();
  });

  it('counts each source against its cadence and the stale age, and lists the most overdue first', async () => {
    const body = await report();
    const row = (source: string, cadenceDays: number, fields: number, due: number, stale: number, unknownAge: number, oldest: number | null) => ({
      source,
      cadenceDays,
      fields,
      due,
      stale,
      unknownAge,
      oldestRefreshedAt: oldest === null ? null : ago(oldest),
    });
    expect(body.staleAfterDays).toBe(180);
    expect(body.sources).toEqual([
      row('crm', 30, 2, 1, 0, 0, 31),
      row('enrichment', 90, 1, 0, 0, 0, 10),
      row('firmographics', 90, 2, 2, 1, 0, 200),
      row('import:accounts', 90, 1, 0, 0, 1, null),
      row('linkedin', 30, 1, 1, 0, 0, 45),
      row('technographics', 90, 1, 1, 0, 0, 95),
    ]);
    expect(body.dueTotal).toBe(5);
    expect(body.overdue.map((o) => [o.entity, o.id, o.name, o.field, o.source, o.daysOverdue])).toEqual([
      ['account', 'acc_1', 'Northwind', 'employees', 'firmographics', 110],
      ['contact', 'con_1', 'Dana Scully', 'location', 'linkedin', 15],
      ['account', 'acc_1', 'Northwind', 'industry', 'firmographics', 10],
      ['account', 'acc_1', 'Northwind', 'technologies.Salesforce', 'technographics', 5],
      ['account', 'acc_2', 'Contoso', 'industry', 'crm', 1],
    ]);
    expect(body.overdue[0]!.refreshedAt).toBe(ago(200));
  });

  it('reads the same whatever the page size (keyset pages across accounts, contacts and technologies)', async () => {
    const whole = await freshnessReport(h.db.kysely, h.teamA, DEFAULT_SETTINGS, h.clock.now, 50);
    expect(whole.dueTotal).toBe(5);
    expect(await freshnessReport(h.db.kysely, h.teamA, DEFAULT_SETTINGS, h.clock.now, 50, 1)).toEqual(whole);
    expect(await freshnessReport(h.db.kysely, h.teamA, DEFAULT_SETTINGS, h.clock.now, 50, 2)).toEqual(whole);
  });

  it('bounds the list by limit but not the counts', async () => {
    const body = await report('/v1/admin/freshness?limit=2');
    expect(body.overdue.map((o) => [o.id, o.field])).toEqual([
      ['acc_1', 'employees'],
      ['con_1', 'location'],
    ]);
    expect(body.dueTotal).toBe(5);
  });

  it('reads only the caller’s team', async () => {
    const body = await report('/v1/admin/freshness', h.otherAdmin.token);
    expect(body.sources.map((s) => [s.source, s.fields, s.due, s.stale])).toEqual([
      ['firmographics', 1, 1, 1],
      ['technographics', 1, 1, 1],
    ]);
    expect(body.overdue.map((o) => o.id)).toEqual(['acc_b', 'acc_b']);
  });

  it('refuses reps and managers, an unknown query field and a limit out of range', async () => {
    expect((await h.request('GET', '/v1/admin/freshness', { token: h.rep.token })).status).toBe(403);
    expect((await h.request('GET', '/v1/admin/freshness', { token: h.manager.token })).status).toBe(403);
    const unknown = await h.request('GET', '/v1/admin/freshness?limit=5&since=2026-01-01', { token: h.admin.token });
    expect(unknown.status).toBe(422);
    expect(unknown.headers.get('content-type')).toContain('application/problem+json');
    expect(((await unknown.json()) as { errors: { field: string }[] }).errors.map((e) => e.field)).toContain('since');
    expect((await h.request('GET', '/v1/admin/freshness?limit=0', { token: h.admin.token })).status).toBe(422);
    expect((await h.request('GET', '/v1/admin/freshness?limit=501', { token: h.admin.token })).status).toBe(422);
  });

  it('follows an admin’s cadence override, refusing one out of range by its field', async () => {
    const bad = await h.request('PUT', '/v1/admin/settings/intel', { token: h.admin.token, json: { freshness: { cadenceDays: { crm: 0 } } } });
    expect(bad.status).toBe(422);
    expect(((await bad.json()) as { errors: { field: string }[] }).errors[0]!.field).toBe('freshness.cadenceDays.crm');
    const put = await h.request('PUT', '/v1/admin/settings/intel', { token: h.admin.token, json: { freshness: { cadenceDays: { firmographics: 365, crm: 60 } } } });
    expect(put.status).toBe(200);
    const body = await report();
    expect(body.sources.filter((s) => s.source === 'crm' || s.source === 'firmographics').map((s) => [s.source, s.cadenceDays, s.due, s.stale])).toEqual([
      ['crm', 60, 0, 0],
      // Stale is still the 180-day rule, whatever the cadence.
      ['firmographics', 365, 0, 1],
    ]);
    expect(body.dueTotal).toBe(2);
    expect(body.overdue.map((o) => o.field)).toEqual(['location', 'technologies.Salesforce']);
    // The other team's cadences are its own.
    expect((await report('/v1/admin/freshness', h.otherAdmin.token)).sources[0]).toMatchObject({ source: 'firmographics', cadenceDays: 90, due: 1 });
  });
});
