/**
 * The connection to the Signalhouse server: which URL, which token, who that token is. Lives in the
 * background; pages see only a `ConnectionView` (never the token).
 *
 * An administrator can pin the server URL through managed storage (`managed_schema.json`); a
 * pinned URL wins over anything typed, and a token saved for another URL is not sent to it.
 *
 * It also follows where the connection stands (`ConnectionState`): `connecting` while a Connect is
 * tested, and from every request made with the saved token whether the server was reached and
 * accepted it. Each change goes to `onStatus` (the background broadcasts it to every open panel
 * and page, so a panel that said "not connected" shows its brief once the rep connects). A request
 * made while a Connect is being tested waits for it, so it is answered by the new connection.
 *
 * @example
 * const connection = createConnection({ store: connectionStore(), managed: browser.storage.managed, now: () => new Date() });
 * const answer = await connection.connect({ serverUrl: 'https://signalhouse.example.com', token });
 * if (answer.ok) show(answer.value.user, answer.value.team, answer.value.serverVersion);
 */
import { isSiteMode, type SiteMode } from '../site-modes.ts';
import { createApi, type Api } from './api.ts';
import type { ConnectionStore, StoredConnection, TokenRefusal } from './connection-store.ts';
import { fail, ok, type ConnectionState, type ConnectionStatus, type ConnectionView, type ConnectPayload, type ProblemInfo, type Result } from '../protocol.ts';

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
  /** Sites whose mode the administrator pinned (`sites: { linkedin: 'off' }`); an unknown mode pins nothing. */
  siteModes: Record<string, SiteMode>;
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
  const sites = typeof values.sites === 'object' && values.sites !== null ? (values.sites as Record<string, unknown>) : {};
  const siteModes = Object.fromEntries(Object.entries(sites).filter((entry): entry is [string, SiteMode] => isSiteMode(entry[1])));
  return { serverUrl, hideServerUrl: serverUrl !== null && values.hideServerUrl === true, siteModes };
}

export interface ConnectionDeps {
  store: ConnectionStore;
  managed?: ManagedArea | undefined;
  /** For tests against the in-process server; the service worker uses the global fetch. */
  fetch?: typeof fetch;
  now: () => Date;
  /** Told each change of the connection's state; the first report after a (worker) start is always sent. */
  onStatus?: (status: ConnectionStatus) => void;
}

/** Errors that prove the server answered the request (so it is not offline). */
const ANSWERED: ReadonlySet<ProblemInfo['kind']> = new Set<ProblemInfo['kind']>(['unauthorized', 'token_expired', 'rejected', 'server', 'not_found', 'not_signalhouse']);

/** The refusal a request's problem means for the saved token; null when the token was accepted. */
function refusalOf(problem: ProblemInfo | null): TokenRefusal | null {
  if (problem?.kind === 'unauthorized') return { state: 'token_refused', expiredAt: null };
  if (problem?.kind === 'token_expired') return { state: 'token_expired', expiredAt: problem.expiredAt ?? null };
  return null;
}

const sameRefusal = (a: TokenRefusal | null | undefined, b: TokenRefusal | null | undefined) =>
  (a ?? null) === (b ?? null) || (!!a && !!b && a.state === b.state && a.expiredAt === b.expiredAt);

/** A stored connection without its refusal mark. */
function withoutRefusal(stored: StoredConnection): StoredConnection {
  const { refused: _refused, ...rest } = stored;
  return rest;
}

export type Connection = ReturnType<typeof createConnection>;

/**
 * The background's connection service.
 *
 * @example
 * const api = await connection.api();
 * if (api.ok) await api.value.briefs(refs);
 */
