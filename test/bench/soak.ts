/**
 * `npm run bench:soak`: the real server on the scale data (`npm run seed:scale`), two workers, a
 * fixed-rate open-loop mix of the routes reps use (soak-mix.ts: briefs, resolves, activity batches
 * with replays, account searches, digests, in a busy hour's proportions) for SOAK_MINUTES (default
 * 10) after a warm-up, with an admin's CSV imports running alongside the whole time
 * (soak-import.ts). Prints p50/p99 per route, errors and 5xx, per-minute p99s and the server's RSS
 * (every process, from /proc every few seconds) over time; ends by checking the targets and exits
 * 1 on a miss. First, each route's cost alone and the share of the workers' time the mix asks for.
 *
 * Targets (issue 9): no 5xx, no error, p99 ≤ 50 ms per route (the measured window; the import is
 * a bulk job, its durations are reported), RSS flat after warm-up (soak-report.ts defines flat).
 *
 * Settings (environment): SOAK_MINUTES (10), SOAK_WARMUP_SECONDS (180: two soaks'
 * anonymous memory rose for ~3 minutes, SQLite's page caches and V8's heaps filling, then held), SOAK_SCALE (10: times a
 * 500-rep team's busy hour, soak-mix.ts), SOAK_IMPORT (`http`, `cli` or `off`), SOAK_IMPORT_ROWS
 * (5000 contacts per import; 500 company events), SOAK_IMPORT_PAUSE_SECONDS (5), SOAK_RSS_SECONDS
 * (5), SOAK_MIX (per-rep-hour counts changed, e.g. `search:0`), WORKERS (2), SCALE_DATA_DIR
 * (data/scale).
 *
 * Before the run it issues a token to each of the team's 500 reps and to its admin (revoked after)
 * and deletes today's stored digests of the scale team, then builds them as the morning `digest` job
 * does before reps start (SOAK_DIGESTS=job, the default: production's path). SOAK_DIGESTS=request
 * leaves them to be built on each rep's first request, as on a server whose job did not run.
 */
import path from 'node:path';
import { issueToken, revokeToken } from '../../server/auth/users.ts';
import { prebuildDigests } from '../../server/digest/prebuild.ts';
import { migrateToLatest, openDatabase } from '../../server/db/connect.ts';
import { runOpenLoop, runSequential, serviceTimeOf, summarise, weightedRoundRobin } from './open-loop.ts';
import { sampleMemoryEvery } from './process-memory.ts';
import { ensureScaleData, scaleDataDir, startServerProcess } from './scale-server.ts';
import { importLoop, type ImportRun } from './soak-import.ts';
import { ROUTE_NAMES, mixFrom, offeredRate, soakRequests, type SoakData, type SoakRoute } from './soak-mix.ts';
import { P99_TARGET_MS, SoakTally, memoryByMinute, memoryVerdict } from './soak-report.ts';

const num = (name: string, fallback: number) => {
  const value = Number(process.env[name] ?? fallback);
  if (!(value >= 0)) throw new Error(`${name} must be a non-negative number`);
  return value;
};
const minutes = num('SOAK_MINUTES', 10);
const warmupSeconds = num('SOAK_WARMUP_SECONDS', 180);
const scale = num('SOAK_SCALE', 10);
const importMode = (process.env.SOAK_IMPORT ?? 'http') as 'http' | 'cli' | 'off';
if (!['http', 'cli', 'off'].includes(importMode)) throw new Error('SOAK_IMPORT is http, cli or off');
const contactRows = num('SOAK_IMPORT_ROWS', 5000);
const pauseSeconds = num('SOAK_IMPORT_PAUSE_SECONDS', 5);
const rssSeconds = num('SOAK_RSS_SECONDS', 5);
const workers = process.env.WORKERS ?? '2';
const digestsBy = (process.env.SOAK_DIGESTS ?? 'job') as 'job' | 'request';
if (!['job', 'request'].includes(digestsBy)) throw new Error('SOAK_DIGESTS is job or request');
const REPS = 500;
const IMPORT_GRACE_MS = 60_000;
const dataDir = scaleDataDir();

const manifest = ensureScaleData(dataDir);
const label = 'bench:soak';

