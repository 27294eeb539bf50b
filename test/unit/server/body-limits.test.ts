/**
 * Every body is bounded before it is read. The routes come from the app itself (`app.routes`), so a
 * route added later is in the table without anyone remembering to add it: each route that takes a
 * body × {JSON, CSV, text, form} × {under the limit, over it with Content-Length, chunked over it}.
 * A wrong type is 415 without a byte read; past the limit 413, refused from the header when the
 * length is announced and cut at the limit when it is not; nothing is ever a 5xx. Small limits
 * (MAX_BODY_BYTES, MAX_IMPORT_BYTES) keep it fast; the 300 MB memory check is body-limits-rss.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeHarness, type Harness } from './harness.ts';

const JSON_LIMIT = 2048;
const IMPORT_LIMIT = 8192;
/** What the test stream hands over per read: a body cut "at the limit" is read at most this far past it. */
const CHUNK = 256;

let h: Harness;
beforeAll(async () => {
  h = await makeHarness({ MAX_BODY_BYTES: String(JSON_LIMIT), MAX_IMPORT_BYTES: String(IMPORT_LIMIT) });
});
afterAll(() => h.close());

const TYPES = {
  json: 'application/json',
  csv: 'text/csv',
  text: 'text/plain',
  form: 'application/x-www-form-urlencoded',
} as const;
type Kind = keyof typeof TYPES;

/** Values for path parameters that reach past the 404 of an unknown name into the handler. */
const PARAMS: Record<string, string> = { entity: 'accounts', key: 'alertBudget', source: 'intent' };

/** A body of the kind, about `size` bytes, that is well-formed for its type. */
function bodyOf(kind: Kind, size: number): string {
  switch (kind) {
    case 'json':
      return JSON.stringify({ padding: 'x'.repeat(Math.max(0, size - 14)) });
    case 'csv': {
      let out = 'external_id,name\n';
      for (let i = 1; out.length < size - 40; i++) out += `A-${i},Account ${i}\n`;
      return out;
    }
    case 'text':
      return 'x'.repeat(size);
    case 'form':
      return `padding=${'x'.repeat(Math.max(0, size - 8))}`;
  }
}

/**
 * A body the test can watch being read: `pulled` counts the bytes the server asked for. With a
 * high-water mark of 0 nothing is read ahead, so 0 means the server never touched it.
 */
function watchedBody(text: string) {
  const bytes = new TextEncoder().encode(text);
  const watch = { pulled: 0 };
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (watch.pulled >= bytes.length) return controller.close();
        const chunk = bytes.subarray(watch.pulled, watch.pulled + CHUNK);
        watch.pulled += chunk.length;
        controller.enqueue(chunk);
      },
    },
    { highWaterMark: 0 },
  );
  return { stream, watch, length: bytes.length };
}

async function send(method: string, path: string, kind: Kind, text: string, announce: boolean) {
  const { stream, watch, length } = watchedBody(text);
  const headers: Record<string, string> = { authorization: `Bearer ${h.admin.token}`, 'content-type': TYPES[kind] };
  if (announce) headers['content-length'] = String(length);
  const res = await h.app.request(path, { method, headers, body: stream, duplex: 'half' } as RequestInit);
  return { res, pulled: watch.pulled };
}

/** Every route of the app that takes a body, with its parameters filled in. */
function bodyRoutes(): Array<{ method: string; path: string }> {
  const seen = new Set<string>();
  const out: Array<{ method: string; path: string }> = [];
  for (const route of h.app.routes) {
    if (route.path.includes('*')) continue; // middleware
    const methods = route.method === 'ALL' ? ['POST', 'PUT', 'PATCH', 'DELETE'] : [route.method];
    for (const method of methods) {
      if (!['POST', 'PUT', 'PATCH', 'DELETE'].includes(method)) continue;
      const path = route.path.replace(/:(\w+)/g, (_m, name: string) => PARAMS[name] ?? 'x');
      if (seen.has(`${method} ${path}`)) continue;
      seen.add(`${method} ${path}`);
      out.push({ method, path });
    }
  }
  return out;
}

