/**
 * Thresholds, budgets and plays are admin settings, not code: an admin edits the play library and
 * the alert budget through `PUT /v1/admin/settings/…`, and the next digest uses them. A wrong value
 * is refused by the field at fault and changes nothing. Runs on both dialects.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Digest } from '../../../../shared/digest.ts';
import { makeHarness, type Harness } from '../harness.ts';

const HOUR = 3_600_000;

describe('admin-edited plays and alert budget reach the digest', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await makeHarness();
    const now = h.clock.now.getTime();
    const ago = (ms: number) => new Date(now - ms).toISOString();
    const stamp = { created_at: ago(300 * 24 * HOUR), updated_at: ago(HOUR), field_sources: '{}', stage: 'engaged', owner_id: h.rep.id };
    await h.db.kysely
      .insertInto('accounts')
      .values([
        { id: 'acc_p', team_id: h.teamA, name: 'Pricefield', tier: 1, ...stamp },
        { id: 'acc_d', team_id: h.teamA, name: 'Demoville', tier: 2, ...stamp },
      ])
      .execute();
    let n = 0;
    const visit = (accountId: string, at: number, pageType: string) => ({
      team_id: h.teamA,
      account_id: accountId,
      contact_id: null,
      kind: 'web_visit',
      occurred_at: ago(at),
      source: 'test',
      natural_key: `s${++n}`,
      data: JSON.stringify({ url: `https://northwind.example/${pageType}`, pageType }),
    });
    await h.db.kysely
      .insertInto('events')
      .values([visit('acc_p', 50 * HOUR, 'pricing'), visit('acc_p', 20 * HOUR, 'pricing'), visit('acc_p', 2 * HOUR, 'pricing'), visit('acc_d', 3 * HOUR, 'demo')])
      .execute();
  });
  afterAll(async () => {
    await h?.close();
  });

  it('refuses a play with an unknown channel by its field, and an unknown knob, changing nothing', async () => {
    const bad = await h.request('PUT', '/v1/admin/settings/intel', { token: h.admin.token, json: { plays: { pricing_visits: { text: 'x', channel: 'fax', who: 'Champion' } } } });
    expect(bad.status).toBe(422);
    const body = (await bad.json()) as { errors: { field: string }[] };
    expect(body.errors[0]!.field).toBe('plays.pricing_visits.channel');
    const unknown = await h.request('PUT', '/v1/admin/settings/intel', { token: h.admin.token, json: { alerts: { dailyBudget: 2, snooze: true } } });
    expect(unknown.status).toBe(422);
    const rep = await h.request('PUT', '/v1/admin/settings/alertBudget', { token: h.rep.token, json: 1 });
    expect(rep.status).toBe(403);
    const stored = await h.request('GET', '/v1/admin/settings/intel', { token: h.admin.token });
    expect(((await stored.json()) as { value: unknown }).value).toEqual({});
  });

  it('uses the edited play and budget in the next digest', async () => {
    const play = { text: 'Send the pricing one-pager and offer a call', channel: 'email', who: 'Champion' };
    expect((await h.request('PUT', '/v1/admin/settings/intel', { token: h.admin.token, json: { plays: { pricing_visits: play } } })).status).toBe(200);
    expect((await h.request('PUT', '/v1/admin/settings/alertBudget', { token: h.admin.token, json: 1 })).status).toBe(200);
    const res = await h.request('GET', '/v1/digest', { token: h.rep.token });
    const digest = Digest.parse(await res.json());
    expect(digest.lines.map((l) => [l.account.name, l.kind, l.alert])).toEqual([
      ['Pricefield', 'pricing_visits', true],
      ['Demoville', 'demo_request', false],
    ]);
    expect(digest.alertBudget).toBe(1);
    // The admin's play, addressed: Pricefield has no champion in the CRM, so it says how to find one.
    expect(digest.lines[0]!.action).toMatchObject({ text: play.text, channel: 'email', who: 'Find a champion', target: { kind: 'find', role: 'champion' } });
    expect(digest.tasks[0]!.text).toBe(
      'Pricefield: Send the pricing one-pager and offer a call (email; No champion at Pricefield in the CRM: ask rep rep@a.test (account owner) who leads the evaluation, or search LinkedIn for who leads the evaluation at Pricefield and add them as a contact)',
    );
  });
});
