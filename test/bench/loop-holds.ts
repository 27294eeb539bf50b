/**
 * `npm run bench:loop-holds`: how long the bulk work a server worker does alongside reps' requests
 * holds its event loop at a stretch, with time slices (db/time-slice.ts, what the server does) and
 * without (what it did before), in one run on the scale data (`npm run seed:scale`). Every request
 * that reaches a worker during a hold waits for its end, so the longest holds are what a rep's p99
 * sees (bench:soak runs the same work under load).
 *
 * Work, each ROUNDS times, sliced and unsliced alternating: a CSV import of 5,000 contacts and one
 * of 500 company events as an admin's upload runs them (runImport, 200-row batches), and today's
 * digests of 20 reps built on request, one after another with a turn between (their stored ones
 * deleted first). A probe counts the loop's
 * turns (a setImmediate chain): a hold is the time between two turns. Prints, per work and mode,
 * the longest hold, how many holds passed 10 and 20 ms, and the work's own time (median). Holds are
 * counted in CPU time, so a machine busy with other work does not lengthen them (wall time beside);
 * then the ratio sliced/unsliced of the longest hold. Settings: BENCH_ROUNDS (3), SCALE_DATA_DIR.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase, type OpenedDatabase } from '../../server/db/connect.ts';
import { SERVER_SLICE_MS, TimeSlice } from '../../server/db/time-slice.ts';
import { digestFor } from '../../server/digest/build.ts';
import { IMPORTERS } from '../../server/ingest/csv/entities/index.ts';
import { csvFileSource } from '../../server/ingest/csv/read.ts';
import { runImport } from '../../server/ingest/csv/run.ts';
import { percentile } from './open-loop.ts';
import { ensureScaleData, scaleDataDir } from './scale-server.ts';
import { companyEventsCsv, contactsCsv } from './soak-import.ts';

const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const dataDir = scaleDataDir();
const manifest = ensureScaleData(dataDir);
const team = manifest.teamId;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sh-holds-'));

type Mode = 'sliced' | 'unsliced';
interface Holds {
  /** CPU time (user + system, this process) between two turns of the loop. */
  holds: number[];
  /** Wall time between two turns: the CPU time plus any time the OS ran something else. */
  wall: number[];
  ms: number;
}

const cpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

/**
 * The loop's holds while `work` runs: the gaps between turns of a setImmediate chain, in CPU time
 * (what the work itself held; a busy machine's descheduling does not count) and in wall time.
 */
async function holdsDuring(work: () => Promise<unknown>): Promise<Holds> {
  const holds: number[] = [];
  const wall: number[] = [];
  let last = performance.now();
  let lastCpu = cpuMs();
  let running = true;
  const turn = () => {
    // The chain's last turn after the work ended belongs to no one (it would count the next work).
    if (!running) return;
    const now = performance.now();
    const cpu = cpuMs();
    wall.push(now - last);
    holds.push(cpu - lastCpu);
    last = now;
    lastCpu = cpu;
    setImmediate(turn);
  };
  setImmediate(turn);
  const started = performance.now();
  try {
    await work();
    // The turn queued during the work's last stretch runs first, so its hold is counted.
    await new Promise((resolve) => setImmediate(resolve));
  } finally {
    running = false;
  }
  return { holds, wall, ms: performance.now() - started };
}

async function importWork(db: OpenedDatabase, mode: Mode, entity: 'contacts' | 'company-events', domains: string[], round: number) {
  const tag = `holds-${mode}-${round}-${Date.now()}`;
  const file = path.join(tmp, `${tag}.csv`);
  fs.writeFileSync(file, entity === 'contacts' ? contactsCsv(domains, 5000, round * 5000, tag) : companyEventsCsv(domains, 500, new Date(), tag));
  const sliceMs = mode === 'sliced' ? SERVER_SLICE_MS : null;
  const outcome = await runImport(db.kysely, IMPORTERS[entity], csvFileSource(file), { teamId: team, now: new Date(), sliceMs, batchSize: 200 });
  fs.rmSync(file);
  if (!outcome.ok || outcome.report.summary.rejected > 0) throw new Error(`the ${entity} import rejected rows`);
}

