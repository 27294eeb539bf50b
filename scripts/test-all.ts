/**
 * `npm test`: every gate in order — types, lint, import cycles, unit and server tests on SQLite, the server
 * suite again on PostgreSQL (when TEST_DATABASE_URL is set; `.ci/run` sets it), and the
 * browser e2e suite on @playwright/test in Debian's Chromium (when installed; `.ci/run` installs it).
 * Ends with one "N passed, N failed" line, counting the tests of the vitest and Playwright steps.
 */
import { spawn, spawnSync, type StdioOptions } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';

interface Step {
  name: string;
  command: string[];
  env?: Record<string, string>;
  skip?: string;
  /** Vitest and Playwright steps report test counts through a JSON file; other steps count as one check. */
  report?: 'vitest' | 'playwright';
  /**
   * Runs beside the steps after it (its output printed when it ends): the PostgreSQL server suite
   * waits mostly on the database, so it shares the browser suite's time instead of adding to it
   * (CI must stay under 15 minutes on 2 cores; measured: the 142 browser tests passed with it beside).
   */
  beside?: boolean;
  /**
   * Minutes after which the step is stopped (its whole process group) and counted as failed. A
   * hung step once held CI until its 90-minute timeout with nothing printed (the PostgreSQL suite,
   * whose output waits for its end); stopped, it prints what it did up to there.
   */
  limitMin: number;
}

interface Counts {
  passed: number;
  failed: number;
  skipped: number;
}

/** The counts in a vitest JSON report. */
function vitestCounts(file: string): Counts {
  const report = JSON.parse(fs.readFileSync(file, 'utf8')) as { numPassedTests: number; numFailedTests: number; numPendingTests: number };
  return { passed: report.numPassedTests, failed: report.numFailedTests, skipped: report.numPendingTests };
}

/** The counts in a Playwright JSON report: `expected` passed, `unexpected` failed (a flaky test passed on retry). */
function playwrightCounts(file: string): Counts {
  const { stats } = JSON.parse(fs.readFileSync(file, 'utf8')) as { stats: { expected: number; unexpected: number; flaky: number; skipped: number } };
  return { passed: stats.expected + stats.flaky, failed: stats.unexpected, skipped: stats.skipped };
}

const pgUrl = process.env.TEST_DATABASE_URL;
const sqliteEnv = { TEST_DATABASE_URL: '' };

const steps: Step[] = [
  { name: 'typecheck', command: ['npm', 'run', 'typecheck'], limitMin: 10 },
  { name: 'lint', command: ['npm', 'run', 'lint'], limitMin: 10 },
  { name: 'import cycles', command: ['npm', 'run', 'check:cycles'], limitMin: 5 },
  { name: 'unit and server tests on SQLite', command: ['npx', 'vitest', 'run'], env: sqliteEnv, report: 'vitest', limitMin: 15 },
  pgUrl
    ? { name: 'server tests on PostgreSQL', command: ['npx', 'vitest', 'run', 'test/unit/server'], report: 'vitest', beside: true, limitMin: 20 }
    : { name: 'server tests on PostgreSQL', command: [], skip: 'TEST_DATABASE_URL is not set (.ci/run sets it)', limitMin: 0 },
  fs.existsSync('/usr/bin/chromium')
    ? { name: 'browser end-to-end (Chromium, built extension, real server)', command: ['npx', 'playwright', 'test'], report: 'playwright', limitMin: 25 }
    : { name: 'browser end-to-end', command: [], skip: 'no /usr/bin/chromium (.ci/run installs Debian\'s chromium)', limitMin: 0 },
];

let passed = 0;
let failed = 0;
let skipped = 0;
const failedSteps: string[] = [];
const reportDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sh-test-report-'));

/**
 * Runs a step in a process group of its own, stopped whole (npx, its node, their browsers) once
 * its time limit passes. Resolves to its exit code, or null when it was stopped.
 */
