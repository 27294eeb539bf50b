/**
 * The brief cache belongs to the connection it came with: Disconnect forgets every cached brief
 * (a disconnected extension shows no CRM data, offline or not), and so does connecting as someone
 * else; reconnecting as the same rep keeps them. Real handlers, the real cache on
 * fake-indexeddb, the real server app in process.
 */
import 'fake-indexeddb/auto';
import { Dexie } from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createBriefsPort } from '../../../../extension/core/background/briefs-port.ts';
import { settleCacheWrites } from '../../../../extension/core/background/cache.ts';
import { connectionStore } from '../../../../extension/core/background/connection-store.ts';
import { closeSignalhouseDb, DB_NAME, signalhouseDb } from '../../../../extension/core/background/db.ts';
import { createHandlers, dispatch, type Handlers } from '../../../../extension/core/background/handlers.ts';
import type { MessageName } from '../../../../extension/core/protocol.ts';
import { TEST_NOW, type Harness } from '../../server/harness.ts';
import { connectInProcess, EXTENSION, IN_PROCESS_SERVER, seededServer } from './in-process-server.ts';

const dana = { kind: 'linkedin', profileUrl: 'https://www.linkedin.com/in/dana-reyes/' } as const;

let h: Harness;
let handlers: Handlers;
let store: ReturnType<typeof connectionStore>;
let n = 0;

seededServer((harness) => (h = harness));
beforeEach(async () => {
  fakeBrowser.reset();
  const { connection, store: connected } = await connectInProcess(h, `disconnect-test-${++n}`, h.rep.token);
  store = connected;
  handlers = createHandlers({ connection, briefs: createBriefsPort({ now: () => TEST_NOW }), now: () => TEST_NOW });
});
afterEach(async () => {
  await settleCacheWrites();
  store.close();
  closeSignalhouseDb();
  await Dexie.delete(DB_NAME);
});

const fromPanel = (name: MessageName, data: unknown) => dispatch(handlers, name, data, { url: 'https://www.linkedin.com/in/dana-reyes/' }, EXTENSION);
const fromOptions = (name: MessageName, data: unknown) => dispatch(handlers, name, data, { url: `${EXTENSION}options.html` }, EXTENSION);

async function cachedBrief() {
  const answer = await fromPanel('getBriefs', { refs: [dana], from: 'cache' });
  if (!answer.ok) throw new Error(answer.error.message);
  return (answer.value as { briefs: ({ brief: unknown } | null)[] }).briefs[0] ?? null;
}

describe('the brief cache and the connection', () => {
  it('Disconnect forgets what changed since the last meeting, kept in memory for a package opened again', async () => {
    const fresh = await fromPanel('getBriefs', { refs: [dana], from: 'server' });
    const accountId = (fresh as { value: { briefs: { brief: { account: { id: string } } }[] } }).value.briefs[0]!.brief.account.id;
    const kept = () => fromPanel('getSinceLastMeeting', { accountId, before: '2026-12-08T10:00:00Z', from: 'cache' });
    expect(await kept()).toMatchObject({ ok: false, error: { kind: 'not_found' } });
    expect(await fromPanel('getSinceLastMeeting', { accountId, before: '2026-12-08T10:00:00Z' })).toMatchObject({ ok: true, value: { accountId } });
    expect(await kept()).toMatchObject({ ok: true, value: { accountId } });
    expect((await fromOptions('disconnect', undefined)).ok).toBe(true);
    expect(await kept()).toMatchObject({ ok: false, error: { kind: 'not_found' } });
  });


  it('Disconnect forgets every cached brief, on disk and in memory', async () => {
    expect((await fromPanel('getBriefs', { refs: [dana], from: 'server' })).ok).toBe(true);
    expect(await cachedBrief()).not.toBeNull();
    expect((await fromOptions('disconnect', undefined)).ok).toBe(true);
    expect(await cachedBrief()).toBeNull();
    expect(await signalhouseDb().briefs.count()).toBe(0);
    // Asked by the server path while disconnected: nothing cached to fall back on either.
    expect(await fromPanel('getBriefs', { refs: [dana], from: 'server' })).toMatchObject({ ok: false, error: { kind: 'not_connected' } });
  });

  it('connecting as another rep forgets the previous rep’s briefs; reconnecting as the same rep keeps them', async () => {
    expect((await fromPanel('getBriefs', { refs: [dana], from: 'server' })).ok).toBe(true);
    expect((await fromOptions('connect', { serverUrl: IN_PROCESS_SERVER, token: h.rep.token })).ok).toBe(true);
    expect(await cachedBrief()).not.toBeNull();
    expect((await fromOptions('connect', { serverUrl: IN_PROCESS_SERVER, token: h.manager.token })).ok).toBe(true);
    expect(await cachedBrief()).toBeNull();
  });
});
