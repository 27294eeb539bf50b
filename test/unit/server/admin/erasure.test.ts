import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeHarness, type Harness } from '../harness.ts';
import { addAccount, addActivity, addContact } from './people.ts';
import { ChangesPage } from '../../../../shared/directory.ts';
import { Digest } from '../../../../shared/digest.ts';

let h: Harness;
const JANE = { id: 'ct_7f3a', name: 'Jane Quill', title: 'VP Operations', emails: ['jane.quill@northwind.test', 'jq@northwind-labs.test'], slug: 'jane-quill-42' };
const LOGGED = {
  id: '6f1d2c3b-0a9e-4f8d-9c7b-1a2b3c4d5e6f',
  naturalKey: 'gmail:msg-188a',
  type: 'email',
  subject: 'Pricing for Jane',
  body: 'Hi Jane, as promised…',
  occurredAt: '2026-11-20T15:00:00.000Z',
  contactId: JANE.id,
  surface: 'gmail',
};

beforeAll(async () => {
  h = await makeHarness();
  const k = h.db.kysely;
  await addAccount(k, h.teamA, { id: 'acc_northwind', name: 'Northwind Traders', domains: ['northwind.test'] });
  await addContact(k, h.teamA, { ...JANE, accountId: 'acc_northwind' });
  await addContact(k, h.teamA, { id: 'ct_omar', name: 'Omar Vale', accountId: 'acc_northwind', emails: ['omar@northwind.test'] });
  // Team B holds the same person under its own id: erasure in A must not reach it.
  await addContact(k, h.teamB, { id: 'ct_9b21', name: 'Jane Quill', emails: ['jane.quill@northwind.test'] });

  const at = h.clock.now.toISOString();
  await k
    .insertInto('aliases')
    .values([
      { id: 'al_1', team_id: h.teamA, ref_key: 'linkedin:jane-q-old', contact_id: JANE.id, account_id: null, created_by: h.rep.id, created_at: at },
      // An alias keyed by her address pointing elsewhere still names her.
      { id: 'al_2', team_id: h.teamA, ref_key: 'email:jane.quill@northwind.test', contact_id: 'ct_omar', account_id: null, created_by: h.rep.id, created_at: at },
      { id: 'al_3', team_id: h.teamA, ref_key: 'email:omar@northwind.test', contact_id: 'ct_omar', account_id: null, created_by: h.rep.id, created_at: at },
    ])
    .execute();
  const event = (teamId: string, key: string, kind: string, data: object, contactId: string | null = null) => ({
    team_id: teamId,
    account_id: 'acc_northwind',
    contact_id: contactId,
    kind,
    occurred_at: at,
    source: 'web',
    natural_key: key,
    delivery_id: null,
    data: JSON.stringify(data),
  });
  await k
    .insertInto('events')
    .values([
      event(h.teamA, 'v1', 'web_visit', {}, JANE.id),
      // What imports and webhooks write that can name her: a CSV web visit keeps its query string.
      event(h.teamA, 'v2', 'web_visit', { url: 'https://northwind.test/pricing?utm=x&email=JQ%40northwind-labs.test', pageType: 'pricing' }),
      event(h.teamA, 'dep', 'departure', { contactId: JANE.id, name: 'jane  QUILL', title: 'VP Operations' }),
      event(h.teamA, 'news', 'news', { headline: 'Jane Quill joins Northwind as VP Operations', url: 'https://se.linkedin.com/in/Jane-Quill-42/' }),
      event(h.teamA, 'news2', 'news', { headline: 'Jane Quillon leaves Northwind', url: 'https://northwind.test/news' }),
      event(h.teamA, 'news3', 'news', { headline: 'Interview: JANE   quill’s first 100 days', url: 'https://northwind.test/jq' }),
      event(h.teamA, 'hire', 'exec_hire', { name: 'Omar Vale', title: 'CTO' }),
      event(h.teamB, 'dep', 'departure', { name: 'Jane Quill', title: 'VP Operations' }),
    ])
    .execute();
  await k
    .insertInto('flags')
    .values({ id: 'fl_1', team_id: h.teamA, user_id: h.rep.id, entity: 'contact', entity_id: JANE.id, field: 'title', problem: 'outdated', suggested_value: 'COO', status: 'open', resolution: null, created_at: at, resolved_at: null, resolved_by: null })
    .execute();
  await addActivity(k, h.teamA, { id: 'act_direct', naturalKey: 'cal:evt-9@2026-11-21T10:00Z', contactId: JANE.id, accountId: 'acc_northwind', subject: 'Call with Jane', payloadHash: 'a'.repeat(64) });
  await addActivity(k, h.teamA, { id: 'act_omar', contactId: 'ct_omar', subject: 'Omar intro', payloadHash: 'b'.repeat(64) });

  // Stored digests quote signal reasons that name people.
  const account = { id: 'acc_northwind', name: 'Northwind Traders', tier: 1, stage: 'engaged', owner: null } as const;
  const play = { text: 'Call the champion today', channel: 'call', who: 'Champion' } as const;
  const line = (key: string, contactId: string | null, reason: string) => ({
    key, kind: 'pricing_visits', priority: 1, account, contactId, reason, action: play, occurredAt: at, alert: true, state: 'new',
  }) as const;
  const digest = (lines: ReturnType<typeof line>[], task: string): Digest => ({
    day: '2026-11-23', since: '2026-11-22T09:00:00.000Z', lines, omitted: 0,
    tasks: [{ text: task, reason: lines[0]!.reason, action: play, account, signalKey: lines[0]!.key }],
    alertBudget: 3, alerts: lines.length, readingMinutes: 1, generatedAt: at,
  });
  const stored = (teamId: string, userId: string, payload: Digest) =>
    ({ team_id: teamId, user_id: userId, day: payload.day, since: payload.since, generated_at: payload.generatedAt, payload: JSON.stringify(payload) });
  await k
    .insertInto('digests')
    .values([
      stored(h.teamA, h.rep.id, digest([line(`pricing_visits:acc_northwind:${JANE.id}`, JANE.id, 'Jane Quill (champion) visited pricing 3 times; wrote from jq@northwind-labs.test'), line('exec_hire:acc_northwind', null, 'Omar Vale joined as CTO')], 'Call Jane Quill today (Northwind Traders)')),
      stored(h.teamA, h.manager.id, digest([line('exec_hire:acc_northwind', 'ct_omar', 'Omar Vale joined as CTO')], 'Meet Omar Vale (Northwind Traders)')),
      stored(h.teamB, h.otherRep.id, digest([line('pricing_visits:acc_x:ct_9b21', 'ct_9b21', 'Jane Quill (champion) visited pricing 3 times')], 'Call Jane Quill today')),
    ])
    .execute();

  const logged = await h.request('POST', '/v1/activities', { json: { activities: [LOGGED] } });
  expect((await logged.json()).results[0].status).toBe('created');
});
afterAll(() => h.close());

