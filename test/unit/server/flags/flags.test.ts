import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { BriefsResponse, type Brief } from '../../../../shared/brief.ts';
import { Flag, FlagsPage } from '../../../../shared/flag.ts';
import { makeHarness, TEST_NOW, type Harness } from '../harness.ts';
import { seedBriefTeam, type BriefTeam } from '../briefs/seed.ts';
import { csv, postCsv } from '../imports/helpers.ts';

let h: Harness;
let team: BriefTeam;
beforeAll(async () => {
  h = await makeHarness();
  team = await seedBriefTeam(h);
});
afterAll(() => h.close());
beforeEach(async () => {
  await h.db.kysely.deleteFrom('flags').execute();
  // Tests put values back by hand; the persisted account intelligence must not keep the changed ones.
  await h.db.kysely.deleteFrom('account_intel').execute();
});

interface ProblemBody {
  type: string;
  field?: string;
  errors?: { field: string; message: string }[];
}

async function flag(body: Record<string, unknown>, token = h.rep.token) {
  const res = await h.request('POST', '/v1/flags', { json: body, token });
  return { status: res.status, type: res.headers.get('content-type'), body: (await res.json()) as { flag: Flag } & ProblemBody };
}
async function resolve(id: string, body: Record<string, unknown>, token = h.admin.token) {
  const res = await h.request('POST', `/v1/flags/${id}/resolve`, { json: body, token });
  return { status: res.status, body: (await res.json()) as { flag: Flag } & ProblemBody };
}
async function list(query = '', token = h.rep.token) {
  const res = await h.request('GET', `/v1/flags${query}`, { token });
  expect(res.status).toBe(200);
  return FlagsPage.parse(await res.json());
}
async function brief(ref: Record<string, string>): Promise<Brief> {
  const res = await h.request('POST', '/v1/briefs', { json: { refs: [ref] } });
  expect(res.status).toBe(200);
  return BriefsResponse.parse(await res.json()).briefs[0]!;
}

// A literal id: `it.each` tables are built before the seed runs (seedBriefTeam's Dana is `ct_dana`).
const titleFlag = () => ({ entity: 'contact', entityId: 'ct_dana', field: 'title', problem: 'Promoted in October', suggestedValue: 'VP Data' });

describe('POST /v1/flags', () => {
  it('records an open flag for a record of the team, with an audit entry naming no values', async () => {
    const made = await flag(titleFlag());
    expect(made.status).toBe(201);
    expect(Flag.parse(made.body.flag)).toMatchObject({
      entity: 'contact',
      entityId: team.dana,
      field: 'title',
      problem: 'Promoted in October',
      suggestedValue: 'VP Data',
      status: 'open',
      resolution: null,
      reportedBy: h.rep.id,
      createdAt: TEST_NOW.toISOString(),
    });
    const entry = await h.db.kysely.selectFrom('audit_log').selectAll().where('action', '=', 'flag.create').where('target', '=', made.body.flag.id).executeTakeFirstOrThrow();
    expect(entry.actor_id).toBe(h.rep.id);
    expect(JSON.parse(entry.detail)).toEqual({ entity: 'contact', entityId: team.dana, field: 'title' });
    expect(entry.detail).not.toContain('VP Data');
  });

  it.each([
    [{ ...titleFlag(), field: 'salary' }, 'field'],
    [{ ...titleFlag(), entity: 'deal', field: 'title' }, 'field'],
    [{ ...titleFlag(), entity: 'technology' }, 'entity'],
    [{ ...titleFlag(), problem: '   ' }, 'problem'],
    [{ ...titleFlag(), suggestedValue: 'x'.repeat(501) }, 'suggestedValue'],
    [{ ...titleFlag(), note: 'unknown' }, 'note'],
    [{ entity: 'contact', field: 'title', problem: 'p' }, 'entityId'],
  ])('refuses %j naming %s', async (body, field) => {
    const made = await flag(body);
    expect(made.status).toBe(422);
    expect(made.type).toMatch(/^application\/problem\+json/);
    expect(made.body.field).toBe(field);
  });

  it('answers 404 for another team’s record, exactly as for a made-up id, and stores nothing', async () => {
    const other = await flag({ ...titleFlag(), entityId: team.otherContact });
    const madeUp = await flag({ ...titleFlag(), entityId: 'ct_nobody' });
    expect(other.status).toBe(404);
    expect(other.body).toEqual(madeUp.body);
    expect(other.body.field).toBe('entityId');
    const stranger = await flag({ entity: 'account', entityId: team.acme, field: 'industry', problem: 'p' }, h.otherRep.token);
    expect(stranger.status).toBe(404);
    expect(await h.db.kysely.selectFrom('flags').selectAll().execute()).toEqual([]);
  });
});

