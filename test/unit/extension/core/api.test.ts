/**
 * The extension's typed client against the REAL server app, in process: `fetch` calls
 * `app.request`, so routes, auth, validation and problem+json are the server's own.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApi } from '../../../../extension/core/background/api.ts';
import { seedBriefTeam } from '../../server/briefs/seed.ts';
import { makeHarness, type Harness } from '../../server/harness.ts';

const SERVER = 'http://127.0.0.1:8787';
let h: Harness;
let inProcess: typeof fetch;

beforeAll(async () => {
  h = await makeHarness();
  await seedBriefTeam(h);
  inProcess = ((input: RequestInfo | URL, init?: RequestInit) => Promise.resolve(h.app.request(input, init))) as typeof fetch;
});
afterAll(() => h.close());

const api = (token: string | undefined) => createApi({ serverUrl: SERVER, ...(token ? { token } : {}), fetch: inProcess });

describe('the API client', () => {
  it('shows who the token belongs to: user, team and server version', async () => {
    const me = await api(h.rep.token).me();
    expect(me).toMatchObject({
      ok: true,
      value: { user: { id: h.rep.id, email: 'rep@a.test', role: 'rep' }, team: { id: h.teamA, name: 'Acme Sales' }, serverVersion: '0.1.0' },
    });
  });

  it('reads health without a token', async () => {
    expect(await api(undefined).health()).toMatchObject({ ok: true, value: { status: 'ok', api: 'v1' } });
  });

  it('round-trips a brief for Dana Reyes through the shared schema', async () => {
    const answer = await api(h.rep.token).briefs([
      { kind: 'linkedin', profileUrl: 'https://www.linkedin.com/in/dana-reyes/' },
      { kind: 'linkedin', profileUrl: 'https://www.linkedin.com/in/nobody-here/' },
    ]);
    if (!answer.ok) throw new Error(answer.error.message);
    const [dana, nobody] = answer.value.briefs;
    expect(dana?.contact?.name).toBe('Dana Reyes');
    expect(dana?.account?.id).toBe('acc_acme');
    expect(dana?.match).toMatchObject({ method: 'linkedin_url' });
    expect(nobody).toBeNull();
  });

  it('finds accounts and contacts for the side panel search', async () => {
    const answer = await api(h.rep.token).searchDirectory('acme', 5);
    expect(answer.ok && answer.value.accounts.map((a) => a.name)).toContain('Acme');
  });

  it('maps a wrong token to unauthorized', async () => {
    const me = await api('shk_' + 'x'.repeat(40)).me();
    expect(me).toMatchObject({ ok: false, error: { kind: 'unauthorized', status: 401 } });
  });

  it('maps a 401 problem+json whose type ends in token-expired to token_expired, with the date it expired', async () => {
    const expired = (body: object) =>
      createApi({
        serverUrl: SERVER,
        token: 'shk_expired',
        fetch: (async () => new Response(JSON.stringify(body), { status: 401, headers: { 'content-type': 'application/problem+json' } })) as typeof fetch,
      });
    const problem = { type: '/problems/token-expired', title: 'The token has expired', status: 401, detail: 'This token expired.' };
    expect(await expired({ ...problem, expiredAt: '2026-11-20T12:00:00.000Z' }).me()).toEqual({
      ok: false,
      error: { kind: 'token_expired', message: 'The token has expired.', status: 401, expiredAt: '2026-11-20T12:00:00.000Z' },
    });
    // A full URI as the type, the date under `expiresAt`, or no date at all.
    expect(await expired({ ...problem, type: 'https://signals.example.com/problems/token-expired', expiresAt: '2026-11-20T12:00:00Z' }).me()).toMatchObject({
      ok: false,
      error: { kind: 'token_expired', expiredAt: '2026-11-20T12:00:00Z' },
    });
    const undated = await expired(problem).me();
    expect(undated).toMatchObject({ ok: false, error: { kind: 'token_expired' } });
    expect(!undated.ok && 'expiredAt' in undated.error).toBe(false);
    // Not a date: dropped, the kind stays. Another 401 type stays unauthorized.
    expect(await expired({ ...problem, expiredAt: '<script>' }).me()).toEqual({ ok: false, error: { kind: 'token_expired', message: 'The token has expired.', status: 401 } });
    expect(await expired({ ...problem, type: '/problems/unauthorized' }).me()).toMatchObject({ ok: false, error: { kind: 'unauthorized' } });
    expect(await expired({ ...problem, type: '/problems/not-token-expired' }).me()).toMatchObject({ ok: false, error: { kind: 'unauthorized' } });
  });

  it('maps a refused request to rejected, with the field the server named', async () => {
    const answer = await api(h.rep.token).resolve([{ kind: 'email', address: 'x' }]);
    expect(answer).toMatchObject({ ok: false, error: { kind: 'rejected', status: 422, field: 'refs[0].address' } });
  });

  it('records a touch and reads the per-item result', async () => {
    const id = '6f1c2b7e-3a44-4d1e-9b2f-0c1d2e3f4a5b';
    const touch = { id, type: 'linkedin_message', occurredAt: '2026-11-23T08:00:00Z', surface: 'linkedin', contactId: 'ct_dana' } as const;
    const first = await api(h.rep.token).recordActivities([touch]);
    const again = await api(h.rep.token).recordActivities([touch]);
    expect(first.ok && first.value.results[0]?.status).toBe('created');
    expect(again.ok && again.value.results[0]?.status).toBe('duplicate');
  });

  it('maps a network failure to offline', async () => {
    const down = createApi({ serverUrl: SERVER, token: h.rep.token, fetch: () => Promise.reject(new TypeError('Failed to fetch')) });
    expect(await down.briefs([{ contactId: 'ct_dana' }])).toMatchObject({ ok: false, error: { kind: 'offline' } });
  });

  it('maps a 5xx and an answer of the wrong shape to server', async () => {
    const failing = createApi({ serverUrl: SERVER, fetch: async () => new Response('boom', { status: 502 }) });
    expect(await failing.health()).toMatchObject({ ok: false, error: { kind: 'server', status: 502 } });
    const odd = createApi({ serverUrl: SERVER, fetch: async () => Response.json({ status: 'ok' }) });
    expect(await odd.health()).toMatchObject({ ok: false, error: { kind: 'server' } });
  });

  it('sends the bearer token only in the authorization header', async () => {
    const seen: Request[] = [];
    const spy = createApi({
      serverUrl: SERVER,
      token: 'shk_secret',
      fetch: async (input, init) => {
        seen.push(new Request(input, init));
        return Response.json({ accounts: [], contacts: [] });
      },
    });
    await spy.searchDirectory('acme');
    expect(seen[0]?.headers.get('authorization')).toBe('Bearer shk_secret');
    expect(seen[0]?.url).toBe(`${SERVER}/v1/accounts?q=acme`);
  });
});