/** Tokens for every rep and the admin, the samples the requests are built from; today's digests built by the morning job (or cleared). */
async function prepare(): Promise<{ data: SoakData; adminToken: string; importDomains: string[]; tokenIds: string[] }> {
  const db = await openDatabase({ dataDir });
  try {
    await migrateToLatest(db);
    const k = db.kysely;
    const now = new Date();
    const team = manifest.teamId;
    const reps = await k.selectFrom('users').select('id').where('team_id', '=', team).where('role', '=', 'rep').orderBy('id').limit(REPS).execute();
    const admin = await k.selectFrom('users').select('id').where('team_id', '=', team).where('role', '=', 'admin').executeTakeFirstOrThrow();
    if (reps.length < REPS) throw new Error(`the scale data has ${reps.length} reps, not ${REPS}: run npm run seed:scale -- --fresh`);
    const tokenIds: string[] = [];
    const repTokens: string[] = [];
    for (const rep of reps) {
      const issued = await issueToken(k, rep.id, label, now);
      tokenIds.push(issued.id);
      repTokens.push(issued.token);
    }
    const adminIssued = await issueToken(k, admin.id, label, now);
    tokenIds.push(adminIssued.id);
    const domainOf = (table: 'accounts') =>
      k
        .selectFrom(`${table} as a`)
        .select(['a.name', (eb) => eb.selectFrom('account_domains as d').select('d.domain').whereRef('d.account_id', '=', 'a.id').limit(1).as('domain')])
        .where('a.team_id', '=', team);
    // Searches and resolves: accounts anywhere in the team. Imports: a fixed set (the first by id), so re-runs update the same soak contacts.
    const searched = await domainOf('accounts').orderBy((eb) => eb.fn('random')).limit(2000).execute();
    const imported = await domainOf('accounts').orderBy('a.id').limit(2000).execute();
    const ids = manifest.sample.contactIds ?? [];
    const named = await k.selectFrom('contacts').select('name').where('team_id', '=', team).where('id', 'in', ids.slice(0, 1000)).execute();
    await k.deleteFrom('digests').where('team_id', '=', team).where('day', '=', now.toISOString().slice(0, 10)).execute();
    if (digestsBy === 'job') {
      // The morning `digest` job's work, as production does it before reps start (jobs/definitions.ts).
      const started = performance.now();
      const built = await prebuildDigests(db, { now, teamId: team });
      if (built.failed.length) throw new Error(`the digest job failed for ${built.failed.length} reps: ${built.failed[0]!.error}`);
      console.log(`morning digest job: ${built.ready} digests built in ${((performance.now() - started) / 1000).toFixed(1)} s before the run`);
    }
    return {
      data: {
        repTokens,
        contacts: { ids, linkedinUrls: manifest.sample.linkedinUrls ?? [], emails: manifest.sample.emails ?? [], names: named.map((c) => c.name) },
        accounts: { names: searched.map((a) => a.name), domains: searched.flatMap((a) => (a.domain ? [a.domain] : [])) },
      },
      adminToken: adminIssued.token,
      importDomains: imported.flatMap((a) => (a.domain ? [a.domain] : [])),
      tokenIds,
    };
  } finally {
    await db.close();
  }
}

async function revoke(tokenIds: string[]) {
  const db = await openDatabase({ dataDir });
  try {
    for (const id of tokenIds) await revokeToken(db.kysely, id, new Date());
  } finally {
    await db.close();
  }
}

const { data, adminToken, importDomains, tokenIds } = await prepare();
const perRepHour = mixFrom(process.env.SOAK_MIX);
const rate = offeredRate(perRepHour, REPS, scale);
const measuredSeconds = minutes * 60;
const warmupCount = Math.floor(rate * warmupSeconds);
const mix = weightedRoundRobin(perRepHour);
const requests = soakRequests(data);
const tally = new SoakTally(rate, warmupCount);
const shares = Object.entries(perRepHour)
  .map(([route, perHour]) => `${route} ${((perHour * REPS * scale) / 3600).toFixed(1)}/s`)
  .join(', ');
console.log(
  `soak: ${rate.toFixed(1)} req/s offered (${shares}) for ${warmupSeconds} s warm-up + ${minutes} min measured, ` +
    `${workers} server worker(s), import ${importMode}${importMode === 'off' ? '' : ` (${contactRows} contacts / 500 company events, ${pauseSeconds} s apart)`}, ` +
    `digests built ${digestsBy === 'job' ? 'by the morning job' : 'on first request'}, scale data in ${path.relative(process.cwd(), dataDir) || '.'}`,
);

/**
 * Each route's own cost first, one request at a time (runSequential), and the server time the
 * mix asks for at its rates: past ~70% of the workers' time, queues grow and no p99 holds, so
 * a miss can be read as "this route costs too much at this rate" rather than guessed at.
 */
