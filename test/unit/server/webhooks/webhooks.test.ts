import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseEventData } from '../../../../shared/events.ts';
import { eventKeyHasher } from '../../../../server/ingest/event-keys.ts';
import { makeHarness, type Harness } from '../harness.ts';
import { addAccount, addContact, countRows } from '../ledger/seed.ts';

let h: Harness;
let acme: string;
let globex: string;
let jane: string;
beforeAll(async () => {
  h = await makeHarness();
  acme = await addAccount(h.db.kysely, h.teamA, 'acc_acme', ['acme.com']);
  globex = await addAccount(h.db.kysely, h.teamA, 'acc_globex', ['globex.co.uk', 'eu.globex.co.uk']);
  jane = await addContact(h.db.kysely, h.teamA, 'con_jane', acme, ['jane@acme.com']);
  // The other team knows acme.com too: its events must never land there.
  await addAccount(h.db.kysely, h.teamB, 'acc_b_acme', ['acme.com']);
});
afterAll(() => h.close());

const intent = (deliveryId: string, events: unknown[]) => ({ deliveryId, events });
const surge = [
  { domain: 'acme.com', topic: 'Sales intelligence', score: 72, week: '2026-11-16' },
  { domain: 'www.acme.com', topic: 'Data enrichment', score: 55, week: '2026-11-16' },
  { domain: 'mail.globex.co.uk', topic: 'Sales intelligence', score: 91, week: '2026-11-16' },
];

async function deliver(source: string, body: unknown, token: string | null = h.webhookToken) {
  const res = await h.request('POST', `/v1/webhooks/${source}`, { json: body, token });
  return { res, body: (await res.json()) as Record<string, unknown> };
}

/** A natural key as stored: the team's keyed hash of it (server/ingest/event-keys.ts), never the key in clear. */
const storedKey = async (key: string) => (await eventKeyHasher(h.db.kysely, h.teamA))(key);

const allEvents = () => h.db.kysely.selectFrom('events').selectAll().orderBy('id').execute();

