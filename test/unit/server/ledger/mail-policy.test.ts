/**
 * Issue 12's server side: the ledger looked up by natural keys for the team ("already logged by
 * Ana on 12 Nov"), the team's mail policy (never-log list, bodies) as every rep reads it, and the
 * ledger refusing activities about someone on the never-log list or with a body the admin turned off.
 * Runs on SQLite, and on PostgreSQL with TEST_DATABASE_URL.
 */
import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ActivityResult } from '../../../../shared/activity.ts';
import { TEST_NOW, makeHarness, type Harness } from '../harness.ts';
import { addAccount, addContact } from './seed.ts';

let h: Harness;
beforeAll(async () => {
  h = await makeHarness();
});
afterAll(() => h.close());

const uid = (prefix: string) => `${prefix}_${crypto.randomBytes(4).toString('hex')}`;
const email = (overrides: Record<string, unknown> = {}) => ({
  id: crypto.randomUUID(),
  type: 'email',
  subject: 'Pilot scope for Q1',
  occurredAt: '2026-12-02T14:05:00.000Z',
  surface: 'gmail',
  ...overrides,
});

async function log(items: unknown[], token = h.rep.token) {
  const res = await h.request('POST', '/v1/activities', { json: { activities: items }, token });
  expect(res.status).toBe(200);
  return ((await res.json()) as { results: unknown[] }).results.map((r) => ActivityResult.parse(r));
}

async function setMail(value: unknown) {
  const res = await h.request('PUT', '/v1/admin/settings/mail', { json: value, token: h.admin.token });
  expect(res.status).toBe(200);
}

describe('POST /v1/activities/lookup', () => {
  it('answers which natural keys the team logged, when and by whom, and leaves the others out', async () => {
    const key = `gmail:msg:v1:${uid('k')}`;
    const [logged] = await log([email({ naturalKey: key })]);
    expect(logged?.status).toBe('created');
    const res = await h.request('POST', '/v1/activities/lookup', { json: { naturalKeys: [key, 'gmail:msg:v1:never-logged'] }, token: h.manager.token });
    expect(res.status).toBe(200);
    const { logged: found } = (await res.json()) as { logged: Array<Record<string, unknown>> };
    expect(found).toEqual([
      { naturalKey: key, activityId: logged!.id, type: 'email', occurredAt: '2026-12-02T14:05:00.000Z', recordedAt: TEST_NOW.toISOString(), loggedBy: { id: h.rep.id, name: expect.any(String) } },
    ]);
  });

  it('never answers another team\'s activities', async () => {
    const key = `gmail:msg:v1:${uid('k')}`;
    await log([email({ naturalKey: key })]);
    const res = await h.request('POST', '/v1/activities/lookup', { json: { naturalKeys: [key] }, token: h.otherRep.token });
    expect(await res.json()).toEqual({ logged: [] });
  });

  it('refuses an unbounded list, an empty one and unknown fields, naming the field', async () => {
    const tooMany = await h.request('POST', '/v1/activities/lookup', { json: { naturalKeys: Array.from({ length: 101 }, (_, i) => `k${i}`) } , token: h.rep.token });
    expect(tooMany.status).toBe(422);
    expect(tooMany.headers.get('content-type')).toContain('application/problem+json');
    expect(JSON.stringify(await tooMany.json())).toContain('naturalKeys');
    const empty = await h.request('POST', '/v1/activities/lookup', { json: { naturalKeys: [] }, token: h.rep.token });
    expect(empty.status).toBe(422);
    const unknown = await h.request('POST', '/v1/activities/lookup', { json: { naturalKeys: ['a'], subject: 'x' }, token: h.rep.token });
    expect(unknown.status).toBe(422);
  });
});

describe('the team\'s mail policy', () => {
  it('lets every rep read it, defaulting to no never-log list and bodies allowed', async () => {
    const fresh = await makeHarness();
    try {
      const res = await fresh.request('GET', '/v1/mail-policy', { token: fresh.rep.token });
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ neverLog: [], bodies: true });
    } finally {
      await fresh.close();
    }
  });

  it('refuses a never-log entry that is neither an address nor a domain, naming it', async () => {
    const res = await h.request('PUT', '/v1/admin/settings/mail', { json: { neverLog: ['not a domain'], bodies: true }, token: h.admin.token });
    expect(res.status).toBe(422);
    expect(JSON.stringify(await res.json())).toContain('neverLog');
  });

  it('makes the ledger refuse an activity about someone on the never-log list (by address or domain) and a body the admin turned off', async () => {
    const account = await addAccount(h.db.kysely, h.teamA, uid('acc'));
    const family = await addContact(h.db.kysely, h.teamA, uid('con'), account, ['mum@family.example']);
    const client = await addContact(h.db.kysely, h.teamA, uid('con'), account, ['jane@client.example']);
    await setMail({ neverLog: ['Family.example'], bodies: false });
    try {
      expect((await h.request('GET', '/v1/mail-policy', { token: h.rep.token }).then((r) => r.json()))).toEqual({ neverLog: ['family.example'], bodies: false });
      const [about, withBody, fine] = await log([email({ contactId: family }), email({ contactId: client, body: 'Hi Jane' }), email({ contactId: client })]);
      expect(about).toMatchObject({ status: 'invalid', problem: { errors: [{ field: 'activities[0].contactId' }] } });
      expect(withBody).toMatchObject({ status: 'invalid', problem: { errors: [{ field: 'activities[1].body' }] } });
      expect(fine?.status).toBe('created');
    } finally {
      await setMail({ neverLog: [], bodies: true });
    }
  });
});
