/**
 * The error contract every endpoint keeps: problem+json with a stable type and the field at fault,
 * 415 for a wrong content type, 400 for a body that is not JSON, 413 for a body over the limit
 * (announced or chunked), and never a 500 or a stack trace for a client's mistake.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeHarness, type Harness } from './harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await makeHarness({ MAX_BODY_BYTES: '4096' });
});
afterAll(() => h.close());

const linkedin = { kind: 'linkedin', profileUrl: 'https://www.linkedin.com/in/someone/' };

async function expectProblem(res: Response, status: number, type: string) {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toBe('application/problem+json');
  const body = (await res.json()) as Record<string, unknown>;
  expect(body).toMatchObject({ type: `/problems/${type}`, status });
  expect(JSON.stringify(body)).not.toMatch(/\bat .*\.ts:\d+/);
  return body;
}

describe('errors are problem+json and name the field', () => {
  it('refuses a body sent as text/plain with 415', async () => {
    const res = await h.request('POST', '/v1/resolve', { body: JSON.stringify({ refs: [linkedin] }), headers: { 'content-type': 'text/plain' } });
    await expectProblem(res, 415, 'unsupported-media-type');
  });

  it('refuses a body that is not JSON with 400', async () => {
    const res = await h.request('POST', '/v1/resolve', { body: '{"refs": [', headers: { 'content-type': 'application/json' } });
    await expectProblem(res, 400, 'malformed-json');
  });

  it('refuses an unknown field by name with 422', async () => {
    const res = await h.request('POST', '/v1/briefs', { json: { refs: [linkedin], extra: true } });
    const body = await expectProblem(res, 422, 'validation-error');
    expect(body.field).toBe('extra');
  });

  it('refuses a body over the limit with 413 when its length is announced', async () => {
    const big = JSON.stringify({ refs: [{ ...linkedin, headline: 'x'.repeat(8000) }] });
    const res = await h.request('POST', '/v1/resolve', { body: big, headers: { 'content-type': 'application/json' } });
    await expectProblem(res, 413, 'payload-too-large');
  });

  it('refuses a chunked body over the limit with 413', async () => {
    const chunk = new TextEncoder().encode('x'.repeat(1024));
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ < 16) controller.enqueue(chunk);
        else controller.close();
      },
    });
    const res = await h.app.request('/v1/resolve', {
      method: 'POST',
      body: stream,
      headers: { authorization: `Bearer ${h.rep.token}`, 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
      // @ts-expect-error Node's fetch needs duplex for a streamed body.
      duplex: 'half',
    });
    await expectProblem(res, 413, 'payload-too-large');
  });

  it('answers a wrong type of value with 422 naming the nested field', async () => {
    const res = await h.request('POST', '/v1/activities', { json: { activities: 'yes' } });
    const body = await expectProblem(res, 422, 'validation-error');
    expect(body.field).toBe('activities');
  });

  it('answers another team\u2019s account with 404 and no data', async () => {
    const res = await h.request('GET', '/v1/accounts/acc_does_not_exist');
    await expectProblem(res, 404, 'not-found');
  });

  it('serves a description for each problem type', async () => {
    const res = await h.request('GET', '/problems/validation-error', { token: null });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('validation-error');
  });
});

describe('no client mistake is a 500', () => {
  const endpoints: Array<[string, string]> = [
    ['POST', '/v1/resolve'],
    ['POST', '/v1/briefs'],
    ['POST', '/v1/aliases'],
    ['POST', '/v1/activities'],
    ['POST', '/v1/import/accounts'],
    ['GET', '/v1/activities?contact='],
    ['GET', '/v1/accounts?q='],
    ['GET', '/v1/changes?since=abc'],
  ];
  const bodies = ['', 'null', '[]', '"text"', '{"refs":null}', '{"refs":[{"kind":"nope"}]}', '{"activities":[{}]}', '{"__proto__":{"x":1}}', '\u0000\u0001', '{"refs":[' + '1,'.repeat(500) + '1]}'];

  it.each(endpoints)('%s %s answers 4xx problem+json to garbage', async (method, url) => {
    for (const body of method === 'POST' ? bodies : [undefined]) {
      for (const token of [h.rep.token, h.admin.token]) {
        const res = await h.request(method, url, {
          token,
          ...(body === undefined ? {} : { body, headers: { 'content-type': 'application/json' } }),
        });
        if (res.status === 200 && url === '/v1/activities') {
          // A well-formed batch of bad items: each item is answered on its own, none written.
          const { results } = (await res.json()) as { results: Array<{ status: string }> };
          expect(results.every((r) => r.status === 'invalid')).toBe(true);
          continue;
        }
        expect(res.status, `${method} ${url} with ${JSON.stringify(body)}`).toBeGreaterThanOrEqual(400);
        expect(res.status, `${method} ${url} with ${JSON.stringify(body)}`).toBeLessThan(500);
        expect(res.headers.get('content-type')).toBe('application/problem+json');
      }
    }
  });
});
