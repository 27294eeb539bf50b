/**
 * The weekly review queue on a fixed clock (2026-11-23T09:00Z; dormant = no activity since
 * 2026-11-09T09:00Z): exactly the expected items for a hand-written team, including accounts that
 * must NOT appear (active, Tier 2, inside the window by an hour, another owner's, another team's).
 * Runs on both dialects.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReviewQueue } from '../../../../shared/review.ts';
import type { DB } from '../../../../server/db/connect.ts';
import { makeHarness, type Harness } from '../harness.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

async function seedReviewTeam(h: Harness) {
  const db: DB = h.db.kysely;
  const now = h.clock.now.getTime();
  const ago = (ms: number) => new Date(now - ms).toISOString();
  const A = h.teamA;
  const stamp = { created_at: ago(400 * DAY), updated_at: ago(DAY), field_sources: '{}' };
  const account = (id: string, name: string, tier: number | null, owner: string, touch: { at: number; type: string } | null, team = A) => ({
    id,
    team_id: team,
    name,
    tier,
    stage: 'engaged',
    owner_id: owner,
    last_touch_at: touch ? ago(touch.at) : null,
    last_touch_type: touch?.type ?? null,
    last_touch_by: touch ? h.rep.id : null,
    ...stamp,
  });
  await db
    .insertInto('accounts')
    .values([
      account('acc_quiet', 'Quietwater', 1, h.rep.id, { at: 24 * DAY, type: 'meeting' }),
      account('acc_never', 'Nevertouched', 1, h.rep.id, null),
      account('acc_active', 'Activa', 1, h.rep.id, { at: 3 * DAY, type: 'email' }),
      account('acc_edge', 'Edgewise', 1, h.rep.id, { at: 14 * DAY - HOUR, type: 'call' }),
      account('acc_tier2', 'Secondtier', 2, h.rep.id, { at: 60 * DAY, type: 'email' }),
      account('acc_mgr', 'Managed Co', 1, h.manager.id, { at: 20 * DAY, type: 'linkedin_message' }),
      account('acc_b', 'Other Team Inc', 1, h.otherRep.id, null, h.teamB),
      // Stage set by hand to awareness; a meeting request would move it to engaged, so the rule only suggests it.
      { ...account('acc_hand', 'Handset', 2, h.rep.id, { at: 2 * DAY, type: 'email' }), stage: 'awareness', stage_set_by: h.rep.id },
      // The same, with the stage last set by a rule: the job changes it, nothing to review.
      { ...account('acc_ruled', 'Ruled', 2, h.rep.id, { at: 2 * DAY, type: 'email' }), stage: 'awareness', stage_set_by: 'rule:replied' },
    ])
    .execute();
  const event = (n: number, accountId: string, kind: string, daysAgo: number, data: unknown) => ({
    team_id: A,
    account_id: accountId,
    contact_id: null,
    kind,
    occurred_at: ago(daysAgo * DAY),
    source: 'test',
    natural_key: `r${n}`,
    data: JSON.stringify(data),
  });
  const week = new Date(now - 5 * DAY).toISOString().slice(0, 10);
  await db
    .insertInto('events')
    .values([
      // Quietwater surges on a topic: its intent status and suggested action say so.
      event(1, 'acc_quiet', 'intent', 2, { topic: 'Data warehousing', score: 72, week }),
      // Nevertouched researches under the threshold: reported, but it is not a surge.
      event(2, 'acc_never', 'intent', 2, { topic: 'ETL', score: 41, week }),
      event(3, 'acc_hand', 'meeting_request', 1, { title: 'Intro call' }),
      event(4, 'acc_ruled', 'meeting_request', 1, { title: 'Intro call' }),
    ])
    .execute();
  // Activa added a tool: a class-4 signal, for review only.
  await db
    .insertInto('technologies')
    .values({ team_id: A, account_id: 'acc_active', name: 'Snowplow', category: 'Analytics', competitor: 0, added_at: ago(6 * DAY), source: 'technographics', refreshed_at: ago(6 * DAY) })
    .execute();
  await db
    .insertInto('account_history')
    .values([
      { team_id: A, account_id: 'acc_active', kind: 'stage', from_value: 'awareness', to_value: 'engaged', changed_at: ago(3 * DAY), changed_by: 'rule', reason: 'meeting requested → engaged' },
      // Outside the 7-day window: not a move "this week".
      { team_id: A, account_id: 'acc_mgr', kind: 'stage', from_value: 'identified', to_value: 'awareness', changed_at: ago(10 * DAY), changed_by: 'rule', reason: null },
    ])
    .execute();
  await db
    .insertInto('deals')
    .values([
      {
        id: 'deal_late',
        team_id: A,
        account_id: 'acc_mgr',
        name: 'Managed Co rollout',
        stage: 'proposal',
        amount: 50_000,
        currency: 'USD',
        close_date: new Date(now - 5 * DAY).toISOString().slice(0, 10),
        forecast_category: 'commit',
        next_step: 'Send the order form',
        owner_id: h.manager.id,
        stage_changed_at: ago(10 * DAY),
        created_at: ago(60 * DAY),
        updated_at: ago(5 * DAY),
      },
    ])
    .execute();
}

describe('GET /v1/review-queue', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await makeHarness();
    await seedReviewTeam(h);
  });
  afterAll(async () => {
    await h?.close();
  });

  const queueOf = async (token: string, query = '') => {
    const res = await h.request('GET', `/v1/review-queue${query}`, { token });
    expect(res.status).toBe(200);
    return ReviewQueue.parse(await res.json());
  };

  it("lists a rep's dormant Tier 1 accounts in the handbook's words, longest quiet first, then review signals", async () => {
    const queue = await queueOf(h.rep.token);
    expect(queue.scope).toBe('mine');
    expect(queue.dormantDays).toBe(14);
    expect(queue.items.map((i) => [i.kind, i.account.name])).toEqual([
      ['dormant_account', 'Nevertouched'],
      ['dormant_account', 'Quietwater'],
      ['status_suggestion', 'Handset'],
      ['review_signal', 'Activa'],
    ]);
    const [never, quiet, suggestion, signal] = queue.items;
    expect(suggestion!.text).toMatch(/^Handset: the rules suggest stage awareness → engaged \(.*\); the current stage was set by hand, so it is not changed\./);
    expect(quiet!.text).toBe(
      'No activity on Quietwater in the past 14 days. Last touchpoint: 2026-10-30, meeting by rep rep@a.test. ' +
        'Intent status: surging on Data warehousing (72, new). ' +
        'Suggested action: Send the decision maker content on the surging topic and ask for a short call ' +
        '(email; No decision maker at Quietwater in the CRM: ask rep rep@a.test (account owner) who signs off, or search LinkedIn for the executive who owns the budget at Quietwater).',
    );
    expect(quiet!.reason).toBe('Tier 1 account quiet for 24 days');
    expect(never!.text).toBe(
      'No activity on Nevertouched in the past 14 days. Last touchpoint: none recorded. ' +
        'Intent status: researching ETL (41, new), under the surge threshold of 60. ' +
        'Suggested action: Re-engage the champion with a relevant reason to talk (a signal, news, a customer story) ' +
        '(email; No champion at Nevertouched in the CRM: ask rep rep@a.test (account owner) who leads the evaluation, or search LinkedIn for who leads the evaluation at Nevertouched and add them as a contact).',
    );
    expect(signal!.reason).toMatch(/Snowplow/);
    for (const item of queue.items) {
      expect(item.reason.length).toBeGreaterThan(0);
      expect(item.suggestedAction.text.length).toBeGreaterThan(0);
    }
  });

  it("gives a manager the team's queue: dormant accounts, this week's stage moves and deals at risk", async () => {
    const queue = await queueOf(h.manager.token);
    expect(queue.scope).toBe('team');
    expect(queue.items.map((i) => [i.kind, i.account.name])).toEqual([
      ['dormant_account', 'Nevertouched'],
      ['dormant_account', 'Quietwater'],
      ['dormant_account', 'Managed Co'],
      ['stage_moved', 'Activa'],
      ['deal_at_risk', 'Managed Co'],
    ]);
    const moved = queue.items[3]!;
    expect(moved.text).toMatch(/^Activa moved awareness → engaged on 2026-11-20 \(meeting requested → engaged\)/);
    const risk = queue.items[4]!;
    expect(risk.deal?.id).toBe('deal_late');
    expect(risk.deal?.risks.map((r) => r.kind)).toContain('close_date_passed');
  });

  it('bounds each section by the limit and counts what it left out', async () => {
    const queue = await queueOf(h.manager.token, '?limit=1');
    expect(queue.items.map((i) => i.kind)).toEqual(['dormant_account', 'stage_moved', 'deal_at_risk']);
    expect(queue.omitted).toBe(2);
  });

  it("lets a manager ask for their own accounts, and refuses a rep the team's", async () => {
    const mine = await queueOf(h.manager.token, '?scope=mine');
    expect(mine.items.map((i) => i.account.name)).toEqual(['Managed Co']);
    const refused = await h.request('GET', '/v1/review-queue?scope=team', { token: h.rep.token });
    expect(refused.status).toBe(403);
    expect(refused.headers.get('content-type')).toMatch(/application\/problem\+json/);
  });

  it('rejects unknown and malformed query fields by name, and never shows another team', async () => {
    for (const [query, field] of [
      ['?scope=everyone', 'scope'],
      ['?limit=0', 'limit'],
      ['?limit=ten', 'limit'],
      ['?owner=me', 'owner'],
    ] as const) {
      const res = await h.request('GET', `/v1/review-queue${query}`, { token: h.manager.token });
      expect(res.status, query).toBe(422);
      const body = (await res.json()) as { errors?: { field: string }[] };
      expect(body.errors?.[0]?.field, query).toBe(field);
    }
    const other = await queueOf(h.otherRep.token);
    expect(other.items.map((i) => i.account.name)).toEqual(['Other Team Inc']);
  });
});
