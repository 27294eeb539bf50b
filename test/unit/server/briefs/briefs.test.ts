import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BriefsResponse, type Brief } from '../../../../shared/brief.ts';
import { makeHarness, type Harness } from '../harness.ts';
import { seedBriefTeam, type BriefTeam } from './seed.ts';

let h: Harness;
let team: BriefTeam;
beforeAll(async () => {
  h = await makeHarness();
  team = await seedBriefTeam(h);
});
afterAll(() => h.close());

/** POSTs refs and returns the parsed answer; every answer must fit the shared schema. */
async function briefs(refs: unknown[], token?: string): Promise<(Brief | null)[]> {
  const res = await h.request('POST', '/v1/briefs', { json: { refs }, ...(token ? { token } : {}) });
  expect(res.status).toBe(200);
  return BriefsResponse.parse(await res.json()).briefs;
}

const linkedin = (slug: string, extra: Record<string, string> = {}) => ({ kind: 'linkedin', profileUrl: `https://www.linkedin.com/in/${slug}/`, ...extra });

describe('POST /v1/briefs', () => {
  it('briefs a LinkedIn profile: contact, account, ranked signals, deals with risks, stakeholders, next step', async () => {
    const [brief] = await briefs([linkedin('Dana-Reyes', {})]);
    expect(brief).toBeTruthy();
    expect(brief!.match).toMatchObject({ contactId: team.dana, accountId: team.acme, method: 'linkedin_url', confidence: 1 });
    expect(brief!.contact).toMatchObject({
      id: team.dana,
      name: 'Dana Reyes',
      linkedinUrl: 'https://www.linkedin.com/in/dana-reyes/',
      emails: ['dana.reyes@acme.com', 'dana@acme.com'],
      buyingRole: 'champion',
      title: { value: 'Head of Data', source: 'linkedin', stale: false },
    });
    expect(brief!.account).toMatchObject({ id: team.acme, name: 'Acme', tier: 1, stage: 'evaluating', domains: ['acme.com'], owner: { id: h.rep.id } });
    expect(brief!.account!.history).toEqual([expect.objectContaining({ kind: 'stage', from: 'engaged', to: 'evaluating', reason: 'Discovery call held' })]);

    // Ranked by the hierarchy: first-party, then organisational, then intent, then the review queue.
    expect(brief!.signals.map((s) => [s.kind, s.priority])).toEqual([
      ['pricing_visits', 1],
      ['funding', 2],
      ['competitor_added', 2],
      ['intent_surge', 3],
      ['close_date_slipped', 4],
      ['deal_stalled', 4],
    ]);
    expect(brief!.signals[0]).toMatchObject({ reason: 'Visited pricing 3 times in the last 7 days, latest yesterday', contactId: team.dana, accountId: team.acme });
    expect(brief!.signals[0]!.action.who).toBe('Dana Reyes');

    expect(brief!.openDeals).toHaveLength(1);
    expect(brief!.openDeals[0]).toMatchObject({ id: team.openDeal, amount: 84_000, forecastCategory: 'best_case' });
    expect(brief!.openDeals[0]!.risks.map((r) => r.kind)).toEqual(['stalled', 'close_date_slipped', 'competitor_mentioned', 'no_next_step']);

    expect(brief!.stakeholders.map((s) => [s.name, s.role])).toEqual([
      ['Lee Park', 'decision_maker'],
      ['Dana Reyes', 'champion'],
      ['Ravi Kumaran', null],
    ]);
    expect(brief!.nextBestAction).toEqual({ reason: brief!.signals[0]!.reason, action: brief!.signals[0]!.action, about: { kind: 'this-person' } });
    expect(brief!.generatedAt).toBe(h.clock.now.toISOString());
  });

  it('counts intent and our history with the person', async () => {
    const [brief] = await briefs([{ contactId: team.dana }]);
    expect(brief!.intent).toEqual({
      topics: [{ topic: 'data warehouse', score: 72, trend: 'up', week: expect.any(String) }],
      firstParty: { visits7d: 4, visits30d: 4, pricing7d: 3, pricing30d: 3, lastVisitAt: expect.any(String) },
    });
    expect(brief!.relationship).toEqual({
      lastTouch: { at: expect.any(String), type: 'email', by: `rep rep@a.test` },
      meetings: 1,
      emails: 2,
      dealsWon: 1,
      dealsLost: 0,
    });
  });

  it('marks enrichment older than 180 days as stale, fresh values not', async () => {
    const [brief] = await briefs([{ accountId: team.acme }]);
    expect(brief!.account!.industry).toMatchObject({ value: 'Logistics', source: 'enrichment-vendor', stale: true });
    expect(brief!.account!.employees).toMatchObject({ value: 1200, stale: false });
    expect(brief!.account!.technologies.map((t) => [t.name, t.competitor, t.stale])).toEqual([
      ['Globex Warehouse', true, false],
      ['PostgreSQL', false, true],
    ]);
  });

  it('briefs by email address, whatever its case', async () => {
    const [brief] = await briefs([{ kind: 'email', address: 'Dana@ACME.com' }]);
    expect(brief!.match).toMatchObject({ contactId: team.dana, method: 'email' });
    expect(brief!.contact!.id).toBe(team.dana);
  });

  it('briefs a record by contact id or account id, saying so in the match', async () => {
    const [byContact, byAccount] = await briefs([{ contactId: team.lee }, { accountId: team.initech }]);
    expect(byContact!.match).toEqual({ contactId: team.lee, accountId: team.acme, method: 'record', confidence: 1, explanation: 'Opened by its contact id' });
    expect(byContact!.contact!.name).toBe('Lee Park');
    expect(byAccount!.contact).toBeNull();
    expect(byAccount!.account).toMatchObject({ name: 'Initech', domains: ['initech.com'] });
    expect(byAccount!.signals).toEqual([]);
    expect(byAccount!.nextBestAction).toMatchObject({ reason: 'No activity recorded with this account yet', action: { channel: 'email' }, about: { kind: 'find', role: 'champion' } });
  });

  it('answers in the order asked, with null where nothing matched', async () => {
    const answers = await briefs([
      linkedin('nobody-here'),
      { kind: 'email', address: 'dana@acme.com' },
      { contactId: 'ct_missing' },
      { accountId: team.acme },
      { kind: 'name', name: 'Dana Reyes', company: 'Acme' },
    ]);
    expect(answers.map((b) => b && (b.contact?.id ?? b.account?.id))).toEqual([null, team.dana, null, team.acme, null]);
  });

  it("never shows another team's records: their ids are null, their LinkedIn slug is ours", async () => {
    const [contact, account, bySlug] = await briefs([{ contactId: team.otherContact }, { accountId: team.globex }, linkedin('dana-reyes')]);
    expect(contact).toBeNull();
    expect(account).toBeNull();
    expect(bySlug!.contact!.id).toBe(team.dana);
    const [theirs] = await briefs([{ contactId: team.otherContact }], h.otherRep.token);
    expect(theirs!.contact!.name).toBe('Dana Reyes (Globex)');
    expect(JSON.stringify(theirs)).not.toContain('Acme');
  });

  it('shows the job change when LinkedIn says Beta and the CRM says Acme', async () => {
    const [moved, same, lagging] = await briefs([
      linkedin('ravi-kumaran', { company: 'Beta Systems' }),
      linkedin('ravi-kumaran', { company: 'ACME Inc.' }),
      linkedin('ravi-kumaran', { company: 'Initech' }),
    ]);
    expect(moved!.signals.find((s) => s.kind === 'job_change')).toMatchObject({ contactId: team.ravi, priority: 2 });
    expect(same!.signals.some((s) => s.kind === 'job_change')).toBe(false);
    expect(lagging!.signals.some((s) => s.kind === 'job_change')).toBe(false);
  });

  it('briefs the account a calendar event is with, from its attendees', async () => {
    const [brief] = await briefs([
      {
        kind: 'event',
        eventId: 'evt_1',
        title: 'Acme / Northwind: pricing',
        start: '2026-11-25T10:00:00Z',
        attendees: [
          { kind: 'email', address: 'dana@acme.com' },
          { kind: 'email', address: 'lee.park@acme.com' },
        ],
      },
    ]);
    expect(brief!.account!.id).toBe(team.acme);
    expect(brief!.signals[0]!.kind).toBe('pricing_visits');
  });

  it('briefs a contact with no account', async () => {
    const [brief] = await briefs([linkedin('sam-solo')]);
    expect(brief).toMatchObject({ contact: { name: 'Sam Solo' }, account: null, signals: [], intent: null, openDeals: [], stakeholders: [], nextBestAction: null });
  });

  it('gives the same brief for a record asked twice in one batch', async () => {
    const [a, b] = await briefs([{ contactId: team.dana }, linkedin('dana-reyes')]);
    expect({ ...a, match: null }).toEqual({ ...b, match: null });
  });

  it("follows the team's thresholds", async () => {
    await h.db.kysely
      .insertInto('settings')
      .values({ team_id: h.teamA, key: 'thresholds', value: JSON.stringify({ pricingVisits: 4, pricingWindowDays: 7, intentSurge: 80, staleAfterDays: 365 }), updated_at: h.clock.now.toISOString() })
      .execute();
    try {
      const [brief] = await briefs([{ accountId: team.acme }]);
      expect(brief!.signals.map((s) => s.kind)).not.toContain('pricing_visits');
      expect(brief!.signals.map((s) => s.kind)).not.toContain('intent_surge');
      expect(brief!.account!.industry.stale).toBe(false);
    } finally {
      await h.db.kysely.deleteFrom('settings').where('team_id', '=', h.teamA).where('key', '=', 'thresholds').execute();
    }
  });

  it('takes 50 refs and refuses 51, naming the field', async () => {
    const fifty = Array.from({ length: 50 }, () => ({ contactId: team.dana }));
    expect(await briefs(fifty)).toHaveLength(50);
    const res = await h.request('POST', '/v1/briefs', { json: { refs: [...fifty, { contactId: team.dana }] } });
    expect(res.status).toBe(422);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(await res.json()).toMatchObject({ type: '/problems/validation-error', field: 'refs' });
  });

  it('refuses an empty batch, a malformed ref and unknown fields', async () => {
    for (const [json, field] of [
      [{ refs: [] }, 'refs'],
      [{ refs: [{ kind: 'linkedin' }] }, 'refs[0]'],
      [{ refs: [{ contactId: team.dana, extra: 1 }] }, 'refs[0]'],
      [{ refs: [{ contactId: team.dana }], more: true }, 'more'],
    ] as const) {
      const res = await h.request('POST', '/v1/briefs', { json });
      expect(res.status, JSON.stringify(json)).toBe(422);
      expect(((await res.json()) as { field: string }).field, JSON.stringify(json)).toMatch(new RegExp(`^${field.replace(/[[\]]/g, '\\$&')}`));
    }
  });

  it('needs a token', async () => {
    const res = await h.request('POST', '/v1/briefs', { json: { refs: [{ contactId: team.dana }] }, token: null });
    expect(res.status).toBe(401);
  });
});