describe('GET /v1/flags', () => {
  it('shows a rep their own flags, and managers and admins the team’s; never another team’s', async () => {
    const mine = await flag(titleFlag());
    const managers = await flag({ entity: 'account', entityId: team.acme, field: 'employees', problem: 'More like 2000' }, h.manager.token);
    await flag({ entity: 'account', entityId: 'acc_globex', field: 'name', problem: 'typo' }, h.otherRep.token);
    expect((await list()).flags.map((f) => f.id)).toEqual([mine.body.flag.id]);
    const teamView = (await list('', h.manager.token)).flags.map((f) => f.id).sort();
    expect(teamView).toEqual([mine.body.flag.id, managers.body.flag.id].sort());
    expect((await list('', h.admin.token)).flags).toHaveLength(2);
    expect((await list('', h.otherAdmin.token)).flags).toHaveLength(1);
  });

  it("gives a manager or admin their own flags with reportedBy=me, paged among their own", async () => {
    const managers = await flag({ entity: 'account', entityId: team.acme, field: 'employees', problem: 'More like 2000' }, h.manager.token);
    for (let i = 1; i <= 3; i++) {
      h.clock.now = new Date(TEST_NOW.getTime() + i * 1000);
      await flag({ ...titleFlag(), problem: `newer ${i}` });
    }
    h.clock.now = new Date(TEST_NOW);
    // The team's newest page holds only the rep's flags; the manager's own is still their first.
    expect((await list('?limit=1', h.manager.token)).flags[0]?.reportedBy).toBe(h.rep.id);
    const own = await list('?reportedBy=me&limit=1', h.manager.token);
    expect(own.flags.map((f) => f.id)).toEqual([managers.body.flag.id]);
    expect(own.nextCursor).toBeNull();
    expect((await list('?reportedBy=me', h.admin.token)).flags).toEqual([]);
    expect((await list('?reportedBy=me')).flags).toHaveLength(3);
  });

  it('filters by status and pages with a cursor', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      h.clock.now = new Date(TEST_NOW.getTime() + i * 1000);
      ids.push((await flag({ ...titleFlag(), problem: `problem ${i}` })).body.flag.id);
    }
    h.clock.now = new Date(TEST_NOW);
    await resolve(ids[0]!, { action: 'reject', note: 'The title is right' });
    const first = await list('?status=open&limit=2');
    expect(first.flags.map((f) => f.id)).toEqual([ids[4], ids[3]]);
    const second = await list(`?status=open&limit=2&cursor=${encodeURIComponent(first.nextCursor!)}`);
    expect(second.flags.map((f) => f.id)).toEqual([ids[2], ids[1]]);
    // The rejected one is filtered out, so the second page is the last.
    expect(second.nextCursor).toBeNull();
    expect((await list('?status=rejected')).flags.map((f) => f.id)).toEqual([ids[0]]);
  });

  it('refuses an unknown status, cursor or parameter naming it', async () => {
    for (const [query, field] of [['?status=done', 'status'], ['?cursor=abc', 'cursor'], ['?mine=1', 'mine'], ['?limit=0', 'limit'], ['?reportedBy=usr_1', 'reportedBy']] as const) {
      const res = await h.request('GET', `/v1/flags${query}`);
      expect(res.status).toBe(422);
      expect(((await res.json()) as ProblemBody).field).toBe(field);
    }
  });
});

