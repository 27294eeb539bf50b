/**
 * `npm test`: every gate in order — types, lint, import cycles, unit and server tests on SQLite, the server
 * suite again on PostgreSQL (when TEST_DATABASE_URL is set; `.ci/run` sets it), and the
 * browser e2e suite in Debian's Chromium (when installed; `.ci/run` installs it). Ends with one "N passed, N failed" line.
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
  /** Vitest steps report test counts through a JSON file; other steps count as one check. */
  vitest?: boolean;
}

const pgUrl = process.env.TEST_DATABASE_URL;
const sqliteEnv = { TEST_DATABASE_URL: '' };

const steps: Step[] = [
  { name: 'typecheck', command: ['npm', 'run', 'typecheck'] },
  { name: 'lint', command: ['npm', 'run', 'lint'] },
  { name: 'import cycles', command: ['npm', 'run', 'check:cycles'] },
  { name: 'unit and server tests on SQLite', command: ['npx', 'vitest', 'run'], env: sqliteEnv, vitest: true },
  pgUrl
    ? { name: 'server tests on PostgreSQL', command: ['npx', 'vitest', 'run', 'test/unit/server'], vitest: true }
    : { name: 'server tests on PostgreSQL', command: [], skip: 'TEST_DATABASE_URL is not set (.ci/run sets it)' },
  fs.existsSync('/usr/bin/chromium')
    ? { name: 'browser end-to-end (Chromium, built extension, real server)', command: ['npx', 'vitest', 'run', '-c', 'vitest.e2e.config.ts'], vitest: true }
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
  if (step.vitest) args.push('--reporter=default', '--reporter=json', `--outputFile.json=${report}`);
  const result = spawnSync(cmd!, args, { stdio: 'inherit', env: { ...process.env, ...step.env } });
  const ok = result.status === 0;
  if (!ok) failedSteps.push(step.name);
  if (step.vitest && fs.existsSync(report)) {
    const counts = JSON.parse(fs.readFileSync(report, 'utf8')) as { numPassedTests: number; numFailedTests: number; numPendingTests: number };
    passed += counts.numPassedTests;
    failed += counts.numFailedTests + (ok || counts.numFailedTests ? 0 : 1);
    skipped += counts.numPendingTests;
  } else if (ok) passed++;
  else failed++;
}
fs.rmSync(reportDir, { recursive: true, force: true });
if (failedSteps.length) console.log(`\nfailed: ${failedSteps.join('; ')}`);
console.log(`\ntests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failedSteps.length ? 1 : 0);
