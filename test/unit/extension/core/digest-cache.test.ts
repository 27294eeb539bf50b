/**
 * The Today port on an in-memory IndexedDB: a server digest is stored and then served from the
 * cache with its "as of"; with the server down the stored copy comes back marked `cache`; a
 * refused token is told, not hidden behind the copy; another rep never sees the copy; Done and
 * Dismiss go to the server and the stored copy follows.
 */
import 'fake-indexeddb/auto';
import { Dexie } from 'dexie';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Api } from '../../../../extension/core/background/api.ts';
import { closeSignalhouseDb, DB_NAME } from '../../../../extension/core/background/db.ts';
import { createTodayPort, ownerOf } from '../../../../extension/core/background/digest-cache.ts';
import { fail, ok, type Result } from '../../../../extension/core/protocol.ts';
import type { ReviewQueue } from '../../../../shared/review.ts';
import { digest } from './digest-fixture.ts';

const T0 = Date.parse('2026-12-02T09:00:00Z');
const SOFIA = ownerOf({ serverUrl: 'http://127.0.0.1:8787', user: { id: 'usr_1' } })!;
const OTHER = ownerOf({ serverUrl: 'http://127.0.0.1:8787', user: { id: 'usr_2' } })!;
const port = (at = T0) => createTodayPort({ now: () => new Date(at) });
const api = (methods: Partial<Api>): Result<Api> => ok(methods as Api);

afterEach(async () => {
  closeSignalhouseDb();
  await Dexie.delete(DB_NAME);
});

describe('getDigest', () => {
  it('stores the server digest and serves it from the cache with when it was fetched', async () => {
    const fresh = await port().digest({ from: 'server' }, SOFIA, api({ digest: async () => ok(digest()) }));
    expect(fresh).toEqual(ok({ dated: { digest: digest(), asOf: new Date(T0).toISOString(), source: 'server' } }));
    const cached = await port(T0 + 60_000).digest({ from: 'cache' }, SOFIA, fail('not_connected', 'x'));
    expect(cached).toEqual(ok({ dated: { digest: digest(), asOf: new Date(T0).toISOString(), source: 'cache' } }));
  });

  it('answers the stored copy when the server is offline, and the error when nothing is stored', async () => {
    const offline = api({ digest: async () => fail('offline', 'The server could not be reached.') });
    expect(await port().digest({ from: 'server' }, SOFIA, offline)).toEqual(fail('offline', 'The server could not be reached.'));
    await port().digest({}, SOFIA, api({ digest: async () => ok(digest()) }));
    const answer = await port(T0 + 3_600_000).digest({ from: 'server' }, SOFIA, offline);
    expect(answer.ok && answer.value.dated).toMatchObject({ source: 'cache', asOf: new Date(T0).toISOString() });
  });

  it('tells a refused token even when a copy is stored', async () => {
    await port().digest({}, SOFIA, api({ digest: async () => ok(digest()) }));
    const refused = await port().digest({ from: 'server' }, SOFIA, api({ digest: async () => fail('unauthorized', 'The token was not accepted.') }));
    expect(refused.ok).toBe(false);
  });

  it('keeps each rep’s copy to them, and asks nobody when not connected', async () => {
    await port().digest({}, SOFIA, api({ digest: async () => ok(digest()) }));
    expect(await port().digest({ from: 'cache' }, OTHER, fail('not_connected', 'x'))).toEqual(ok({ dated: null }));
    expect(await port().digest({ from: 'cache' }, null, fail('not_connected', 'x'))).toEqual(ok({ dated: null }));
    const fetch = vi.fn(async () => ok(digest()));
    expect((await port().digest({ from: 'server' }, null, api({ digest: fetch }))).ok).toBe(false);
    expect(fetch).not.toHaveBeenCalled();
  });
});

describe('getReviewQueue', () => {
  const queue: ReviewQueue = { scope: 'mine', dormantDays: 14, items: [], omitted: 0, generatedAt: '2026-12-02T04:00:00.000Z' };

  it('passes scope and limit to the server and stores one copy per scope', async () => {
    const reviewQueue = vi.fn(async () => ok(queue));
    await port().reviewQueue({ scope: 'mine', limit: 20 }, SOFIA, api({ reviewQueue }));
    expect(reviewQueue).toHaveBeenCalledWith('mine', 20);
    expect(await port().reviewQueue({ scope: 'team', from: 'cache' }, SOFIA, fail('offline', 'x'))).toEqual(ok({ dated: null }));
    const mine = await port().reviewQueue({ scope: 'mine', from: 'cache' }, SOFIA, fail('offline', 'x'));
    expect(mine.ok && mine.value.dated?.queue).toEqual(queue);
  });
});

describe('setSignalState', () => {
  it('sends the state to the server and the stored digest shows it', async () => {
    await port().digest({}, SOFIA, api({ digest: async () => ok(digest()) }));
    const setSignalState = vi.fn(async () => ok({ key: 'k2', state: 'dismissed' as const, changedAt: '2026-12-02T09:01:00.000Z' }));
    expect((await port().setSignalState({ key: 'k2', state: 'dismissed' }, SOFIA, api({ setSignalState }))).ok).toBe(true);
    expect(setSignalState).toHaveBeenCalledWith({ key: 'k2', state: 'dismissed' });
    const cached = await port().digest({ from: 'cache' }, SOFIA, fail('offline', 'x'));
    expect(cached.ok && cached.value.dated?.digest.lines.map((l) => [l.key, l.state])).toEqual([['k1', 'new'], ['k2', 'dismissed'], ['k3', 'new']]);
  });

  it('changes nothing stored when the server refuses', async () => {
    await port().digest({}, SOFIA, api({ digest: async () => ok(digest()) }));
    const answer = await port().setSignalState({ key: 'k1', state: 'acted' }, SOFIA, api({ setSignalState: async () => fail('offline', 'x') }));
    expect(answer.ok).toBe(false);
    const cached = await port().digest({ from: 'cache' }, SOFIA, fail('offline', 'x'));
    expect(cached.ok && cached.value.dated?.digest.lines[0]?.state).toBe('new');
  });
});
