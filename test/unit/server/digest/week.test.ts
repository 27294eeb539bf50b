/**
 * A hand-written week for one rep on a fixed clock (2026-11-23T09:00Z), end to end through the
 * API: exactly these alerts, digest lines, tasks and review items — and the events that must NOT
 * alert (one blog visit, a surge under the threshold, a signal beyond the alert budget, a
 * class-4 change). Then the next day's digest covers only what happened since, and a rep's
 * "acted" and "dismissed" are kept. Runs on both dialects.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Digest } from '../../../../shared/digest.ts';
import { ReviewQueue } from '../../../../shared/review.ts';
import type { DB } from '../../../../server/db/connect.ts';
import { makeHarness, type Harness } from '../harness.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

async function seedWeek(h: Harness) {
  const db: DB = h.db.kysely;
  const now = h.clock.now.getTime();
  const ago = (ms: number) => new Date(now - ms).toISOString();
  const A = h.teamA;
  const account = (id: string, name: string, tier: number, touchedDaysAgo: number | null) => ({
    id,
    team_id: A,
    name,
    tier,
    stage: 'engaged',
    owner_id: h.rep.id,
    field_sources: '{}',
    last_touch_at: touchedDaysAgo === null ? null : ago(touchedDaysAgo * DAY),
    last_touch_type: touchedDaysAgo === null ? null : 'email',
    last_touch_by: touchedDaysAgo === null ? null : h.rep.id,
    created_at: ago(300 * DAY),
    updated_at: ago(DAY),
  });
  await db
    .insertInto('accounts')
    .values([
      account('acc_acme', 'Acme', 1, 2),
      account('acc_beta', 'Beta', 2, 5),
      account('acc_gamma', 'Gamma', 2, 6),
      account('acc_delta', 'Delta', 2, 4),
      account('acc_eps', 'Epsilon', 2, 3),
      account('acc_zeta', 'Zeta', 2, 3),
      account('acc_eta', 'Eta', 2, 2),
      account('acc_theta', 'Theta', 1, 20),
    ])
    .execute();
  let n = 0;
  const event = (accountId: string, kind: string, at: number, data: unknown) => ({
    team_id: A,
    account_id: accountId,
    contact_id: null,
    kind,
    occurred_at: ago(at),
    source: 'test',
    natural_key: `w${++n}`,
    data: JSON.stringify(data),
  });
  const visit = (accountId: string, at: number, pageType: string) => event(accountId, 'web_visit', at, { url: `https://northwind.example/${pageType}`, pageType });
  const week = new Date(now - 2 * DAY).toISOString().slice(0, 10);
  await db
    .insertInto('events')
    .values([
      // Acme: the 3rd pricing-page visit in 7 days, 3 hours ago (class 1).
      visit('acc_acme', 5 * DAY, 'pricing'),
      visit('acc_acme', 2 * DAY, 'pricing'),
      visit('acc_acme', 3 * HOUR, 'pricing'),
      // Beta: a demo request this morning (class 1).
      visit('acc_beta', 5 * HOUR, 'demo'),
      // Gamma: a funding round announced yesterday evening (class 2).
      event('acc_gamma', 'funding', 14 * HOUR, { round: 'Series B', amountUsd: 30_000_000 }),
      // Delta: an intent surge (class 3): a line, but beyond the budget of 3 alerts.
      event('acc_delta', 'intent', 6 * HOUR, { topic: 'Data warehousing', score: 75, week }),
      // Epsilon: one blog visit. Not a signal.
      visit('acc_eps', 4 * HOUR, 'blog'),
      // Zeta: intent under the threshold (45 < 60). Not a signal.
      event('acc_zeta', 'intent', 6 * HOUR, { topic: 'ETL', score: 45, week }),
      // Acme's older pricing visits and a surge from last week: before `since`, not news today.
    ])
    .execute();
  // Eta adopted a tool: class 4, for the review queue only.
  await db
    .insertInto('technologies')
    .values({ team_id: A, account_id: 'acc_eta', name: 'Snowplow', category: 'Analytics', competitor: 0, added_at: ago(10 * HOUR), source: 'technographics', refreshed_at: ago(10 * HOUR) })
    .execute();
}

describe('a week of events: digest, alerts, tasks and review queue', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await makeHarness();
    await seedWeek(h);
  });
  afterAll(async () => {
    await h?.close();
  });

  const digest = async () => {
    const res = await h.request('GET', '/v1/digest', { token: h.rep.token });
    expect(res.status).toBe(200);
    return Digest.parse(await res.json());
  };

  it('ranks the day’s signals, alerts within the budget, and ends in three tasks', async () => {
    const d = await digest();
    expect(d.day).toBe('2026-11-23');
    expect(d.since).toBe('2026-11-22T09:00:00.000Z');
    expect(d.lines.map((l) => [l.account.name, l.kind, l.priority, l.alert])).toEqual([
      ['Acme', 'pricing_visits', 1, true],
      ['Beta', 'demo_request', 1, true],
      ['Gamma', 'funding', 2, true],
      ['Delta', 'intent_surge', 3, false],
    ]);
    expect(d.alerts).toBe(3);
    expect(d.alertBudget).toBe(3);
    expect(d.lines[0]!.reason).toBe('Visited pricing 3 times in the last 7 days, latest today');
    expect(d.tasks.map((t) => t.account.name)).toEqual(['Acme', 'Beta', 'Gamma']);
    expect(d.tasks[0]!.text).toMatch(/^Acme: Call the champion today; reference the pricing evaluation/);
    expect(d.readingMinutes).toBeLessThanOrEqual(5);
    for (const line of d.lines) {
      expect(line.reason.length).toBeGreaterThan(0);
      expect(line.action.text.length).toBeGreaterThan(0);
      expect(line.state).toBe('new');
    }
  });

  it('puts what must not alert in the review queue, not the digest', async () => {
    const res = await h.request('GET', '/v1/review-queue', { token: h.rep.token });
    const queue = ReviewQueue.parse(await res.json());
    expect(queue.items.map((i) => [i.kind, i.account.name])).toEqual([
      ['dormant_account', 'Theta'],
      ['review_signal', 'Eta'],
    ]);
  });

  it('reads the same all day, with the rep’s states applied', async () => {
    const first = await digest();
    const acme = first.lines[0]!;
    const delta = first.lines[3]!;
    expect((await h.request('POST', '/v1/signals/state', { token: h.rep.token, json: { key: acme.key, state: 'acted' } })).status).toBe(200);
    expect((await h.request('POST', '/v1/signals/state', { token: h.rep.token, json: { key: delta.key, state: 'dismissed' } })).status).toBe(200);
    h.clock.now = new Date(h.clock.now.getTime() + 2 * HOUR);
    const later = await digest();
    expect(later.generatedAt).toBe(first.generatedAt);
    expect(later.lines.map((l) => l.state)).toEqual(['acted', 'new', 'new', 'dismissed']);
  });

  it('the next day covers only what happened since, and a quiet day still ends in a task', async () => {
    h.clock.now = new Date('2026-11-24T08:00:00.000Z');
    const d = await digest();
    expect(d.since).toBe('2026-11-23T09:00:00.000Z');
    expect(d.lines).toEqual([]);
    expect(d.alerts).toBe(0);
    expect(d.tasks.map((t) => [t.account.name, t.reason])).toEqual([['Theta', 'Tier 1 account quiet for 20 days']]);
  });

  it('refuses a malformed state change by field, and unknown query fields', async () => {
    const bad = await h.request('POST', '/v1/signals/state', { token: h.rep.token, json: { key: 'x', state: 'new' } });
    expect(bad.status).toBe(422);
    expect(((await bad.json()) as { errors: { field: string }[] }).errors[0]!.field).toBe('state');
    const extra = await h.request('POST', '/v1/signals/state', { token: h.rep.token, json: { key: 'x', state: 'seen', by: 'me' } });
    expect(extra.status).toBe(422);
    const query = await h.request('GET', '/v1/digest?rep=other', { token: h.rep.token });
    expect(query.status).toBe(422);
  });
});