describe('the intent webhook', () => {
  it('stores each matched event once, and a re-delivered batch changes nothing and answers the same', async () => {
    const first = await deliver('intent', intent('d-surge', surge));
    expect(first.res.status).toBe(200);
    expect(first.body).toEqual({ source: 'intent', deliveryId: 'd-surge', received: 3, created: 3, updated: 0, unchanged: 0, unmatched: 0, redelivered: false });
    const stored = await allEvents();
    expect(stored).toHaveLength(3);
    expect(stored.map((e) => [e.team_id, e.account_id, e.kind, e.source, e.delivery_id])).toEqual([
      [h.teamA, acme, 'intent', 'intent', 'd-surge'],
      [h.teamA, acme, 'intent', 'intent', 'd-surge'],
      [h.teamA, globex, 'intent', 'intent', 'd-surge'],
    ]);
    expect(stored[0]?.natural_key).toBe(await storedKey(`intent:${acme}:sales intelligence:2026-11-16`));
    expect(stored[0]?.natural_key).toMatch(/^[0-9a-f]{64}$/);
    expect(parseEventData('intent', stored[0]?.data)).toEqual({ kind: 'intent', data: { topic: 'Sales intelligence', score: 72, week: '2026-11-16' } });

    h.clock.now = new Date(h.clock.now.getTime() + 3_600_000);
    const again = await deliver('intent', intent('d-surge', surge));
    expect(again.res.status).toBe(200);
    expect(again.body).toEqual({ ...first.body, redelivered: true });
    expect(await allEvents()).toEqual(stored);
    expect(await countRows(h.db.kysely, 'webhook_deliveries')).toBe(1);
  });

  it('keeps one row per account, topic and week across deliveries, with the latest score', async () => {
    const res = await deliver('intent', intent('d-rescore', [{ domain: 'acme.com', topic: 'sales intelligence', score: 80, week: '2026-11-18' }, surge[1]]));
    expect(res.body).toMatchObject({ created: 0, updated: 1, unchanged: 1 });
    const rows = await h.db.kysely.selectFrom('events').selectAll().where('natural_key', '=', await storedKey(`intent:${acme}:sales intelligence:2026-11-16`)).execute();
    expect(rows).toHaveLength(1);
    expect(JSON.parse(rows[0]!.data)).toMatchObject({ score: 80, week: '2026-11-16' });
    expect(rows[0]?.delivery_id).toBe('d-rescore');
  });

  it('counts free-mail and unknown domains as unmatched, not as errors', async () => {
    const before = await countRows(h.db.kysely, 'events');
    const res = await deliver('intent', intent('d-unmatched', [
      { domain: 'gmail.com', topic: 'CRM', score: 40, week: '2026-11-16' },
      { domain: 'unknown-company.example', topic: 'CRM', score: 40, week: '2026-11-16' },
    ]));
    expect(res.res.status).toBe(200);
    expect(res.body).toMatchObject({ received: 2, created: 0, unmatched: 2 });
    expect(await countRows(h.db.kysely, 'events')).toBe(before);
  });

  it('refuses a batch with a bad event whole, naming the field, writing nothing', async () => {
    const before = { events: await countRows(h.db.kysely, 'events'), deliveries: await countRows(h.db.kysely, 'webhook_deliveries') };
    const events = [...surge, { domain: 'acme.com', topic: 'CRM', score: 140, week: '2026-11-16' }];
    const bad = await deliver('intent', intent('d-bad', events));
    expect(bad.res.status).toBe(422);
    expect(bad.res.headers.get('content-type')).toBe('application/problem+json');
    expect(bad.body).toMatchObject({ type: '/problems/validation-error', field: 'events[3].score' });
    for (const [event, field] of [
      [{ ...surge[0], week: '2026-02-30' }, 'events[0].week'],
      [{ ...surge[0], source: 'vendor' }, 'events[0].source'],
      [{ ...surge[0], domain: 'ac\u200bme.com' }, 'events[0].domain'],
    ] as const) {
      const res = await deliver('intent', intent('d-bad', [event]));
      expect(res.res.status).toBe(422);
      expect(res.body.field).toBe(field);
    }
    const tooMany = await deliver('intent', intent('d-bad', Array.from({ length: 1001 }, () => surge[0])));
    expect(tooMany.res.status).toBe(422);
    expect(await countRows(h.db.kysely, 'events')).toBe(before.events);
    expect(await countRows(h.db.kysely, 'webhook_deliveries')).toBe(before.deliveries);
    // Nothing was recorded, so the corrected batch under the same id is a first delivery.
    const fixed = await deliver('intent', intent('d-bad', [{ domain: 'acme.com', topic: 'CRM', score: 40, week: '2026-11-16' }]));
    expect(fixed.body).toMatchObject({ created: 1, redelivered: false });
  });

  it('stores a batch delivered twice at the same moment once', async () => {
    const before = await countRows(h.db.kysely, 'events');
    const batch = intent('d-twice', [{ domain: 'acme.com', topic: 'Pipeline', score: 33, week: '2026-11-09' }]);
    const answers = await Promise.all([deliver('intent', batch), deliver('intent', batch), deliver('intent', batch)]);
    expect(answers.map((a) => a.res.status)).toEqual([200, 200, 200]);
    expect(answers.map((a) => a.body.redelivered).sort()).toEqual([false, true, true]);
    expect(answers.every((a) => a.body.created === 1)).toBe(true);
    expect(await countRows(h.db.kysely, 'events')).toBe(before + 1);
  });

  it('refuses a delivery id reused for a different batch', async () => {
    const res = await deliver('intent', intent('d-surge', [{ ...surge[0], score: 10 }]));
    expect(res.res.status).toBe(409);
    expect(res.body).toMatchObject({ type: '/problems/conflict', field: 'deliveryId' });
  });

  it("never stores events in another team's account with the same domain", async () => {
    const theirs = await h.db.kysely.selectFrom('events').select('id').where('team_id', '=', h.teamB).execute();
    expect(theirs).toEqual([]);
  });
});

