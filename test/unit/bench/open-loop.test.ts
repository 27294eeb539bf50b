/**
 * The open-loop load generator behind `bench:server`'s fixed rates and `bench:soak`
 * (test/bench/open-loop.ts): its schedule and percentile arithmetic, and that a server stall
 * shows in the latency of every request scheduled during it — where a closed loop, which stops
 * sending while it waits, records one slow request and hides the rest.
 */
import http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import {
  intendedAt,
  latencyOf,
  percentile,
  rateReport,
  runOpenLoop,
  scheduledCount,
  sendLagOf,
  summarise,
  weightedRoundRobin,
} from '../../bench/open-loop.ts';

/** A server that answers at once, except once: from `stallAfterMs` it holds every answer for `stallMs` (a GC pause, a lock). */
async function stallingServer(stallAfterMs: number, stallMs: number) {
  const startedAt = performance.now();
  let stall: { from: number; until: number } | null = null;
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const now = performance.now();
      if (!stall && now - startedAt >= stallAfterMs) stall = { from: now, until: now + stallMs };
      // Rounded up: Node's timers count whole milliseconds, and a truncated wait answered up to 1 ms
      // before the stall's end (the assertion below then failed by a fraction of a millisecond).
      const wait = stall && now < stall.until ? Math.ceil(stall.until - now) : 0;
      setTimeout(() => res.end('{}'), wait);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, server, stall: () => stall };
}

/** A closed loop on one keep-alive connection, as autocannon and most load tools run: send, wait, send. */
async function closedLoop(url: string, durationMs: number): Promise<number[]> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const latencies: number[] = [];
  const end = performance.now() + durationMs;
  while (performance.now() < end) {
    const t0 = performance.now();
    await new Promise<void>((resolve, reject) => {
      http
        .get(`${url}/`, { agent }, (res) => {
          res.resume();
          res.on('end', resolve);
        })
        .on('error', reject);
    });
    latencies.push(performance.now() - t0);
  }
  agent.destroy();
  return latencies;
}

const get = (route = 'GET /') => () => ({ route, method: 'GET' as const, path: '/' });

let close: (() => void) | null = null;
afterEach(() => {
  close?.();
  close = null;
});

describe('the open-loop schedule', () => {
  it('spaces instants evenly at the offered rate, from the start', () => {
    expect(intendedAt(1000, 500, 0)).toBe(1000);
    expect(intendedAt(1000, 500, 1)).toBe(1002);
    expect(intendedAt(1000, 250, 1000)).toBe(5000);
    expect(scheduledCount(1000, 2500)).toBe(2500);
    expect(scheduledCount(250, 10)).toBe(2);
  });

  it('takes nearest-rank percentiles', () => {
    const hundred = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(hundred, 0.5)).toBe(50);
    expect(percentile(hundred, 0.99)).toBe(99);
    expect(percentile(hundred, 1)).toBe(100);
    expect(percentile([7], 0.99)).toBe(7);
    expect(percentile([], 0.5)).toBeNaN();
    // Unsorted input is sorted numerically, not as text (10 after 9).
    expect(summarise([10, 9, 1, 2])).toEqual({ count: 4, p50: 2, p90: 10, p99: 10, max: 10 });
  });

  it('interleaves a mix of routes in exact proportions', () => {
    const pick = weightedRoundRobin({ brief: 6, resolve: 2, digest: 1, search: 1, none: 0 });
    const first = Array.from({ length: 10 }, pick);
    expect(first.filter((r) => r === 'brief')).toHaveLength(6);
    expect(first.filter((r) => r === 'resolve')).toHaveLength(2);
    expect(first.filter((r) => r === 'digest')).toHaveLength(1);
    expect(first).not.toContain('none');
    // Evenly spread: never more than two briefs in a row at 60%.
    expect(first.join(',')).not.toMatch(/brief,brief,brief/);
    const next = Array.from({ length: 10 }, pick);
    expect(next).toEqual(first);
  });
});

