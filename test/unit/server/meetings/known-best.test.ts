/**
 * "Who on the team knows them best" (issue 13's guest card) over HTTP: `GET /v1/contacts/known-best`
 * names, per contact, the teammate in touch with them now (touches in the last 90 days), then over
 * the year, then the latest, with the touches by type and the last one; notes, disabled teammates,
 * another team's ledger, touches older than a year and meetings logged ahead do not count.
 * Runs on SQLite, and on PostgreSQL with TEST_DATABASE_URL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KnownBestAnswer } from '../../../../shared/meetings.ts';
import { createUser } from '../../../../server/auth/users.ts';
import { makeHarness, type Harness } from '../harness.ts';
import { INITECH, seedMeetingCase } from './seed.ts';

const DAY = 86_400_000;
let h: Harness;
let n = 0;
let disabledId: string;

/** A touch in the ledger, `daysAgo` before the harness clock (negative: ahead of it). */
const touch = (user: string, contact: string, type: string, daysAgo: number, team?: string) => ({
  id: `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`,
  team_id: team ?? h.teamA,
  natural_key: null,
  type,
  subject: null,
  body: null,
  occurred_at: new Date(h.clock.now.getTime() - daysAgo * DAY).toISOString(),
  contact_id: contact,
  account_id: INITECH.account,
  deal_id: null,
  user_id: user,
  surface: 'import',
  payload_hash: 'seed',
  recorded_at: h.clock.now.toISOString(),
});

beforeAll(async () => {
  h = await makeHarness();
  await seedMeetingCase(h);
  const disabled = await createUser(h.db.kysely, { teamId: h.teamA, email: 'gone@a.test', name: 'Gone Teammate', role: 'rep' }, h.clock.now);
  disabledId = disabled.id;
  await h.db.kysely.updateTable('users').set({ disabled_at: h.clock.now.toISOString() }).where('id', '=', disabledId).execute();
  const k = h.db.kysely;
  // Ben: the manager wrote to him five times most of a year ago; the admin called him twice this month.
  await k
    .insertInto('activities')
    .values([
      ...[200, 220, 240, 260, 300].map((d) => touch(h.manager.id, INITECH.ben, 'email', d)),
      touch(h.admin.id, INITECH.ben, 'call', 20),
      touch(h.admin.id, INITECH.ben, 'call', 10),
      // Not touches with Ben by anyone who can be asked: a note, a disabled teammate, a meeting planned next week, last year's lunch.
      touch(h.rep.id, INITECH.ben, 'note', 1),
      touch(h.rep.id, INITECH.ben, 'note', 2),
      touch(h.rep.id, INITECH.ben, 'note', 3),
      ...[1, 2, 3, 4].map((d) => touch(disabledId, INITECH.ben, 'meeting', d)),
      touch(h.rep.id, INITECH.ben, 'meeting', -7),
      touch(h.rep.id, INITECH.ben, 'meeting', -8),
      touch(h.rep.id, INITECH.ben, 'meeting', -9),
      touch(h.rep.id, INITECH.ben, 'meeting', 400),
    ])
    .execute();
  // Ana (seeded: the rep's meeting three weeks ago): the manager emailed her twice, long ago.
  await k.insertInto('activities').values([touch(h.manager.id, INITECH.ana, 'email', 150), touch(h.manager.id, INITECH.ana, 'email', 160)]).execute();
});
afterAll(() => h.close());

async function ask(query: string, token = h.rep.token) {
  const res = await h.request('GET', `/v1/contacts/known-best${query}`, { token });
  return { status: res.status, type: res.headers.get('content-type'), body: (await res.json()) as Record<string, unknown> };
}