const isImport = (path: string) => path.startsWith('/v1/import/');
const accepts = (path: string, kind: Kind) => kind === 'json' || (kind === 'csv' && isImport(path));
const limitOf = (path: string, kind: Kind) => (kind === 'csv' && isImport(path) ? IMPORT_LIMIT : JSON_LIMIT);

/** An answer the client can act on: 2xx, or problem+json with a 4xx it caused. */
async function expectClientAnswer(res: Response, label: string) {
  expect(res.status, label).toBeLessThan(500);
  if (res.status >= 400) {
    expect([400, 401, 403, 404, 405, 409, 413, 415, 422], label).toContain(res.status);
    expect(res.headers.get('content-type'), label).toBe('application/problem+json');
    const body = (await res.json()) as { status: number };
    expect(body.status, label).toBe(res.status);
  } else {
    expect(res.status, label).toBeGreaterThanOrEqual(200);
  }
}

describe('every route bounds every body before reading it', () => {
  it('finds the body-taking routes in the app itself', () => {
    const routes = bodyRoutes().map((r) => `${r.method} ${r.path}`);
    // A few that must be there; the table below covers whatever else the app has.
    expect(routes).toEqual(expect.arrayContaining(['POST /v1/resolve', 'POST /v1/import/accounts', 'PUT /v1/admin/settings/alertBudget', 'DELETE /v1/aliases/x', 'POST /v1/webhooks/intent']));
    expect(routes.length).toBeGreaterThanOrEqual(15);
  });

  it('answers each route × content type × size with 2xx, 413, 415 or another 4xx, never a 5xx, and reads no byte it refuses', async () => {
    for (const { method, path } of bodyRoutes()) {
      for (const kind of Object.keys(TYPES) as Kind[]) {
        const limit = limitOf(path, kind);
        const label = (size: string) => `${method} ${path} ${TYPES[kind]} ${size}`;

        const under = await send(method, path, kind, bodyOf(kind, Math.floor(limit / 2)), true);
        await expectClientAnswer(under.res, label('under the limit'));
        if (accepts(path, kind)) expect([413, 415], label('under the limit')).not.toContain(under.res.status);
        else {
          expect(under.res.status, label('under the limit')).toBe(415);
          expect(under.pulled, label('under the limit: bytes read')).toBe(0);
        }

        const announced = await send(method, path, kind, bodyOf(kind, limit + 1024), true);
        await expectClientAnswer(announced.res, label('announced over the limit'));
        expect(announced.res.status, label('announced over the limit')).toBe(accepts(path, kind) ? 413 : 415);
        expect(announced.pulled, label('announced over the limit: bytes read')).toBe(0);

        const chunked = await send(method, path, kind, bodyOf(kind, limit * 4), false);
        await expectClientAnswer(chunked.res, label('chunked over the limit'));
        expect(chunked.res.status, label('chunked over the limit')).toBe(accepts(path, kind) ? 413 : 415);
        if (accepts(path, kind)) expect(chunked.pulled, label('chunked over the limit: bytes read')).toBeLessThanOrEqual(limit + CHUNK);
        else expect(chunked.pulled, label('chunked over the limit: bytes read')).toBe(0);
      }
    }
  }, 60_000);
});

