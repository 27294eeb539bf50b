/**
 * An open-loop load generator, shared by `npm run bench:server` (briefs at fixed offered rates)
 * and `npm run bench:soak` (a fixed-rate mix of routes).
 *
 * Why not autocannon: a closed loop (each connection sends its next request when the previous
 * answer arrives) slows down when the server does, so a 200 ms stall delays one request per
 * connection and the requests that *would* have been sent during it are never sent, never timed
 * ("coordinated omission"); autocannon's `overallRate` paces a closed loop and releases bursts.
 * Here every request has an intended send instant fixed in advance (start + i / rate), it is sent
 * then whatever is still in flight, and its latency is counted from that instant to the last byte
 * of its answer. A stall therefore shows in every request scheduled during it, and the client's
 * own lateness (a busy event loop, no free connection) is counted too, never hidden: `sendLag`
 * reports it separately so a reader can tell the client's delay from the server's.
 *
 * Connections: a keep-alive node:http Agent opening a new connection whenever none is free, up to
 * `maxSockets` (default 2,000: far above what a healthy server needs at these rates, below the
 * file-descriptor limit when a stalled server holds every one); past the cap a request waits in
 * the agent's queue, and that wait is inside its latency (it counts from the intended instant).
 * node:http only: Node 20's bundled undici is not importable without a dependency.
 */
import http from 'node:http';

export interface PlannedRequest {
  /** What reports group by, e.g. `POST /v1/briefs`. */
  route: string;
  method: 'GET' | 'POST';
  path: string;
  headers?: Record<string, string>;
  body?: string;
  /** A reason when a 2xx answer is still wrong (an activity in `conflict`, an import with rejected rows); else null. */
  check?: (status: number, body: string) => string | null;
}

export interface Sample {
  route: string;
  /** Its place in the schedule (0 for the first instant). */
  index: number;
  /** Milliseconds on the performance.now() clock. */
  intendedAt: number;
  sentAt: number;
  doneAt: number;
  /** The HTTP status, or 0 when no answer came (connection error, timeout). */
  status: number;
  /** Why the request counts as an error (network error, timeout, non-2xx, failed check); null when it succeeded. */
  error: string | null;
  /**
   * The server's own time for it (`Server-Timing: app;dur=`, sent when the server runs with
   * SERVER_TIMING=1), or null. Latency minus this is time outside the handler: waiting for the
   * worker's event loop or a core, the network, the client.
   */
  serverMs: number | null;
}

export interface OpenLoopOptions {
  /** `http://127.0.0.1:PORT`. */
  baseUrl: string;
  /** Requests per second, all routes together. */
  rate: number;
  durationMs: number;
  /** The request to send at the index-th scheduled instant. */
  next: (index: number) => PlannedRequest;
  /** Called as each request completes, in completion order. */
  onSample?: (sample: Sample) => void;
  /** Keep every sample in the result (default true; a long soak streams through onSample instead). */
  keepSamples?: boolean;
  /** Cap on open connections (default 2,000); a request past it waits, inside its latency. */
  maxSockets?: number;
  /** A request unanswered after this long is an error (default 30 s). */
  timeoutMs?: number;
  /** Stop scheduling early (the remaining instants are not sent); in-flight requests still complete. */
  signal?: AbortSignal;
}

export interface OpenLoopRun {
  /** The first scheduled instant (performance.now() clock). */
  startedAt: number;
  /** When the last answer arrived, or the scheduled end if later. */
  endedAt: number;
  scheduled: number;
  samples: Sample[];
  completed: number;
  ok: number;
  /** Most requests in flight at once, and connections opened. */
  maxInFlight: number;
  connections: number;
  /** Requests sent a second time because their kept-alive connection was being closed (see `send`). */
  resent: number;
}

/** The index-th instant of a fixed-rate schedule: evenly spaced, never bunched by the client's own timing. */
export const intendedAt = (startedAt: number, rate: number, index: number) => startedAt + (index * 1000) / rate;

/** How many instants a run of `durationMs` at `rate` has. */
export const scheduledCount = (rate: number, durationMs: number) => Math.floor((rate * durationMs) / 1000);

interface Outcome {
  status: number;
  error: string | null;
  serverMs?: number | null;
  /** The connection was a reused idle one that the server closed as the request went out (see `send`). */
  staleConnection?: boolean;
}

