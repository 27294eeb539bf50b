/**
 * Every rep's offline copy forgets what the server erased or the CRM deleted: the background's
 * follower (changes.ts) against the REAL server app in process, its real `/v1/changes` and the
 * tombstones an admin's erasure and a CRM deletion write, the real handlers and the real brief
 * cache on fake-indexeddb. Before it, nothing in the extension ever asked.
 */
import 'fake-indexeddb/auto';
import { Dexie } from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createBriefsPort } from '../../../../extension/core/background/briefs-port.ts';
import { settleCacheWrites } from '../../../../extension/core/background/cache.ts';
import { CHANGES_CURSOR_KEY, createChangesFollower, type ChangesFollower, type ChangesStorage, type Forgotten } from '../../../../extension/core/background/changes.ts';
import type { Connection } from '../../../../extension/core/background/connection.ts';
import { connectionStore } from '../../../../extension/core/background/connection-store.ts';
import { closeSignalhouseDb, DB_NAME } from '../../../../extension/core/background/db.ts';
import { ownerOf } from '../../../../extension/core/background/digest-cache.ts';
import { createHandlers, dispatch, type Handlers } from '../../../../extension/core/background/handlers.ts';
import type { BriefRef } from '../../../../shared/brief.ts';
import { TEST_NOW, type Harness } from '../../server/harness.ts';
import { connectInProcess, EXTENSION, IN_PROCESS_SERVER, seededServer } from './in-process-server.ts';

const dana = { kind: 'linkedin', profileUrl: 'https://www.linkedin.com/in/dana-reyes/' } as const;
const ravi = { kind: 'linkedin', profileUrl: 'https://www.linkedin.com/in/ravi-kumaran/' } as const;
const solo = { kind: 'linkedin', profileUrl: 'https://www.linkedin.com/in/sam-solo/' } as const;
const acme = { accountId: 'acc_acme' } as const;
const initech = { kind: 'domain', domain: 'initech.com' } as const;

let h: Harness;
let handlers: Handlers;
let connection: Connection;
let store: ReturnType<typeof connectionStore>;
let changes: ChangesFollower;
let forgotten: Forgotten[];
/** The `since` of every `/v1/changes` request the follower made. */
let asked: number[];
let n = 0;

seededServer((harness) => (h = harness));
beforeEach(async () => {
  fakeBrowser.reset();
  const connected = await connectInProcess(h, `changes-test-${++n}`, h.rep.token);
  ({ connection, store } = connected);
  forgotten = [];
  asked = [];
  changes = createChangesFollower({
    storage: fakeBrowser.storage.local as unknown as ChangesStorage,
    connected: async () => {
      const view = await connection.view();
      const api = await connection.api();
      const owner = view.ok ? ownerOf(view.value) : null;
      if (!owner || !api.ok) return null;
      return { owner, api: { ...api.value, changes: (since: number, limit?: number) => (asked.push(since), api.value.changes(since, limit)) } };
    },
    onForgotten: (ids) => void forgotten.push(ids),
    now: () => TEST_NOW.getTime(),
  });
  handlers = createHandlers({ connection, briefs: createBriefsPort({ now: () => TEST_NOW }), now: () => TEST_NOW, changes });
});
afterEach(async () => {
  await settleCacheWrites();
  store.close();
  closeSignalhouseDb();
  await Dexie.delete(DB_NAME);
});

const fromPanel = (name: 'getBriefs', data: unknown) => dispatch(handlers, name, data, { url: 'https://www.linkedin.com/in/dana-reyes/' }, EXTENSION);
const fromOptions = (name: 'connect' | 'disconnect', data: unknown) => dispatch(handlers, name, data, { url: `${EXTENSION}options.html` }, EXTENSION);

/** The rep views these: each brief comes from the server and is cached. */
async function view(...refs: BriefRef[]): Promise<void> {
  const answer = await fromPanel('getBriefs', { refs, from: 'server' });
  expect(answer.ok).toBe(true);
  await settleCacheWrites();
}

/** What a panel would paint offline for each ref: the cached brief's subject, or null. */
async function offline(...refs: BriefRef[]): Promise<(string | null)[]> {
  const answer = await fromPanel('getBriefs', { refs, from: 'cache' });
  if (!answer.ok) throw new Error(answer.error.message);
  return answer.value.briefs.map((b) => (b && 'brief' in b && b.brief ? (b.brief.contact?.name ?? b.brief.account?.name ?? '?') : null));
}

const storedCursor = async () => ((await fakeBrowser.storage.local.get(CHANGES_CURSOR_KEY))[CHANGES_CURSOR_KEY] as { cursor: number } | undefined)?.cursor;

