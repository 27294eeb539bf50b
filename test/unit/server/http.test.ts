import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeHarness, type Harness } from './harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await makeHarness();
});
afterAll(() => h.close());

describe('the HTTP surface', () => {
  it('answers health without a token', async () => {
    const res = await h.request('GET', '/v1/health', { token: null });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok' });
  });

  it('tells the token holder who they are', async () => {
    const res = await h.request('GET', '/v1/me');
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ user: { id: h.rep.id, role: 'rep' }, team: { id: h.teamA, name: 'Acme Sales' } });
  });

  it('refuses a missing or unknown token with problem+json', async () => {
    for (const token of [null, 'shk_' + 'x'.repeat(40)]) {
      const res = await h.request('GET', '/v1/me', { token });
      expect(res.status).toBe(401);
      expect(res.headers.get('content-type')).toBe('application/problem+json');
      expect(await res.json()).toMatchObject({ type: '/problems/unauthorized', status: 401 });
    }
  });

  it('keeps webhook tokens away from user routes', async () => {
    const res = await h.request('GET', '/v1/me', { token: h.webhookToken });
    expect(res.status).toBe(403);
  });

  it('answers unknown routes with a 404 problem', async () => {
    const res = await h.request('GET', '/v1/nope');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
  });

  it('answers CORS only for allow-listed extension origins', async () => {
    const h2 = await import('./harness.ts').then((m) => m.makeHarness({ EXTENSION_IDS: 'abcdefghijklmnopabcdefghijklmnop' }));
    try {
      const ok = await h2.request('OPTIONS', '/v1/me', {
        token: null,
        headers: { origin: 'chrome-extension://abcdefghijklmnopabcdefghijklmnop', 'access-control-request-method': 'GET' },
      });
      expect(ok.headers.get('access-control-allow-origin')).toBe('chrome-extension://abcdefghijklmnopabcdefghijklmnop');
      const no = await h2.request('OPTIONS', '/v1/me', {
        token: null,
        headers: { origin: 'https://evil.example', 'access-control-request-method': 'GET' },
      });
      expect(no.headers.get('access-control-allow-origin')).toBeNull();
    } finally {
      await h2.close();
    }
  });
});

describe('the API document', () => {
  it('is served without a token and describes the brief request', async () => {
    const res = await h.request('GET', '/v1/openapi.json', { token: null });
    expect(res.status).toBe(200);
    const doc = (await res.json()) as { openapi: string; paths: Record<string, Record<string, { requestBody?: unknown }>> };
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.paths['/v1/briefs']?.post?.requestBody).toBeTruthy();
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/v1/resolve', '/v1/activities', '/v1/import/{entity}']));
  });
});
