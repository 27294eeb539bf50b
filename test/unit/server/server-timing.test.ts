/**
 * `SERVER_TIMING=1` puts the worker's own time on every answer that asks (`x-server-timing: 1`) (`Server-Timing: app;dur=<ms>`),
 * which the benchmarks print beside the client's latency; off by default, so production answers
 * carry no timing.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { makeHarness, type Harness } from './harness.ts';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const get = (harness: Harness, ask = true) =>
  harness.app.request('/v1/me', { headers: { authorization: `Bearer ${harness.rep.token}`, ...(ask ? { 'x-server-timing': '1' } : {}) } });

describe('Server-Timing for the benchmarks', () => {
  it('answers with the worker time when SERVER_TIMING=1', async () => {
    h = await makeHarness({ SERVER_TIMING: '1' });
    const res = await get(h);
    expect(res.status).toBe(200);
    expect(res.headers.get('server-timing')).toMatch(/^app;dur=\d+\.\d{2}$/);
    const problem = await h.app.request('/v1/me', { headers: { 'x-server-timing': '1' } });
    expect(problem.status).toBe(401);
    expect(problem.headers.get('server-timing')).toMatch(/^app;dur=/);
    // Only the requests that ask pay for the header (the closed-loop benchmarks do not ask).
    expect((await get(h, false)).headers.get('server-timing')).toBeNull();
  });

  it('leaves answers without timing by default', async () => {
    h = await makeHarness();
    const res = await get(h);
    expect(res.status).toBe(200);
    expect(res.headers.get('server-timing')).toBeNull();
  });
});
