/**
 * The changes follower (changes.ts) against a fake server's pages: it pages until an empty page,
 * asking each from the last cursor with the server's page size; stores the cursor per rep and
 * server; keeps it through a failure (offline, token refused, a server in a shape it does not
 * know); runs one follow at a time; skips a worker start's follow shortly after the last. The
 * real cache on fake-indexeddb is what it forgets from.
 */
import 'fake-indexeddb/auto';
import { Dexie } from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Api } from '../../../../extension/core/background/api.ts';
import { readBrief, settleCacheWrites, storeBrief } from '../../../../extension/core/background/cache.ts';
import { CHANGES_CURSOR_KEY, createChangesFollower, type ChangesStorage } from '../../../../extension/core/background/changes.ts';
import { closeSignalhouseDb, DB_NAME, signalhouseDb } from '../../../../extension/core/background/db.ts';
import { fail, ok, type Result } from '../../../../extension/core/protocol.ts';
import { contactBrief } from './contact-brief.ts';
import { CHANGES_PAGE_MAX, type ChangesPage, type Tombstone } from '../../../../shared/directory.ts';

const T0 = Date.parse('2026-11-23T09:00:00Z');
const OWNER = 'http://127.0.0.1:8787 usr_rep';

const brief = (contactId: string, accountId: string) => contactBrief(contactId, null, {}, accountId);

const tomb = (id: string, entity = 'contact'): Tombstone => ({ entity, id, at: '2026-11-23T08:00:00Z' });

/** A server holding these tombstones (ids 1…n); `answer` may replace an answer by the `since` asked. */
function fakeServer(tombstones: Tombstone[], answer?: (since: number) => Result<ChangesPage> | undefined) {
  const asked: { since: number; limit: number | undefined }[] = [];
  const api = {
    changes: async (since: number, limit?: number): Promise<Result<ChangesPage>> => {
      asked.push({ since, limit });
      const replaced = answer?.(since);
      if (replaced) return replaced;
      const page = tombstones.map((t, i) => ({ t, id: i + 1 })).filter((r) => r.id > since).slice(0, limit ?? CHANGES_PAGE_MAX);
      return ok({ tombstones: page.map((r) => r.t), cursor: page.length ? page[page.length - 1]!.id : since });
    },
  } as unknown as Api;
  return { api, asked };
}

const storage = () => fakeBrowser.storage.local as unknown as ChangesStorage;
const stored = async () => (await fakeBrowser.storage.local.get(CHANGES_CURSOR_KEY))[CHANGES_CURSOR_KEY] as { owner: string; cursor: number } | undefined;

beforeEach(() => fakeBrowser.reset());
afterEach(async () => {
  await settleCacheWrites();
  closeSignalhouseDb();
  await Dexie.delete(DB_NAME);
});