describe('imports', () => {
  let big: Harness;
  beforeAll(async () => {
    big = await makeHarness(); // the shipped limits: 1 MiB of JSON, 1 GiB of CSV
  });
  afterAll(() => big.close());

  const twelveMegabytesOfRows = () => JSON.stringify({ rows: Array.from({ length: 180_000 }, (_, i) => ({ external_id: `A-${i}`, name: `Account number ${i} with a name` })) });

  it('refuses a 12 MB JSON body to an import before reading it', async () => {
    const text = twelveMegabytesOfRows();
    expect(text.length).toBeGreaterThan(12_000_000);
    const { stream, watch, length } = watchedBody(text);
    const res = await big.app.request('/v1/import/accounts', {
      method: 'POST',
      headers: { authorization: `Bearer ${big.admin.token}`, 'content-type': 'application/json', 'content-length': String(length) },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ type: '/problems/payload-too-large' });
    expect(watch.pulled).toBe(0);
  });

  it('cuts a chunked 12 MB JSON body to an import at the JSON limit', async () => {
    const { stream, watch } = watchedBody(twelveMegabytesOfRows());
    const res = await big.app.request('/v1/import/accounts', {
      method: 'POST',
      headers: { authorization: `Bearer ${big.admin.token}`, 'content-type': 'application/json' },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(413);
    expect(watch.pulled).toBeLessThanOrEqual(1_048_576 + CHUNK);
  });

  it('refuses a CSV import whose announced length is over the import limit from the header', async () => {
    const { res, pulled } = await send('POST', '/v1/import/accounts', 'csv', bodyOf('csv', IMPORT_LIMIT + 4096), true);
    expect(res.status).toBe(413);
    expect(pulled).toBe(0);
  });

  it('still imports a CSV under the limit, announced or chunked', async () => {
    for (const announce of [true, false]) {
      const { res } = await send('POST', '/v1/import/accounts', 'csv', 'external_id,name\nA-1,Acme\n', announce);
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ summary: { rejected: 0 } });
    }
  });
});

describe('the order of refusals', () => {
  it('refuses a chunked text/plain body with 415 without reading it, not 413 after reading it', async () => {
    const { res, pulled } = await send('POST', '/v1/resolve', 'text', 'x'.repeat(JSON_LIMIT * 8), false);
    expect(res.status).toBe(415);
    expect(pulled).toBe(0);
  });

  it('reads a JSON body sent with a media type parameter or a +json suffix', async () => {
    for (const type of ['application/json; charset=utf-8', 'application/problem+json', 'Application/JSON']) {
      const res = await h.app.request('/v1/resolve', {
        method: 'POST',
        headers: { authorization: `Bearer ${h.rep.token}`, 'content-type': type },
        body: JSON.stringify({ refs: [] }),
      });
      expect(res.status, type).not.toBe(415);
    }
  });

  it('refuses a body whose type only looks like JSON, before reading it', async () => {
    for (const type of ['application/+json', 'application/jsonx', 'text/json']) {
      const { stream, watch } = watchedBody('{"refs": []}');
      const res = await h.app.request('/v1/resolve', {
        method: 'POST',
        headers: { authorization: `Bearer ${h.rep.token}`, 'content-type': type },
        body: stream,
        duplex: 'half',
      } as RequestInit);
      expect(res.status, type).toBe(415);
      expect(watch.pulled, type).toBe(0);
    }
  });

  it('answers a body that breaks off half-way (the client went away) with 400, not 500', async () => {
    for (const [path, kind] of [['/v1/resolve', 'json'], ['/v1/import/accounts', 'csv']] as const) {
      let sent = 0;
      const stream = new ReadableStream<Uint8Array>({
        pull(controller) {
          if (sent++ === 0) controller.enqueue(new TextEncoder().encode(kind === 'json' ? '{"refs": [' : 'external_id,name\n'));
          else controller.error(new Error('connection reset'));
        },
      });
      const res = await h.app.request(path, {
        method: 'POST',
        headers: { authorization: `Bearer ${h.admin.token}`, 'content-type': TYPES[kind] },
        body: stream,
        duplex: 'half',
      } as RequestInit);
      expect(res.status, path).toBe(400);
      expect(await res.json(), path).toMatchObject({ type: '/problems/validation-error', field: '(body)' });
    }
  });

  it('lets a bodiless DELETE through whatever its headers', async () => {
    const res = await h.app.request('/v1/aliases/x', { method: 'DELETE', headers: { authorization: `Bearer ${h.rep.token}` } });
    expect(res.status).toBe(404);
  });
});