function attempt(agent: http.Agent, base: URL, planned: PlannedRequest, timeoutMs: number, onSocket: (s: object) => void): Promise<Outcome> {
  return new Promise((resolve) => {
    // Asks for the server's own time (answered when the server runs with SERVER_TIMING=1).
    const headers: Record<string, string | number> = { 'x-server-timing': '1', ...planned.headers };
    if (planned.body !== undefined) headers['content-length'] = Buffer.byteLength(planned.body);
    let settled = false;
    let answered = false;
    const finish = (outcome: Outcome) => {
      if (settled) return;
      settled = true;
      resolve(outcome);
    };
    const req = http.request({ host: base.hostname, port: base.port, method: planned.method, path: planned.path, headers, agent }, (res) => {
      answered = true;
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', (e) => finish({ status: res.statusCode ?? 0, error: `response: ${e.message}` }));
      const timing = /app;dur=([\d.]+)/.exec(String(res.headers['server-timing'] ?? ''));
      const serverMs = timing ? Number(timing[1]) : null;
      res.on('end', () => {
        const status = res.statusCode ?? 0;
        if (status < 200 || status > 299) return finish({ status, error: `HTTP ${status}`, serverMs });
        let error: string | null;
        try {
          error = planned.check ? planned.check(status, Buffer.concat(chunks).toString('utf8')) : null;
        } catch (e) {
          error = `unreadable answer: ${e instanceof Error ? e.message : String(e)}`;
        }
        finish({ status, error, serverMs });
      });
    });
    req.on('socket', onSocket);
    req.setTimeout(timeoutMs, () => {
      req.destroy(new Error(`no answer in ${timeoutMs} ms`));
    });
    req.on('error', (e: NodeJS.ErrnoException) => {
      const stale = req.reusedSocket && !answered && (e.code === 'ECONNRESET' || e.code === 'EPIPE');
      finish({ status: 0, error: e.code ?? e.message, staleConnection: stale });
    });
    req.end(planned.body);
  });
}

/**
 * One request, sent again once when it went out on a kept-alive connection the server was closing
 * at that moment (idle past its keep-alive timeout): the race Node documents for
 * `request.reusedSocket`, a client artifact, not the server failing. Nothing was answered, so the
 * second attempt is the same request; its latency still counts from the first intended instant.
 */
async function send(agent: http.Agent, base: URL, planned: PlannedRequest, timeoutMs: number, onSocket: (s: object) => void): Promise<Outcome> {
  const first = await attempt(agent, base, planned, timeoutMs, onSocket);
  if (!first.staleConnection) return first;
  return { ...(await attempt(agent, base, planned, timeoutMs, onSocket)), staleConnection: true };
}

/** Sends `next(i)` at each scheduled instant for `durationMs`, then waits for every answer. */
export async function runOpenLoop(options: OpenLoopOptions): Promise<OpenLoopRun> {
  const { rate, durationMs, next } = options;
  if (!(rate > 0)) throw new Error('rate must be positive');
  const base = new URL(options.baseUrl);
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.maxSockets ?? 2000, maxFreeSockets: 1024 });
  const timeoutMs = options.timeoutMs ?? 30_000;
  const keep = options.keepSamples ?? true;
  const total = scheduledCount(rate, durationMs);
  const samples: Sample[] = [];
  const sockets = new WeakSet<object>();
  let connections = 0;
  let inFlight = 0;
  let maxInFlight = 0;
  let completed = 0;
  let ok = 0;
  let resent = 0;
  let lastDone = 0;
  const onSocket = (socket: object) => {
    if (!sockets.has(socket)) {
      sockets.add(socket);
      connections += 1;
    }
  };
  const pending = new Set<Promise<void>>();
  // A little lead so the first instants are not already late when the timer starts.
  const startedAt = performance.now() + 5;

  const fire = (index: number) => {
    const intended = intendedAt(startedAt, rate, index);
    const planned = next(index);
    const sentAt = performance.now();
    inFlight += 1;
    maxInFlight = Math.max(maxInFlight, inFlight);
    const done = send(agent, base, planned, timeoutMs, onSocket).then(({ status, error, staleConnection, serverMs }) => {
      const doneAt = performance.now();
      if (staleConnection) resent += 1;
      inFlight -= 1;
      completed += 1;
      if (!error) ok += 1;
      lastDone = Math.max(lastDone, doneAt);
      const sample: Sample = { route: planned.route, index, intendedAt: intended, sentAt, doneAt, status, error, serverMs: serverMs ?? null };
      if (keep) samples.push(sample);
      options.onSample?.(sample);
      pending.delete(done);
    });
    pending.add(done);
  };

  let scheduled = 0;
  await new Promise<void>((allSent) => {
    const tick = () => {
      const now = performance.now();
      // Everything due is sent now, late ones included: a client that fell behind catches up
      // and its lateness stays in those requests' latency.
      while (scheduled < total && intendedAt(startedAt, rate, scheduled) <= now && !options.signal?.aborted) fire(scheduled++);
      if (scheduled >= total || options.signal?.aborted) return allSent();
      setTimeout(tick, Math.max(0, intendedAt(startedAt, rate, scheduled) - performance.now()));
    };
    setTimeout(tick, Math.max(0, startedAt - performance.now()));
  });
  while (pending.size > 0) await Promise.all([...pending]);
  agent.destroy();
  return {
    startedAt,
    endedAt: Math.max(lastDone, startedAt + durationMs),
    scheduled,
    samples,
    completed,
    ok,
    maxInFlight,
    connections,
    resent,
  };
}

