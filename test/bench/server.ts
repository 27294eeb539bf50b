/**
 * `npm run bench:server`: briefs against health on the scale data, in one run.
 *
 * Starts the real server in a child process on the scale database (seeding it first if it is
 * missing), then drives it with autocannon at 50 connections: health, briefs, health again.
 * Each brief request asks for one random known contact by LinkedIn URL. Prints req/s, p50 and
 * p99 for each, and the briefs/health throughput ratio — compare ratios, not absolute numbers,
 * across runs on these noisy machines.
 *
 * Targets (issue 2): briefs p99 ≤ 20 ms and ≥ 15% of health's throughput.
 * `WORKERS=2 npm run bench:server` measures two server processes (node:cluster) on the same file.
 *
 * Then, open loop (open-loop.ts), briefs at fixed offered rates (BENCH_RATES, default
 * 250,500,1000,2000 req/s, BENCH_RATE_SECONDS each, default 15): every request sent at its
 * scheduled instant whatever is in flight, latency counted from that instant (a stall is not
 * hidden, as a closed loop hides it). Prints p50/p90/p99/max and the achieved rate per offered
 * rate. Target (issue 9): p99 ≤ 10 ms at 1,000 briefs/s. `-- --open-only` skips the closed loop;
 * `BENCH_RATES=` (empty) skips the open loop. Exits 1 when a target is missed.
 *
 * Then, open loop too, "what changed since we last met" (`GET /v1/accounts/:id/since-last-meeting`,
 * issue 13: what a Calendar event or join page asks once its package is on screen) for the accounts
 * of the sampled contacts, at BENCH_SINCE_RATES (default 50,100,200 req/s; empty skips it), `before`
 * a meeting tomorrow. Target (issue 13): p99 ≤ 20 ms at 100 req/s (docs/benchmarks.md says why that
 * rate). `-- --since-only` skips the closed loop and the briefs' open loop.
 *
 * `npm run bench:server -- --floor` also measures, in the same run, two floors under the brief
 * (test/bench/floor-server.ts): the same HTTP, auth and validation answering a fixed brief, after
 * the brief's one statement or none. What a brief cannot go below on this machine, however cheap
 * its assembly.
 */
import path from 'node:path';
import autocannon from 'autocannon';
import { rateReport, runOpenLoop, type PlannedRequest, type RateReport } from './open-loop.ts';
import { ensureScaleData, scaleDataDir, startServerProcess } from './scale-server.ts';

const dataDir = scaleDataDir();
const seconds = Number(process.env.BENCH_SECONDS ?? 15);
const floor = process.argv.includes('--floor');
const openOnly = process.argv.includes('--open-only');
const connections = 50;
/** Offered brief rates for the open loop, req/s; `BENCH_RATES=` (empty) skips it. */
const rates = (process.env.BENCH_RATES ?? '250,500,1000,2000')
  .split(',')
  .map((r) => r.trim())
  .filter(Boolean)
  .map(Number);
const rateSeconds = Number(process.env.BENCH_RATE_SECONDS ?? 15);
const sinceOnly = process.argv.includes('--since-only');
/** Offered rates for "what changed since we last met", req/s; `BENCH_SINCE_RATES=` (empty) skips it. */
const sinceRates = (process.env.BENCH_SINCE_RATES ?? '50,100,200')
  .split(',')
  .map((r) => r.trim())
  .filter(Boolean)
  .map(Number);
/** The since-last-meeting target (issue 13): p99 at this offered rate. */
const SINCE_TARGET_RATE = 100;
const SINCE_TARGET_P99_MS = 20;
if (sinceRates.some((r) => !(r > 0))) throw new Error('BENCH_SINCE_RATES: comma-separated positive numbers, e.g. 50,100,200');
/** The open-loop target (issue 9): p99 at this offered rate. */
const TARGET_RATE = 1000;
const TARGET_P99_MS = 10;
if (rates.some((r) => !(r > 0))) throw new Error('BENCH_RATES: comma-separated positive numbers, e.g. 250,500,1000,2000');

interface Figures {
  name: string;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
}

async function run(name: string, options: autocannon.Options): Promise<Figures> {
  const result = await autocannon({ connections, duration: seconds, ...options });
  return {
    name,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors,
    non2xx: result.non2xx,
  };
}

const manifest = ensureScaleData(dataDir);
const urls = manifest.sample.linkedinUrls ?? [];
if (urls.length === 0) throw new Error('the scale manifest has no sample LinkedIn URLs');
/**
 * The accounts of the sampled contacts: seed:scale names a contact `con_s<account number><n>` and
 * its account `acc_s<account number>` (server/seed/scale-rows.ts), two base-36 digits for n.
 */
