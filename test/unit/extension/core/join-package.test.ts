/**
 * A cold join page's package (issue 13, within 100 ms of navigation start): one server request
 * (`GET /v1/meetings?…&include=package`) instead of the meeting, then the briefs, then what changed
 * and who knows whom; the worker starts it as soon as the tab's URL is a join page, and the page's
 * asks take the answer waiting there; Disconnect forgets it. Real handlers, the real brief cache on
 * fake-indexeddb, the real server app in process, every request it gets counted.
 */
import 'fake-indexeddb/auto';
import { Dexie } from 'dexie';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createBriefsPort } from '../../../../extension/core/background/briefs-port.ts';
import { readBrief, settleCacheWrites } from '../../../../extension/core/background/cache.ts';
import { createConnection } from '../../../../extension/core/background/connection.ts';
import { connectionStore } from '../../../../extension/core/background/connection-store.ts';
import { closeSignalhouseDb, DB_NAME } from '../../../../extension/core/background/db.ts';
import { createHandlers, dispatch, type Handlers } from '../../../../extension/core/background/handlers.ts';
import { createJoinPackages, type JoinPackages } from '../../../../extension/core/background/join-packages.ts';
import { followJoinPages, prefetchJoinPackage, type JoinTabEvents } from '../../../../extension/core/background/join-prefetch.ts';
import { createMeetingsPort, type MeetingsStorage } from '../../../../extension/core/background/meetings.ts';
import { runMeetingPackage, type MeetingState, type MeetingTarget } from '../../../../extension/core/meeting-package.ts';
import type { sendMessage } from '../../../../extension/core/messaging.ts';
import type { MessageName } from '../../../../extension/core/protocol.ts';
import type { SiteMode } from '../../../../extension/core/site-modes.ts';
import { makeHarness, TEST_NOW, type Harness } from '../../server/harness.ts';
import { INITECH, seedMeetingCase } from '../../server/meetings/seed.ts';
import { EXTENSION, IN_PROCESS_SERVER } from './in-process-server.ts';
import { waitFor } from '../../wait-for.ts';

const TAB = 7;
const JOIN_URL = 'https://acme.zoom.us/j/81234567890?pwd=Zm9vYmFyc2VjcmV0';
const CONFERENCE = { provider: 'zoom', id: '81234567890' } as const;
const TARGET: MeetingTarget = { kind: 'conference', conference: CONFERENCE, label: 'acme.zoom.us/j/81234567890', zoomMeetingId: '81234567890' };

let h: Harness;
beforeAll(async () => {
  h = await makeHarness();
  await seedMeetingCase(h);
  // A teammate's calendar saw the meeting: only the server knows it (the rep's browser never did).
  const seen = await h.request('POST', '/v1/meetings', {
    token: h.manager.token,
    json: { eventId: 'initech-join-1', start: '2026-11-24T15:00:00Z', conference: { provider: 'zoom', id: '81234567890' }, attendees: ['ana@initech.example', 'ben@initech.example', 'rep@a.test'] },
  });
  expect(seen.status).toBe(201);
});
afterAll(() => h.close());

/** Every request the server got from the extension, as `METHOD path?query`. */
let requests: string[];
let handlers: Handlers;
let packages: JoinPackages;
let store: ReturnType<typeof connectionStore>;
let connectionApi: () => Promise<Awaited<ReturnType<ReturnType<typeof createConnection>['api']>>>;
/** The worker's clock for its package requests (ms). */
let clockMs: number;
let n = 0;

beforeEach(async () => {
  fakeBrowser.reset();
  requests = [];
  store = connectionStore(`join-package-test-${++n}`);
  const counted = ((input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    requests.push(`${init?.method ?? (input instanceof Request ? input.method : 'GET')} ${url.pathname}${url.search}`);
    return Promise.resolve(h.app.request(input, init));
  }) as typeof fetch;
  const connection = createConnection({ store, managed: fakeBrowser.storage.managed, fetch: counted, now: () => TEST_NOW });
  expect((await connection.connect({ serverUrl: IN_PROCESS_SERVER, token: h.rep.token })).ok).toBe(true);
  connectionApi = () => connection.api();
  clockMs = TEST_NOW.getTime();
  packages = createJoinPackages(() => clockMs);
  handlers = createHandlers({
    connection,
    briefs: createBriefsPort({ now: () => TEST_NOW }),
    meetings: createMeetingsPort({ storage: fakeBrowser.storage.local as unknown as MeetingsStorage, now: () => TEST_NOW }),
    joinPackages: packages,
    now: () => TEST_NOW,
  });
  requests = [];
});
afterEach(async () => {
  await settleCacheWrites();
  store.close();
  closeSignalhouseDb();
  await Dexie.delete(DB_NAME);
});

/** The join page's content script in tab TAB: its messages through the background's dispatch. */
const fromJoinPage = ((name: MessageName, data?: unknown) => dispatch(handlers, name, data, { url: JOIN_URL, tab: { id: TAB } }, EXTENSION)) as unknown as typeof sendMessage;
const fromOptions = (name: MessageName, data?: unknown) => dispatch(handlers, name, data, { url: `${EXTENSION}options.html` }, EXTENSION);