describe('following the server’s changes', () => {
  it('pages until an empty page, each from the last cursor, with the server’s page size unless told', async () => {
    const server = fakeServer([tomb('ct_1'), tomb('ct_2'), tomb('ct_3'), tomb('ct_4'), tomb('ct_5')]);
    for (const id of ['ct_1', 'ct_3', 'ct_5', 'ct_6']) await storeBrief(`contact:${id}`, brief(id, 'acc_1'), T0);
    const follower = createChangesFollower({ storage: storage(), connected: async () => ({ owner: OWNER, api: server.api }), pageSize: 2 });
    expect(await follower.follow()).toEqual({ status: 'up-to-date', cursor: 5, pages: 3, forgotten: 3 });
    expect(server.asked).toEqual([
      { since: 0, limit: 2 },
      { since: 2, limit: 2 },
      { since: 4, limit: 2 },
      { since: 5, limit: 2 },
    ]);
    for (const id of ['ct_1', 'ct_3', 'ct_5']) expect(await readBrief(`contact:${id}`, T0)).toBeNull();
    expect(await readBrief('contact:ct_6', T0)).not.toBeNull();

    const byDefault = fakeServer([]);
    await createChangesFollower({ storage: storage(), connected: async () => ({ owner: 'other', api: byDefault.api }) }).follow();
    expect(byDefault.asked).toEqual([{ since: 0, limit: CHANGES_PAGE_MAX }]);
  });

  it('stores the cursor for its rep and server, and the next follow asks from it', async () => {
    const server = fakeServer([tomb('ct_1'), tomb('ct_2')]);
    const follower = createChangesFollower({ storage: storage(), connected: async () => ({ owner: OWNER, api: server.api }) });
    await follower.follow();
    expect(await stored()).toMatchObject({ owner: OWNER, cursor: 2 });
    server.asked.length = 0;
    // A fresh worker (a new follower) reads it from storage.
    await createChangesFollower({ storage: storage(), connected: async () => ({ owner: OWNER, api: server.api }) }).follow();
    expect(server.asked.map((a) => a.since)).toEqual([2]);

    // Another rep (or server) whose connection was not reset in between still starts from 0.
    server.asked.length = 0;
    await createChangesFollower({ storage: storage(), connected: async () => ({ owner: 'http://127.0.0.1:8787 usr_other', api: server.api }) }).follow();
    expect(server.asked.map((a) => a.since)).toEqual([0, 2]);
  });

  it('keeps the cursor where it was when the server is offline, refuses the token or answers a shape it does not know', async () => {
    for (const failure of [fail<ChangesPage>('offline', 'The server could not be reached.'), fail<ChangesPage>('unauthorized', 'The token was not accepted.', { status: 401 }), fail<ChangesPage>('server', 'A version mismatch?', { status: 200 })]) {
      fakeBrowser.reset();
      let broken = true;
      const server = fakeServer([tomb('ct_1'), tomb('ct_2'), tomb('ct_3')], (since) => (since === 2 && broken ? failure : undefined));
      await storeBrief('contact:ct_3', brief('ct_3', 'acc_1'), T0);
      const follower = createChangesFollower({ storage: storage(), connected: async () => ({ owner: OWNER, api: server.api }), pageSize: 2 });
      expect(await follower.follow()).toMatchObject({ status: 'failed', cursor: 2, error: { kind: failure.ok ? '' : failure.error.kind } });
      // The first page was forgotten and its cursor kept; the failed one is asked again next time.
      expect(await stored()).toMatchObject({ cursor: 2 });
      expect(await readBrief('contact:ct_3', T0)).not.toBeNull();
      broken = false;
      server.asked.length = 0;
      expect(await follower.follow()).toMatchObject({ status: 'up-to-date', cursor: 3 });
      expect(server.asked.map((a) => a.since)).toEqual([2, 3]);
      expect(await readBrief('contact:ct_3', T0)).toBeNull();
    }
  });

  it('fails without moving the cursor when it cannot be stored, so the page is asked again', async () => {
    const server = fakeServer([tomb('ct_1')]);
    const failing = { get: storage().get, remove: storage().remove, set: async () => Promise.reject(new Error('quota')) };
    const follower = createChangesFollower({ storage: failing, connected: async () => ({ owner: OWNER, api: server.api }) });
    expect(await follower.follow()).toMatchObject({ status: 'failed', cursor: 0 });
    expect(await stored()).toBeUndefined();
  });

  it('runs one follow at a time: a follow asked for meanwhile runs once after it', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const server = fakeServer([tomb('ct_1')]);
    const slow = { changes: async (since: number, limit?: number) => (await gate, server.api.changes(since, limit)) } as unknown as Api;
    const follower = createChangesFollower({ storage: storage(), connected: async () => ({ owner: OWNER, api: slow }) });
    const first = follower.follow();
    const second = follower.follow();
    const third = follower.follow();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(server.asked).toHaveLength(0);
    release();
    await Promise.all([first, second, third]);
    expect(second).toBe(third);
    // The first follow asked twice (a page, then the empty page); the one after it once, from the cursor.
    expect(server.asked.map((a) => a.since)).toEqual([0, 1, 1]);
  });

  it('tells onForgotten what each page listed, by entity, and skips what it does not know', async () => {
    const server = fakeServer([tomb('ct_1'), tomb('acc_1', 'account'), tomb('deal_1', 'deal'), tomb('x_1', 'playbook')]);
    const told: unknown[] = [];
    const follower = createChangesFollower({ storage: storage(), connected: async () => ({ owner: OWNER, api: server.api }), onForgotten: (ids) => void told.push(ids) });
    expect(await follower.follow()).toMatchObject({ status: 'up-to-date', cursor: 4, pages: 1 });
    expect(told).toEqual([{ contactIds: ['ct_1'], accountIds: ['acc_1'], dealIds: ['deal_1'] }]);
  });

  it('skips a worker start’s follow within its minimum age of the last follow to the end', async () => {
    let now = T0;
    const server = fakeServer([tomb('ct_1')]);
    const follower = createChangesFollower({ storage: storage(), connected: async () => ({ owner: OWNER, api: server.api }), now: () => now });
    await follower.follow();
    now += 60_000;
    expect(await follower.follow({ minAgeMs: 5 * 60_000 })).toEqual({ status: 'skipped', cursor: 1 });
    now += 5 * 60_000;
    server.asked.length = 0;
    expect(await follower.follow({ minAgeMs: 5 * 60_000 })).toMatchObject({ status: 'up-to-date' });
    expect(server.asked).toHaveLength(1);
  });

  it('stores nothing for a connection that was reset while it ran', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const server = fakeServer([tomb('ct_1')]);
    const slow = { changes: async (since: number, limit?: number) => (await gate, server.api.changes(since, limit)) } as unknown as Api;
    const follower = createChangesFollower({ storage: storage(), connected: async () => ({ owner: OWNER, api: slow }) });
    const running = follower.follow();
    await new Promise((resolve) => setTimeout(resolve, 10));
    await follower.reset();
    release();
    expect(await running).toEqual({ status: 'superseded' });
    expect(await stored()).toBeUndefined();
  });

  it('drops the Today copies (digest, review queue) that name what a page lists, and keeps the others', async () => {
    const line = (contactId: string | null, accountId: string) => ({ key: `k-${accountId}`, contactId, account: { id: accountId, name: 'Acme' }, reason: 'Visited pricing' });
    await signalhouseDb().today.bulkPut([
      { key: `${OWNER} digest`, owner: OWNER, value: { lines: [line('ct_gone', 'acc_1')] }, fetchedAt: T0 },
      { key: `${OWNER} review:default`, owner: OWNER, value: { items: [{ account: { id: 'acc_2' }, deal: { id: 'deal_gone' } }] }, fetchedAt: T0 },
      { key: `${OWNER} review:team`, owner: OWNER, value: { items: [{ account: { id: 'acc_3' }, suggestedAction: { target: { kind: 'contact', contactId: 'ct_kept' } } }] }, fetchedAt: T0 },
    ]);
    const server = fakeServer([tomb('ct_gone'), tomb('deal_gone', 'deal')]);
    await createChangesFollower({ storage: storage(), connected: async () => ({ owner: OWNER, api: server.api }) }).follow();
    expect(await signalhouseDb().today.toCollection().primaryKeys()).toEqual([`${OWNER} review:team`]);
  });

  it('does nothing when not connected', async () => {
    const follower = createChangesFollower({ storage: storage(), connected: async () => null });
    expect(await follower.follow()).toEqual({ status: 'not-connected' });
  });
});