describe('GET /v1/contacts/known-best', () => {
  it('names the teammate in touch with the person now over one with more touches long ago, with how and when', async () => {
    const { status, body } = await ask(`?ids=${INITECH.ben},${INITECH.ana}`);
    expect(status).toBe(200);
    const [ben, ana] = KnownBestAnswer.parse(body).contacts;
    expect(ben).toEqual({
      contactId: INITECH.ben,
      teammate: { id: h.admin.id, name: 'admin admin@a.test', you: false },
      touches: 2,
      recentTouches: 2,
      byType: [{ type: 'call', count: 2 }],
      last: { type: 'call', at: new Date(h.clock.now.getTime() - 10 * DAY).toISOString() },
    });
    // Ana: one meeting three weeks ago beats two emails five months ago; the caller is told it is them.
    expect(ana).toMatchObject({ contactId: INITECH.ana, teammate: { id: h.rep.id, you: true }, touches: 1, byType: [{ type: 'meeting', count: 1 }], last: { type: 'meeting' } });
  });

  it('says whose it is from a teammate’s token, in the order asked, and nobody for a contact of another team', async () => {
    const { body } = await ask(`?ids=${INITECH.ana},ct_nobody,${INITECH.ben}`, h.manager.token);
    const contacts = KnownBestAnswer.parse(body).contacts;
    expect(contacts.map((c) => c.contactId)).toEqual([INITECH.ana, 'ct_nobody', INITECH.ben]);
    expect(contacts[0]!.teammate).toEqual({ id: h.rep.id, name: 'rep rep@a.test', you: false });
    expect(contacts[1]).toEqual({ contactId: 'ct_nobody', teammate: null, touches: 0, recentTouches: 0, byType: [], last: null });
    // Another team asking about this team's contact learns nothing.
    const other = KnownBestAnswer.parse((await ask(`?ids=${INITECH.ben}`, h.otherRep.token)).body).contacts;
    expect(other[0]!.teammate).toBeNull();
  });

  it('with nobody in touch this quarter, the most touches of the year decide, then the latest', async () => {
    const k = h.db.kysely;
    await k.insertInto('contacts').values({ id: 'ct_cleo', team_id: h.teamA, account_id: INITECH.account, name: 'Cleo Park', name_key: 'cleo park', title: 'CTO', buying_role: 'influencer', past_employers: '[]', field_sources: '{}', created_at: h.clock.now.toISOString(), updated_at: h.clock.now.toISOString() }).execute();
    await k
      .insertInto('activities')
      .values([touch(h.manager.id, 'ct_cleo', 'email', 120), touch(h.manager.id, 'ct_cleo', 'meeting', 130), touch(h.admin.id, 'ct_cleo', 'call', 100)])
      .execute();
    const [cleo] = KnownBestAnswer.parse((await ask('?ids=ct_cleo')).body).contacts;
    expect(cleo).toMatchObject({ teammate: { id: h.manager.id }, touches: 2, recentTouches: 0, byType: [{ type: 'email', count: 1 }, { type: 'meeting', count: 1 }], last: { type: 'email' } });
    // One more call by the admin: two each, and the admin's is the latest.
    await k.insertInto('activities').values(touch(h.admin.id, 'ct_cleo', 'call', 110)).execute();
    const [again] = KnownBestAnswer.parse((await ask('?ids=ct_cleo')).body).contacts;
    expect(again).toMatchObject({ teammate: { id: h.admin.id }, touches: 2, last: { type: 'call', at: new Date(h.clock.now.getTime() - 100 * DAY).toISOString() } });
  });

  it('refuses no ids, an empty id, more than 40 ids and unknown parameters, as problem+json naming the field', async () => {
    for (const [query, field] of [
      ['', 'ids'],
      ['?ids=', 'ids[0]'],
      [`?ids=${INITECH.ana},,${INITECH.ben}`, 'ids[1]'],
      [`?ids=${Array.from({ length: 41 }, (_, i) => `ct_${i}`).join(',')}`, 'ids'],
      [`?ids=${INITECH.ana}&name=Ana`, 'name'],
    ] as const) {
      const { status, type, body } = await ask(query);
      expect(status, query).toBe(422);
      expect(type).toContain('application/problem+json');
      expect((body.errors as { field: string }[]).map((e) => e.field), query).toContain(field);
    }
  });

  it('asks for a token', async () => {
    expect((await ask(`?ids=${INITECH.ana}`, '')).status).toBe(401);
  });
});