/** The package on the join page loaded at `loadedAt` (ms; by default just before the worker's clock), run to its end; its paints. */
async function joinPage(loadedAt = clockMs - 100): Promise<MeetingState[]> {
  const paints: MeetingState[] = [];
  await runMeetingPackage(
    { target: TARGET, label: 'acme.zoom.us/j/81234567890' },
    {
      signal: new AbortController().signal,
      send: fromJoinPage,
      mount: async () => (state) => void paints.push(structuredClone(state)),
      wait: () => new Promise<void>(() => undefined),
      now: () => TEST_NOW,
      uuid: () => '00000000-0000-4000-8000-00000000000b',
      loadedAt: () => loadedAt,
    },
  );
  return paints;
}

const prefetchDeps = (mode: SiteMode = 'on') => ({
  packages,
  api: async () => {
    const api = await connectionApi();
    return api.ok ? api.value : null;
  },
  modeOf: async () => mode,
});

const packageRequests = () => requests.filter((r) => r.startsWith('GET /v1/meetings?'));

describe("a cold join page's package", () => {
  it('is one server request: the account, both guests with who knows them best, the deal and what changed, all in its first paint', async () => {
    const paints = await joinPage();
    expect(requests).toEqual(['GET /v1/meetings?provider=zoom&conferenceId=81234567890&include=package']);
    const first = paints.find((p) => p.view.kind === 'package')!;
    // Whole at once: nothing left pending, no second paint needed for what changed.
    expect(first).toBe(paints.at(-1));
    if (first.view.kind !== 'package') throw new Error('no package');
    expect(first.view.account.id).toBe(INITECH.account);
    expect(first.view.guests.map((g) => [g.contactId, g.knownBest?.contactId])).toEqual([
      [INITECH.ana, INITECH.ana],
      [INITECH.ben, INITECH.ben],
    ]);
    expect(first.view.deal?.deal.id).toBe(INITECH.deal);
    expect(first.view.since?.changes.length).toBeGreaterThan(0);
    // Stored as any server answer (behind the page's answer): the same meeting's next dialog or page paints the briefs at once.
    await waitFor(async () => {
      expect(await readBrief('email:ana@initech.example', TEST_NOW.getTime())).not.toBeNull();
      expect(await readBrief('event:initech-join-1', TEST_NOW.getTime())).not.toBeNull();
    });
  });

  it("is asked by the worker as soon as the tab's URL is the join page, and the page takes the answer waiting there", async () => {
    const updated: Parameters<JoinTabEvents['onUpdated']['addListener']>[0][] = [];
    followJoinPages({ onUpdated: { addListener: (f) => void updated.push(f) }, onRemoved: { addListener: () => undefined } }, prefetchDeps());
    updated[0]!(TAB, { status: 'loading', url: JOIN_URL });
    await new Promise((resolve) => setTimeout(resolve, 20));
    // Only the conference id from the URL: never Zoom's meeting password.
    expect(requests).toEqual(['GET /v1/meetings?provider=zoom&conferenceId=81234567890&include=package']);
    const paints = await joinPage();
    expect(requests).toHaveLength(1);
    expect(paints.at(-1)?.view).toMatchObject({ kind: 'package', account: { id: INITECH.account } });
  });

  it('asks nothing before the page where the rep turned the site off or to the side panel only, nor for another page', async () => {
    expect(await prefetchJoinPackage(TAB, JOIN_URL, prefetchDeps('off'))).toBe(false);
    expect(await prefetchJoinPackage(TAB, JOIN_URL, prefetchDeps('side-panel-only'))).toBe(false);
    expect(await prefetchJoinPackage(TAB, 'https://zoom.us/pricing', prefetchDeps())).toBe(false);
    expect(await prefetchJoinPackage(TAB, 'https://meet.google.com/lookup/weekly-sync', prefetchDeps())).toBe(false);
    expect(requests).toEqual([]);
  });

  it('Disconnect forgets the answer waiting in the worker: connected again, the page asks the server anew', async () => {
    expect(await prefetchJoinPackage(TAB, JOIN_URL, prefetchDeps())).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(packageRequests()).toHaveLength(1);
    expect((await fromOptions('disconnect')).ok).toBe(true);
    // Disconnected, the page gets nothing from the waiting answer.
    expect(await fromJoinPage('getMeetingPackage', { conference: CONFERENCE })).toMatchObject({ ok: false, error: { kind: 'not_connected' } });
    expect((await fromOptions('connect', { serverUrl: IN_PROCESS_SERVER, token: h.rep.token })).ok).toBe(true);
    await joinPage();
    expect(packageRequests()).toHaveLength(2);
  });

  it("a reload asks anew: the page never takes the answer the tab's previous load got", async () => {
    await joinPage();
    expect(packageRequests()).toHaveLength(1);
    // Reloaded two seconds later; the worker did not see it load (no prefetch): the page asks itself, once.
    clockMs += 2_000;
    await joinPage(clockMs - 100);
    expect(packageRequests()).toHaveLength(2);
    // Reloaded again, and this time the worker's prefetch came first: the page takes that one.
    clockMs += 2_000;
    expect(await prefetchJoinPackage(TAB, JOIN_URL, prefetchDeps())).toBe(true);
    await joinPage(clockMs - 100);
    expect(packageRequests()).toHaveLength(3);
  });

  it("another tab's page does not take this tab's answer", async () => {
    expect(await prefetchJoinPackage(TAB + 1, JOIN_URL, prefetchDeps())).toBe(true);
    await joinPage();
    expect(packageRequests()).toHaveLength(2);
  });
});
