/**
 * `npm test`: every gate in order — types, lint, import cycles, unit and server tests on SQLite, the server
 * suite again on PostgreSQL (when TEST_DATABASE_URL is set; `.ci/run` sets it), and the
 * browser e2e suite on @playwright/test in Debian's Chromium (when installed; `.ci/run` installs it).
 * Ends with one "N passed, N failed" line, counting the tests of the vitest and Playwright steps.
 */
import { spawnSync } from 'node:child_process';
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
    ? { name: 'server tests on PostgreSQL', command: ['npx', 'vitest', 'run', 'test/unit/server'], report: 'vitest' }
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

for (const [index, step] of steps.entries()) {
  if (step.skip) {
    console.log(`\n== ${step.name}: skipped, ${step.skip}`);
    skipped++;
    continue;
  }
  console.log(`\n== ${step.name}`);
  const [cmd, ...args] = step.command;
  const report = path.join(reportDir, `${index}.json`);
  const env: Record<string, string | undefined> = { ...process.env, ...step.env };
  if (step.report === 'vitest') args.push('--reporter=default', '--reporter=json', `--outputFile.json=${report}`);
  // playwright.config.ts adds its JSON reporter when this is set.
  if (step.report === 'playwright') env.PLAYWRIGHT_JSON_OUTPUT_FILE = report;
  const result = spawnSync(cmd!, args, { stdio: 'inherit', env });
  const ok = result.status === 0;
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
fs.rmSync(reportDir, { recursive: true, force: true });
if (failedSteps.length) console.log(`\nfailed: ${failedSteps.join('; ')}`);
console.log(`\ntests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failedSteps.length ? 1 : 0);
