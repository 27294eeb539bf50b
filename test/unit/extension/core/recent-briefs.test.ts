/**
 * The side panel's "Recent" list, on an in-memory IndexedDB: newest use first, one entry per
 * person even when cached under two keys, no "not in CRM" markers, listing does not reorder, the
 * ref of an entry finds the same cached row again, and only extension pages may ask for it.
 */
import 'fake-indexeddb/auto';
import { Dexie } from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { Brief } from '../../../../shared/brief.ts';
import { createBriefsPort } from '../../../../extension/core/background/briefs-port.ts';
import { briefKeyOf, readBrief, settleCacheWrites, storeBrief } from '../../../../extension/core/background/cache.ts';
import { closeSignalhouseDb, DB_NAME, signalhouseDb } from '../../../../extension/core/background/db.ts';
import { dispatch, createHandlers } from '../../../../extension/core/background/handlers.ts';
import { createRecentBriefsPort, refOfKey } from '../../../../extension/core/background/recent-briefs.ts';
import type { Connection } from '../../../../extension/core/background/connection.ts';
import { fullBrief } from '../components/brief-fixture.ts';

const T0 = Date.parse('2026-04-15T09:00:00Z');
const MIN = 60_000;
const BASE = 'chrome-extension://kbhdpjlnpmgpfcommknmpolgmgkalbhm/';

/** A brief about one contact (or, without a name, one account). */
function briefAbout(contact: { id: string; name: string } | null, account = { id: 'a_acme', name: 'Acme, Inc.' }): Brief {
  return Brief.parse({
    ...fullBrief,
    contact: contact && fullBrief.contact ? { ...fullBrief.contact, ...contact } : null,
    account: fullBrief.account ? { ...fullBrief.account, ...account } : null,
  });
}

const port = createRecentBriefsPort();
const recent = async (limit?: number) => {
  const answer = await port.recent(limit);
  if (!answer.ok) throw new Error(answer.error.message);
  return answer.value.items;
};

afterEach(async () => {
  await settleCacheWrites();
  closeSignalhouseDb();
  await Dexie.delete(DB_NAME);
});

