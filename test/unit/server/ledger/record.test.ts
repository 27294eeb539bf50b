import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ActivityInput, ActivityResult } from '../../../../shared/activity.ts';
import { normalizeActivity, payloadHash } from '../../../../server/ledger/payload.ts';
import { TEST_NOW, makeHarness, type Harness } from '../harness.ts';
import { addAccount, addContact, addDeal, countRows } from './seed.ts';

let h: Harness;
let n = 0;
beforeAll(async () => {
  h = await makeHarness();
});
afterAll(() => h.close());

const uid = (prefix: string) => `${prefix}_${(n += 1)}_${crypto.randomBytes(3).toString('hex')}`;

const meeting = (overrides: Record<string, unknown> = {}) => ({
  id: crypto.randomUUID(),
  type: 'meeting',
  subject: 'Quarterly review',
  occurredAt: '2026-11-20T15:00:00.000Z',
  surface: 'calendar',
  ...overrides,
});

async function log(items: unknown[], token = h.rep.token) {
  const res = await h.request('POST', '/v1/activities', { json: { activities: items }, token });
  expect(res.status).toBe(200);
  const { results } = (await res.json()) as { results: unknown[] };
  return results.map((r) => ActivityResult.parse(r));
}

describe('recording activities', () => {
  it('returns the original for a replay, also after the clock moved', async () => {
    const contact = await addContact(h.db.kysely, h.teamA, uid('con'), null);
    const item = meeting({ contactId: contact });
    const [first] = await log([item]);
    expect(first).toMatchObject({ status: 'created', id: item.id, activity: { recordedAt: TEST_NOW.toISOString(), userId: h.rep.id } });

    h.clock.now = new Date(TEST_NOW.getTime() + 86_400_000);
    try {
      const [again] = await log([item]);
      expect(again).toEqual({ ...first, status: 'duplicate' });
    } finally {
      h.clock.now = new Date(TEST_NOW);
    }
    const stored = await h.db.kysely.selectFrom('activities').selectAll().where('id', '=', item.id).execute();
    expect(stored).toHaveLength(1);
  });

  it('recognises a replay written with another offset or key order as the same activity', async () => {
    const item = meeting();
    await log([item]);
    const { surface, ...rest } = item;
    const [again] = await log([{ surface, ...rest, occurredAt: '2026-11-20T16:00:00+01:00', id: item.id.toUpperCase() }]);
    expect(again?.status).toBe('duplicate');
  });

  it('answers conflict for the same id with a different payload, and keeps the original', async () => {
    const item = meeting({ subject: 'Kick-off' });
    await log([item]);
    const [changed] = await log([{ ...item, subject: 'Something else' }]);
    expect(changed).toMatchObject({ status: 'conflict', id: item.id, problem: { type: '/problems/conflict', status: 409, field: 'activities[0].id' } });
    const stored = await h.db.kysely.selectFrom('activities').select('subject').where('id', '=', item.id).executeTakeFirstOrThrow();
    expect(stored.subject).toBe('Kick-off');
  });

  it('gives two teammates logging the same meeting the first one, not an error', async () => {
    const naturalKey = `calendar:${uid('evt')}:2026-11-20T15:00:00.000Z`;
    const [mine] = await log([meeting({ naturalKey })], h.rep.token);
    const [theirs] = await log([meeting({ naturalKey })], h.manager.token);
    expect(mine?.status).toBe('created');
    expect(theirs?.status).toBe('duplicate');
    if (mine?.status !== 'created' || theirs?.status !== 'duplicate') return;
    expect(theirs.activity).toEqual(mine.activity);
    expect(theirs.activity.userId).toBe(h.rep.id);
    const rows = await h.db.kysely.selectFrom('activities').select('id').where('natural_key', '=', naturalKey).execute();
    expect(rows).toHaveLength(1);
  });

  it('answers conflict for the same natural key with a different payload', async () => {
    const naturalKey = `gmail:${uid('msg')}`;
    await log([meeting({ naturalKey, type: 'email', surface: 'gmail' })]);
    const [other] = await log([meeting({ naturalKey, type: 'email', surface: 'gmail', subject: 'Re: something else' })], h.manager.token);
    expect(other).toMatchObject({ status: 'conflict', problem: { status: 409, field: 'activities[0].naturalKey' } });
  });

  it("answers conflict without any of the other team's data for an id that team used", async () => {
    const item = meeting({ subject: 'Globex secret pricing call' });
    const [theirs] = await log([item], h.otherRep.token);
    expect(theirs?.status).toBe('created');
    const res = await h.request('POST', '/v1/activities', { json: { activities: [meeting({ id: item.id, subject: 'Mine' })] } });
    const text = await res.text();
    expect(JSON.parse(text).results[0]).toMatchObject({ status: 'conflict', id: item.id });
    expect(text).not.toContain('Globex');
    expect(text).not.toContain(h.otherRep.id);
    expect(text).not.toContain(h.teamB);
    // The same payload from the other team is no duplicate of theirs either.
    const [same] = await log([item]);
    expect(same?.status).toBe('conflict');
  });

  it('creates the good items of a batch and names the field of each bad one', async () => {
    const account = await addAccount(h.db.kysely, h.teamA, uid('acc'));
    const theirAccount = await addAccount(h.db.kysely, h.teamB, uid('acc'));
    const before = await countRows(h.db.kysely, 'activities');
    const good = [meeting({ accountId: account }), meeting({ accountId: account, type: 'call', surface: 'api' })];
    const results = await log([
      good[0],
      { ...meeting(), mood: 'great' },
      meeting({ id: 'not-a-uuid' }),
      meeting({ contactId: 'con_nobody' }),
      meeting({ accountId: theirAccount }),
      good[1],
    ]);
    expect(results.map((r) => r.status)).toEqual(['created', 'invalid', 'invalid', 'invalid', 'invalid', 'created']);
    const fieldOf = (r: ActivityResult | undefined) => (r?.status === 'invalid' ? r.problem.field : undefined);
    expect(fieldOf(results[1])).toBe('activities[1].mood');
    expect(fieldOf(results[2])).toBe('activities[2].id');
    expect(results[2]?.id).toBe('not-a-uuid');
    expect(fieldOf(results[3])).toBe('activities[3].contactId');
    expect(fieldOf(results[4])).toBe('activities[4].accountId');
    expect(results[4]).toMatchObject({ problem: { status: 422, type: '/problems/validation-error' } });
    expect(await countRows(h.db.kysely, 'activities')).toBe(before + 2);
  });

  it('refuses a whole request that is not a batch of 1 to 100 activities, writing nothing', async () => {
    const before = await countRows(h.db.kysely, 'activities');
    for (const body of [
      { activities: Array.from({ length: 101 }, () => meeting()) },
      { activities: [] },
      { activities: meeting() },
      { activities: [meeting()], extra: true },
    ]) {
      const res = await h.request('POST', '/v1/activities', { json: body });
      expect(res.status).toBe(422);
      expect(res.headers.get('content-type')).toBe('application/problem+json');
    }
    const res = await h.request('POST', '/v1/activities', { json: { activities: Array.from({ length: 101 }, () => meeting()) } });
    expect(await res.json()).toMatchObject({ field: 'activities' });
    expect(await countRows(h.db.kysely, 'activities')).toBe(before);
  });

  it("fills the account from the contact's", async () => {
    const account = await addAccount(h.db.kysely, h.teamA, uid('acc'));
    const contact = await addContact(h.db.kysely, h.teamA, uid('con'), account);
    const [result] = await log([meeting({ contactId: contact })]);
    expect(result).toMatchObject({ status: 'created', activity: { contactId: contact, accountId: account } });
  });

  it("fills the account from the deal's when no contact names one", async () => {
    const account = await addAccount(h.db.kysely, h.teamA, uid('acc'));
    const deal = await addDeal(h.db.kysely, h.teamA, uid('deal'), account);
    const [result] = await log([meeting({ dealId: deal })]);
    expect(result).toMatchObject({ status: 'created', activity: { dealId: deal, accountId: account } });
  });

  it('refuses links to a deal of another team', async () => {
    const theirAccount = await addAccount(h.db.kysely, h.teamB, uid('acc'));
    const theirDeal = await addDeal(h.db.kysely, h.teamB, uid('deal'), theirAccount);
    const [result] = await log([meeting({ dealId: theirDeal })]);
    expect(result).toMatchObject({ status: 'invalid', problem: { field: 'activities[0].dealId' } });
  });

  it('moves last touch forward only', async () => {
    const account = await addAccount(h.db.kysely, h.teamA, uid('acc'));
    const contact = await addContact(h.db.kysely, h.teamA, uid('con'), account);
    const touchOf = async () => ({
      account: await h.db.kysely
        .selectFrom('accounts')
        .select(['last_touch_at', 'last_touch_type', 'last_touch_by'])
        .where('id', '=', account)
        .executeTakeFirstOrThrow(),
      contact: await h.db.kysely
        .selectFrom('contacts')
        .select(['last_touch_at', 'last_touch_type', 'last_touch_by'])
        .where('id', '=', contact)
        .executeTakeFirstOrThrow(),
    });

    await log([meeting({ contactId: contact, type: 'call', surface: 'api', occurredAt: '2026-11-10T10:00:00Z' })]);
    const afterCall = { last_touch_at: '2026-11-10T10:00:00.000Z', last_touch_type: 'call', last_touch_by: h.rep.id };
    expect(await touchOf()).toEqual({ account: afterCall, contact: afterCall });

    // An older email logged later does not move it back.
    await log([meeting({ contactId: contact, type: 'email', surface: 'gmail', occurredAt: '2026-11-01T10:00:00Z' })], h.manager.token);
    expect(await touchOf()).toEqual({ account: afterCall, contact: afterCall });

    // A meeting scheduled for next week is not a touch yet.
    await log([meeting({ contactId: contact, occurredAt: '2026-11-30T10:00:00Z' })]);
    expect(await touchOf()).toEqual({ account: afterCall, contact: afterCall });

    await log([meeting({ contactId: contact, occurredAt: '2026-11-22T10:00:00+02:00' })], h.manager.token);
    const afterMeeting = { last_touch_at: '2026-11-22T08:00:00.000Z', last_touch_type: 'meeting', last_touch_by: h.manager.id };
    expect(await touchOf()).toEqual({ account: afterMeeting, contact: afterMeeting });
  });

  it('keeps one row when the same activity arrives in concurrent requests', async () => {
    const naturalKey = `calendar:${uid('evt')}`;
    const item = meeting({ naturalKey });
    const copies = [item, item, { ...item, id: crypto.randomUUID() }, { ...item, id: crypto.randomUUID() }, item];
    const results = await Promise.all(copies.map(async (copy) => (await log([copy]))[0]));
    const statuses = results.map((r) => r?.status).sort();
    expect(statuses).toEqual(['created', 'duplicate', 'duplicate', 'duplicate', 'duplicate']);
    const rows = await h.db.kysely.selectFrom('activities').select('id').where('natural_key', '=', naturalKey).execute();
    expect(rows).toHaveLength(1);
  });

  it('answers duplicate when a concurrent request commits the same activity between our look and our insert', async () => {
    const item = meeting({ naturalKey: `calendar:${uid('evt')}` });
    const normalized = normalizeActivity(ActivityInput.parse(item));
    let commit!: () => void;
    let written!: () => void;
    const wrote = new Promise<void>((resolve) => (written = resolve));
    // Another request, inserting the same activity, holds its transaction open.
    const other = h.db.kysely.transaction().execute(async (trx) => {
      await trx
        .insertInto('activities')
        .values({
          id: normalized.id,
          team_id: h.teamA,
          natural_key: normalized.naturalKey,
          type: normalized.type,
          subject: normalized.subject,
          body: null,
          occurred_at: normalized.occurredAt,
          contact_id: null,
          account_id: null,
          deal_id: null,
          user_id: h.manager.id,
          surface: normalized.surface,
          payload_hash: payloadHash(normalized),
          recorded_at: TEST_NOW.toISOString(),
        })
        .execute();
      written();
      await new Promise<void>((resolve) => (commit = resolve));
    });
    await wrote;
    // PostgreSQL: our look cannot see the uncommitted row, so our insert waits on it. SQLite: we wait for the lock.
    const ours = log([item]);
    await new Promise((resolve) => setTimeout(resolve, 300));
    commit();
    await other;
    const [result] = await ours;
    expect(result).toMatchObject({ status: 'duplicate', activity: { userId: h.manager.id } });
  });

  it('refuses a webhook token', async () => {
    const res = await h.request('POST', '/v1/activities', { json: { activities: [meeting()] }, token: h.webhookToken });
    expect(res.status).toBe(403);
  });
});
