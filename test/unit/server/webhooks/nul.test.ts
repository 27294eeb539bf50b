/**
 * Issue 9 item 11: PostgreSQL cannot store a NUL character in text, so a JSON string carrying one
 * (`\u0000`) is a 422 naming the field on every dialect, never a 500 on PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeHarness, type Harness } from '../harness.ts';
import { addAccount, countRows } from '../ledger/seed.ts';

let h: Harness;
beforeAll(async () => {
  h = await makeHarness();
  await addAccount(h.db.kysely, h.teamA, 'acc_acme', ['acme.com']);
});
afterAll(() => h.close());

async function deliver(source: string, body: unknown) {
  const res = await h.request('POST', `/v1/webhooks/${source}`, { json: body, token: h.webhookToken });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

const score = { domain: 'acme.com', topic: 'Sales intelligence', score: 72, week: '2026-11-16' };

describe('a NUL character in a webhook delivery', () => {
  it('refuses an intent topic with \\u0000 with 422 naming events[1].topic, and writes nothing', async () => {
    const { status, body } = await deliver('intent', { deliveryId: 'd-nul-1', events: [score, { ...score, topic: 'Data\u0000 enrichment' }] });
    expect(status).toBe(422);
    expect(body).toMatchObject({ type: '/problems/validation-error', field: 'events[1].topic', errors: [{ field: 'events[1].topic', message: expect.stringContaining('NUL') }] });
    expect(await countRows(h.db.kysely, 'events')).toBe(0);
  });

  it('refuses a delivery id with \\u0000 naming deliveryId', async () => {
    const { status, body } = await deliver('intent', { deliveryId: 'd-\u0000', events: [score] });
    expect(status).toBe(422);
    expect(body).toMatchObject({ field: 'deliveryId' });
  });

  it('refuses a NUL in a web visit (url, visitor email) naming the field', async () => {
    const visit = { domain: 'acme.com', url: 'https://acme.com/pricing', pageType: 'pricing', occurredAt: '2026-11-22T10:00:00Z' };
    for (const [field, value] of [['url', 'https://acme.com/pri\u0000cing'], ['visitorEmail', 'jane\u0000@acme.com'], ['domain', 'acme.com\u0000']] as const) {
      const { status, body } = await deliver('web-visits', { deliveryId: `d-nul-${field}`, events: [{ ...visit, [field]: value }] });
      expect(status, field).toBe(422);
      expect(body.field, field).toBe(`events[0].${field}`);
    }
    expect(await countRows(h.db.kysely, 'events')).toBe(0);
  });

  it('holds for every JSON route (the check is in jsonBody): an activity subject names activities[0].subject', async () => {
    const res = await h.request('POST', '/v1/activities', { json: { activities: [{ subject: 'Call\u0000' }] }, token: h.rep.token });
    expect(res.status).toBe(422);
    expect(await res.json()).toMatchObject({ errors: [{ field: 'activities[0].subject', message: expect.stringContaining('NUL character') }] });
  });
});