describe('recent briefs', () => {
  it('lists the most recently shown first, by last use rather than by fetch', async () => {
    await storeBrief('linkedin:jane-doe', briefAbout({ id: 'c_jane', name: 'Jane Doe' }), T0);
    await storeBrief('contact:c_omar', briefAbout({ id: 'c_omar', name: 'Omar Haddad' }), T0 + MIN);
    await storeBrief('account:a_globex', briefAbout(null, { id: 'a_globex', name: 'Globex' }), T0 + 2 * MIN);
    // Jane's panel is painted again from the cache later: she moves to the top.
    await readBrief('linkedin:jane-doe', T0 + 3 * MIN);

    const items = await recent();
    expect(items.map((i) => i.title)).toEqual(['Jane Doe', 'Globex', 'Omar Haddad']);
    expect(items[0]).toMatchObject({
      key: 'linkedin:jane-doe',
      detail: 'VP Revenue Operations at Acme, Inc.',
      asOf: new Date(T0).toISOString(),
      viewedAt: new Date(T0 + 3 * MIN).toISOString(),
    });
    expect(items[1]).toMatchObject({ detail: 'Account', ref: { accountId: 'a_globex' } });
  });

  it('lists a person cached under a LinkedIn key and a contact key once, at the later use', async () => {
    await storeBrief('linkedin:jane-doe', briefAbout({ id: 'c_jane', name: 'Jane Doe' }), T0);
    await storeBrief('contact:c_omar', briefAbout({ id: 'c_omar', name: 'Omar Haddad' }), T0 + MIN);
    await storeBrief('contact:c_jane', briefAbout({ id: 'c_jane', name: 'Jane Doe' }), T0 + 2 * MIN);

    const items = await recent();
    expect(items.map((i) => i.key)).toEqual(['contact:c_jane', 'contact:c_omar']);
  });

  it('leaves out "not in CRM" markers and rows that no longer parse', async () => {
    await storeBrief('linkedin:nobody', { notInCrm: true, suggestions: [], warnings: [] }, T0 + MIN);
    await signalhouseDb().briefs.put({ key: 'contact:c_old', value: { old: 'shape' } as never, fetchedAt: T0 + 2 * MIN, lastUsedAt: T0 + 2 * MIN, bytes: 10, contactIds: [] });
    await storeBrief('contact:c_jane', briefAbout({ id: 'c_jane', name: 'Jane Doe' }), T0);

    expect((await recent()).map((i) => i.key)).toEqual(['contact:c_jane']);
  });

  it('stops at the limit, and listing does not count as a use', async () => {
    for (let i = 0; i < 5; i++) await storeBrief(`contact:c_${i}`, briefAbout({ id: `c_${i}`, name: `Person ${i}` }), T0 + i * MIN);
    const before = await signalhouseDb().briefs.toArray();

    expect((await recent(2)).map((i) => i.title)).toEqual(['Person 4', 'Person 3']);
    expect(await signalhouseDb().briefs.toArray()).toEqual(before);
  });

  it('gives each entry a ref that finds the same cached row (so it opens offline)', async () => {
    const stored = briefAbout({ id: 'c_jane', name: 'Jane Doe' });
    await storeBrief('linkedin:jörg-m', stored, T0);
    const [item] = await recent();
    expect(item?.ref).toEqual({ kind: 'linkedin', profileUrl: 'https://www.linkedin.com/in/j%C3%B6rg-m/' });
    expect(briefKeyOf(item!.ref)).toBe('linkedin:jörg-m');

    const answer = await createBriefsPort({ now: () => new Date(T0 + MIN) }).getBriefs({ refs: [item!.ref], from: 'cache' }, null);
    expect(answer).toMatchObject({ ok: true, value: { briefs: [{ brief: stored, source: 'cache' }] } });
  });

  it('rebuilds refs for every cacheable key kind, and none for an event', () => {
    for (const key of ['linkedin:jane-doe', 'email:jane@acme.example', 'domain:acme.example', 'contact:c_1', 'account:a_1']) {
      const ref = refOfKey(key);
      expect(ref && briefKeyOf(ref)).toBe(key);
    }
    expect(refOfKey('event:abc')).toBeNull();
    expect(refOfKey('nonsense')).toBeNull();
  });

  it('keeps an event brief\'s own ref (title and times), so Recent opens the event again and finds its cached row', async () => {
    const event = {
      kind: 'event' as const,
      eventId: 'evt_42',
      title: 'Renewal call',
      start: '2026-04-15T13:00:00Z',
      attendees: [{ kind: 'email' as const, address: 'jane.doe@acme.example' }],
    };
    const stored = briefAbout({ id: 'c_jane', name: 'Jane Doe' });
    const api = { briefs: async () => ({ ok: true as const, value: { briefs: [stored] } }) };
    const briefs = createBriefsPort({ now: () => new Date(T0) });
    await briefs.getBriefs({ refs: [event], from: 'server' }, api as never);
    const [item] = await recent();
    expect(item?.ref).toEqual(event);
    const again = await createBriefsPort({ now: () => new Date(T0 + MIN) }).getBriefs({ refs: [item!.ref], from: 'cache' }, null);
    expect(again).toMatchObject({ ok: true, value: { briefs: [{ brief: stored, source: 'cache' }] } });
  });

  it('falls back to the record ref for a key no ref can be rebuilt from', async () => {
    await storeBrief('event:evt_1', briefAbout({ id: 'c_jane', name: 'Jane Doe' }), T0);
    expect((await recent())[0]?.ref).toEqual({ contactId: 'c_jane' });
  });
});

describe('getRecentBriefs message', () => {
  const handlers = createHandlers({ connection: {} as Connection, recent: port, now: () => new Date(T0) });

  it('answers the side panel, validating the limit', async () => {
    await storeBrief('contact:c_jane', briefAbout({ id: 'c_jane', name: 'Jane Doe' }), T0);
    const sender = { url: `${BASE}sidepanel.html` };
    expect(await dispatch(handlers, 'getRecentBriefs', {}, sender, BASE)).toMatchObject({ ok: true, value: { items: [{ title: 'Jane Doe' }] } });
    expect(await dispatch(handlers, 'getRecentBriefs', { limit: 0 }, sender, BASE)).toMatchObject({ ok: false, error: { kind: 'invalid', field: 'limit' } });
    expect(await dispatch(handlers, 'getRecentBriefs', { limit: 5, all: true }, sender, BASE)).toMatchObject({ ok: false, error: { kind: 'invalid', field: 'all' } });
  });

  it('refuses a content script on a host page', async () => {
    await storeBrief('contact:c_jane', briefAbout({ id: 'c_jane', name: 'Jane Doe' }), T0);
    const answer = await dispatch(handlers, 'getRecentBriefs', {}, { url: 'https://www.linkedin.com/in/x/' }, BASE);
    expect(answer).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    expect(JSON.stringify(answer)).not.toContain('Jane');
  });
});