async function digestWork(db: OpenedDatabase, mode: Mode, reps: string[]) {
  const now = new Date();
  await db.kysely.deleteFrom('digests').where('team_id', '=', team).where('day', '=', now.toISOString().slice(0, 10)).where('user_id', 'in', reps).execute();
  for (const userId of reps) {
    await digestFor(db, { teamId: team, userId }, now, new TimeSlice(mode === 'sliced' ? SERVER_SLICE_MS : null));
    // Each digest is a request of its own: the loop has a turn between two, sliced or not.
    await new Promise((resolve) => setImmediate(resolve));
  }
}

const db = await openDatabase({ dataDir });
const domains = (
  await db.kysely
    .selectFrom('accounts as a')
    .innerJoin('account_domains as d', 'd.account_id', 'a.id')
    .select('d.domain')
    .where('a.team_id', '=', team)
    .orderBy('a.id')
    .limit(2000)
    .execute()
).map((r) => r.domain);
const allReps = (await db.kysely.selectFrom('users').select('id').where('team_id', '=', team).where('role', '=', 'rep').orderBy('id').execute()).map((r) => r.id);

const works = ['import 5,000 contacts', 'import 500 company events', 'digests of 20 reps'] as const;
const results = new Map<string, Holds[]>();
const record = (work: string, mode: Mode, holds: Holds) => {
  const key = `${work}|${mode}`;
  results.set(key, [...(results.get(key) ?? []), holds]);
};

try {
  // One uncounted round first: the JIT, prepared statements and the page cache, for both modes.
  for (let round = -1; round < rounds; round++) {
    for (const mode of round % 2 === 0 ? (['sliced', 'unsliced'] as const) : (['unsliced', 'sliced'] as const)) {
      const reps = allReps.slice(((round + 1) * 2 + (mode === 'sliced' ? 0 : 1)) * 20, ((round + 1) * 2 + (mode === 'sliced' ? 0 : 1)) * 20 + 20);
      const runs: Array<[string, () => Promise<unknown>]> = [
        [works[0], () => importWork(db, mode, 'contacts', domains, round + 1)],
        [works[1], () => importWork(db, mode, 'company-events', domains, round + 1)],
        [works[2], () => digestWork(db, mode, reps)],
      ];
      for (const [work, run] of runs) {
        const holds = await holdsDuring(run);
        if (round >= 0) record(work, mode, holds);
      }
    }
  }
} finally {
  await db.close();
  fs.rmSync(tmp, { recursive: true, force: true });
}

const f = (v: number) => v.toFixed(1).padStart(8);
console.log(`\nevent-loop holds, ${rounds} rounds each, scale data in ${path.relative(process.cwd(), dataDir)}; slices of ${SERVER_SLICE_MS} ms`);
console.log('holds in CPU ms (wall ms, which adds what else the machine ran, in brackets)');
console.log('work                         mode       longest ms  holds>10ms  holds>20ms   (wall longest)   work ms (median)');
const ratios: string[] = [];
for (const work of works) {
  const longest: Record<Mode, number> = { sliced: 0, unsliced: 0 };
  for (const mode of ['unsliced', 'sliced'] as const) {
    const runs = results.get(`${work}|${mode}`) ?? [];
    const holds = Float64Array.from(runs.flatMap((r) => r.holds)).sort();
    const wall = Float64Array.from(runs.flatMap((r) => r.wall)).sort();
    const times = Float64Array.from(runs.map((r) => r.ms)).sort();
    longest[mode] = holds.length ? holds[holds.length - 1]! : Number.NaN;
    console.log(
      `${work.padEnd(28)} ${mode.padEnd(9)} ${f(longest[mode])}  ${String(holds.filter((h) => h > 10).length).padStart(10)}  ${String(holds.filter((h) => h > 20).length).padStart(10)}   (${f(wall[wall.length - 1] ?? Number.NaN)})   ${f(percentile(times, 0.5))}`,
    );
  }
  ratios.push(`${work}: ${(longest.sliced / longest.unsliced).toFixed(2)}`);
}
console.log(`longest hold, sliced / unsliced: ${ratios.join('; ')}`);
