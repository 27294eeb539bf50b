/**
 * `npm test`: every gate in order — types, lint, import cycles, unit and server tests on SQLite, the server
 * suite again on PostgreSQL (when TEST_DATABASE_URL is set; `.ci/run` sets it), and the
 * browser e2e suite on @playwright/test in Debian's Chromium (when installed; `.ci/run` installs it).
 * Ends with one "N passed, N failed" line, counting the tests of the vitest and Playwright steps.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
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
  { name: 'typecheck', command: ['npm', 'run', 'typecheck'] },
  { name: 'lint', command: ['npm', 'run', 'lint'] },
  { name: 'import cycles', command: ['npm', 'run', 'check:cycles'] },
  { name: 'unit and server tests on SQLite', command: ['npx', 'vitest', 'run'], env: sqliteEnv, report: 'vitest' },
  pgUrl
    ? { name: 'server tests on PostgreSQL', command: ['npx', 'vitest', 'run', 'test/unit/server'], report: 'vitest', beside: true }
    : { name: 'server tests on PostgreSQL', command: [], skip: 'TEST_DATABASE_URL is not set (.ci/run sets it)' },
  fs.existsSync('/usr/bin/chromium')
    ? { name: 'browser end-to-end (Chromium, built extension, real server)', command: ['npx', 'playwright', 'test'], report: 'playwright' }
    : { name: 'browser end-to-end', command: [], skip: 'no /usr/bin/chromium (.ci/run installs Debian\'s chromium)' },
];

let passed = 0;
let failed = 0;
let skipped = 0;
const failedSteps: string[] = [];
const reportDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sh-test-report-'));

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
    const child = spawn(cmd!, args, { stdio: ['ignore', out, out], env });
    const done = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    besides.push({ step, report, log, done });
    continue;
  }
  console.log(`\n== ${step.name}`);
  const result = spawnSync(cmd!, args, { stdio: 'inherit', env });
  count(step, report, result.status === 0);
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