describe('the web-visits webhook', () => {
  const visits = [
    { domain: 'acme.com', url: 'https://acme-vendor.test/pricing?utm_source=ad&email=jane%40acme.com#plans', pageType: 'pricing', occurredAt: '2026-11-22T10:15:00+01:00', visitorEmail: 'Jane@ACME.com' },
    { domain: 'eu.globex.co.uk', url: 'http://acme-vendor.test/docs/api', pageType: 'docs', occurredAt: '2026-11-22T11:00:00Z' },
    { domain: 'hotmail.com', url: 'https://acme-vendor.test/blog/x', pageType: 'blog', occurredAt: '2026-11-22T11:00:00Z' },
  ];

  it('stores the page, not its query string, and links a known visitor without keeping the address', async () => {
    const res = await deliver('web-visits', { deliveryId: 'v-1', events: visits });
    expect(res.res.status).toBe(200);
    expect(res.body).toMatchObject({ source: 'web-visits', received: 3, created: 2, unmatched: 1 });
    const rows = await h.db.kysely.selectFrom('events').selectAll().where('delivery_id', '=', 'v-1').orderBy('occurred_at').execute();
    expect(rows.map((r) => [r.account_id, r.contact_id, r.kind, r.source, r.occurred_at])).toEqual([
      [acme, jane, 'web_visit', 'web-visits', '2026-11-22T09:15:00.000Z'],
      [globex, null, 'web_visit', 'web-visits', '2026-11-22T11:00:00.000Z'],
    ]);
    expect(parseEventData('web_visit', rows[0]?.data)).toEqual({ kind: 'web_visit', data: { url: 'https://acme-vendor.test/pricing', pageType: 'pricing' } });
    expect(rows[0]?.natural_key).toBe(await storedKey(`visit:${acme}:https://acme-vendor.test/pricing:2026-11-22T09:15:00.000Z`));
    expect(JSON.stringify(rows)).not.toMatch(/jane@|utm_source/i);

    const again = await deliver('web-visits', { deliveryId: 'v-2', events: visits.slice(0, 2) });
    expect(again.body).toMatchObject({ created: 0, unchanged: 2, redelivered: false });
    expect(await h.db.kysely.selectFrom('events').select('id').where('kind', '=', 'web_visit').execute()).toHaveLength(2);
  });

  it('refuses URLs that are not http or https', async () => {
    const res = await deliver('web-visits', { deliveryId: 'v-bad', events: [{ ...visits[1], url: 'javascript:alert(1)' }] });
    expect(res.res.status).toBe(422);
    expect(res.body.field).toBe('events[0].url');
  });
});

describe('who may deliver webhooks', () => {
  const one = (deliveryId: string) => intent(deliveryId, [{ domain: 'acme.com', topic: 'Auth', score: 1, week: '2026-11-16' }]);

  it("refuses a rep's user token and takes a webhook token or an admin's", async () => {
    expect((await deliver('intent', one('auth-1'), h.rep.token)).res.status).toBe(403);
    expect((await deliver('intent', one('auth-1'), h.manager.token)).res.status).toBe(403);
    expect((await deliver('intent', one('auth-1'), h.webhookToken)).res.status).toBe(200);
    expect((await deliver('intent', one('auth-2'), h.admin.token)).res.status).toBe(200);
    expect((await deliver('intent', one('auth-3'), null)).res.status).toBe(401);
  });

  it('keeps a webhook token away from user routes', async () => {
    expect((await h.request('GET', '/v1/me', { token: h.webhookToken })).status).toBe(403);
    expect((await h.request('POST', '/v1/activities', { token: h.webhookToken, json: { activities: [] } })).status).toBe(403);
  });

  it('answers an unknown source with a 404 problem', async () => {
    const { res, body } = await deliver('crm-sync', one('auth-4'));
    expect(res.status).toBe(404);
    expect(body).toMatchObject({ type: '/problems/not-found' });
    expect((await h.request('GET', '/v1/webhooks/intent', { token: h.webhookToken })).status).toBe(405);
  });
});
