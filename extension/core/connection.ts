/**
 * The connection to the Signalhouse server: which URL, which token, who that token is. Lives in the
 * background; pages see only a `ConnectionView` (never the token).
 *
 * An administrator can pin the server URL through managed storage (`managed_schema.json`); a
 * pinned URL wins over anything typed, and a token saved for another URL is not sent to it.
 *
 * @example
 * const connection = createConnection({ store: connectionStore(), managed: browser.storage.managed, now: () => new Date() });
 * const answer = await connection.connect({ serverUrl: 'https://signalhouse.example.com', token });
 * if (answer.ok) show(answer.value.user, answer.value.team, answer.value.serverVersion);
 */
import { createApi, type Api } from './api.ts';
import type { ConnectionStore, StoredConnection } from './connection-store.ts';
import { fail, ok, type ConnectionView, type ConnectPayload, type Result } from './protocol.ts';

/** Where `npm start` listens on a fresh clone. */
export const DEFAULT_SERVER_URL = 'http://127.0.0.1:8787';

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\])(:\d+)?([/?#]|$)/i;

/**
 * A server URL as the client uses it: http(s) only, no credentials, query or fragment, no trailing
 * slash (a path prefix for a reverse proxy is kept). Without a scheme, loopback gets `http://` and
 * anything else `https://`.
 *
 * @example normalizeServerUrl(' HTTPS://Signals.Example.com/ ') // { ok: true, value: 'https://signals.example.com' }
 * @example normalizeServerUrl('ftp://x') // { ok: false, error: { kind: 'invalid', field: 'serverUrl', … } }
 */
export function normalizeServerUrl(input: string): Result<string> {
  const text = input.trim();
  const invalid = (why: string) => fail<string>('invalid', why, { field: 'serverUrl' });
  if (!text) return invalid('Enter the server URL.');
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `${LOOPBACK.test(text) ? 'http' : 'https'}://${text}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return invalid('This is not a URL.');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return invalid('The server URL must start with http:// or https://.');
  if (url.username || url.password) return invalid('Put the token in the Token field, not in the URL.');
  if (url.search || url.hash) return invalid('The server URL cannot have a query or a fragment.');
  return ok(`${url.origin}${url.pathname.replace(/\/+$/, '')}`);
}

/** What an administrator set through managed storage (Chrome policy; Firefox 3rd-party policy). */
export interface ManagedPolicy {
  serverUrl: string | null;
  hideServerUrl: boolean;
}

/** The part of `browser.storage.managed` this file uses. */
export interface ManagedArea {
  get(): Promise<Record<string, unknown>>;
}

/**
 * Reads the policy, tolerating its absence: Firefox without a policy rejects the read, some
 * browsers have no managed area at all, and an unusable URL pins nothing.
 *
 * @example await readManagedPolicy(browser.storage.managed) // { serverUrl: 'https://signals.acme.com', hideServerUrl: true }
 */
export async function readManagedPolicy(area: ManagedArea | undefined): Promise<ManagedPolicy> {
  let values: Record<string, unknown> = {};
  try {
    values = (await area?.get()) ?? {};
  } catch {
    values = {};
  }
  const url = typeof values.serverUrl === 'string' ? normalizeServerUrl(values.serverUrl) : null;
  const serverUrl = url?.ok ? url.value : null;
  return { serverUrl, hideServerUrl: serverUrl !== null && values.hideServerUrl === true };
}

export interface ConnectionDeps {
  store: ConnectionStore;
  managed?: ManagedArea | undefined;
  /** For tests against the in-process server; the service worker uses the global fetch. */
  fetch?: typeof fetch;
  now: () => Date;
}

export type Connection = ReturnType<typeof createConnection>;

/**
 * The background's connection service.
 *
 * @example
 * const api = await connection.api();
 * if (api.ok) await api.value.briefs(refs);
 */
export function createConnection({ store, managed, fetch, now }: ConnectionDeps) {
  const apiFor = (serverUrl: string, token?: string): Api =>
    createApi({ serverUrl, ...(token ? { token } : {}), ...(fetch ? { fetch } : {}) });

  /** The stored connection, if it belongs to the URL in force (a pinned URL may have changed since). */
  async function current(): Promise<{ policy: ManagedPolicy; serverUrl: string; saved: StoredConnection | undefined }> {
    const [policy, stored] = await Promise.all([readManagedPolicy(managed), store.load()]);
    const serverUrl = policy.serverUrl ?? stored?.serverUrl ?? DEFAULT_SERVER_URL;
    // A disconnected store keeps its URL with an empty token, so the options page still shows it.
    const saved = stored?.token && stored.serverUrl === serverUrl ? stored : undefined;
    return { policy, serverUrl, saved };
  }

  function viewOf(policy: ManagedPolicy, serverUrl: string, saved: StoredConnection | undefined): ConnectionView {
    return {
      serverUrl,
      serverUrlPinned: policy.serverUrl !== null,
      serverUrlHidden: policy.hideServerUrl,
      hasToken: saved !== undefined,
      user: saved?.user ?? null,
      team: saved?.team ?? null,
      serverVersion: saved?.serverVersion ?? null,
      connectedAt: saved?.connectedAt ?? null,
    };
  }

  return {
    /** What the options page and panels may know. */
    async view(): Promise<Result<ConnectionView>> {
      const { policy, serverUrl, saved } = await current();
      return ok(viewOf(policy, serverUrl, saved));
    },

    /**
     * Tests the URL (is it a Signalhouse server?) and the token (whose is it?), then stores both.
     * A failed attempt leaves the previous connection as it was.
     */
    async connect(payload: ConnectPayload): Promise<Result<ConnectionView>> {
      const { policy, serverUrl: inForce, saved } = await current();
      let serverUrl = inForce;
      if (policy.serverUrl === null && payload.serverUrl !== undefined) {
        const url = normalizeServerUrl(payload.serverUrl);
        if (!url.ok) return url;
        serverUrl = url.value;
      } else if (policy.serverUrl !== null && payload.serverUrl !== undefined) {
        const url = normalizeServerUrl(payload.serverUrl);
        if (!url.ok || url.value !== policy.serverUrl) {
          return fail('invalid', 'Your administrator set the server URL; it cannot be changed here.', { field: 'serverUrl' });
        }
      }
      const token = payload.token ?? (saved?.serverUrl === serverUrl ? saved.token : undefined);
      if (!token) return fail('invalid', 'Enter the token your administrator gave you.', { field: 'token' });

      const health = await apiFor(serverUrl).health();
      if (!health.ok) {
        if (health.error.kind === 'offline') {
          return fail('offline', `Cannot reach ${serverUrl}. Is the server running, and does its EXTENSION_IDS allow this extension?`);
        }
        return fail('not_signalhouse', `${serverUrl} answers, but not as a Signalhouse server.`, { field: 'serverUrl' });
      }
      const me = await apiFor(serverUrl, token).me();
      if (!me.ok) {
        if (me.error.kind === 'unauthorized') return fail('unauthorized', 'The server did not accept this token.', { field: 'token', status: 401 });
        return me;
      }
      const connection: StoredConnection = {
        serverUrl,
        token,
        user: me.value.user,
        team: me.value.team,
        serverVersion: me.value.serverVersion,
        connectedAt: now().toISOString(),
      };
      await store.save(connection);
      return ok(viewOf(policy, serverUrl, connection));
    },

    /** Forgets the token and who it belonged to; the URL stays for the next Connect. */
    async disconnect(): Promise<Result<ConnectionView>> {
      const stored = await store.load();
      if (stored) await store.save({ serverUrl: stored.serverUrl, token: '', user: null, team: null, serverVersion: null, connectedAt: null });
      const { policy, serverUrl } = await current();
      return ok(viewOf(policy, serverUrl, undefined));
    },

    /** A client for the connected server, or `not_connected`. */
    async api(): Promise<Result<Api>> {
      const { serverUrl, saved } = await current();
      if (!saved) return fail('not_connected', 'Connect to a Signalhouse server in the extension options.');
      return ok(apiFor(serverUrl, saved.token));
    },
  };
}