/**
 * One request at a time on one connection, `count` of them: each route's own cost with nothing
 * queued before it (what `bench:soak` prints before its load, to explain where the time goes).
 * Not a load test: a closed loop, for service time only.
 */
export async function runSequential(options: { baseUrl: string; count: number; next: (index: number) => PlannedRequest; timeoutMs?: number }): Promise<Sample[]> {
  const base = new URL(options.baseUrl);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const samples: Sample[] = [];
  try {
    for (let index = 0; index < options.count; index++) {
      const planned = options.next(index);
      const sentAt = performance.now();
      const { status, error, serverMs } = await send(agent, base, planned, options.timeoutMs ?? 30_000, () => {});
      samples.push({ route: planned.route, index, intendedAt: sentAt, sentAt, doneAt: performance.now(), status, error, serverMs: serverMs ?? null });
    }
  } finally {
    agent.destroy();
  }
  return samples;
}

export interface LatencySummary {
  count: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

/** Nearest-rank percentile of an ascending list (q in (0, 1]); NaN for an empty list. */
export function percentile(sorted: ArrayLike<number>, q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(q * sorted.length)));
  return sorted[rank - 1]!;
}

export function summarise(values: Iterable<number>): LatencySummary {
  const sorted = Float64Array.from(values).sort();
  return {
    count: sorted.length,
    p50: percentile(sorted, 0.5),
    p90: percentile(sorted, 0.9),
    p99: percentile(sorted, 0.99),
    max: sorted.length ? sorted[sorted.length - 1]! : Number.NaN,
  };
}

/** Latency as this generator counts it: from the intended send instant to the answer's last byte. */
export const latencyOf = (s: Sample) => s.doneAt - s.intendedAt;
/** What a closed loop would have counted: from the actual send to the answer. */
export const serviceTimeOf = (s: Sample) => s.doneAt - s.sentAt;
/** How late the client sent it (its own event loop, or waiting for a connection). */
export const sendLagOf = (s: Sample) => s.sentAt - s.intendedAt;

export interface RateReport {
  offered: number;
  achieved: number;
  sent: number;
  errors: number;
  non2xx: number;
  fiveXx: number;
  latency: LatencySummary;
  sendLag: LatencySummary;
  /** The server's own time (Server-Timing), over the samples that carried it; count 0 when none did. */
  server: LatencySummary;
  maxInFlight: number;
  connections: number;
  resent: number;
}

/** One line's worth of figures for an open-loop run (every sample in it). */
export function rateReport(rate: number, run: OpenLoopRun): RateReport {
  const seconds = (run.endedAt - run.startedAt) / 1000;
  return {
    offered: rate,
    achieved: seconds > 0 ? run.ok / seconds : 0,
    sent: run.scheduled,
    errors: run.completed - run.ok,
    non2xx: run.samples.filter((s) => s.status !== 0 && (s.status < 200 || s.status > 299)).length,
    fiveXx: run.samples.filter((s) => s.status >= 500).length,
    latency: summarise(run.samples.map(latencyOf)),
    sendLag: summarise(run.samples.map(sendLagOf)),
    server: summarise(run.samples.flatMap((s) => (s.serverMs === null ? [] : [s.serverMs]))),
    maxInFlight: run.maxInFlight,
    connections: run.connections,
    resent: run.resent,
  };
}

/**
 * Smooth weighted round-robin (as nginx balances upstreams): picks names in the given
 * proportions, evenly interleaved and deterministic, so a mix of routes has exact shares
 * over any window instead of a random draw's clumps.
 */
export function weightedRoundRobin<T extends string>(weights: Record<T, number>): () => T {
  const names = (Object.keys(weights) as T[]).filter((n) => weights[n] > 0);
  const total = names.reduce((sum, n) => sum + weights[n], 0);
  if (names.length === 0 || !(total > 0)) throw new Error('weights must include a positive one');
  const current = new Map<T, number>(names.map((n) => [n, 0]));
  return () => {
    let best = names[0]!;
    for (const n of names) {
      current.set(n, current.get(n)! + weights[n]);
      if (current.get(n)! > current.get(best)!) best = n;
    }
    current.set(best, current.get(best)! - total);
    return best;
  };
}