describe('a server that stalls for 200 ms once', () => {
  it('shows the stall in the p99 and max of the open loop, in every request scheduled during it, where a closed loop hides it', async () => {
    const fake = await stallingServer(400, 200);
    close = () => fake.server.close();
    const run = await runOpenLoop({ baseUrl: fake.url, rate: 400, durationMs: 1500, next: get() });
    const stall = fake.stall();
    expect(stall).not.toBeNull();
    const report = rateReport(400, run);
    expect(report.sent).toBe(600);
    expect(report.errors).toBe(0);
    // ~80 of 600 requests were due during the stall, waiting from 200 ms down to 0: p99 is deep inside it.
    expect(report.latency.max).toBeGreaterThanOrEqual(195);
    expect(report.latency.p99).toBeGreaterThanOrEqual(150);
    const during = run.samples.filter((s) => s.intendedAt >= stall!.from && s.intendedAt < stall!.until - 1);
    expect(during.length).toBeGreaterThanOrEqual(60);
    for (const s of during) expect(latencyOf(s)).toBeGreaterThanOrEqual(stall!.until - s.intendedAt - 1);

    const fake2 = await stallingServer(400, 200);
    const closeFirst = close;
    close = () => {
      closeFirst();
      fake2.server.close();
    };
    const closed = summarise(await closedLoop(fake2.url, 1500));
    expect(fake2.stall()).not.toBeNull();
    // The closed loop saw the stall once (its max) and sent nothing while waiting: its p99 stays small.
    expect(closed.max).toBeGreaterThanOrEqual(195);
    expect(closed.p99).toBeLessThan(100);
    expect(report.latency.p99).toBeGreaterThan(closed.p99);
  });

  it("keeps the server's own time from Server-Timing beside the latency, so a wait outside the handler shows as the gap", async () => {
    // The handler takes ~1 ms, but each answer is held 30 ms before the handler starts (a busy loop elsewhere).
    const server = http.createServer((req, res) => {
      expect(req.headers['x-server-timing']).toBe('1');
      req.resume();
      req.on('end', () => setTimeout(() => res.writeHead(200, { 'server-timing': 'app;dur=1.25' }).end('{}'), 30));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    close = () => server.close();
    const run = await runOpenLoop({ baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, rate: 50, durationMs: 400, next: get() });
    const report = rateReport(50, run);
    expect(report.server.count).toBe(20);
    expect(report.server.p99).toBe(1.25);
    expect(report.latency.p50).toBeGreaterThanOrEqual(29);
  });

  it("counts the client's own lateness: requests due while its event loop was blocked are late from their instant", async () => {
    const fake = await stallingServer(Number.POSITIVE_INFINITY, 0);
    close = () => fake.server.close();
    setTimeout(() => {
      const until = performance.now() + 150;
      while (performance.now() < until) {
        // Busy: neither the timer nor any answer runs now.
      }
    }, 300);
    const run = await runOpenLoop({ baseUrl: fake.url, rate: 200, durationMs: 1000, next: get() });
    const lags = run.samples.map(sendLagOf);
    expect(Math.max(...lags)).toBeGreaterThanOrEqual(100);
    for (const s of run.samples) expect(latencyOf(s)).toBeGreaterThanOrEqual(sendLagOf(s));
    expect(rateReport(200, run).latency.max).toBeGreaterThanOrEqual(100);
  });

  it('counts an unanswered request as an error, not as a fast one', async () => {
    const server = http.createServer(() => {
      // Never answers.
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    close = () => server.closeAllConnections();
    const { port } = server.address() as AddressInfo;
    const run = await runOpenLoop({ baseUrl: `http://127.0.0.1:${port}`, rate: 50, durationMs: 100, timeoutMs: 200, next: get() });
    expect(run.scheduled).toBe(5);
    expect(run.ok).toBe(0);
    expect(run.samples.every((s) => s.status === 0 && s.error !== null)).toBe(true);
    server.close();
  });
});

/** A bare HTTP server that answers the first request of each connection and resets the connection on the next ones (or on every one). */
async function resettingServer(answerFirst: boolean) {
  const server = net.createServer((socket) => {
    let seen = 0;
    let buffered = '';
    socket.on('data', (chunk) => {
      buffered += chunk.toString('latin1');
      while (buffered.includes('\r\n\r\n')) {
        buffered = buffered.slice(buffered.indexOf('\r\n\r\n') + 4);
        seen += 1;
        if (answerFirst && seen === 1) socket.write('HTTP/1.1 200 OK\r\ncontent-length: 2\r\nconnection: keep-alive\r\n\r\n{}');
        else socket.resetAndDestroy();
      }
    });
    socket.on('error', () => {});
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

describe('a kept-alive connection the server closes as a request goes out', () => {
  it('sends that request again on a new connection, counted as resent, its latency from the first instant', async () => {
    const fake = await resettingServer(true);
    close = () => fake.server.close();
    const run = await runOpenLoop({ baseUrl: fake.url, rate: 20, durationMs: 500, next: get() });
    expect(run.scheduled).toBe(10);
    expect(run.ok).toBe(10);
    expect(run.resent).toBe(9);
  });

  it('still counts a reset on a fresh connection as an error', async () => {
    const fake = await resettingServer(false);
    close = () => fake.server.close();
    const run = await runOpenLoop({ baseUrl: fake.url, rate: 20, durationMs: 250, next: get() });
    expect(run.ok).toBe(0);
    expect(run.resent).toBe(0);
    expect(run.samples.every((s) => s.error === 'ECONNRESET')).toBe(true);
  });
});