const erase = (json: unknown, token = h.admin.token) => h.request('POST', '/v1/admin/erasures', { token, json });

describe('erasing a person', () => {
  it('refuses a request that does not name exactly one person', async () => {
    for (const body of [{}, { email: JANE.emails[0], contactId: JANE.id }, { name: 'Jane' }]) {
      expect((await erase(body)).status).toBe(422);
    }
    const bad = await erase({ email: 'not an address' });
    expect(bad.status).toBe(422);
    expect((await bad.json()).field).toBe('email');
  });

  it('another team’s admin erasing her by id finds nothing and changes nothing', async () => {
    const res = await erase({ contactId: JANE.id }, h.otherAdmin.token);
    expect(await res.json()).toMatchObject({ status: 'not-held', contactIds: [] });
    expect(await h.db.kysely.selectFrom('contacts').select('id').where('id', '=', JANE.id).executeTakeFirst()).toBeDefined();
  });

  it('removes the contact, her emails, aliases and flags, and unlinks her events, in the team only', async () => {
    const res = await erase({ email: '  Jane.Quill@NORTHWIND.test ' });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      status: 'erased',
      contactIds: [JANE.id],
      counts: { contacts: 1, emails: 2, aliases: 2, flags: 1, activitiesRedacted: 2, eventsUnlinked: 1, eventsRedacted: 4, digestsRedacted: 1 },
    });
    const k = h.db.kysely;
    expect(await k.selectFrom('contacts').select('id').where('team_id', '=', h.teamA).where('id', '=', JANE.id).execute()).toEqual([]);
    expect(await k.selectFrom('contact_emails').select('email').where('contact_id', '=', JANE.id).execute()).toEqual([]);
    expect((await k.selectFrom('aliases').select('id').where('team_id', '=', h.teamA).execute()).map((a) => a.id)).toEqual(['al_3']);
    expect(await k.selectFrom('flags').select('id').execute()).toEqual([]);
    expect((await k.selectFrom('events').select('contact_id').where('natural_key', '=', 'v1').executeTakeFirstOrThrow()).contact_id).toBeNull();
    // Everyone else stays: her colleague, and team B's own record of her.
    expect(await k.selectFrom('contacts').select('id').where('id', 'in', ['ct_omar', 'ct_9b21']).execute()).toHaveLength(2);
    expect((await k.selectFrom('activities').select('subject').where('id', '=', 'act_omar').executeTakeFirstOrThrow()).subject).toBe('Omar intro');
  });

  it('takes her name, addresses, LinkedIn URL and id out of events’ data, and keeps the rest', async () => {
    const data = async (teamId: string, key: string) =>
      JSON.parse((await h.db.kysely.selectFrom('events').select('data').where('team_id', '=', teamId).where('natural_key', '=', key).executeTakeFirstOrThrow()).data);
    expect(await data(h.teamA, 'v2')).toEqual({ url: 'https://northwind.test/pricing?utm=x&email=[erased]', pageType: 'pricing' });
    expect(await data(h.teamA, 'dep')).toEqual({ title: 'VP Operations' });
    expect(await data(h.teamA, 'news')).toEqual({ headline: '[erased] joins Northwind as VP Operations' });
    expect(await data(h.teamA, 'news3')).toEqual({ headline: 'Interview: [erased]’s first 100 days', url: 'https://northwind.test/jq' });
    // A longer name that merely starts like hers is someone else.
    expect(await data(h.teamA, 'news2')).toEqual({ headline: 'Jane Quillon leaves Northwind', url: 'https://northwind.test/news' });
    expect(await data(h.teamA, 'hire')).toEqual({ name: 'Omar Vale', title: 'CTO' });
    expect(await data(h.teamB, 'dep')).toEqual({ name: 'Jane Quill', title: 'VP Operations' });
    const rest = await h.db.kysely.selectFrom('events').select('data').where('team_id', '=', h.teamA).where('natural_key', '!=', 'news2').execute();
    const text = JSON.stringify(rest).toLowerCase();
    for (const personal of ['jane', 'quill', 'jq%40', JANE.id]) expect(text).not.toContain(personal);
  });

  it('takes her out of stored digests, which still read as digests and keep their signal keys', async () => {
    const payload = async (userId: string) =>
      (await h.db.kysely.selectFrom('digests').select('payload').where('user_id', '=', userId).executeTakeFirstOrThrow()).payload;
    const repDigest = Digest.parse(JSON.parse(await payload(h.rep.id)));
    expect(repDigest.lines.map((l) => [l.key, l.contactId, l.reason])).toEqual([
      [`pricing_visits:acc_northwind:${JANE.id}`, null, '[erased] (champion) visited pricing 3 times; wrote from [erased]'],
      ['exec_hire:acc_northwind', null, 'Omar Vale joined as CTO'],
    ]);
    expect(repDigest.tasks[0]).toMatchObject({ text: 'Call [erased] today (Northwind Traders)', signalKey: `pricing_visits:acc_northwind:${JANE.id}` });
    for (const personal of ['jane', 'quill', 'jq@']) expect((await payload(h.rep.id)).toLowerCase()).not.toContain(personal);
    // Her colleague's digest and the other team's are as they were; the rep's digest still answers.
    expect(JSON.parse(await payload(h.manager.id)).tasks[0].text).toBe('Meet Omar Vale (Northwind Traders)');
    expect(await payload(h.otherRep.id)).toContain('Jane Quill');
    const res = await h.request('GET', '/v1/digest', { token: h.rep.token });
    expect(res.status).toBe(200);
    expect(JSON.stringify(await res.json())).not.toContain('Jane');
  });

  it('remembers her keys as keyed hashes, not in clear, in her team only', async () => {
    const rows = await h.db.kysely.selectFrom('erased_keys').selectAll().execute();
    // Two emails and the LinkedIn slug.
    expect(rows).toHaveLength(3);
    for (const row of rows) expect(row).toMatchObject({ team_id: h.teamA, key_hash: expect.stringMatching(/^[0-9a-f]{64}$/), erased_at: h.clock.now.toISOString() });
    const stored = JSON.stringify(await h.db.kysely.selectFrom('erasure_salts').selectAll().execute()) + JSON.stringify(rows);
    for (const personal of ['jane', 'quill', 'northwind']) expect(stored).not.toContain(personal);
  });

  it('redacts her activities but keeps their ids and fingerprints, and their natural keys as keyed hashes', async () => {
    const rows = await h.db.kysely.selectFrom('activities').selectAll().where('id', 'in', ['act_direct', LOGGED.id]).orderBy('id').execute();
    expect(rows).toHaveLength(2);
    for (const row of rows) {
      expect(row).toMatchObject({ subject: null, body: null, contact_id: null, account_id: 'acc_northwind' });
      expect(row.payload_hash).toMatch(/^[0-9a-f]{64}$/);
    }
    expect(rows.find((r) => r.id === 'act_direct')).toMatchObject({ natural_key: expect.stringMatching(/^erased:[0-9a-f]{64}$/), payload_hash: 'a'.repeat(64) });
    expect(rows.find((r) => r.id === LOGGED.id)!.natural_key).toMatch(/^erased:[0-9a-f]{64}$/);
  });

  it('a replayed activity still answers duplicate (or conflict), and is not recorded again with her in it', async () => {
    const replay = await (await h.request('POST', '/v1/activities', { json: { activities: [LOGGED] } })).json();
    expect(replay.results[0]).toMatchObject({ status: 'duplicate', id: LOGGED.id, activity: { subject: null, body: null, contactId: null } });
    const changed = await (await h.request('POST', '/v1/activities', { json: { activities: [{ ...LOGGED, subject: 'Other' }] } })).json();
    expect(changed.results[0].status).toBe('conflict');

    // Under a new id, her activities' natural keys are still taken: the ledger finds them by their keyed hash.
    for (const naturalKey of [LOGGED.naturalKey, 'cal:evt-9@2026-11-21T10:00Z']) {
      const again = await (await h.request('POST', '/v1/activities', { json: { activities: [{ ...LOGGED, id: crypto.randomUUID(), naturalKey, contactId: undefined }] } })).json();
      expect(again.results[0]).toMatchObject({ status: 'conflict', problem: { field: 'activities[0].naturalKey' } });
    }
    // Uniqueness of ids is the database's own: the same id cannot be inserted again.
    const k = h.db.kysely;
    await expect(addActivity(k, h.teamA, { id: 'act_direct', contactId: null, subject: 'again', payloadHash: 'c'.repeat(64) })).rejects.toThrow();
    expect((await k.selectFrom('activities').select('id').where('id', 'in', ['act_direct', LOGGED.id]).execute()).length).toBe(2);
    expect(await k.selectFrom('activities').select('id').where('natural_key', 'in', [LOGGED.naturalKey, 'cal:evt-9@2026-11-21T10:00Z']).execute()).toEqual([]);
  });

  it('an activities import under her activity’s natural key finds it too, and records nothing', async () => {
    const csv = `id,natural_key,type,subject,occurred_at\n${crypto.randomUUID()},${LOGGED.naturalKey},email,Pricing for Jane,${LOGGED.occurredAt}\n`;
    const res = await h.request('POST', '/v1/import/activities', { token: h.admin.token, body: csv, headers: { 'content-type': 'text/csv' } });
    const body = await res.json();
    expect(body.summary).toMatchObject({ created: 0, rejected: 1 });
    expect(body.errors).toEqual([{ row: 2, column: 'natural_key', message: 'an activity with this natural key was already recorded with different values' }]);
  });

  it('writes a tombstone every rep’s extension sees in /v1/changes, and team B does not', async () => {
    const all = ChangesPage.parse(await (await h.request('GET', '/v1/changes?since=0')).json());
    expect(all.tombstones).toEqual([{ entity: 'contact', id: JANE.id, at: h.clock.now.toISOString() }]);
    expect(all.cursor).toBeGreaterThan(0);
    const after = await (await h.request('GET', `/v1/changes?since=${all.cursor}`, { token: h.manager.token })).json();
    expect(after).toEqual({ tombstones: [], cursor: all.cursor });
    const b = await (await h.request('GET', '/v1/changes?since=0', { token: h.otherRep.token })).json();
    expect(b).toEqual({ tombstones: [], cursor: 0 });
  });

  it('audits the erasure with ids and counts only', async () => {
    const log = await (await h.request('GET', '/v1/admin/audit?limit=500', { token: h.admin.token })).json();
    const entry = log.entries.find((e: { action: string; target: string }) => e.action === 'person.erase' && e.target === JANE.id);
    expect(entry).toMatchObject({ actorId: h.admin.id, detail: { by: 'email', status: 'erased', contactIds: [JANE.id] } });
    const text = JSON.stringify(log).toLowerCase();
    for (const personal of ['jane', 'quill', 'northwind.test', 'vp operations', 'pricing for']) expect(text).not.toContain(personal);
  });

  it('erasing her again is fine and writes no second tombstone', async () => {
    expect(await (await erase({ contactId: JANE.id })).json()).toMatchObject({ status: 'already-erased', contactIds: [] });
    expect(await (await erase({ email: JANE.emails[1] })).json()).toMatchObject({ status: 'not-held' });
    expect(await (await erase({ linkedin: `https://www.linkedin.com/in/${JANE.slug}/` })).json()).toMatchObject({ status: 'not-held' });
    const all = await (await h.request('GET', '/v1/changes?since=0')).json();
    expect(all.tombstones).toHaveLength(1);
    expect(await h.db.kysely.selectFrom('erased_keys').select('key_hash').execute()).toHaveLength(3);
  });

  it('a rep’s correction cannot link her address or profile again; a colleague’s still can', async () => {
    const correct = (ref: object) => h.request('POST', '/v1/aliases', { token: h.rep.token, json: { ref, contactId: 'ct_omar' } });
    for (const [ref, field] of [
      [{ kind: 'email', address: 'JQ@northwind-labs.test' }, 'ref.address'],
      [{ kind: 'linkedin', profileUrl: `https://www.linkedin.com/in/${JANE.slug}/` }, 'ref.profileUrl'],
    ] as const) {
      const res = await correct(ref);
      expect(res.status).toBe(409);
      expect((await res.json()).errors).toEqual([{ field, message: 'this person was erased on 2026-11-23; a correction cannot link them again' }]);
    }
    expect((await h.db.kysely.selectFrom('aliases').select('id').where('team_id', '=', h.teamA).execute()).map((a) => a.id)).toEqual(['al_3']);
    expect((await correct({ kind: 'email', address: 'omar.vale@northwind.test' })).status).toBe(201);
  });

  it('finds a person by LinkedIn URL in any of its spellings', async () => {
    await addContact(h.db.kysely, h.teamA, { id: 'ct_lin', name: 'Lin Ode', slug: 'lin-ode' });
    const res = await (await erase({ linkedin: 'se.linkedin.com/in/Lin-Ode/?trk=x' })).json();
    expect(res).toMatchObject({ status: 'erased', contactIds: ['ct_lin'] });
  });
});

