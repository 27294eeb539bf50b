/**
 * Everyone on a logged touch gets the touch (issue 12's threads, issue 13's meetings): an activity
 * names its contact and the other CRM people it was with (`participantContactIds`). Each one's
 * last touch moves; a teammate's copy of the same email naming other people stays one activity
 * (`duplicate`) and merges them; an unknown id is refused naming its position; a contact's history
 * and "who knows them best" count the touches they were on; erasing a person removes their rows.
 * Runs on SQLite, and on PostgreSQL with TEST_DATABASE_URL.
 */
import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Activity, ActivityResult } from '../../../../shared/activity.ts';
import { KnownBestAnswer } from '../../../../shared/meetings.ts';
import { makeHarness, type Harness } from '../harness.ts';
import { addAccount, addContact } from './seed.ts';

let h: Harness;
let n = 0;
beforeAll(async () => {
  h = await makeHarness();
});
afterAll(() => h.close());

const uid = (prefix: string) => `${prefix}_${(n += 1)}_${crypto.randomBytes(3).toString('hex')}`;

const email = (overrides: Record<string, unknown> = {}) => ({
  id: crypto.randomUUID(),
  naturalKey: `gmail:msg:v1:${uid('msg')}`,
  type: 'email',
  subject: 'Pilot scope for Q1',
  occurredAt: '2026-11-20T15:00:00.000Z',
  surface: 'gmail',
  ...overrides,
});

async function log(items: unknown[], token = h.rep.token) {
  const res = await h.request('POST', '/v1/activities', { json: { activities: items }, token });
  expect(res.status).toBe(200);
  const { results } = (await res.json()) as { results: unknown[] };
  return results.map((r) => ActivityResult.parse(r));
}

/** Three people at one account: whom the email is about, and two more on it. */
async function people() {
  const account = await addAccount(h.db.kysely, h.teamA, uid('acc'));
  const [to, cc, bcc] = [await addContact(h.db.kysely, h.teamA, uid('con'), account), await addContact(h.db.kysely, h.teamA, uid('con'), account), await addContact(h.db.kysely, h.teamA, uid('con'), account)];
  return { account, to: to!, cc: cc!, bcc: bcc! };
}

const participantsOf = async (activityId: string) =>
  (await h.db.kysely.selectFrom('activity_participants').select('contact_id').where('activity_id', '=', activityId).orderBy('contact_id').execute()).map((r) => r.contact_id);

const lastTouchOf = (contactId: string) =>
  h.db.kysely.selectFrom('contacts').select(['last_touch_at', 'last_touch_type', 'last_touch_by']).where('id', '=', contactId).executeTakeFirstOrThrow();

