/**
 * Connection settings: URL normalisation, the admin's managed-storage pin (WXT's fake browser), the
 * token kept in the background's own Dexie database (fake-indexeddb) and never shown to a page,
 * and Connect tested against the REAL server app in process.
 */
import 'fake-indexeddb/auto';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createConnection, DEFAULT_SERVER_URL, normalizeServerUrl, readManagedPolicy } from '../../../../extension/core/background/connection.ts';
import { connectionStore } from '../../../../extension/core/background/connection-store.ts';
import { makeHarness, type Harness } from '../../server/harness.ts';

const NOW = new Date('2026-11-23T09:00:00.000Z');
let h: Harness;
let inProcess: typeof fetch;
let dbCount = 0;
let store: ReturnType<typeof connectionStore>;

beforeAll(async () => {
  h = await makeHarness();
  inProcess = ((input: RequestInfo | URL, init?: RequestInit) => Promise.resolve(h.app.request(input, init))) as typeof fetch;
});
afterAll(() => h.close());
beforeEach(() => {
  fakeBrowser.reset();
  store = connectionStore(`settings-test-${++dbCount}`);
});
afterEach(() => store.close());

const connection = (fetcher: typeof fetch = inProcess) =>
  createConnection({ store, managed: fakeBrowser.storage.managed, fetch: fetcher, now: () => NOW });

describe('normalizeServerUrl', () => {
  it.each([
    [' HTTPS://Signals.Example.com/ ', 'https://signals.example.com'],
    ['http://127.0.0.1:8787', 'http://127.0.0.1:8787'],
    ['localhost:8787', 'http://localhost:8787'],
    ['signals.example.com/api//', 'https://signals.example.com/api'],
  ])('%s → %s', (input, expected) => {
    expect(normalizeServerUrl(input)).toEqual({ ok: true, value: expected });
  });

  it.each(['ftp://signals.example.com', 'javascript:alert(1)', 'https://user:pw@signals.example.com', 'https://x.example/?a=1', '', 'http://'])(
    'refuses %j',
    (input) => {
      expect(normalizeServerUrl(input)).toMatchObject({ ok: false, error: { kind: 'invalid', field: 'serverUrl' } });
    },
  );
});

describe('managed storage', () => {
  it('reads a pinned server URL and the hide flag', async () => {
    await fakeBrowser.storage.managed.set({ serverUrl: 'https://Signals.Acme.com/', hideServerUrl: true });
    expect(await readManagedPolicy(fakeBrowser.storage.managed)).toEqual({ serverUrl: 'https://signals.acme.com', hideServerUrl: true, siteModes: {} });
  });

  it('reads the sites an admin pinned, and ignores a mode it does not know', async () => {
    await fakeBrowser.storage.managed.set({ sites: { linkedin: 'side-panel-only', gmail: 'off', calendar: 'sometimes' } });
    expect((await readManagedPolicy(fakeBrowser.storage.managed)).siteModes).toEqual({ linkedin: 'side-panel-only', gmail: 'off' });
  });

  it('tolerates no policy, no managed area, a failing read and an unusable URL', async () => {
    const none = { serverUrl: null, hideServerUrl: false, siteModes: {} };
    expect(await readManagedPolicy(fakeBrowser.storage.managed)).toEqual(none);
    expect(await readManagedPolicy(undefined)).toEqual(none);
    expect(await readManagedPolicy({ get: () => Promise.reject(new Error('Managed storage manifest not found')) })).toEqual(none);
    expect(await readManagedPolicy({ get: async () => ({ serverUrl: 'file:///etc/passwd', hideServerUrl: true }) })).toEqual(none);
  });
});

