/**
 * `npm run bench:import`: imports a 1M-contact CSV through the CLI and measures its memory.
 *
 * Writes 20k accounts and 1M contacts into a temporary folder, creates a team in a fresh SQLite
 * database there, then runs `server/cli/import.ts` as a child process for each file while
 * sampling the child's peak resident set (`VmHWM` in /proc/<pid>/status, which the kernel keeps
 * as a high-water mark, so nothing between samples is missed). Prints peak RSS, rows/s and
 * elapsed time; exits 1 if the peak reaches 512 MB or the import did not import every row.
 *
 * Sizes: BENCH_CONTACTS (default 1000000), BENCH_ACCOUNTS (20000). BENCH_KEEP=1 keeps the folder.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createTeam } from '../../server/auth/users.ts';
import { migrateToLatest, openDatabase } from '../../server/db/connect.ts';
import { writeAccountsCsv, writeContactsCsv } from './make-contacts-csv.ts';

const LIMIT_MB = 512;
const contacts = Number(process.env.BENCH_CONTACTS ?? 1_000_000);
const accounts = Number(process.env.BENCH_ACCOUNTS ?? 20_000);

interface ImportRun {
  code: number | null;
  peakMb: number;
  seconds: number;
  summary: string;
}

/** Peak RSS in MB from /proc (VmHWM), or null once the process is gone. */
function peakRssMb(pid: number): number | null {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = /^VmHWM:\s+(\d+)\s+kB/m.exec(status);
    return match ? Number(match[1]) / 1024 : null;
  } catch {
    return null;
  }
}

/** The benchmark is about the embedded default: a DATABASE_URL in the caller's environment must not redirect it. */
function withoutDatabaseUrl(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const { DATABASE_URL: _ignored, ...rest } = env;
  return rest;
}

/** Runs the import CLI in its own process (one node process: tsx is loaded as a hook, not a wrapper). */
function runImportProcess(entity: string, file: string, teamId: string, dataDir: string): Promise<ImportRun> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/cli/import.ts', entity, file, '--team', teamId], {
      env: { ...withoutDatabaseUrl(process.env), DATA_DIR: dataDir },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let peak = 0;
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    const sample = setInterval(() => {
      const now = child.pid ? peakRssMb(child.pid) : null;
      if (now !== null) peak = Math.max(peak, now);
    }, 50);
    child.on('error', reject);
    // 'exit' fires before the process is reaped, so /proc still has its final high-water mark.
    child.on('exit', (code) => {
      const last = child.pid ? peakRssMb(child.pid) : null;
      if (last !== null) peak = Math.max(peak, last);
      clearInterval(sample);
      resolve({ code, peakMb: peak, seconds: (performance.now() - started) / 1000, summary: stdout.trim() });
    });
  });
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sh-bench-import-'));
const dataDir = path.join(dir, 'data');
try {
  const generated = performance.now();
  const accountsFile = path.join(dir, 'accounts.csv');
  const contactsFile = path.join(dir, 'contacts.csv');
  const accountBytes = await writeAccountsCsv(accountsFile, accounts);
  const contactBytes = await writeContactsCsv(contactsFile, contacts, accounts);
  console.log(
    `generated ${accounts.toLocaleString('en-US')} accounts (${(accountBytes / 1e6).toFixed(1)} MB) and ` +
      `${contacts.toLocaleString('en-US')} contacts (${(contactBytes / 1e6).toFixed(1)} MB) in ${((performance.now() - generated) / 1000).toFixed(1)} s`,
  );

  const db = await openDatabase({ dataDir });
  await migrateToLatest(db);
  const team = await createTeam(db.kysely, 'Import benchmark', new Date());
  await db.close();

  const results: Array<[string, number, ImportRun]> = [];
  for (const [entity, file, rows] of [['accounts', accountsFile, accounts], ['contacts', contactsFile, contacts]] as const) {
    const run = await runImportProcess(entity, file, team.id, dataDir);
    console.log(run.summary);
    results.push([entity, rows, run]);
  }

  console.log('\nimport (SQLite, one process per file)');
  let failed = false;
  for (const [entity, rows, run] of results) {
    const rate = Math.round(rows / run.seconds);
    console.log(
      `${entity.padEnd(9)} ${rows.toLocaleString('en-US').padStart(9)} rows  ${run.seconds.toFixed(1).padStart(6)} s  ` +
        `${rate.toLocaleString('en-US').padStart(7)} rows/s  peak RSS ${run.peakMb.toFixed(0)} MB`,
    );
    if (run.code !== 0 || !run.summary.includes(`${rows} created`)) {
      console.error(`${entity}: the import did not create every row (exit ${run.code})`);
      failed = true;
    }
    if (run.peakMb >= LIMIT_MB) {
      console.error(`${entity}: peak RSS ${run.peakMb.toFixed(0)} MB is over the ${LIMIT_MB} MB target`);
      failed = true;
    }
  }
  if (results.some(([, , run]) => run.peakMb === 0)) {
    console.error('could not read the child process memory from /proc (Linux only)');
    failed = true;
  }
  process.exitCode = failed ? 1 : 0;
} finally {
  if (process.env.BENCH_KEEP === '1') console.log(`kept ${dir}`);
  else fs.rmSync(dir, { recursive: true, force: true });
}
