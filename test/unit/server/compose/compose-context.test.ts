/**
 * `POST /v1/compose-context` (issue 12, the Gmail compose card): each recipient's contact and
 * account, the team's last touch, a collision warning when a teammate touched their account within
 * the team's window (admin setting `compose.collisionDays`, default 3), and talking points from the
 * account's signals with their reasons. Runs on SQLite, and on PostgreSQL with TEST_DATABASE_URL.
 * The data: issue 13's Initech case (test/unit/server/meetings/seed.ts) plus a VP hired two days
 * ago and an email the manager logged with Ben yesterday.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ComposeContextAnswer } from '../../../../shared/compose.ts';
import { makeHarness, TEST_NOW, type Harness } from '../harness.ts';
import { INITECH, seedMeetingCase } from '../meetings/seed.ts';

const DAY = 86_400_000;
let h: Harness;

beforeAll(async () => {
  h = await makeHarness();
  await seedMeetingCase(h);
  const ago = (days: number) => new Date(TEST_NOW.getTime() - days * DAY).toISOString();
  await h.db.kysely
    .insertInto('events')
    .values({ team_id: h.teamA, account_id: INITECH.account, contact_id: null, kind: 'exec_hire', occurred_at: ago(2), source: 'test', natural_key: 'compose-vp', data: JSON.stringify({ title: 'VP Sales', name: 'Dana Reyes' }) })
    .execute();
  await h.db.kysely
    .insertInto('activities')
    .values({
      id: '00000000-0000-4000-8000-00000000c0a1',
      team_id: h.teamA,
      natural_key: 'gmail:msg:v1:compose-test',
      type: 'email',
      subject: 'Order form',
      occurred_at: ago(1),
      contact_id: INITECH.ben,
      account_id: INITECH.account,
      user_id: h.manager.id,
      surface: 'gmail',
      payload_hash: 'seed',
      recorded_at: ago(1),
    })
    .execute();
  // The intelligence is persisted at import; the events above came after it.
  await h.db.kysely.deleteFrom('account_intel').execute();
});
afterAll(() => h.close());
beforeEach(async () => {
  h.clock.now = new Date(TEST_NOW);
  await h.db.kysely.deleteFrom('settings').where('key', '=', 'compose').execute();
});

async function ask(body: unknown, token = h.rep.token) {
  const res = await h.request('POST', '/v1/compose-context', { json: body, token });
  return { status: res.status, type: res.headers.get('content-type'), body: (await res.json()) as Record<string, unknown> };
}

const to = (...addresses: string[]) => ({ recipients: addresses.map((address) => ({ kind: 'email', address })) });

describe('POST /v1/compose-context', () => {
  it('warns that a teammate emailed the recipient’s account yesterday, naming who, how and with whom', async () => {
    const { status, body } = await ask(to('Ana@Initech.example'));
    expect(status).toBe(200);
    const answer = ComposeContextAnswer.parse(body);
    expect(answer.collisionDays).toBe(3);
    const [ana] = answer.recipients;
    expect(ana).toMatchObject({ address: 'ana@initech.example', contact: { id: INITECH.ana, name: 'Ana Lund', title: 'VP Data' }, account: { id: INITECH.account, name: 'Initech' } });
    expect(ana!.collision).toEqual({ type: 'email', at: new Date(TEST_NOW.getTime() - DAY).toISOString(), by: { id: h.manager.id, name: 'manager manager@a.test' }, contactName: 'Ben Ortiz' });
    // Ana's own last touch is the meeting the rep logged three weeks ago, whoever logged it.
    expect(ana!.lastTouch).toEqual({ type: 'meeting', at: new Date(TEST_NOW.getTime() - INITECH.meetingDaysAgo * DAY).toISOString(), by: { id: h.rep.id, name: 'rep rep@a.test' } });
  });

  it('is no collision for the teammate who wrote it, nor once it is older than the admin’s window', async () => {
    const own = ComposeContextAnswer.parse((await ask(to('ben@initech.example'), h.manager.token)).body);
    expect(own.recipients[0]!.collision).toBeNull();
    expect(own.recipients[0]!.lastTouch).toMatchObject({ type: 'email', by: { id: h.manager.id } });
    h.clock.now = new Date(TEST_NOW.getTime() + 3 * DAY);
    expect(ComposeContextAnswer.parse((await ask(to('ana@initech.example'))).body).recipients[0]!.collision).toBeNull();
    const put = await h.request('PUT', '/v1/admin/settings/compose', { json: { collisionDays: 7 }, token: h.admin.token });
    expect(put.status).toBe(200);
    const wider = ComposeContextAnswer.parse((await ask(to('ana@initech.example'))).body);
    expect(wider.collisionDays).toBe(7);
    expect(wider.recipients[0]!.collision).toMatchObject({ type: 'email', by: { id: h.manager.id } });
  });

  it("shows a contact Cc'd on an email a teammate logged yesterday as emailed by them, and the warning names them", async () => {
    const cleo = 'ct_cleo_cc';
    await h.db.kysely
      .insertInto('contacts')
      .values({ id: cleo, team_id: h.teamA, account_id: INITECH.account, name: 'Cleo Park', name_key: 'cleo park', past_employers: '[]', field_sources: '{}', created_at: TEST_NOW.toISOString(), updated_at: TEST_NOW.toISOString() })
      .execute();
    await h.db.kysely.insertInto('contact_emails').values({ team_id: h.teamA, email: 'cleo@initech.example', contact_id: cleo }).execute();
    const at = new Date(TEST_NOW.getTime() - DAY + 60_000).toISOString();
    const logged = await h.request('POST', '/v1/activities', {
      token: h.manager.token,
      json: { activities: [{ id: '00000000-0000-4000-8000-00000000c0c2', naturalKey: 'gmail:msg:v1:compose-cc', type: 'email', subject: 'Order form', occurredAt: at, contactId: INITECH.ben, participantContactIds: [cleo], surface: 'gmail' }] },
    });
    expect(((await logged.json()) as { results: { status: string }[] }).results[0]!.status).toBe('created');
    try {
      const answer = ComposeContextAnswer.parse((await ask(to('cleo@initech.example', 'ana@initech.example'))).body);
      const [cc, ana] = answer.recipients;
      const byManager = { id: h.manager.id, name: 'manager manager@a.test' };
      expect(cc!.lastTouch).toEqual({ type: 'email', at, by: byManager });
      expect(cc!.collision).toEqual({ type: 'email', at, by: byManager, contactName: 'Cleo Park' });
      // Ana was not on it: her warning names whom it was about.
      expect(ana!.collision).toMatchObject({ at, contactName: 'Ben Ortiz' });
    } finally {
      await h.db.kysely.deleteFrom('activity_participants').where('activity_id', '=', '00000000-0000-4000-8000-00000000c0c2').execute();
      await h.db.kysely.deleteFrom('activities').where('id', '=', '00000000-0000-4000-8000-00000000c0c2').execute();
    }
  });

  it("warns a rep writing to Globex that a teammate emailed Initech yesterday with Globex's Carl Cc'd, naming Carl, and moves Globex's last touch", async () => {
    const stamp = { created_at: TEST_NOW.toISOString(), updated_at: TEST_NOW.toISOString() };
    const person = (id: string, name: string) => ({ id, team_id: h.teamA, account_id: 'acc_globex_cc', name, name_key: name.toLowerCase(), past_employers: '[]', field_sources: '{}', ...stamp });
    await h.db.kysely.insertInto('accounts').values({ id: 'acc_globex_cc', team_id: h.teamA, name: 'Globex', tier: 2, stage: 'engaged', owner_id: h.rep.id, field_sources: '{}', ...stamp }).execute();
    await h.db.kysely.insertInto('account_domains').values({ team_id: h.teamA, domain: 'globex.example', account_id: 'acc_globex_cc' }).execute();
    await h.db.kysely.insertInto('contacts').values([person('ct_carl_cc', 'Carl Berg'), person('ct_gus_cc', 'Gus Falk')]).execute();
    await h.db.kysely
      .insertInto('contact_emails')
      .values([
        { team_id: h.teamA, email: 'carl@globex.example', contact_id: 'ct_carl_cc' },
        { team_id: h.teamA, email: 'gus@globex.example', contact_id: 'ct_gus_cc' },
      ])
      .execute();
    const at = new Date(TEST_NOW.getTime() - DAY + 120_000).toISOString();
    const id = '00000000-0000-4000-8000-00000000c0c3';
    const logged = await h.request('POST', '/v1/activities', {
      token: h.manager.token,
      json: { activities: [{ id, naturalKey: 'gmail:msg:v1:compose-cc-globex', type: 'email', subject: 'Intro', occurredAt: at, contactId: INITECH.ben, participantContactIds: ['ct_carl_cc'], surface: 'gmail' }] },
    });
    expect(((await logged.json()) as { results: { status: string }[] }).results[0]!.status).toBe('created');
    try {
      const [gus] = ComposeContextAnswer.parse((await ask(to('gus@globex.example'))).body).recipients;
      expect(gus!.account).toMatchObject({ id: 'acc_globex_cc', name: 'Globex' });
      expect(gus!.collision).toEqual({ type: 'email', at, by: { id: h.manager.id, name: 'manager manager@a.test' }, contactName: 'Carl Berg' });
      const globex = await h.db.kysely.selectFrom('accounts').select(['last_touch_at', 'last_touch_by']).where('id', '=', 'acc_globex_cc').executeTakeFirstOrThrow();
      expect(globex).toEqual({ last_touch_at: at, last_touch_by: h.manager.id });
    } finally {
      await h.db.kysely.deleteFrom('activity_participants').where('activity_id', '=', id).execute();
      await h.db.kysely.deleteFrom('activities').where('id', '=', id).execute();
    }
  });

  it('offers a talking point for the new VP with its reason, and no more than three', async () => {
    const points = ComposeContextAnswer.parse((await ask(to('ana@initech.example'))).body).recipients[0]!.talkingPoints;
    expect(points.length).toBeGreaterThanOrEqual(2);
    expect(points.length).toBeLessThanOrEqual(3);
    const vp = points.find((point) => point.kind === 'exec_hire');
    expect(vp?.reason).toContain('New VP Sales Dana Reyes hired');
    expect(vp?.text).toContain('Initech');
    // The deal whose close date passed is a point too, with the risk as its reason.
    expect(points.find((point) => point.kind === 'deal_risk')?.reason).toMatch(/^Initech platform: Close date .* passed/);
    // The lines are what the rep inserts: never the specifics of the signal.
    for (const point of points) expect(point.text).not.toContain('Dana Reyes');
  });

  it('answers an unknown person as not in the CRM, and a known domain with its account', async () => {
    const answer = ComposeContextAnswer.parse((await ask(to('nobody@elsewhere.example', 'new.person@initech.example'))).body);
    expect(answer.recipients[0]).toEqual({ address: 'nobody@elsewhere.example', contact: null, account: null, lastTouch: null, collision: null, talkingPoints: [] });
    expect(answer.recipients[1]).toMatchObject({ address: 'new.person@initech.example', contact: null, account: { id: INITECH.account }, lastTouch: null, collision: { type: 'email' } });
  });

  it('reads nothing about an address on the team’s never-log list', async () => {
    expect((await h.request('PUT', '/v1/admin/settings/mail', { json: { neverLog: ['ana@initech.example'], bodies: true }, token: h.admin.token })).status).toBe(200);
    try {
      const answer = ComposeContextAnswer.parse((await ask(to('ana@initech.example', 'ben@initech.example'))).body);
      expect(answer.recipients[0]).toEqual({ address: 'ana@initech.example', contact: null, account: null, lastTouch: null, collision: null, talkingPoints: [] });
      expect(answer.recipients[1]!.contact?.id).toBe(INITECH.ben);
    } finally {
      await h.db.kysely.deleteFrom('settings').where('key', '=', 'mail').execute();
    }
  });

  it('answers another team’s rep as if the people were unknown', async () => {
    const answer = ComposeContextAnswer.parse((await ask(to('ana@initech.example'), h.otherRep.token)).body);
    expect(answer.recipients[0]).toMatchObject({ contact: null, account: null, collision: null, talkingPoints: [] });
  });

  it('finds each recipient’s own last touch however many newer touches another recipient has', async () => {
    // 600 calls with Ben, all newer than Ana's meeting three weeks ago (and outside the collision window).
    const ago = (ms: number) => new Date(TEST_NOW.getTime() - ms).toISOString();
    const calls = Array.from({ length: 600 }, (_, i) => ({
      id: `00000000-0000-4000-8000-${String(100_000 + i).padStart(12, '0')}`,
      team_id: h.teamA,
      natural_key: `call:compose-many:${i}`,
      type: 'call',
      subject: 'Check-in',
      occurred_at: ago(5 * DAY + i * 60_000),
      contact_id: INITECH.ben,
      account_id: INITECH.account,
      user_id: h.manager.id,
      surface: 'sidepanel',
      payload_hash: 'seed',
      recorded_at: ago(5 * DAY),
    }));
    for (let i = 0; i < calls.length; i += 100) await h.db.kysely.insertInto('activities').values(calls.slice(i, i + 100)).execute();
    try {
      const answer = ComposeContextAnswer.parse((await ask(to('ben@initech.example', 'ana@initech.example'))).body);
      expect(answer.recipients[0]!.lastTouch).toMatchObject({ type: 'email', by: { id: h.manager.id } });
      expect(answer.recipients[1]!.lastTouch).toEqual({ type: 'meeting', at: new Date(TEST_NOW.getTime() - INITECH.meetingDaysAgo * DAY).toISOString(), by: { id: h.rep.id, name: 'rep rep@a.test' } });
    } finally {
      await h.db.kysely.deleteFrom('activities').where('natural_key', 'like', 'call:compose-many:%').execute();
    }
  });

  it('refuses a subject or a body beside the recipients, and more than 50 recipients, as problem+json naming the field', async () => {
    const subject = await ask({ ...to('ana@initech.example'), subject: 'Order form' });
    expect(subject.status).toBe(422);
    expect(subject.type).toContain('application/problem+json');
    expect(subject.body.type).toBe('/problems/validation-error');
    expect(JSON.stringify(subject.body.errors)).toContain('subject');
    const many = await ask(to(...Array.from({ length: 51 }, (_, i) => `p${i}@initech.example`)));
    expect(many.status).toBe(422);
    expect(JSON.stringify(many.body.errors)).toContain('recipients');
    const badSetting = await h.request('PUT', '/v1/admin/settings/compose', { json: { collisionDays: 0 }, token: h.admin.token });
    expect(badSetting.status).toBe(422);
    expect(JSON.stringify(await badSetting.json())).toContain('collisionDays');
  });
});
