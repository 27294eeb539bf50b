/**
 * The Today messages end to end inside the background: `dispatch` → handlers → the typed client
 * → the REAL server app in process, with the Today port on fake-indexeddb. The digest and the
 * review queue come back dated from the server and then from the stored copy; a state change
 * is recorded by the server for the rep; content scripts may send none of the three;
 * bad payloads stop at the boundary naming the field.
 */
import 'fake-indexeddb/auto';
import { Dexie } from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { connectionStore } from '../../../../extension/core/background/connection-store.ts';
import { closeSignalhouseDb, DB_NAME } from '../../../../extension/core/background/db.ts';
import { createTodayPort } from '../../../../extension/core/background/digest-cache.ts';
import { createHandlers, dispatch, type Handlers } from '../../../../extension/core/background/handlers.ts';
import type { MessageName } from '../../../../extension/core/protocol.ts';
import { Digest } from '../../../../shared/digest.ts';
import { TEST_NOW, type Harness } from '../../server/harness.ts';
import { connectInProcess, EXTENSION, fromSidePanel, seededServer } from './in-process-server.ts';


let h: Harness;
let handlers: Handlers;
let store: ReturnType<typeof connectionStore>;
let n = 0;

seededServer((harness) => (h = harness));
beforeEach(async () => {
  fakeBrowser.reset();
  const now = () => TEST_NOW;
  const { connection, store: connected } = await connectInProcess(h, `today-test-${++n}`, h.rep.token);
  store = connected;
  handlers = createHandlers({ connection, today: createTodayPort({ now }), now });
});
afterEach(async () => {
  store.close();
  closeSignalhouseDb();
  await Dexie.delete(DB_NAME);
});

const fromPanel = (name: MessageName, data: unknown) => fromSidePanel(handlers, name, data);
const fromPage = (name: MessageName, data: unknown) => dispatch(handlers, name, data, { url: 'https://www.linkedin.com/feed/' }, EXTENSION);

describe('getDigest and getReviewQueue', () => {
  it('answer the server’s, then the stored copy with the same "as of"', async () => {
    const fresh = await fromPanel('getDigest', { from: 'server' });
    expect(fresh).toMatchObject({ ok: true, value: { dated: { source: 'server', asOf: TEST_NOW.toISOString() } } });
    const cached = await fromPanel('getDigest', { from: 'cache' });
    expect(cached).toMatchObject({ ok: true, value: { dated: { source: 'cache', asOf: TEST_NOW.toISOString() } } });
    const queue = await fromPanel('getReviewQueue', { limit: 5 });
    expect(queue).toMatchObject({ ok: true, value: { dated: { source: 'server', queue: { scope: 'mine' } } } });
  });

  it('a rep asking for the team’s queue hears the server’s refusal, naming nothing secret', async () => {
    expect(await fromPanel('getReviewQueue', { scope: 'team' })).toMatchObject({ ok: false, error: { kind: 'rejected', status: 403 } });
  });
});

describe('setSignalState', () => {
  it('reaches the server, which records the rep’s state', async () => {
    const answer = await fromPanel('setSignalState', { key: 'pricing_visits:acc_x:-:2026-11-22T09:00:00.000Z', state: 'acted' });
    expect(answer).toMatchObject({ ok: true, value: { state: 'acted' } });
    const row = await h.db.kysely.selectFrom('signal_states').select(['signal_key', 'state']).where('user_id', '=', h.rep.id).execute();
    expect(row).toEqual([{ signal_key: 'pricing_visits:acc_x:-:2026-11-22T09:00:00.000Z', state: 'acted' }]);
    const digest = await fromPanel('getDigest', {});
    expect(digest.ok && Digest.safeParse((digest.value as { dated: { digest: unknown } }).dated.digest).success).toBe(true);
  });

  it('refuses `new`, unknown fields and senders that are not extension pages', async () => {
    expect(await fromPanel('setSignalState', { key: 'k', state: 'new' })).toMatchObject({ ok: false, error: { kind: 'invalid', field: 'state' } });
    expect(await fromPanel('getDigest', { from: 'server', userId: 'usr_x' })).toMatchObject({ ok: false, error: { kind: 'invalid', field: 'userId' } });
    for (const name of ['getDigest', 'getReviewQueue', 'setSignalState'] as const) {
      expect(await fromPage(name, name === 'setSignalState' ? { key: 'k', state: 'seen' } : {})).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    }
  });
});