describe('erasing a person whose name JSON escapes', () => {
  it('still finds the name in events’ data, on either database', async () => {
    const k = h.db.kysely;
    const name = 'Dana "DJ" O\\Neil';
    await addContact(k, h.teamA, { id: 'ct_dj', name, accountId: 'acc_northwind' });
    const data = { name, title: 'CFO' };
    await k
      .insertInto('events')
      .values({ team_id: h.teamA, account_id: 'acc_northwind', contact_id: null, kind: 'exec_hire', occurred_at: h.clock.now.toISOString(), source: 'web', natural_key: 'dj', delivery_id: null, data: JSON.stringify(data) })
      .execute();
    expect((await (await erase({ contactId: 'ct_dj' })).json()).counts).toMatchObject({ contacts: 1, eventsRedacted: 1 });
    const stored = await k.selectFrom('events').select('data').where('natural_key', '=', 'dj').executeTakeFirstOrThrow();
    expect(JSON.parse(stored.data)).toEqual({ title: 'CFO' });
  });
});

describe('the changes feed', () => {
  it('pages with a limit and rejects a malformed cursor', async () => {
    const one = await (await h.request('GET', '/v1/changes?since=0&limit=1')).json();
    expect(one.tombstones).toHaveLength(1);
    const rest = await (await h.request('GET', `/v1/changes?since=${one.cursor}&limit=1`)).json();
    expect(rest.tombstones.map((t: { id: string }) => t.id)).toEqual(['ct_lin']);
    for (const url of ['/v1/changes', '/v1/changes?since=yesterday', '/v1/changes?since=0&limit=0', '/v1/changes?since=0&extra=1']) {
      expect((await h.request('GET', url)).status, url).toBe(422);
    }
  });
});

