/**
 * Meetings over HTTP (issue 13): `POST /v1/meetings` records what a rep's extension saw of a
 * calendar event, once per team, event and start; `GET /v1/meetings` finds it by conference id for
 * anyone in the team; `GET /v1/accounts/:id/since-last-meeting` says what changed since the last
 * logged meeting. Runs on SQLite, and on PostgreSQL with TEST_DATABASE_URL.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { BriefsResponse } from '../../../../shared/brief.ts';
import { KnownBestAnswer, MeetingAnswer, MeetingLookup, MeetingPackageAnswer, SinceLastMeeting } from '../../../../shared/meetings.ts';
import { makeHarness, TEST_NOW, type Harness } from '../harness.ts';
import { INITECH, seedMeetingCase } from './seed.ts';

let h: Harness;
beforeAll(async () => {
  h = await makeHarness();
  await seedMeetingCase(h);
});
afterAll(() => h.close());
beforeEach(async () => {
  await h.db.kysely.deleteFrom('meetings').execute();
  h.clock.now = new Date(TEST_NOW);
});

const meeting = (over: Record<string, unknown> = {}) => ({
  eventId: '4q8k2m9v0c1s5h7l3n6p0r2t4u',
  start: '2026-11-24T10:00:00-05:00',
  conference: { provider: 'zoom', id: '81234567890' },
  attendees: ['Ana@Initech.example', 'ben@initech.example', 'rep@a.test'],
  ...over,
});

async function post(body: unknown, token = h.rep.token) {
  const res = await h.request('POST', '/v1/meetings', { json: body, token });
  return { status: res.status, type: res.headers.get('content-type'), body: (await res.json()) as Record<string, unknown> };
}

async function lookup(provider: string, conferenceId: string, token = h.rep.token) {
  const res = await h.request('GET', `/v1/meetings?provider=${provider}&conferenceId=${encodeURIComponent(conferenceId)}`, { token });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe('POST /v1/meetings', () => {
  it('records an event seen in Calendar once per event and start, in UTC, with the guests normalised', async () => {
    const first = await post(meeting());
    expect(first.status).toBe(201);
    expect(MeetingAnswer.parse(first.body)).toEqual({
      created: true,
      meeting: { eventId: '4q8k2m9v0c1s5h7l3n6p0r2t4u', start: '2026-11-24T15:00:00Z', conference: { provider: 'zoom', id: '81234567890' }, attendees: ['ana@initech.example', 'ben@initech.example', 'rep@a.test'] },
    });
    // The same instance seen again from another time zone, by a teammate: one meeting.
    const again = await post(meeting({ start: '2026-11-24T16:00:00+01:00' }), h.manager.token);
    expect(again.status).toBe(200);
    expect(MeetingAnswer.parse(again.body).created).toBe(false);
    expect(await h.db.kysely.selectFrom('meetings').selectAll().execute()).toHaveLength(1);
  });

  it('keeps each instance of a recurring event as its own meeting', async () => {
    expect((await post(meeting())).status).toBe(201);
    expect((await post(meeting({ start: '2026-12-01T10:00:00-05:00' }))).status).toBe(201);
    expect(await h.db.kysely.selectFrom('meetings').selectAll().execute()).toHaveLength(2);
  });

  it('refuses anything but the event id, start, conference and addresses, as problem+json naming the field', async () => {
    const extra = await post({ ...meeting(), title: 'Initech renewal' });
    expect(extra.status).toBe(422);
    expect(extra.type).toContain('application/problem+json');
    expect(extra.body.type).toBe('/problems/validation-error');
    expect(JSON.stringify(extra.body)).toContain('title');
    const notAddress = await post(meeting({ attendees: ['ana@initech.example', 'not an address'] }));
    expect(notAddress.status).toBe(422);
    expect(notAddress.body.errors).toEqual([expect.objectContaining({ field: 'attendees[1]' })]);
    const badProvider = await post(meeting({ conference: { provider: 'skype', id: '1' } }));
    expect(badProvider.status).toBe(422);
    expect(JSON.stringify(badProvider.body)).toContain('conference.provider');
  });

  it('forgets an erased guest: out of the meetings that named them, and not brought back by the next invite', async () => {
    const stamp = TEST_NOW.toISOString();
    await h.db.kysely
      .insertInto('contacts')
      .values({ id: 'ct_erin', team_id: h.teamA, account_id: INITECH.account, name: 'Erin Berg', name_key: 'erin berg', past_employers: '[]', field_sources: '{}', created_at: stamp, updated_at: stamp })
      .execute();
    await h.db.kysely.insertInto('contact_emails').values({ team_id: h.teamA, email: 'erin@initech.example', contact_id: 'ct_erin' }).execute();
    await post(meeting({ attendees: ['ana@initech.example', 'erin@initech.example'] }));
    const erased = await h.request('POST', '/v1/admin/erasures', { token: h.admin.token, json: { email: 'erin@initech.example' } });
    expect(erased.status).toBe(200);
    const stored = await h.db.kysely.selectFrom('meetings').select('attendees').execute();
    expect(stored.map((m) => JSON.parse(m.attendees))).toEqual([['ana@initech.example']]);
    const again = MeetingAnswer.parse((await post(meeting({ attendees: ['ana@initech.example', 'Erin@initech.example'] }))).body);
    expect(again.meeting.attendees).toEqual(['ana@initech.example']);
  });

  it('asks for a token', async () => {
    expect((await post(meeting(), null as unknown as string)).status).toBe(401);
  });
});

describe('GET /v1/meetings', () => {
  it("finds a teammate's meeting by its conference id (Meet codes in any case), and another team finds nothing", async () => {
    await post(meeting({ conference: { provider: 'meet', id: 'abc-defg-hij' } }));
    const found = await lookup('meet', 'ABC-defg-hij', h.manager.token);
    expect(found.status).toBe(200);
    expect(MeetingLookup.parse(found.body).meeting).toMatchObject({ eventId: '4q8k2m9v0c1s5h7l3n6p0r2t4u', start: '2026-11-24T15:00:00Z' });
    expect(MeetingLookup.parse((await lookup('meet', 'abc-defg-hij', h.otherRep.token)).body)).toEqual({ meeting: null });
    expect(MeetingLookup.parse((await lookup('zoom', '99999999999')).body)).toEqual({ meeting: null });
  });

  it('gives the instance of a recurring meeting nearest to now', async () => {
    await post(meeting({ start: '2026-11-16T10:00:00-05:00' }));
    await post(meeting({ start: '2026-11-23T04:30:00-05:00' }));
    await post(meeting({ start: '2026-11-30T10:00:00-05:00' }));
    expect(MeetingLookup.parse((await lookup('zoom', '81234567890')).body).meeting?.start).toBe('2026-11-23T09:30:00Z');
  });

  it('refuses an unknown provider and unknown parameters', async () => {
    expect((await lookup('skype', '1')).status).toBe(422);
    const res = await h.request('GET', '/v1/meetings?provider=zoom&conferenceId=1&title=x');
    expect(res.status).toBe(422);
  });
});

describe('GET /v1/meetings?include=package', () => {
  async function pkg(provider: string, conferenceId: string, token = h.rep.token) {
    const res = await h.request('GET', `/v1/meetings?provider=${provider}&conferenceId=${encodeURIComponent(conferenceId)}&include=package`, { token });
    return { status: res.status, type: res.headers.get('content-type'), body: (await res.json()) as Record<string, unknown> };
  }
  const get = async (url: string, token = h.rep.token) => (await h.request('GET', url, { token })).json();

  it("answers a join page's whole package in one request: the same briefs, what changed and who knows whom as the three requests it replaces", async () => {
    // A teammate's calendar saw it: the rep's own address is on the invite and is no guest.
    await post(meeting({ attendees: ['Ana@Initech.example', 'rep@a.test', 'ben@initech.example'] }), h.manager.token);
    const { status, type, body } = await pkg('zoom', '81234567890');
    expect(status).toBe(200);
    expect(type).toMatch(/^application\/json/);
    const answer = MeetingPackageAnswer.parse(body);
    expect(answer.meeting).toMatchObject({ eventId: '4q8k2m9v0c1s5h7l3n6p0r2t4u', start: '2026-11-24T15:00:00Z' });
    const found = answer.package!;
    expect(found.guests).toEqual(['ana@initech.example', 'ben@initech.example']);
    // What the extension asked before, one request after another.
    const event = { kind: 'event', eventId: '4q8k2m9v0c1s5h7l3n6p0r2t4u', title: '', start: '2026-11-24T15:00:00Z', attendees: answer.meeting!.attendees.map((address) => ({ kind: 'email', address })) };
    const briefs = BriefsResponse.parse(await (await h.request('POST', '/v1/briefs', { json: { refs: [event, ...found.guests.map((address) => ({ kind: 'email', address }))] }, token: h.rep.token })).json());
    expect(found.briefs).toEqual(briefs.briefs);
    expect(found.briefs[0]?.account?.id).toBe(INITECH.account);
    expect(found.briefs.slice(1).map((b) => b?.contact?.id)).toEqual([INITECH.ana, INITECH.ben]);
    expect(found.since).toEqual(SinceLastMeeting.parse(await get(`/v1/accounts/${INITECH.account}/since-last-meeting?before=2026-11-24T15:00:00Z`)));
    expect(found.since?.changes.length).toBeGreaterThan(0);
    expect(found.knownBest).toEqual(KnownBestAnswer.parse(await get(`/v1/contacts/known-best?ids=${INITECH.ana},${INITECH.ben}`)).contacts);
  });

  it('briefs only the guests outside the caller\'s side: a teammate at the mail domain is no guest, for whoever asks', async () => {
    await post(meeting({ attendees: ['ana@initech.example', 'manager@a.test', 'rep@a.test'] }));
    expect(MeetingPackageAnswer.parse((await pkg('zoom', '81234567890', h.manager.token)).body).package?.guests).toEqual(['ana@initech.example']);
  });

  it('answers no meeting and no package for an unknown conference and for another team', async () => {
    await post(meeting());
    expect(MeetingPackageAnswer.parse((await pkg('zoom', '99999999999')).body)).toEqual({ meeting: null, package: null });
    expect(MeetingPackageAnswer.parse((await pkg('zoom', '81234567890', h.otherRep.token)).body)).toEqual({ meeting: null, package: null });
  });

  it('gives a meeting whose guests the CRM does not know its meeting, null briefs and nothing changed', async () => {
    await post(meeting({ attendees: ['someone@unknown.example'] }));
    const answer = MeetingPackageAnswer.parse((await pkg('zoom', '81234567890')).body);
    expect(answer.package).toEqual({ guests: ['someone@unknown.example'], briefs: [null, null], since: null, knownBest: [] });
  });

  it('refuses another include, as problem+json naming the field', async () => {
    const res = await h.request('GET', '/v1/meetings?provider=zoom&conferenceId=1&include=everything', { token: h.rep.token });
    expect(res.status).toBe(422);
    expect(res.headers.get('content-type')).toMatch(/problem\+json/);
    expect(JSON.stringify(await res.json())).toContain('include');
  });

  it('asks for a token', async () => {
    expect((await h.request('GET', '/v1/meetings?provider=zoom&conferenceId=1&include=package', { token: null })).status).toBe(401);
  });
});

describe('GET /v1/accounts/:id/since-last-meeting', () => {
  async function since(accountId: string, query = '', token = h.rep.token) {
    const res = await h.request('GET', `/v1/accounts/${accountId}/since-last-meeting${query}`, { token });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  }

  it('lists the two signals and the stage move since the meeting three weeks ago, newest first, each with its reason, and what to ask', async () => {
    const res = await since(INITECH.account);
    expect(res.status).toBe(200);
    const answer = SinceLastMeeting.parse(res.body);
    expect(answer.lastMeeting).toEqual({ at: new Date(TEST_NOW.getTime() - 21 * 86_400_000).toISOString(), by: 'rep rep@a.test', subject: 'Initech quarterly review' });
    expect(answer.changes.map((c) => c.kind)).toEqual(['signal', 'stage', 'signal']);
    expect(answer.changes[0]!.reason).toMatch(/pricing/i);
    expect(answer.changes[1]!.reason).toBe('Stage moved from evaluating to negotiating (Security review passed)');
    expect(answer.changes[2]!.reason).toMatch(/Series C/);
    // The exec hire of 40 days ago was known at the last meeting: not a change.
    expect(JSON.stringify(answer.changes)).not.toContain('CTO');
    const times = answer.changes.map((c) => c.at);
    expect(times).toEqual([...times].sort().reverse());
    expect(answer.questions.length).toBeGreaterThanOrEqual(2);
    expect(answer.questions.length).toBeLessThanOrEqual(3);
    // The deal's risk (its close date passed) comes first, then the newest changes.
    expect(answer.questions[0]).toBe('Is there a firm date for "Initech platform", and what is holding it?');
    expect(answer.questions).toContain('What moved you to negotiating, and what has to happen next?');
  });

  it('counts only meetings before the one being prepared (`before`)', async () => {
    const res = await since(INITECH.account, `?before=${encodeURIComponent(new Date(TEST_NOW.getTime() - 30 * 86_400_000).toISOString())}`);
    const answer = SinceLastMeeting.parse(res.body);
    // Before 30 days ago no meeting was logged: the default window (30 days before `before`).
    expect(answer.lastMeeting).toBeNull();
    expect(answer.since).toBe(new Date(TEST_NOW.getTime() - 60 * 86_400_000).toISOString());
    expect(answer.changes.map((c) => c.reason)).toContain('Stage moved from engaged to evaluating');
  });

  it('names a stakeholder added since the meeting, with title and buying role', async () => {
    const stamp = new Date(TEST_NOW.getTime() - 4 * 86_400_000).toISOString();
    await h.db.kysely
      .insertInto('contacts')
      .values({ id: 'ct_cara', team_id: h.teamA, account_id: INITECH.account, name: 'Cara Nilsson', name_key: 'cara nilsson', title: 'Head of Procurement', buying_role: 'influencer', past_employers: '[]', field_sources: '{}', created_at: stamp, updated_at: stamp })
      .execute();
    try {
      const answer = SinceLastMeeting.parse((await since(INITECH.account)).body);
      expect(answer.changes).toContainEqual({ kind: 'stakeholder', at: stamp, reason: 'New stakeholder: Cara Nilsson, Head of Procurement, influencer' });
      expect(answer.questions).toContain('What role will Cara Nilsson play in the decision?');
    } finally {
      await h.db.kysely.deleteFrom('contacts').where('id', '=', 'ct_cara').execute();
    }
  });

  it('is 404 for another team, as for an unknown account', async () => {
    expect((await since(INITECH.account, '', h.otherRep.token)).status).toBe(404);
    expect((await since('acc_nope')).status).toBe(404);
    expect((await since(INITECH.account, '?before=yesterday')).status).toBe(422);
  });
});
