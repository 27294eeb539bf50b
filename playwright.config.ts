/**
 * The browser end-to-end suite (`npm run test:e2e`, and the last step of `npm test`): real
 * Chromium (Debian's, never a downloaded one) with the built extension, the real server on
 * loopback, LinkedIn pages served from captures at their real URLs (test/e2e/fixtures.ts).
 *
 * Specs keep their old `*.e2e.ts` names: the product's docs and comments cite them by name, and
 * vitest.config.ts only includes test/unit, so neither runner picks up the other's files.
 * On failure the test's trace and a screenshot of every open tab are kept under test-results/
 * (docs/testing.md says how to open them).
 */
import { defineConfig } from '@playwright/test';

/** `npm test` sets this to read the counts (scripts/test-all.ts). */
const jsonReport = process.env.PLAYWRIGHT_JSON_OUTPUT_FILE;

export default defineConfig({
  testDir: 'test/e2e',
  testMatch: '**/*.e2e.ts',
  // One browser and one server at a time: two cores cannot run several of each without flaking.
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  globalSetup: './test/e2e/global-setup.ts',
  // A test (with its own fixtures); starting a server and a browser has its own 120 s (fixtures.ts).
  timeout: 60_000,
  outputDir: 'test-results',
  snapshotPathTemplate: '{testDir}/__screenshots__/{testFilePath}/{arg}{ext}',
  expect: {
    timeout: 10_000,
    toHaveScreenshot: {
      // Antialiasing differs by a few pixels between runs; a real change to a panel moves far more.
      maxDiffPixelRatio: 0.01,
      animations: 'disabled',
      caret: 'hide',
      scale: 'css',
    },
  },
  reporter: [['list'], ['html', { open: 'never', outputFolder: 'playwright-report' }], ...(jsonReport ? [['json', { outputFile: jsonReport }] as const] : [])],
  use: {
    // Specs launch Chromium themselves (a persistent context with the extension); these options
    // reach any browser the built-in fixtures would launch.
    launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' },
    headless: true,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
});