const accountIds = [...new Set((manifest.sample.contactIds ?? []).filter((id) => id.startsWith('con_s')).map((id) => `acc_s${id.slice(5, -2)}`))];
/** The meeting the rep prepares for: tomorrow, as the panel asks (`before` = the event's start). */
const meetingAt = new Date(Date.now() + 86_400_000).toISOString();
const sincePath = (accountId: string) => `/v1/accounts/${accountId}/since-last-meeting?before=${encodeURIComponent(meetingAt)}`;

const server = await startServerProcess({ dataDir, entry: floor ? 'test/bench/floor-server.ts' : 'server/index.ts' });
const base = server.url;
const auth = { authorization: `Bearer ${manifest.token}`, 'content-type': 'application/json' };
const briefBody = () =>
  JSON.stringify({ refs: [{ kind: 'linkedin', profileUrl: urls[Math.floor(Math.random() * urls.length)] }] });
const workers = process.env.WORKERS ?? '1';
const ms = (v: number) => v.toFixed(1).padStart(7);

/** The closed loop (autocannon, 50 connections): briefs' throughput against health's, today's capacity ratio. */
async function closedLoop(): Promise<boolean> {
  const health1 = await run('GET /v1/health', { url: `${base}/v1/health` });
  const briefsAt = (name: string, route: string) =>
    run(name, {
      url: `${base}${route}`,
      method: 'POST',
      headers: auth,
      requests: [{ method: 'POST', setupRequest: (req) => ({ ...req, body: briefBody() }) }],
    });
  const briefs = await briefsAt('POST /v1/briefs', '/v1/briefs');
  const floors = floor
    ? [await briefsAt("floor: brief's read", '/floor/read'), await briefsAt('floor: no read', '/floor/http')]
    : [];
  const health2 = await run('GET /v1/health', { url: `${base}/v1/health` });

  const healthRps = (health1.rps + health2.rps) / 2;
  const ratio = briefs.rps / healthRps;
  const rows = [health1, briefs, ...floors, health2];
  console.log(`\nclosed loop: ${connections} connections, ${seconds} s each, ${workers} server worker(s), scale data in ${path.relative(process.cwd(), dataDir)}`);
  console.log('route              req/s     p50 ms   p99 ms   errors  non-2xx');
  for (const r of rows) {
    console.log(
      `${r.name.padEnd(18)} ${r.rps.toFixed(0).padStart(7)}  ${r.p50.toFixed(1).padStart(7)}  ${r.p99.toFixed(1).padStart(7)}  ${String(r.errors).padStart(6)}  ${String(r.non2xx).padStart(7)}`,
    );
  }
  console.log(`\nbriefs / health throughput: ${(ratio * 100).toFixed(1)}% (target ≥ 15%)`);
  console.log(`briefs p99: ${briefs.p99.toFixed(1)} ms (target ≤ 20 ms)`);
  for (const f of floors) console.log(`${f.name}: ${((f.rps / healthRps) * 100).toFixed(1)}% of health, p99 ${f.p99.toFixed(1)} ms`);
  return ratio >= 0.15 && briefs.p99 <= 20 && briefs.non2xx === 0 && briefs.errors === 0;
}

/**
 * Briefs at fixed offered rates, open loop (open-loop.ts): each request sent at its scheduled
 * instant whatever is still in flight, its latency counted from that instant, so a stall shows in
 * every request it delayed. The lowest rate first; a pause between rates so no backlog carries over.
 */
async function openLoop(): Promise<boolean> {
  return openLoopAt({
    what: 'POST /v1/briefs',
    unit: 'briefs/s',
    rates,
    ratesVar: 'BENCH_RATES',
    target: { rate: TARGET_RATE, p99: TARGET_P99_MS },
    next: () => ({ route: 'POST /v1/briefs', method: 'POST', path: '/v1/briefs', headers: auth, body: briefBody() }),
  });
}

/**
 * "What changed since we last met" at fixed offered rates (issue 13), the same way: one random
 * sampled account per request, `before` the meeting tomorrow.
 */
async function sinceOpenLoop(): Promise<boolean> {
  const headers = { authorization: auth.authorization };
  return openLoopAt({
    what: 'GET /v1/accounts/:id/since-last-meeting',
    unit: 'req/s',
    rates: sinceRates,
    ratesVar: 'BENCH_SINCE_RATES',
    target: { rate: SINCE_TARGET_RATE, p99: SINCE_TARGET_P99_MS },
    next: () => ({ route: 'GET since-last-meeting', method: 'GET', path: sincePath(accountIds[Math.floor(Math.random() * accountIds.length)]!), headers }),
  });
}

