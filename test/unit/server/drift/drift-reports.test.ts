/**
 * Selector drift reports over HTTP: `POST /v1/drift-reports` (any user) adds a rep's tallies;
 * `GET /v1/admin/drift-reports` (admins) groups the team's by site, selector and version.
 * Runs on SQLite, and on PostgreSQL with TEST_DATABASE_URL.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DriftReportsAnswer, DriftSummaries, type DriftReport } from '../../../../shared/drift.ts';
import { makeHarness, TEST_NOW, type Harness } from '../harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await makeHarness();
});
afterAll(() => h.close());
beforeEach(async () => {
  await h.db.kysely.deleteFrom('drift_reports').execute();
  h.clock.now = new Date(TEST_NOW);
});

// TEST_NOW is 2026-11-23T09:00Z.
const report = (over: Partial<Record<keyof DriftReport, unknown>> & Record<string, unknown> = {}) => ({
  site: 'linkedin',
  pageKind: 'profile',
  selector: 'profile.name',
  extensionVersion: '0.4.1',
  day: '2026-11-23',
  count: 3,
  ...over,
});

interface ProblemBody {
  type: string;
  field?: string;
  errors?: { field: string; message: string }[];
}

async function send(reports: unknown[], token = h.rep.token, extra: Record<string, unknown> = {}) {
  const res = await h.request('POST', '/v1/drift-reports', { json: { reports, ...extra }, token });
  return { status: res.status, contentType: res.headers.get('content-type'), body: (await res.json()) as ProblemBody & { accepted?: number } };
}

async function summaries(query = '', token = h.admin.token) {
  const res = await h.request('GET', `/v1/admin/drift-reports${query}`, { token });
  expect(res.status).toBe(200);
  return DriftSummaries.parse(await res.json());
}

describe('POST /v1/drift-reports', () => {
  it("takes a rep's tally of a selector that stopped matching and shows it to the team's admin", async () => {
    const sent = await send([report()]);
    expect(sent.status).toBe(200);
    expect(DriftReportsAnswer.parse(sent.body)).toEqual({ accepted: 1 });
    expect((await summaries()).reports).toEqual([
      {
        site: 'linkedin',
        selector: 'profile.name',
        extensionVersion: '0.4.1',
        pageKinds: ['profile'],
        count: 3,
        firstDay: '2026-11-23',
        lastDay: '2026-11-23',
        firstSeenAt: TEST_NOW.toISOString(),
        lastSeenAt: TEST_NOW.toISOString(),
        reporters: 1,
      },
    ]);
  });

  it('adds a later tally of the same selector, day and rep to the count, keeping when it was first seen', async () => {
    await send([report({ count: 2 })]);
    h.clock.now = new Date('2026-11-23T15:00:00.000Z');
    // Twice in one request too: added up before the upsert.
    expect((await send([report({ count: 5 }), report({ count: 1 })])).status).toBe(200);
    const [only] = (await summaries()).reports;
    expect(only).toMatchObject({ count: 8, reporters: 1, firstSeenAt: TEST_NOW.toISOString(), lastSeenAt: '2026-11-23T15:00:00.000Z' });
    const rows = await h.db.kysely.selectFrom('drift_reports').selectAll().execute();
    expect(rows).toHaveLength(1);
  });

  it('stores only the names, the version, the day and the count: nothing from the page', async () => {
    await send([report()]);
    const rows = await h.db.kysely.selectFrom('drift_reports').selectAll().execute();
    expect(rows).toEqual([
      {
        team_id: h.teamA,
        site: 'linkedin',
        page_kind: 'profile',
        selector: 'profile.name',
        extension_version: '0.4.1',
        day: '2026-11-23',
        user_id: h.rep.id,
        count: 3,
        first_seen_at: TEST_NOW.toISOString(),
        last_seen_at: TEST_NOW.toISOString(),
      },
    ]);
  });

  it('refuses an unknown field in a report or around them, naming it, and stores nothing', async () => {
    const inReport = await send([report(), report({ text: 'Jane Doe, Head of Data' })]);
    expect(inReport.status).toBe(422);
    expect(inReport.contentType).toMatch(/^application\/problem\+json/);
    expect(inReport.body).toMatchObject({ type: '/problems/validation-error', field: 'reports[1].text' });
    const around = await send([report()], h.rep.token, { url: 'https://www.linkedin.com/in/jane-doe/' });
    expect(around.status).toBe(422);
    expect(around.body.field).toBe('url');
    expect(await h.db.kysely.selectFrom('drift_reports').selectAll().execute()).toEqual([]);
  });

  it.each([
    ['a name with spaces and capitals', { selector: 'Jane Doe' }, 'reports[0].selector'],
    ['markup', { selector: '<h1>jane</h1>' }, 'reports[0].selector'],
    ['an email address', { selector: 'jane@acme.com' }, 'reports[0].selector'],
    ['a CSS selector', { selector: 'h1.text-heading-xlarge' }, null],
    ['a selector name past 80 characters', { selector: 'a'.repeat(81) }, 'reports[0].selector'],
    ['a page kind with a slash', { pageKind: 'in/jane-doe' }, 'reports[0].pageKind'],
    ['a site the extension does not serve', { site: 'twitter' }, 'reports[0].site'],
    ['a version that is not one', { extensionVersion: 'latest' }, 'reports[0].extensionVersion'],
    ['a version past 32 characters', { extensionVersion: `1.2.3-${'a'.repeat(27)}` }, 'reports[0].extensionVersion'],
    ['a count of zero', { count: 0 }, 'reports[0].count'],
    ['a count past 10,000', { count: 10_001 }, 'reports[0].count'],
    ['a fractional count', { count: 1.5 }, 'reports[0].count'],
    ['a day that is not a date', { day: '2026-11-31' }, 'reports[0].day'],
  ])('refuses %s, naming the field', async (_what, over, field) => {
    const sent = await send([report(over)]);
    if (field === null) {
      // `h1.text-heading-xlarge` fits the name pattern: harmless, a name the extension could give.
      expect(sent.status).toBe(200);
      return;
    }
    expect(sent.status).toBe(422);
    expect(sent.body.field).toBe(field);
  });

  it('takes 50 reports and refuses 51 or none', async () => {
    const many = (n: number) => Array.from({ length: n }, (_, i) => report({ selector: `s${i}` }));
    expect((await send(many(50))).body).toEqual({ accepted: 50 });
    const tooMany = await send(many(51));
    expect(tooMany.status).toBe(422);
    expect(tooMany.body.field).toBe('reports');
    expect((await send([])).body.field).toBe('reports');
  });

  it('refuses a day in the future or older than 30 days, naming the report, and takes the days between', async () => {
    const future = await send([report(), report({ day: '2026-11-24' })]);
    expect(future.status).toBe(422);
    expect(future.body.errors).toEqual([{ field: 'reports[1].day', message: 'in the future' }]);
    const old = await send([report({ day: '2026-10-23' })]);
    expect(old.status).toBe(422);
    expect(old.body.errors).toEqual([{ field: 'reports[0].day', message: 'older than 30 days' }]);
    expect(await h.db.kysely.selectFrom('drift_reports').selectAll().execute()).toEqual([]);
    expect((await send([report({ day: '2026-10-24' }), report({ day: '2026-11-23' })])).status).toBe(200);
  });

  it("takes tomorrow's day from a clock a few minutes ahead at midnight", async () => {
    h.clock.now = new Date('2026-11-23T23:55:00.000Z');
    expect((await send([report({ day: '2026-11-24' })])).status).toBe(200);
  });

  it("is refused to a webhook vendor's token", async () => {
    expect((await send([report()], h.webhookToken)).status).toBe(403);
  });
});

describe('GET /v1/admin/drift-reports', () => {
  it('answers admins only: a rep or a manager is refused', async () => {
    await send([report()]);
    for (const token of [h.rep.token, h.manager.token]) {
      const res = await h.request('GET', '/v1/admin/drift-reports', { token });
      expect(res.status).toBe(403);
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    }
  });

  it("shows a team's admin only the team's own reports", async () => {
    await send([report()]);
    await send([report({ selector: 'profile.headline' })], h.otherRep.token);
    expect((await summaries('', h.otherAdmin.token)).reports.map((r) => r.selector)).toEqual(['profile.headline']);
    expect((await summaries()).reports.map((r) => r.selector)).toEqual(['profile.name']);
  });

  it('groups by site, selector and version: counts, days, page kinds and reps together, newest failure first', async () => {
    await send([
      report({ day: '2026-11-20', count: 2 }),
      report({ day: '2026-11-22', pageKind: 'profile-guest', count: 1 }),
      report({ extensionVersion: '0.4.2', count: 7 }),
      report({ site: 'gmail', pageKind: 'thread', selector: 'thread.participants', day: '2026-11-21', count: 4 }),
    ]);
    await send([report({ day: '2026-11-22', count: 5 })], h.manager.token);
    await send([report({ day: '2026-11-22', count: 1 })], h.admin.token);
    const { reports, since } = await summaries();
    expect(since).toBe('2026-10-24');
    expect(reports.map((r) => [r.site, r.selector, r.extensionVersion, r.pageKinds, r.count, r.firstDay, r.lastDay, r.reporters])).toEqual([
      ['linkedin', 'profile.name', '0.4.2', ['profile'], 7, '2026-11-23', '2026-11-23', 1],
      ['linkedin', 'profile.name', '0.4.1', ['profile', 'profile-guest'], 9, '2026-11-20', '2026-11-22', 3],
      ['gmail', 'thread.participants', '0.4.1', ['thread'], 4, '2026-11-21', '2026-11-21', 1],
    ]);
  });

  it('filters by site and by a first day, and refuses an unknown parameter', async () => {
    await send([report({ day: '2026-11-20' }), report({ site: 'gmail', pageKind: 'thread', selector: 'thread.subject', day: '2026-11-22' })]);
    expect((await summaries('?site=gmail')).reports.map((r) => r.selector)).toEqual(['thread.subject']);
    expect((await summaries('?since=2026-11-21')).reports.map((r) => r.selector)).toEqual(['thread.subject']);
    const res = await h.request('GET', '/v1/admin/drift-reports?user=me', { token: h.admin.token });
    expect(res.status).toBe(422);
    expect(((await res.json()) as ProblemBody).field).toBe('user');
  });
});
