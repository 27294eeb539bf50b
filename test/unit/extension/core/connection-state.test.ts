/**
 * The connection follows where it stands (issue 9, items 7 and 9): `connecting` while Connect is
 * tested, then from every request made with the saved token whether the server was reached and
 * accepted it (token refused, token expired, offline), each change reported once to `onStatus`
 * (which the background broadcasts to every open panel). Against the REAL server app in process;
 * a token-expired answer is the 401 problem+json shape the server gives an expired token.
 */
import 'fake-indexeddb/auto';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createConnection } from '../../../../extension/core/background/connection.ts';
import { connectionStore } from '../../../../extension/core/background/connection-store.ts';
import type { ConnectionStatus } from '../../../../extension/core/protocol.ts';
import { problemBody } from '../../../../server/http/problem.ts';
import { makeHarness, type Harness } from '../../server/harness.ts';

const NOW = new Date('2026-11-23T09:00:00.000Z');
const SERVER = 'http://127.0.0.1:8787';
const EXPIRED_AT = '2026-11-20T12:00:00.000Z';
const REF = { kind: 'linkedin' as const, profileUrl: 'https://www.linkedin.com/in/dana-reyes/' };

let h: Harness;
let dbCount = 0;
let store: ReturnType<typeof connectionStore>;
/** How the "server" answers requests other than health: as itself, refusing, expired, or not at all. */
let mode: 'up' | 'refused' | 'expired' | 'down';
let statuses: ConnectionStatus[];

const problemResponse = (body: object) => new Response(JSON.stringify(body), { status: 401, headers: { 'content-type': 'application/problem+json' } });

const fetcher = (async (input: RequestInfo | URL, init?: RequestInit) => {
  const url = String(input instanceof Request ? input.url : input);
  if (mode === 'down') throw new TypeError('Failed to fetch');
  if (!url.endsWith('/v1/health') && mode === 'refused') return problemResponse(problemBody(401, 'unauthorized', 'Unknown or revoked token'));
  if (!url.endsWith('/v1/health') && mode === 'expired') {
    return problemResponse({ type: '/problems/token-expired', title: 'The token has expired', status: 401, detail: 'This token expired.', expiredAt: EXPIRED_AT });
  }
  return h.app.request(input, init);
}) as typeof fetch;

const connection = () => createConnection({ store, managed: fakeBrowser.storage.managed, fetch: fetcher, now: () => NOW, onStatus: (s) => statuses.push(s) });
const states = () => statuses.map((s) => s.state);

beforeAll(async () => {
  h = await makeHarness();
});
afterAll(() => h.close());
beforeEach(() => {
  fakeBrowser.reset();
  store = connectionStore(`connection-state-test-${++dbCount}`);
  mode = 'up';
  statuses = [];
});
afterEach(() => store.close());

describe('the connection state', () => {
  it('answers a request made while Connect is being tested with the new connection, not "not connected"', async () => {
    const c = connection();
    const connecting = c.connect({ serverUrl: SERVER, token: h.rep.token });
    const api = await c.api();
    expect(api).toMatchObject({ ok: true });
    expect((await connecting).ok).toBe(true);
  });

  it('reports connecting, then connected, for a Connect; and not connected after Disconnect', async () => {
    const c = connection();
    expect((await c.view()).ok && (await c.status()).state).toBe('not_connected');
    const answer = await c.connect({ serverUrl: SERVER, token: h.rep.token });
    expect(answer).toMatchObject({ ok: true, value: { state: 'connected', expiredAt: null } });
    expect(states()).toEqual(['connecting', 'connected']);
    expect(statuses[1]).toEqual({ state: 'connected', serverUrl: SERVER, expiredAt: null });
    await c.disconnect();
    expect(states()).toEqual(['connecting', 'connected', 'not_connected']);
  });

  it('goes back to where it stood when a Connect fails', async () => {
    const c = connection();
    await c.connect({ serverUrl: SERVER, token: 'shk_' + 'x'.repeat(40) });
    expect(states()).toEqual(['connecting', 'not_connected']);
  });

  it('turns token_expired, with its date, when the server answers a request 401 token-expired; a new Connect clears it', async () => {
    const c = connection();
    await c.connect({ serverUrl: SERVER, token: h.rep.token });
    mode = 'expired';
    const api = await c.api();
    if (!api.ok) throw new Error(api.error.message);
    expect(await api.value.briefs([REF])).toMatchObject({ ok: false, error: { kind: 'token_expired', status: 401, expiredAt: EXPIRED_AT } });
    await expect.poll(() => statuses.at(-1)).toEqual({ state: 'token_expired', serverUrl: SERVER, expiredAt: EXPIRED_AT });
    expect(await c.view()).toMatchObject({ ok: true, value: { state: 'token_expired', expiredAt: EXPIRED_AT, hasToken: true } });
    // Kept with the token: a restarted service worker still says so.
    expect(await connection().view()).toMatchObject({ ok: true, value: { state: 'token_expired', expiredAt: EXPIRED_AT } });

    mode = 'up';
    expect(await c.connect({ token: h.rep.token })).toMatchObject({ ok: true, value: { state: 'connected', expiredAt: null } });
    expect(statuses.at(-1)?.state).toBe('connected');
    expect((await store.load())?.refused).toBeUndefined();
  });

  it('says an expired token on Connect is expired, with its date, not just "wrong"', async () => {
    mode = 'expired';
    expect(await connection().connect({ serverUrl: SERVER, token: h.rep.token })).toMatchObject({
      ok: false,
      error: { kind: 'token_expired', field: 'token', status: 401, expiredAt: EXPIRED_AT },
    });
  });

  it('turns token_refused when the server refuses the saved token, and connected when it accepts it again', async () => {
    const c = connection();
    await c.connect({ serverUrl: SERVER, token: h.rep.token });
    mode = 'refused';
    const api = await c.api();
    if (!api.ok) throw new Error(api.error.message);
    expect(await api.value.briefs([REF])).toMatchObject({ ok: false, error: { kind: 'unauthorized' } });
    await expect.poll(() => statuses.at(-1)?.state).toBe('token_refused');
    mode = 'up';
    const again = await c.api();
    if (!again.ok) throw new Error(again.error.message);
    expect((await again.value.briefs([REF])).ok).toBe(true);
    await expect.poll(() => statuses.at(-1)?.state).toBe('connected');
  });

  it('turns offline when a request cannot reach the server, and connected when one does; each change reported once', async () => {
    const c = connection();
    await c.connect({ serverUrl: SERVER, token: h.rep.token });
    mode = 'down';
    const api = await c.api();
    if (!api.ok) throw new Error(api.error.message);
    await api.value.briefs([REF]);
    await api.value.briefs([REF]);
    await expect.poll(() => statuses.at(-1)?.state).toBe('offline');
    expect((await c.view()).ok && (await c.status()).state).toBe('offline');
    mode = 'up';
    await api.value.briefs([REF]);
    await api.value.briefs([REF]);
    await expect.poll(() => statuses.at(-1)?.state).toBe('connected');
    expect(states()).toEqual(['connecting', 'connected', 'offline', 'connected']);
  });
});