/** Runs `next` at each offered rate, the lowest first with a pause between, prints the table and the target's line. */
async function openLoopAt(o: { what: string; unit: string; rates: number[]; ratesVar: string; target: { rate: number; p99: number }; next: () => PlannedRequest }): Promise<boolean> {
  const reports: RateReport[] = [];
  for (const rate of o.rates) {
    const run = await runOpenLoop({ baseUrl: base, rate, durationMs: rateSeconds * 1000, next: o.next });
    reports.push(rateReport(rate, run));
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  console.log(`\nopen loop: ${o.what} at fixed offered rates, ${rateSeconds} s each, ${workers} server worker(s); latency from each request's intended send time`);
  console.log('offered/s  achieved/s     sent  errors  5xx   p50 ms   p90 ms   p99 ms   max ms | client lag p99  max  in flight  conns  resent | server p50  p99   max');
  for (const r of reports) {
    console.log(
      `${String(r.offered).padStart(9)}  ${r.achieved.toFixed(0).padStart(10)}  ${String(r.sent).padStart(7)}  ${String(r.errors).padStart(6)}  ${String(r.fiveXx).padStart(3)}  ` +
        `${ms(r.latency.p50)}  ${ms(r.latency.p90)}  ${ms(r.latency.p99)}  ${ms(r.latency.max)} |        ${ms(r.sendLag.p99)} ${ms(r.sendLag.max)}  ${String(r.maxInFlight).padStart(9)}  ${String(r.connections).padStart(5)}  ${String(r.resent).padStart(6)} |   ${ms(r.server.p50)} ${ms(r.server.p99)} ${ms(r.server.max)}`,
    );
  }
  const { rate, p99 } = o.target;
  const atTarget = reports.find((r) => r.offered === rate);
  if (!atTarget) {
    console.log(`open-loop target (p99 ≤ ${p99} ms at ${rate} ${o.unit}): not measured (${rate} is not in ${o.ratesVar})`);
    return reports.every((r) => r.errors === 0);
  }
  const met = atTarget.latency.p99 <= p99 && atTarget.errors === 0 && atTarget.achieved >= rate * 0.95;
  console.log(
    `open-loop target: p99 ≤ ${p99} ms at ${rate} ${o.unit} — ${met ? 'met' : 'NOT met'} ` +
      `(p99 ${atTarget.latency.p99.toFixed(1)} ms, achieved ${atTarget.achieved.toFixed(0)}/s, ${atTarget.errors} errors)`,
  );
  return met && reports.every((r) => r.errors === 0);
}

/**
 * Asks "what changed" once for every sampled account (SQLite's page cache, as for the briefs), a
 * few at a time, and says how many have a meeting logged before the one prepared for: the query's
 * two paths (since that meeting, or the last 30 days). The scale data logs meetings as activities
 * (14% of its 1M: server/seed/scale-rows.ts), so most accounts have one.
 */
async function warmSince(): Promise<void> {
  if (accountIds.length === 0) throw new Error('the scale manifest has no sample contact ids to take accounts from');
  let next = 0;
  let met = 0;
  let changes = 0;
  const one = async (): Promise<void> => {
    while (next < accountIds.length) {
      const response = await fetch(`${base}${sincePath(accountIds[next++]!)}`, { headers: { authorization: auth.authorization } });
      if (!response.ok) throw new Error(`since-last-meeting answered ${response.status}: ${await response.text()}`);
      const body = (await response.json()) as { lastMeeting: unknown; changes: unknown[] };
      if (body.lastMeeting) met++;
      changes += body.changes.length;
    }
  };
  await Promise.all(Array.from({ length: 8 }, one));
  console.log(`since-last-meeting: ${accountIds.length} sampled accounts, ${met} with a meeting logged before ${meetingAt.slice(0, 10)}, ${(changes / accountIds.length).toFixed(1)} changes each on average`);
}

try {
  // Warm both paths before measuring: the JIT, and SQLite's page cache for every sampled contact
  // once (a steady-state server has its working set cached; a cold one measures the disk cache).
  await autocannon({ url: `${base}/v1/health`, connections, duration: 2 });
  let next = 0;
  if (!sinceOnly) await autocannon({
    url: `${base}/v1/briefs`,
    connections,
    amount: urls.length,
    method: 'POST',
    headers: auth,
    requests: [
      {
        method: 'POST',
        setupRequest: (req) => ({ ...req, body: JSON.stringify({ refs: [{ kind: 'linkedin', profileUrl: urls[next++ % urls.length] }] }) }),
      },
    ],
  });

  const closedOk = openOnly || sinceOnly ? true : await closedLoop();
  const openOk = rates.length > 0 && !sinceOnly ? await openLoop() : true;
  let sinceOk = true;
  if (sinceRates.length > 0) {
    await warmSince();
    sinceOk = await sinceOpenLoop();
  }
  const ok = closedOk && openOk && sinceOk;
  console.log(ok ? 'targets met' : 'targets NOT met');
  process.exitCode = ok ? 0 : 1;
} finally {
  await server.stop();
}