async function routeCosts(): Promise<number> {
  const COST_SAMPLES = 15;
  let errors = 0;
  let demandMs = 0;
  for (const route of Object.keys(perRepHour) as SoakRoute[]) {
    if (perRepHour[route] === 0) continue;
    const samples = await runSequential({ baseUrl: server.url, count: COST_SAMPLES, next: () => requests.build(route) });
    errors += samples.filter((s) => s.error).length;
    const cost = summarise(samples.map(serviceTimeOf));
    const perSecond = (perRepHour[route] * REPS * scale) / 3600;
    demandMs += cost.p50 * perSecond;
    console.log(`  cost alone: ${ROUTE_NAMES[route].padEnd(22)} p50 ${cost.p50.toFixed(1).padStart(7)} ms, max ${cost.max.toFixed(1).padStart(7)} ms × ${perSecond.toFixed(1)}/s`);
  }
  console.log(
    `  the mix asks ~${demandMs.toFixed(0)} ms of server time per second: ${((demandMs / (1000 * Number(workers))) * 100).toFixed(0)}% of ${workers} worker(s) ` +
      '(p50 alone × rate; past ~70%, queues grow and p99 targets cannot hold)' +
      (errors ? `; ${errors} errors` : ''),
  );
  return errors;
}

const server = await startServerProcess({ dataDir, env: { WORKERS: workers } });
const origin = performance.now();
const memory = sampleMemoryEvery(server.child.pid!, rssSeconds * 1000, origin);
const stopImports = new AbortController();
const importRuns: ImportRun[] = [];
let loopStart = 0;
let exitCode = 1;
let calibrationErrors = 0;
try {
  calibrationErrors = await routeCosts();
  const imports =
    importMode === 'off'
      ? Promise.resolve([])
      : importLoop(
          {
            mode: importMode,
            baseUrl: server.url,
            adminToken,
            dataDir,
            teamId: manifest.teamId,
            domains: importDomains,
            contactRows,
            eventRows: 500,
            pauseMs: pauseSeconds * 1000,
            signal: stopImports.signal,
          },
          (run) => importRuns.push(run),
        );
  let lastMinute = -1;
  const progress = setInterval(() => {
    const elapsed = (performance.now() - loopStart) / 1000;
    const minute = Math.floor((elapsed - warmupSeconds) / 60);
    if (elapsed < warmupSeconds || minute === lastMinute) return;
    lastMinute = minute;
    const sent = [...tally.routes.values()].reduce((a, r) => a + r.sent, 0);
    const errors = [...tally.routes.values()].reduce((a, r) => a + r.errors, 0);
    const m = memory.samples.at(-1);
    console.log(
      `  ${minute} min measured: ${sent} answered, ${errors} errors, ${importRuns.length} imports (${importRuns.filter((r) => r.error).length} failed)` +
        (m ? `, RSS ${m.rssMb.toFixed(0)} MB (anon ${m.anonMb.toFixed(0)} MB) in ${m.processes} processes` : ''),
    );
  }, 5000);
  loopStart = performance.now();
  const run = await runOpenLoop({
    baseUrl: server.url,
    rate,
    durationMs: (warmupSeconds + measuredSeconds) * 1000,
    next: () => requests.build(mix()),
    keepSamples: false,
    onSample: (s) => tally.add(s),
  });
  clearInterval(progress);
  stopImports.abort();
  // The import under way may finish; one still running a minute after the load is reported, not awaited.
  const importFinished = await Promise.race([imports.then(() => true), new Promise<false>((resolve) => setTimeout(() => resolve(false), IMPORT_GRACE_MS))]);
  memory.stop();

  const warmupEnd = (run.startedAt - origin) / 1000 + warmupSeconds;
  const end = (run.endedAt - origin) / 1000;
  const rows = tally.summary();
  const f = (v: number) => (Number.isNaN(v) ? '-' : v.toFixed(1)).padStart(7);
  const achieved = rows.reduce((a, r) => a + r.measured.count, 0) / Math.max(1, end - warmupEnd);

  console.log(`\nmeasured ${minutes} min after ${warmupSeconds} s warm-up: offered ${rate.toFixed(1)} req/s, answered ${achieved.toFixed(1)} req/s; ${requests.replays()} activity batches were replays`);
  console.log('route                     sent  errors  5xx   p50 ms   p99 ms   max ms | warm-up p99 | server p50  p99   max');
  for (const r of rows) {
    console.log(
      `${r.route.padEnd(22)} ${String(r.sent).padStart(7)}  ${String(r.errors).padStart(6)}  ${String(r.fiveXx).padStart(3)}  ${f(r.measured.p50)}  ${f(r.measured.p99)}  ${f(r.measured.max)} | ${f(r.warmup.p99)}     | ${f(r.server.p50)} ${f(r.server.p99)} ${f(r.server.max)}`,
    );
  }
  const lag = summarise(tally.sendLags);
  console.log(`client lag (sent after the intended instant, counted in the latencies): p99 ${lag.p99.toFixed(1)} ms, max ${lag.max.toFixed(1)} ms; most in flight ${run.maxInFlight}, ${run.connections} connections, ${run.resent} sent again on a closing kept-alive connection`);

  const importErrors = importRuns.filter((r) => r.error);
  for (const entity of ['contacts', 'company-events'] as const) {
    const these = importRuns.filter((r) => r.entity === entity);
    if (these.length === 0) continue;
    const took = summarise(these.map((r) => r.seconds * 1000));
    console.log(
      `import ${entity.padEnd(14)} ${these.length} runs (${these[0]!.rows} rows each, ${importMode}), ${these.filter((r) => r.error).length} failed, ` +
        `took p50 ${(took.p50 / 1000).toFixed(1)} s, max ${(took.max / 1000).toFixed(1)} s`,
    );
  }

  const perMinute = memoryByMinute(memory.samples, warmupEnd);
  const minuteCount = Math.max(perMinute.length, ...rows.map((r) => r.p99ByMinute.length));
  console.log('\nper minute of the measured window: p99 ms per route, median RSS MB of all server processes (anonymous in brackets)');
  console.log(`min  ${rows.map((r) => r.route.split(' ')[1]!.slice(4, 14).padStart(10)).join(' ')}   RSS (anon)`);
  for (let m = 0; m < minuteCount; m++) {
    const mem = perMinute[m];
    console.log(
      `${String(m + 1).padStart(3)}  ${rows.map((r) => (r.p99ByMinute[m] === undefined ? '-' : r.p99ByMinute[m]!.toFixed(1)).padStart(10)).join(' ')}   ` +
        (mem ? `${mem.rssMb.toFixed(0)} (${mem.anonMb.toFixed(0)})` : '-'),
    );
  }

  const verdict = memoryVerdict(memory.samples, warmupEnd, end);
  if (verdict) {
    console.log(
      `RSS, all server processes: after warm-up ${verdict.afterWarmup.rssMb.toFixed(0)} MB (anon ${verdict.afterWarmup.anonMb.toFixed(0)}), ` +
        `end ${verdict.end.rssMb.toFixed(0)} MB (anon ${verdict.end.anonMb.toFixed(0)}), max ${verdict.max.rssMb.toFixed(0)} MB (anon ${verdict.max.anonMb.toFixed(0)})`,
    );
  }

  if (!importFinished) console.log(`import: one was still running ${IMPORT_GRACE_MS / 1000} s after the load ended (counted as an error)`);
  const errors = rows.reduce((a, r) => a + r.errors, 0) + importErrors.length + (importFinished ? 0 : 1) + calibrationErrors;
  const fiveXx = rows.reduce((a, r) => a + r.fiveXx, 0) + importRuns.filter((r) => r.status >= 500).length;
  if (errors > 0) {
    console.log('\nerrors by reason (first 10):');
    for (const [reason, count] of [...tally.errorReasons].slice(0, 10)) console.log(`  ${count} × ${reason}`);
    for (const r of importErrors.slice(0, 5)) console.log(`  import ${r.entity}: ${r.error}`);
  }
  const slow = rows.filter((r) => !(r.measured.p99 <= P99_TARGET_MS));
  const checks: Array<[string, boolean]> = [
    [`no 5xx (${fiveXx})`, fiveXx === 0],
    [`no error (${errors}, imports included)`, errors === 0],
    [`p99 ≤ ${P99_TARGET_MS} ms on every route${slow.length ? ` (over: ${slow.map((r) => `${r.route} ${r.measured.p99.toFixed(1)} ms`).join(', ')})` : ''}`, slow.length === 0],
    [
      verdict
        ? `RSS flat after warm-up: anonymous end − after warm-up = ${(verdict.end.anonMb - verdict.afterWarmup.anonMb).toFixed(0)} MB, allowed ${verdict.allowedMb.toFixed(0)} MB`
        : 'RSS flat after warm-up: not judged (too few samples)',
      verdict?.flat ?? false,
    ],
  ];
  if (importMode === 'off') checks.push(['an import ran alongside (SOAK_IMPORT=off)', false]);
  console.log('\ntargets:');
  for (const [what, ok] of checks) console.log(`  ${ok ? 'met    ' : 'NOT met'}  ${what}`);
  exitCode = checks.every(([, ok]) => ok) ? 0 : 1;
  console.log(exitCode === 0 ? 'targets met' : 'targets NOT met');
} finally {
  stopImports.abort();
  memory.stop();
  await server.stop();
  await revoke(tokenIds);
}
process.exitCode = exitCode;
