import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Activity } from '../../../../shared/activity.ts';
import { decodeCursor, encodeCursor } from '../../../../server/ledger/list.ts';
import { makeHarness, type Harness } from '../harness.ts';
import { addAccount, addContact } from './seed.ts';

let h: Harness;
let account: string;
let contact: string;
let otherContact: string;
/** Five calls with Jane, two of them at the same minute, newest first. */
const times = ['2026-11-20T10:00:00.000Z', '2026-11-19T10:00:00.000Z', '2026-11-19T10:00:00.000Z', '2026-11-18T10:00:00.000Z', '2026-11-01T10:00:00.000Z'];

beforeAll(async () => {
  h = await makeHarness();
  account = await addAccount(h.db.kysely, h.teamA, 'acc_list');
  contact = await addContact(h.db.kysely, h.teamA, 'con_jane', account);
  otherContact = await addContact(h.db.kysely, h.teamA, 'con_other', account);
  const activities = times.map((occurredAt) => ({ id: crypto.randomUUID(), type: 'call', occurredAt, contactId: contact, surface: 'api' }));
  activities.push({ id: crypto.randomUUID(), type: 'call', occurredAt: '2026-11-21T10:00:00.000Z', contactId: otherContact, surface: 'api' });
  const res = await h.request('POST', '/v1/activities', { json: { activities } });
  expect(res.status).toBe(200);
});
afterAll(() => h.close());

async function page(query: string, token = h.rep.token) {
  const res = await h.request('GET', `/v1/activities?${query}`, { token });
  return { res, body: (await res.json()) as { activities: Activity[]; next: string | null } };
}

describe("reading a contact's or an account's activities", () => {
  it('pages newest first without skipping or repeating rows that share a time', async () => {
    const seen: Activity[] = [];
    let query = `contact=${contact}&limit=2`;
    const sizes: number[] = [];
    for (let i = 0; i < 5; i += 1) {
      const { res, body } = await page(query);
      expect(res.status).toBe(200);
      body.activities.forEach((a) => Activity.parse(a));
      seen.push(...body.activities);
      sizes.push(body.activities.length);
      if (!body.next) break;
      query = `contact=${contact}&limit=2&before=${body.next}`;
    }
    expect(sizes).toEqual([2, 2, 1]);
    expect(seen.map((a) => a.occurredAt)).toEqual(times);
    expect(new Set(seen.map((a) => a.id)).size).toBe(5);
    expect(seen.every((a) => a.contactId === contact)).toBe(true);
  });

  it("lists an account's activities across its contacts", async () => {
    const { res, body } = await page(`account=${account}`);
    expect(res.status).toBe(200);
    expect(body.activities).toHaveLength(6);
    expect(body.activities[0]?.contactId).toBe(otherContact);
    expect(body.next).toBeNull();
  });

  it("answers 404 with no data for another team's contact or account", async () => {
    for (const query of [`contact=${contact}`, `account=${account}`]) {
      const { res, body } = await page(query, h.otherRep.token);
      expect(res.status).toBe(404);
      expect(res.headers.get('content-type')).toBe('application/problem+json');
      expect(body).toMatchObject({ type: '/problems/not-found' });
      expect(JSON.stringify(body)).not.toContain('Person');
      expect('activities' in body).toBe(false);
    }
  });

  it('refuses a query without exactly one of contact or account, a bad cursor or a large limit', async () => {
    for (const query of ['', `contact=${contact}&account=${account}`, `contact=${contact}&before=nonsense`, `contact=${contact}&limit=201`, `contact=${contact}&sort=asc`]) {
      const { res } = await page(query);
      expect(res.status, query).toBe(422);
    }
  });
});

describe('activity cursors', () => {
  it('round-trip and refuse what the server did not make', () => {
    const cursor = { occurredAt: '2026-11-20T10:00:00.000Z', id: 'a6f0c7a4-0d4e-4c2b-9a53-2f5d0f9c1e11' };
    expect(decodeCursor(encodeCursor(cursor))).toEqual(cursor);
    expect(decodeCursor('bm9wZQ')).toBeNull();
    expect(decodeCursor('not base64!')).toBeNull();
  });
});