describe('POST /v1/flags/:id/resolve', () => {
  it('is for admins only: a rep and a manager get 403 and the flag stays open', async () => {
    const made = await flag(titleFlag());
    expect((await resolve(made.body.flag.id, { action: 'accept', value: 'VP Data' }, h.rep.token)).status).toBe(403);
    expect((await resolve(made.body.flag.id, { action: 'accept', value: 'VP Data' }, h.manager.token)).status).toBe(403);
    expect((await list()).flags[0]!.status).toBe('open');
    expect((await brief({ contactId: team.dana })).contact!.title.value).toBe('Head of Data');
  });

  it('accepting with a value writes it, with provenance, and the brief and the reporter see it', async () => {
    const before = await brief({ kind: 'linkedin', profileUrl: 'https://www.linkedin.com/in/dana-reyes/' });
    expect(before.contact!.title).toMatchObject({ value: 'Head of Data', source: 'linkedin' });
    // The account's intelligence is persisted by that brief; a stakeholder title in it must not lag.
    const made = await flag(titleFlag());
    h.clock.now = new Date(TEST_NOW.getTime() + 60_000);
    try {
      const done = await resolve(made.body.flag.id, { action: 'accept', value: 'VP Data', note: 'Checked with Dana' });
      expect(done.status).toBe(200);
      expect(done.body.flag).toMatchObject({ status: 'resolved', resolvedBy: h.admin.id, resolvedAt: h.clock.now.toISOString() });
      const after = await brief({ kind: 'linkedin', profileUrl: 'https://www.linkedin.com/in/dana-reyes/' });
      expect(after.contact!.title).toEqual({ value: 'VP Data', source: 'flag', refreshedAt: h.clock.now.toISOString(), stale: false });
      const leeBrief = await brief({ contactId: 'ct_lee' });
      expect(leeBrief.stakeholders.find((s) => s.contactId === team.dana)?.title).toBe('VP Data');
      const [seen] = (await list()).flags;
      expect(seen).toMatchObject({ status: 'resolved', resolution: { action: 'accept', value: 'VP Data', note: 'Checked with Dana' } });
      const entry = await h.db.kysely.selectFrom('audit_log').selectAll().where('action', '=', 'flag.resolve').where('target', '=', made.body.flag.id).executeTakeFirstOrThrow();
      expect(JSON.parse(entry.detail)).toEqual({ action: 'accept', written: true, entity: 'contact', field: 'title' });
    } finally {
      h.clock.now = new Date(TEST_NOW);
      await h.db.kysely.updateTable('contacts').set({ title: 'Head of Data' }).where('id', '=', team.dana).execute();
    }
  });

  it('accepting an account or deal value updates the account’s brief even though its intelligence was persisted', async () => {
    const before = await brief({ accountId: team.acme });
    expect(before.account!.employees.value).toBe(1200);
    expect(before.openDeals[0]!.amount).toBe(84_000);
    const size = await flag({ entity: 'account', entityId: team.acme, field: 'employees', problem: 'Grew', suggestedValue: '2,000' });
    const amount = await flag({ entity: 'deal', entityId: team.openDeal, field: 'amount', problem: 'Scope grew' });
    expect((await resolve(size.body.flag.id, { action: 'accept', value: '2,000' })).status).toBe(200);
    expect((await resolve(amount.body.flag.id, { action: 'accept', value: '96000' })).status).toBe(200);
    const after = await brief({ accountId: team.acme });
    expect(after.account!.employees).toMatchObject({ value: 2000, source: 'flag' });
    expect(after.openDeals[0]!.amount).toBe(96_000);
    const history = await h.db.kysely.selectFrom('deal_history').selectAll().where('deal_id', '=', team.openDeal).where('field', '=', 'amount').execute();
    expect(history).toMatchObject([{ from_value: '84000', to_value: '96000' }]);
    await h.db.kysely.updateTable('accounts').set({ employees: 1200 }).where('id', '=', team.acme).execute();
    await h.db.kysely.updateTable('deals').set({ amount: 84_000 }).where('id', '=', team.openDeal).execute();
  });

  it("a later import bringing back the value a correction replaced keeps the correction; a new value from the CRM wins", async () => {
    const k = h.db.kysely;
    const original = await k.selectFrom('contacts').select(['title', 'field_sources', 'updated_at']).where('id', '=', team.dana).executeTakeFirstOrThrow();
    const title = async () => (await brief({ contactId: team.dana })).contact!.title;
    const importTitle = (value: string) =>
      postCsv(h, 'contacts', csv('name,linkedin_url,account_domain,title', `Dana Reyes,https://www.linkedin.com/in/dana-reyes/,acme.com,${value}`));
    try {
      const made = await flag(titleFlag());
      h.clock.now = new Date(TEST_NOW.getTime() + 60_000);
      expect((await resolve(made.body.flag.id, { action: 'accept', value: 'VP Data' })).status).toBe(200);
      const corrected = h.clock.now.toISOString();

      // The CRM still says "Head of Data": the import leaves the correction and its provenance alone.
      h.clock.now = new Date(TEST_NOW.getTime() + 120_000);
      const stale = await importTitle('Head of Data');
      expect(stale.status).toBe(200);
      expect(stale.body.summary).toMatchObject({ updated: 0, unchanged: 1, rejected: 0 });
      expect(await title()).toMatchObject({ value: 'VP Data', source: 'flag', refreshedAt: corrected });

      // The CRM was updated since: newer information wins, with the import's provenance.
      const newer = await importTitle('Chief Data Officer');
      expect(newer.body.summary).toMatchObject({ updated: 1, rejected: 0 });
      expect(await title()).toMatchObject({ value: 'Chief Data Officer', source: 'import:contacts', refreshedAt: h.clock.now.toISOString() });
      // And from then on the old value is just a value again: nothing remembers the correction.
      expect((await importTitle('Head of Data')).body.summary).toMatchObject({ updated: 1 });
      expect((await title()).value).toBe('Head of Data');
    } finally {
      h.clock.now = new Date(TEST_NOW);
      await k.updateTable('contacts').set(original).where('id', '=', team.dana).execute();
    }
  });

  it('rejecting leaves the data as it was and tells the reporter why', async () => {
    const made = await flag(titleFlag());
    const done = await resolve(made.body.flag.id, { action: 'reject', note: 'LinkedIn is behind; the CRM is right' });
    expect(done.status).toBe(200);
    expect((await brief({ contactId: team.dana })).contact!.title.value).toBe('Head of Data');
    expect((await list()).flags[0]).toMatchObject({ status: 'rejected', resolution: { action: 'reject', value: null, note: 'LinkedIn is behind; the CRM is right' } });
  });

  it('accepting without a value records the decision and writes nothing', async () => {
    const made = await flag({ entity: 'contact', entityId: team.dana, field: 'emails', problem: 'dana@acme.com bounces' });
    const done = await resolve(made.body.flag.id, { action: 'accept', note: 'Removed in the CRM' });
    expect(done.body.flag).toMatchObject({ status: 'resolved', resolution: { action: 'accept', value: null } });
    expect((await brief({ contactId: team.dana })).contact!.emails).toHaveLength(2);
  });

  it('refuses a value that does not fit the field, or a field that cannot be written, and leaves the flag open', async () => {
    const size = await flag({ entity: 'account', entityId: team.acme, field: 'employees', problem: 'p' });
    const emails = await flag({ entity: 'contact', entityId: team.dana, field: 'emails', problem: 'p' });
    const since = await flag({ entity: 'contact', entityId: team.dana, field: 'tenureStart', problem: 'p' });
    for (const [id, value] of [[size.body.flag.id, 'about a thousand'], [emails.body.flag.id, 'x@acme.com'], [since.body.flag.id, '2024-13']] as const) {
      const refused = await resolve(id, { action: 'accept', value });
      expect(refused.status).toBe(422);
      expect(refused.body.field).toBe('value');
    }
    expect((await list('?status=open')).flags).toHaveLength(3);
    expect((await brief({ accountId: team.acme })).account!.employees.value).toBe(1200);
  });

  it('validates the decision, answers 404 across teams and 409 for a second decision', async () => {
    const made = await flag(titleFlag());
    const id = made.body.flag.id;
    expect((await resolve(id, { action: 'maybe' })).body.field).toBe('action');
    expect((await resolve(id, { action: 'reject', value: 'x' })).body.field).toBe('value');
    expect((await resolve(id, { action: 'reject', extra: 1 })).body.field).toBe('extra');
    const foreign = await resolve(id, { action: 'reject' }, h.otherAdmin.token);
    expect(foreign.status).toBe(404);
    expect(foreign.body.field).toBe('id');
    expect((await resolve(id, { action: 'reject' })).status).toBe(200);
    const again = await resolve(id, { action: 'accept', value: 'VP Data' });
    expect(again.status).toBe(409);
    expect((await brief({ contactId: team.dana })).contact!.title.value).toBe('Head of Data');
  });
});
