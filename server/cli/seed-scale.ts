/**
 * `npm run seed:scale [-- --data-dir DIR] [--accounts N] [--fresh]`: loads the benchmark data set
 * (100k accounts, ~1M contacts, ~10M events, ~1M activities) into the SQLite database in DIR
 * (default `<DATA_DIR>/scale`, i.e. `./data/scale`, where `npm run bench:server` looks), prints
 * progress and totals and a line `Scale rep token: <token>`, and writes `DIR/scale-manifest.json`
 * (token, team id, counts, ~10k sample contacts with their LinkedIn URLs) for the benchmark to
 * pick random known contacts from. Serve it with `DATA_DIR=DIR`.
 *
 * Run again on a loaded database, it only issues a new token and rewrites the manifest.
 * SQLite only: PostgreSQL is refused with a message (see seedScale for why).
 *
 * @example
 * $ npm run seed:scale -- --data-dir data/scale
 * Scale rep token: shk_…
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { migrateToLatest, openDatabase } from '../db/connect.ts';
import { SCALE_TEAM_NAME, seedScale, type ScaleProgress } from '../seed/scale.ts';
import { refreshIntel } from './intel-refresh.ts';

const DB_FILE = 'signalhouse.db';
const say = (line: string) => process.stdout.write(`${line}\n`);
const n = (value: number) => value.toLocaleString('en-US');

function duration(ms: number): string {
  const s = Math.round(ms / 1000);
  return s < 60 ? `${s} s` : `${Math.floor(s / 60)} min ${s % 60} s`;
}

function progressLine(p: ScaleProgress): string {
  const pct = Math.floor((p.accountsDone / p.accountsTotal) * 100);
  return `  ${String(pct).padStart(3)}% · ${n(p.accountsDone)} accounts · ${n(p.counts.contacts)} contacts · ${n(p.counts.events)} events · ${n(p.counts.activities)} activities · ${duration(p.elapsedMs)}`;
}

export async function main(argv: string[] = process.argv.slice(2)): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: { 'data-dir': { type: 'string' }, accounts: { type: 'string', default: '100000' }, fresh: { type: 'boolean', default: false } },
  });
  // An explicit --data-dir asks for SQLite there, whatever DATABASE_URL says for the server.
  if (process.env.DATABASE_URL && !values['data-dir']) {
    throw new Error(
      'seed:scale loads SQLite only (its bulk path binds better-sqlite3 statements directly); PostgreSQL is not supported. ' +
        'Unset DATABASE_URL, or pass --data-dir, to load a SQLite database instead.',
    );
  }
  const accounts = Number(values.accounts);
  if (!Number.isInteger(accounts) || accounts < 1) throw new Error('--accounts must be a positive whole number');
  // A folder of its own by default, so the 4 GB benchmark set never lands in the demo database.
  const dataDir = path.resolve(values['data-dir'] ?? path.join(process.env.DATA_DIR || './data', 'scale'));
  const file = path.join(dataDir, DB_FILE);
  const manifestFile = path.join(dataDir, 'scale-manifest.json');
  fs.mkdirSync(dataDir, { recursive: true });
  if (values.fresh) {
    for (const f of [file, `${file}-wal`, `${file}-shm`, manifestFile]) fs.rmSync(f, { force: true });
    say(`--fresh: removed the database in ${dataDir}`);
  }

  say(`Loading "${SCALE_TEAM_NAME}" into ${file}: ${n(accounts)} accounts, ~${n(accounts * 10)} contacts, ~${n(accounts * 100)} events, ~${n(accounts * 10)} activities…`);
  const tty = process.stdout.isTTY;
  let lastDecile = -1;
  const result = await seedScale({
    file,
    accounts,
    now: new Date(),
    onProgress: (p) => {
      const decile = Math.floor((p.accountsDone / p.accountsTotal) * 10);
      if (tty) process.stdout.write(`\r${progressLine(p)}`);
      else if (decile !== lastDecile) say(progressLine(p));
      lastDecile = decile;
    },
  });
  if (tty && !result.alreadyLoaded) process.stdout.write('\n');
  say(result.alreadyLoaded ? 'The scale team was already loaded: issued a new token.' : `Loaded in ${duration(result.elapsedMs)}:`);
  for (const [table, count] of Object.entries(result.counts)) say(`  ${table.padEnd(16)} ${n(count).padStart(12)}`);

  const manifest = { createdAt: new Date().toISOString(), database: file, teamId: result.teamId, userId: result.userId, token: result.token, counts: result.counts, sample: result.sample };
  // The manifest holds a live token: readable by its owner only.
  fs.writeFileSync(manifestFile, `${JSON.stringify(manifest, null, 1)}\n`, { mode: 0o600 });
  fs.chmodSync(manifestFile, 0o600);
  say(`Manifest: ${manifestFile} (${n(result.sample.contactIds.length)} sample contacts)`);
  // The nightly job's work, done once now, so the first benchmark run starts warm.
  const db = await openDatabase({ dataDir, fileName: DB_FILE });
  try {
    await migrateToLatest(db);
    await refreshIntel(db, { teamId: result.teamId, ifStale: true });
  } finally {
    await db.close();
  }
  say(`Scale rep token: ${result.token}`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((error: unknown) => {
    process.stderr.write(`seed:scale failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