describe('erasing a person a company event names in fields of its own', () => {
  it('drops every field whose value is her CRM id, address or profile, whatever it is called', async () => {
    const k = h.db.kysely;
    await addContact(k, h.teamA, { id: 'ct_rhea', name: 'Rhea Lindgren', accountId: 'acc_northwind', emails: ['rhea@northwind.test'], slug: 'rhea-lindgren' });
    await k.updateTable('contacts').set({ external_id: 'CRM-88' }).where('id', '=', 'ct_rhea').execute();
    const data = { person: { crmId: 'CRM-88', email: 'Rhea@Northwind.test', linkedinUrl: 'https://www.linkedin.com/in/rhea-lindgren/' }, title: 'CFO', round: 'CRM-880' };
    await k
      .insertInto('events')
      .values({ team_id: h.teamA, account_id: 'acc_northwind', contact_id: null, kind: 'departure', occurred_at: h.clock.now.toISOString(), source: 'web', natural_key: 'rhea', delivery_id: null, data: JSON.stringify(data) })
      .execute();
    expect((await (await erase({ contactId: 'ct_rhea' })).json()).counts).toMatchObject({ contacts: 1, eventsRedacted: 1 });
    const stored = await k.selectFrom('events').select('data').where('natural_key', '=', 'rhea').executeTakeFirstOrThrow();
    expect(JSON.parse(stored.data)).toEqual({ person: {}, title: 'CFO', round: 'CRM-880' });
  });
});
