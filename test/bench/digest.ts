/**
 * `npm run bench:digest`: today's digest for 500 reps over the scale data (`npm run seed:scale`:
 * 100k accounts owned by 500 reps, 1M contacts, 10M events), one rep after another as the morning
 * job would, through the same `digestFor` the `GET /v1/digest` route answers with. Today's stored
 * digests are deleted first so every one is built. Account snapshots are refreshed first where
 * stale (the nightly `intel:refresh`, which runs before the digests in production).
 * Prints the total time and per-rep p50, p95 and max. Target (issue 4): ≤ 30 s in total.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { migrateToLatest, openDatabase } from '../../server/db/connect.ts';
import { digestFor } from '../../server/digest/build.ts';

const dataDir = path.resolve(process.env.SCALE_DATA_DIR ?? 'data/scale');
const REPS = 500;
const manifestFile = path.join(dataDir, 'scale-manifest.json');
if (!fs.existsSync(manifestFile)) {
  console.log(`No scale data in ${dataDir}: running npm run seed:scale first (takes minutes).`);
  const seeded = spawnSync('npx', ['tsx', 'server/cli/seed-scale.ts', '--data-dir', dataDir], { stdio: 'inherit' });
  if (seeded.status !== 0) process.exit(seeded.status ?? 1);
}
const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as { teamId: string };
const refreshed = spawnSync('npx', ['tsx', 'server/cli/intel-refresh.ts', '--data-dir', dataDir, '--team', manifest.teamId, '--if-stale'], { stdio: 'inherit' });
if (refreshed.status !== 0) process.exit(refreshed.status ?? 1);

const db = await openDatabase({ dataDir });
// Scale data built by an older commit gains the tables added since (what `npm start` does).
await migrateToLatest(db);
const now = new Date();
const reps = await db.kysely
  .selectFrom('users')
  .select('id')
  .where('team_id', '=', manifest.teamId)
  .where('role', '=', 'rep')
  .orderBy('id')
  .limit(REPS)
  .execute();
if (reps.length < REPS) {
  console.error(`The scale data has ${reps.length} reps, not ${REPS}: run npm run seed:scale again (the seed now makes ${REPS}).`);
  process.exit(1);
}
await db.kysely.deleteFrom('digests').where('team_id', '=', manifest.teamId).where('day', '=', now.toISOString().slice(0, 10)).execute();

const each: number[] = [];
let lines = 0;
let tasks = 0;
let alerts = 0;
const start = performance.now();
for (const rep of reps) {
  const t0 = performance.now();
  const digest = await digestFor(db, { teamId: manifest.teamId, userId: rep.id }, now);
  each.push(performance.now() - t0);
  lines += digest.lines.length;
  tasks += digest.tasks.length;
  alerts += digest.alerts;
}
const total = (performance.now() - start) / 1000;
await db.close();

each.sort((a, b) => a - b);
const at = (q: number) => each[Math.min(each.length - 1, Math.floor(q * each.length))]!.toFixed(1);
console.log(`\n${REPS} reps, scale data in ${path.relative(process.cwd(), dataDir)}`);
console.log(`total ${total.toFixed(1)} s · per rep p50 ${at(0.5)} ms, p95 ${at(0.95)} ms, max ${at(1)} ms`);
console.log(`digests: ${lines} lines, ${alerts} alerts, ${tasks} tasks (${(tasks / REPS).toFixed(1)} per rep)`);
console.log(`target: ≤ 30 s in total — ${total <= 30 ? 'met' : 'NOT met'}`);
process.exitCode = total <= 30 ? 0 : 1;
