/**
 * Signals that arrive after the date they describe: a weekly intent score is dated its week's
 * Monday but lands any day of that week, a funding round is reported days late, a CSV brings the
 * last few days' visits. The digest places each by when it became known, so the rep's next digest
 * after its arrival shows it once, and the one after does not repeat it. Fixed clock; the rep opens
 * the digest every morning at 08:00. Runs on both dialects.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Digest } from '../../../../shared/digest.ts';
import { makeHarness, type Harness } from '../harness.ts';
import { csv, postCsv } from '../imports/helpers.ts';

const DAY = 86_400_000;
/** The week of Monday 30 Nov 2026. */
const MONDAY = Date.parse('2026-11-30T00:00:00.000Z');
const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const;
const at = (day: number, hour: number) => new Date(MONDAY + day * DAY + hour * 3_600_000);

async function northwind(h: Harness) {
  const when = '2026-01-01T00:00:00.000Z';
  await h.db.kysely
    .insertInto('accounts')
    .values({ id: 'acc_nw', team_id: h.teamA, name: 'Northwind', tier: 2, stage: 'engaged', owner_id: h.rep.id, field_sources: '{}', created_at: when, updated_at: when })
    .execute();
  await h.db.kysely.insertInto('account_domains').values({ team_id: h.teamA, domain: 'northwind.test', account_id: 'acc_nw' }).execute();
}

async function digestAt(h: Harness, now: Date) {
  h.clock.now = now;
  const res = await h.request('GET', '/v1/digest', { token: h.rep.token });
  expect(res.status).toBe(200);
  return Digest.parse(await res.json());
}

const linesOf = (d: Digest, kind: string) => d.lines.filter((l) => l.kind === kind && l.account.name === 'Northwind');

describe('a weekly intent score reaches the next digest whatever day of its week it arrives', () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it.each(WEEKDAYS.map((name, day) => [name, day] as const))('arriving on %s at 14:00: shown once the next morning, not repeated the morning after', async (_name, arrival) => {
    h = await makeHarness();
    await northwind(h);
    // The rep read every digest of the week up to the arrival, each at 08:00.
    for (let day = 0; day <= arrival; day++) expect(linesOf(await digestAt(h, at(day, 8)), 'intent_surge')).toEqual([]);

    h.clock.now = at(arrival, 14);
    // The vendor dates the week by the day it sends; the week is still its Monday's.
    const sent = new Date(at(arrival, 14)).toISOString().slice(0, 10);
    const res = await h.request('POST', '/v1/webhooks/intent', {
      token: h.webhookToken,
      json: { deliveryId: `d-${sent}`, events: [{ domain: 'northwind.test', topic: 'Data warehousing', score: 78, week: sent }] },
    });
    expect(res.status).toBe(200);

    const next = await digestAt(h, at(arrival + 1, 8));
    const surge = linesOf(next, 'intent_surge');
    expect(surge).toHaveLength(1);
    // Its text keeps the week it describes; its place follows its arrival.
    expect(surge[0]!.reason).toContain('in the week of 2026-11-30');
    expect(surge[0]!.occurredAt).toBe('2026-11-30T00:00:00.000Z');
    expect(surge[0]!.alert).toBe(true);

    const after = await digestAt(h, at(arrival + 2, 8));
    expect(linesOf(after, 'intent_surge')).toEqual([]);
  });
});

describe('company events and visits imported late reach the next digest', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await makeHarness();
    await northwind(h);
  });
  afterAll(() => h.close());

  it('a funding round reported on Thursday for Monday, and three pricing visits imported a day late, each once', async () => {
    for (let day = 0; day <= 3; day++) await digestAt(h, at(day, 8));

    h.clock.now = at(3, 15);
    const funding = await postCsv(h, 'company-events', csv('domain,kind,occurred_at,round,amount_usd', 'northwind.test,funding,2026-11-30T10:00:00Z,Series B,30000000'));
    expect(funding.body.summary).toMatchObject({ created: 1, rejected: 0 });
    const visits = await postCsv(
      h,
      'web-visits',
      csv(
        'domain,url,page_type,time',
        'northwind.test,https://signalhouse.test/pricing,pricing,2026-12-01T09:00:00Z',
        'northwind.test,https://signalhouse.test/pricing,pricing,2026-12-02T09:00:00Z',
        'northwind.test,https://signalhouse.test/pricing,pricing,2026-12-02T16:00:00Z',
      ),
    );
    expect(visits.body.summary).toMatchObject({ created: 3, rejected: 0 });

    const friday = await digestAt(h, at(4, 8));
    expect(linesOf(friday, 'funding').map((l) => l.reason)).toEqual(['Raised Series B (US$30M) on 2026-11-30 (3 days ago)']);
    expect(linesOf(friday, 'pricing_visits').map((l) => l.reason)).toEqual([expect.stringMatching(/^Visited pricing 3 times in the last 7 days, latest /)]);

    const saturday = await digestAt(h, at(5, 8));
    expect(saturday.lines).toEqual([]);
  });

  it('a competitor adopted on Tuesday and imported on Sunday is in Monday’s digest, once', async () => {
    h.clock.now = at(6, 12);
    const tech = await postCsv(h, 'technologies', csv('account_domain,name,category,competitor,added_at', 'northwind.test,Globex CRM,CRM,true,2026-12-01T00:00:00Z'));
    expect(tech.body.summary).toMatchObject({ created: 1, rejected: 0 });
    const monday = await digestAt(h, at(7, 8));
    expect(linesOf(monday, 'competitor_added').map((l) => l.reason)).toEqual(['Adopted competitor Globex CRM (CRM) on 2026-12-01 (6 days ago)']);
    expect(linesOf(await digestAt(h, at(8, 8)), 'competitor_added')).toEqual([]);
  });

  it('a re-import that changes nothing does not bring a signal back', async () => {
    h.clock.now = at(8, 12);
    const again = await postCsv(h, 'company-events', csv('domain,kind,occurred_at,round,amount_usd', 'northwind.test,funding,2026-11-30T10:00:00Z,Series B,30000000'));
    expect(again.body.summary).toMatchObject({ unchanged: 1 });
    expect((await digestAt(h, at(9, 8))).lines).toEqual([]);
  });
});