export function createConnection({ store, managed, fetch, now, onStatus = () => undefined }: ConnectionDeps) {
  const apiFor = (serverUrl: string, token?: string, onOutcome?: (problem: ProblemInfo | null) => void): Api =>
    createApi({ serverUrl, ...(token ? { token } : {}), ...(fetch ? { fetch } : {}), ...(onOutcome ? { onOutcome } : {}) });

  /** The Connect being tested, if any: requests wait for it, and the state is `connecting`. */
  let connecting: Promise<unknown> | null = null;
  /** The last request with the saved token could not reach the server. Memory only: a fresh worker assumes it can. */
  let offline = false;
  /** The last status reported to `onStatus` (as JSON), so only changes are reported. */
  let reported: string | null = null;
  /** The refusal stored with `token`, as last read or written: spares a database read per request. */
  let refusalKnown: { token: string; refused: TokenRefusal | null } | null = null;

  function stateOf(saved: StoredConnection | undefined): ConnectionState {
    if (connecting) return 'connecting';
    if (!saved) return 'not_connected';
    if (saved.refused) return saved.refused.state;
    return offline ? 'offline' : 'connected';
  }

  /** Reports the status to `onStatus` if it changed since the last report. */
  async function report(): Promise<void> {
    const { serverUrl, saved } = await current();
    const status: ConnectionStatus = { state: stateOf(saved), serverUrl, expiredAt: saved?.refused?.expiredAt ?? null };
    const key = JSON.stringify(status);
    if (key === reported) return;
    reported = key;
    onStatus(status);
  }

  /**
   * What a request made with the saved `token` says about the connection: reached or not, token
   * accepted, refused or expired. Writes only when the refusal changed; reports only changes.
   */
  async function observe(token: string, problem: ProblemInfo | null): Promise<void> {
    if (problem && problem.kind !== 'offline' && !ANSWERED.has(problem.kind)) return;
    const wasOffline = offline;
    offline = problem?.kind === 'offline';
    const refusal = refusalOf(problem);
    if (!offline && !(refusalKnown?.token === token && sameRefusal(refusalKnown.refused, refusal))) {
      const stored = await store.load();
      // The rep may have connected with another token meanwhile: this answer says nothing about it.
      if (stored?.token === token) {
        refusalKnown = { token, refused: refusal };
        if (!sameRefusal(stored.refused, refusal)) {
          await store.save(refusal ? { ...stored, refused: refusal } : withoutRefusal(stored));
          return report();
        }
      }
    }
    if (offline !== wasOffline || reported === null) await report();
  }

  /**
   * The managed policy, read once and kept until `policyChanged()`. Chromium's first
   * `storage.managed.get()` in a fresh profile takes 2-3 s (measured: 2.2-2.8 s on the e2e machine,
   * then under 20 ms); read on every message, it held a new rep's first Connect and first brief by
   * as long. Started at once, so the wait falls in the worker's start, not in the rep's first click.
   */
  let policyRead: Promise<ManagedPolicy> = readManagedPolicy(managed);

  /** The stored connection, if it belongs to the URL in force (a pinned URL may have changed since). */
  async function current(): Promise<{ policy: ManagedPolicy; serverUrl: string; saved: StoredConnection | undefined }> {
    const [policy, stored] = await Promise.all([policyRead, store.load()]);
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
      state: stateOf(saved),
      expiredAt: saved?.refused?.expiredAt ?? null,
    };
  }

  /** Tests the URL and the token, then stores both (see `connect`). */
  async function tryConnect(payload: ConnectPayload): Promise<Result<ConnectionView>> {
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
      if (me.error.kind === 'token_expired') {
        const { expiredAt } = me.error;
        return fail('token_expired', 'This token has expired: ask your administrator for a new one.', { field: 'token', status: 401, ...(expiredAt ? { expiredAt } : {}) });
      }
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
    refusalKnown = { token, refused: null };
    offline = false;
    return ok(viewOf(policy, serverUrl, connection));
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
      const attempt = tryConnect(payload);
      connecting = attempt;
      await report().catch(() => undefined);
      let answer: Result<ConnectionView>;
      try {
        answer = await attempt;
      } finally {
        if (connecting === attempt) connecting = null;
        await report().catch(() => undefined);
      }
      if (!answer.ok) return answer;
      // The view as it stands now the attempt is over (tryConnect's said `connecting`).
      const { policy, serverUrl, saved } = await current();
      return ok(viewOf(policy, serverUrl, saved));
    },

    /** Forgets the token and who it belonged to; the URL stays for the next Connect. */
    async disconnect(): Promise<Result<ConnectionView>> {
      const stored = await store.load();
      if (stored) await store.save({ serverUrl: stored.serverUrl, token: '', user: null, team: null, serverVersion: null, connectedAt: null });
      refusalKnown = null;
      offline = false;
      await report();
      const { policy, serverUrl } = await current();
      return ok(viewOf(policy, serverUrl, undefined));
    },

    /**
     * A client for the connected server, or `not_connected`. Asked while a Connect is being
     * tested, it waits for that Connect (bounded by its requests' timeouts), so a profile opened at
     * the moment the rep clicks Connect is answered by the new connection, not "not connected".
     * Every answer the client gets updates the connection's state.
     */
    async api(): Promise<Result<Api>> {
      if (connecting) await connecting.catch(() => undefined);
      const { serverUrl, saved } = await current();
      if (!saved) return fail('not_connected', 'Connect to a Signalhouse server in the extension options.');
      const { token } = saved;
      return ok(apiFor(serverUrl, token, (problem) => void observe(token, problem).catch(() => undefined)));
    },

    /** The managed policy as last read (read once per worker start, and again when it changes). */
    policy: (): Promise<ManagedPolicy> => policyRead,

    /** The administrator's policy changed (`storage.onChanged` for `managed`): read it again. */
    policyChanged(): void {
      policyRead = readManagedPolicy(managed);
      void report().catch(() => undefined);
    },

    /** Where the connection stands, as broadcast to panels (no token, no person). */
    async status(): Promise<ConnectionStatus> {
      const { serverUrl, saved } = await current();
      return { state: stateOf(saved), serverUrl, expiredAt: saved?.refused?.expiredAt ?? null };
    },
  };
}