function run(step: Step, cmd: string, args: string[], env: NodeJS.ProcessEnv, stdio: StdioOptions): Promise<number | null> {
  const child = spawn(cmd, args, { stdio, env, detached: true });
  groups.add(child.pid!);
  const limit = setTimeout(() => {
    console.log(`\n== ${step.name}: still running after ${step.limitMin} min, stopped`);
    kill(child.pid!);
  }, step.limitMin * 60_000);
  return new Promise((resolve) =>
    child.on('close', (code) => {
      clearTimeout(limit);
      groups.delete(child.pid!);
      resolve(code);
    }),
  );
}

/** Process groups still running: stopped with this script (Ctrl-C, or CI stopping it). */
const groups = new Set<number>();
function kill(pid: number): void {
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    for (const pid of groups) kill(pid);
    process.exit(130);
  });
}

/**
 * CI once could not find @playwright/test when the browser step started (after `npm ci` had
 * installed it and the type check had read it); what was on disk then says why next time.
 */
function explainMissingPlaywright(): void {
  try {
    createRequire(import.meta.url).resolve('@playwright/test/package.json');
  } catch (error) {
    console.log(`@playwright/test does not resolve: ${String(error)}`);
    for (const command of ['ls -la node_modules/@playwright node_modules/.bin/playwright', 'df -h .', 'ls node_modules | wc -l']) {
      console.log(`$ ${command}\n${spawnSync('sh', ['-c', command], { encoding: 'utf8' }).stdout}`);
    }
  }
}

/** A step started beside the others: its output goes to a file, printed once it ended. */
interface Beside {
  step: Step;
  report: string;
  log: string;
  done: Promise<number | null>;
}
const besides: Beside[] = [];

function count(step: Step, report: string, ok: boolean): void {
  if (!ok) failedSteps.push(step.name);
  if (step.report && fs.existsSync(report)) {
    const counts = (step.report === 'vitest' ? vitestCounts : playwrightCounts)(report);
    passed += counts.passed;
    // A step that failed with no failing test (a crash, a setup error) still counts as one failure.
    failed += counts.failed + (ok || counts.failed ? 0 : 1);
    skipped += counts.skipped;
  } else if (ok) passed++;
  else failed++;
}

for (const [index, step] of steps.entries()) {
  if (step.skip) {
    console.log(`\n== ${step.name}: skipped, ${step.skip}`);
    skipped++;
    continue;
  }
  const [cmd, ...args] = step.command;
  const report = path.join(reportDir, `${index}.json`);
  const env: Record<string, string | undefined> = { ...process.env, ...step.env };
  if (step.report === 'vitest') args.push('--reporter=default', '--reporter=json', `--outputFile.json=${report}`);
  // playwright.config.ts adds its JSON reporter when this is set.
  if (step.report === 'playwright') env.PLAYWRIGHT_JSON_OUTPUT_FILE = report;
  if (step.beside) {
    console.log(`\n== ${step.name}: started beside the next steps (its output follows when it ends)`);
    const log = path.join(reportDir, `${index}.log`);
    const out = fs.openSync(log, 'w');
    besides.push({ step, report, log, done: run(step, cmd!, args, env, ['ignore', out, out]) });
    continue;
  }
  console.log(`\n== ${step.name}`);
  if (step.report === 'playwright') explainMissingPlaywright();
  count(step, report, (await run(step, cmd!, args, env, 'inherit')) === 0);
}
for (const { step, report, log, done } of besides) {
  const code = await done;
  console.log(`\n== ${step.name} (ran beside the steps above)`);
  process.stdout.write(fs.readFileSync(log, 'utf8'));
  count(step, report, code === 0);
}
fs.rmSync(reportDir, { recursive: true, force: true });
if (failedSteps.length) console.log(`\nfailed: ${failedSteps.join('; ')}`);
console.log(`\ntests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failedSteps.length ? 1 : 0);