describe('everyone on a logged touch', () => {
  it("moves the last touch of each person Cc'd on a logged email, not only its contact's, forward only", async () => {
    const { to, cc, bcc } = await people();
    const [result] = await log([email({ contactId: to, participantContactIds: [cc, to, bcc, cc] })]);
    expect(result?.status).toBe('created');
    // Repeats and the contact itself are dropped.
    expect(await participantsOf(result!.id!)).toEqual([cc, bcc].sort());
    const touched = { last_touch_at: '2026-11-20T15:00:00.000Z', last_touch_type: 'email', last_touch_by: h.rep.id };
    for (const person of [to, cc, bcc]) expect(await lastTouchOf(person)).toEqual(touched);

    // An older email naming Cc again does not move Cc's last touch back.
    await log([email({ contactId: to, participantContactIds: [cc], occurredAt: '2026-11-02T15:00:00.000Z' })], h.manager.token);
    expect(await lastTouchOf(cc)).toEqual(touched);
  });

  it("leaves out a participant the team does not hold (erased since the thread was read, or another team's) and records the touch with the others", async () => {
    const { to, cc } = await people();
    const theirs = await addContact(h.db.kysely, h.teamB, uid('con'), null);
    const item = email({ contactId: to, participantContactIds: [cc, 'con_nobody', theirs] });
    const [result] = await log([item]);
    expect(result).toMatchObject({ status: 'created', id: item.id });
    expect(await participantsOf(item.id)).toEqual([cc]);
    expect(await lastTouchOf(cc)).toMatchObject({ last_touch_type: 'email' });
    // Nothing is written about the other team's person.
    expect(await lastTouchOf(theirs)).toMatchObject({ last_touch_at: null });
    // More than 50 is refused by the schema.
    const [many] = await log([email({ contactId: to, participantContactIds: Array.from({ length: 51 }, (_, i) => `con_${i}`) })]);
    expect(many).toMatchObject({ status: 'invalid', problem: { field: 'activities[0].participantContactIds' } });
  });

  it("merges a teammate's copy of the same email naming another person into the stored activity, and stays duplicate", async () => {
    const { to, cc, bcc } = await people();
    const naturalKey = `gmail:msg:v1:${uid('shared')}`;
    const mine = email({ naturalKey, contactId: to, participantContactIds: [cc] });
    const [first] = await log([mine]);
    expect(first?.status).toBe('created');
    // The manager's CRM resolved Bcc too (and not Cc): same payload, other people.
    const [theirs] = await log([email({ naturalKey, contactId: to, participantContactIds: [bcc] })], h.manager.token);
    expect(theirs?.status).toBe('duplicate');
    if (first?.status !== 'created' || theirs?.status !== 'duplicate') return;
    expect(theirs.activity).toEqual(first.activity);
    expect(await h.db.kysely.selectFrom('activities').select('id').where('natural_key', '=', naturalKey).execute()).toHaveLength(1);
    expect(await participantsOf(first.id)).toEqual([cc, bcc].sort());
    // The touch is the stored one's: by whoever logged it first.
    expect(await lastTouchOf(bcc)).toEqual({ last_touch_at: '2026-11-20T15:00:00.000Z', last_touch_type: 'email', last_touch_by: h.rep.id });

    // A replay of the same id stays idempotent; a changed payload is still a conflict, merging nothing.
    const [replay] = await log([mine]);
    expect(replay).toEqual({ ...first, status: 'duplicate' });
    const stranger = (await people()).cc;
    const [changed] = await log([{ ...mine, subject: 'Something else', participantContactIds: [stranger] }]);
    expect(changed?.status).toBe('conflict');
    // A teammate's copy naming someone the team no longer has is still a duplicate.
    const [gone] = await log([email({ naturalKey, contactId: to, participantContactIds: ['con_deleted_since'] })], h.manager.token);
    expect(gone?.status).toBe('duplicate');
    expect(await participantsOf(first.id)).toEqual([cc, bcc].sort());
  });

  it('refuses a participant whose address is on the never-log list', async () => {
    const { to } = await people();
    const private_ = await addContact(h.db.kysely, h.teamA, uid('con'), null, [`${uid('p')}@family.example`]);
    expect((await h.request('PUT', '/v1/admin/settings/mail', { json: { neverLog: ['family.example'], bodies: true }, token: h.admin.token })).status).toBe(200);
    try {
      const [result] = await log([email({ contactId: to, participantContactIds: [private_] })]);
      expect(result).toMatchObject({ status: 'invalid', problem: { field: 'activities[0].participantContactIds[0]' } });
    } finally {
      await h.db.kysely.deleteFrom('settings').where('key', '=', 'mail').execute();
    }
  });

  it("lists in a contact's history the activities they were on, newest first, paging across both kinds", async () => {
    const { to, cc } = await people();
    const at = (day: number) => `2026-11-${String(day).padStart(2, '0')}T10:00:00.000Z`;
    // Cc: the contact of two calls, and on three emails (two of them at the same minute as a call).
    await log([
      { id: crypto.randomUUID(), type: 'call', occurredAt: at(18), contactId: cc, surface: 'api' },
      { id: crypto.randomUUID(), type: 'call', occurredAt: at(10), contactId: cc, surface: 'api' },
      email({ occurredAt: at(19), contactId: to, participantContactIds: [cc] }),
      email({ occurredAt: at(18), contactId: to, participantContactIds: [cc] }),
      email({ occurredAt: at(12), contactId: to, participantContactIds: [cc] }),
      email({ occurredAt: at(15), contactId: to }),
    ]);
    const seen: Activity[] = [];
    let query = `contact=${cc}&limit=2`;
    for (let i = 0; i < 5; i += 1) {
      const res = await h.request('GET', `/v1/activities?${query}`);
      expect(res.status).toBe(200);
      const body = (await res.json()) as { activities: Activity[]; next: string | null };
      seen.push(...body.activities);
      if (!body.next) break;
      query = `contact=${cc}&limit=2&before=${body.next}`;
    }
    // Newest first; the two at the same minute in (time, id) order, as the cursor pages them.
    expect(seen.map((a) => a.occurredAt)).toEqual([at(19), at(18), at(18), at(12), at(10)]);
    expect(seen[1]!.id > seen[2]!.id).toBe(true);
    expect(seen.map((a) => a.type).sort()).toEqual(['call', 'call', 'email', 'email', 'email']);
    expect(new Set(seen.map((a) => a.id)).size).toBe(5);
  });

  it('counts the emails a guest was Cc’d on for who on the team knows them best', async () => {
    const { to, cc } = await people();
    const daysAgo = (d: number) => new Date(h.clock.now.getTime() - d * 86_400_000).toISOString();
    await log([1, 2, 3].map((d) => email({ occurredAt: daysAgo(d), contactId: to, participantContactIds: [cc] })), h.manager.token);
    await log([{ id: crypto.randomUUID(), type: 'call', occurredAt: daysAgo(4), contactId: cc, surface: 'api' }]);
    const res = await h.request('GET', `/v1/contacts/known-best?ids=${cc}`);
    expect(res.status).toBe(200);
    const [known] = KnownBestAnswer.parse(await res.json()).contacts;
    expect(known).toMatchObject({ contactId: cc, teammate: { id: h.manager.id }, touches: 3, byType: [{ type: 'email', count: 3 }] });
  });

  it("counts in a contact's brief the emails they were Cc'd on and the meetings they were at", async () => {
    const { to, cc } = await people();
    await log([
      email({ contactId: to, participantContactIds: [cc] }),
      email({ contactId: cc, occurredAt: '2026-11-19T15:00:00.000Z' }),
      { id: crypto.randomUUID(), type: 'meeting', occurredAt: '2026-11-18T15:00:00.000Z', contactId: to, participantContactIds: [cc], surface: 'calendar' },
    ]);
    const res = await h.request('POST', '/v1/briefs', { json: { refs: [{ contactId: cc }] } });
    expect(res.status).toBe(200);
    const { briefs } = (await res.json()) as { briefs: { relationship: { emails: number; meetings: number; lastTouch: { type: string } | null } }[] };
    expect(briefs[0]!.relationship).toMatchObject({ emails: 2, meetings: 1, lastTouch: { type: 'email' } });
  });

  it('removes an erased person’s participant rows, and keeps the activity for its contact', async () => {
    const { to, cc, bcc } = await people();
    const [result] = await log([email({ contactId: to, participantContactIds: [cc, bcc] })]);
    const res = await h.request('POST', '/v1/admin/erasures', { json: { contactId: cc }, token: h.admin.token });
    expect(res.status).toBe(200);
    expect(await participantsOf(result!.id!)).toEqual([bcc]);
    expect(await h.db.kysely.selectFrom('activity_participants').select('activity_id').where('contact_id', '=', cc).execute()).toEqual([]);
    expect(await h.db.kysely.selectFrom('activities').select('contact_id').where('id', '=', result!.id).executeTakeFirstOrThrow()).toEqual({ contact_id: to });
  });
});