describe('following /v1/changes against the real server', () => {
  it('forgets an erased person’s cached brief and every cached answer naming them, after one follow', async () => {
    await view(dana, ravi, acme, solo);
    expect(await offline(dana, ravi, acme, solo)).toEqual(['Dana Reyes', 'Ravi Kumaran', 'Acme', 'Sam Solo']);
    expect(await changes.follow()).toMatchObject({ status: 'up-to-date', pages: 0 });

    const erased = await h.request('POST', '/v1/admin/erasures', { token: h.admin.token, json: { contactId: 'ct_dana' } });
    expect(await erased.json()).toMatchObject({ status: 'erased', contactIds: ['ct_dana'] });

    const outcome = await changes.follow();
    expect(outcome).toMatchObject({ status: 'up-to-date', pages: 1 });
    // Dana's own brief, and her colleagues' and her account's, which list her as a stakeholder.
    expect(await offline(dana, ravi, acme, solo)).toEqual([null, null, null, 'Sam Solo']);
    expect(forgotten).toEqual([{ contactIds: ['ct_dana'], accountIds: [], dealIds: [] }]);
    expect(await storedCursor()).toBe((outcome as { cursor: number }).cursor);
  });

  it('forgets every cached brief about an account the CRM deleted, and one showing a deleted deal', async () => {
    await changes.follow();
    await view(ravi, acme, solo, initech);
    // What a CRM sync writes for a deleted record (server/crm/store.ts tombstoneRecords).
    await h.db.kysely
      .insertInto('tombstones')
      .values([{ team_id: h.teamA, entity: 'account', entity_id: 'acc_initech', at: TEST_NOW.toISOString() }])
      .execute();
    expect(await changes.follow()).toMatchObject({ status: 'up-to-date', pages: 1 });
    expect(await offline(ravi, acme, solo, initech)).toEqual(['Ravi Kumaran', 'Acme', 'Sam Solo', null]);

    await h.db.kysely
      .insertInto('tombstones')
      .values([{ team_id: h.teamA, entity: 'account', entity_id: 'acc_acme', at: TEST_NOW.toISOString() }])
      .execute();
    expect(await changes.follow()).toMatchObject({ status: 'up-to-date', pages: 1, forgotten: 2 });
    // Ravi works at Acme: his brief is about the account too.
    expect(await offline(ravi, acme, solo)).toEqual([null, null, 'Sam Solo']);
    expect(forgotten.at(-1)).toEqual({ contactIds: [], accountIds: ['acc_acme'], dealIds: [] });

    await view(acme);
    await h.db.kysely.insertInto('tombstones').values([{ team_id: h.teamA, entity: 'deal', entity_id: 'deal_open', at: TEST_NOW.toISOString() }]).execute();
    await changes.follow();
    expect(await offline(acme, solo)).toEqual([null, 'Sam Solo']);
  });

  it('skips an entity this version does not know without failing the page', async () => {
    await changes.follow();
    await view(solo);
    await h.db.kysely.insertInto('tombstones').values([{ team_id: h.teamA, entity: 'playbook', entity_id: 'pb_1', at: TEST_NOW.toISOString() }]).execute();
    const before = await storedCursor();
    expect(await changes.follow()).toMatchObject({ status: 'up-to-date', pages: 1, forgotten: 0 });
    expect(await storedCursor()).toBeGreaterThan(before!);
    expect(await offline(solo)).toEqual(['Sam Solo']);
  });

  it('follows from the stored cursor; Disconnect and a connection as another rep start again from 0', async () => {
    await changes.follow();
    const cursor = (await storedCursor())!;
    expect(cursor).toBeGreaterThan(0);
    asked = [];
    await changes.follow();
    expect(asked).toEqual([cursor]);

    // Reconnecting as the same rep keeps the cursor (the cache is kept too).
    expect((await fromOptions('connect', { serverUrl: IN_PROCESS_SERVER, token: h.rep.token })).ok).toBe(true);
    asked = [];
    await changes.follow();
    expect(asked).toEqual([cursor]);

    expect((await fromOptions('connect', { serverUrl: IN_PROCESS_SERVER, token: h.manager.token })).ok).toBe(true);
    asked = [];
    await changes.follow();
    expect(asked[0]).toBe(0);

    expect((await fromOptions('disconnect', undefined)).ok).toBe(true);
    expect(await storedCursor()).toBeUndefined();
    expect(await changes.follow()).toEqual({ status: 'not-connected' });
  });
});