describe('Connect', () => {
  it('starts at the local server, not connected', async () => {
    expect(await connection().view()).toMatchObject({ ok: true, value: { serverUrl: DEFAULT_SERVER_URL, hasToken: false, user: null, serverUrlPinned: false } });
  });

  it('shows the user, team and server version, and never the token', async () => {
    const answer = await connection().connect({ serverUrl: 'http://127.0.0.1:8787/', token: h.rep.token });
    expect(answer).toMatchObject({
      ok: true,
      value: { serverUrl: 'http://127.0.0.1:8787', hasToken: true, user: { email: 'rep@a.test' }, team: { name: 'Acme Sales' }, serverVersion: '0.1.0', connectedAt: NOW.toISOString() },
    });
    const later = await connection().view();
    expect(later).toMatchObject({ ok: true, value: { hasToken: true, team: { name: 'Acme Sales' } } });
    expect(JSON.stringify([answer, later])).not.toContain(h.rep.token);
  });

  it('keeps the token in the background database, not in storage.local', async () => {
    await connection().connect({ token: h.rep.token });
    expect((await store.load())?.token).toBe(h.rep.token);
    expect(await fakeBrowser.storage.local.get(null)).toEqual({});
  });

  it('says the token is wrong, and keeps the previous connection', async () => {
    await connection().connect({ token: h.rep.token });
    const answer = await connection().connect({ token: 'shk_' + 'x'.repeat(40) });
    expect(answer).toMatchObject({ ok: false, error: { kind: 'unauthorized', field: 'token' } });
    expect((await store.load())?.token).toBe(h.rep.token);
  });

  it('says when the server is unreachable', async () => {
    const answer = await connection(() => Promise.reject(new TypeError('Failed to fetch'))).connect({ token: h.rep.token });
    expect(answer).toMatchObject({ ok: false, error: { kind: 'offline' } });
  });

  it('says when the URL is not a Signalhouse server', async () => {
    const somePage = (async () => new Response('<html>hello</html>', { headers: { 'content-type': 'text/html' } })) as typeof fetch;
    expect(await connection(somePage).connect({ serverUrl: 'https://example.com', token: 'x' })).toMatchObject({
      ok: false,
      error: { kind: 'not_signalhouse' },
    });
  });

  it('asks for a token when none is typed or saved', async () => {
    expect(await connection().connect({})).toMatchObject({ ok: false, error: { kind: 'invalid', field: 'token' } });
  });

  it('gives a client only once connected, and none after Disconnect', async () => {
    const c = connection();
    expect(await c.api()).toMatchObject({ ok: false, error: { kind: 'not_connected' } });
    await c.connect({ token: h.rep.token });
    const api = await c.api();
    expect(api.ok && (await api.value.me()).ok).toBe(true);
    expect(await c.disconnect()).toMatchObject({ ok: true, value: { hasToken: false, user: null, serverUrl: DEFAULT_SERVER_URL } });
    expect(await c.api()).toMatchObject({ ok: false, error: { kind: 'not_connected' } });
  });
});

describe('a server URL pinned by the administrator', () => {
  it('is used, shown as pinned, and cannot be changed', async () => {
    await fakeBrowser.storage.managed.set({ serverUrl: 'http://127.0.0.1:8787' });
    const c = connection();
    expect(await c.view()).toMatchObject({ ok: true, value: { serverUrl: 'http://127.0.0.1:8787', serverUrlPinned: true, serverUrlHidden: false } });
    expect(await c.connect({ serverUrl: 'https://elsewhere.example', token: h.rep.token })).toMatchObject({
      ok: false,
      error: { kind: 'invalid', field: 'serverUrl' },
    });
    expect(await c.connect({ token: h.rep.token })).toMatchObject({ ok: true, value: { serverUrlPinned: true, hasToken: true } });
  });

  it("reads the policy once (Chromium's first read takes seconds), and again when it changes", async () => {
    let reads = 0;
    let policy: Record<string, unknown> = {};
    const managed = { get: async () => (reads++, policy) };
    const c = createConnection({ store, managed, fetch: inProcess, now: () => NOW });
    await c.connect({ token: h.rep.token });
    await c.view();
    await c.api();
    expect(reads).toBe(1);
    policy = { serverUrl: 'https://signals.acme.com' };
    c.policyChanged();
    expect(await c.view()).toMatchObject({ ok: true, value: { serverUrl: 'https://signals.acme.com', serverUrlPinned: true, hasToken: false } });
    expect(reads).toBe(2);
  });

  it('never sends a token saved for another server to the pinned one', async () => {
    await connection().connect({ token: h.rep.token });
    await fakeBrowser.storage.managed.set({ serverUrl: 'https://signals.acme.com' });
    const c = connection();
    expect(await c.view()).toMatchObject({ ok: true, value: { serverUrl: 'https://signals.acme.com', hasToken: false } });
    expect(await c.api()).toMatchObject({ ok: false, error: { kind: 'not_connected' } });
  });
});
