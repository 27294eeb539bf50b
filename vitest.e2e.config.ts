/**
 * Vitest config for the browser end-to-end specs (`npm run test:e2e`): real Chromium with the
 * built extension and the real server on loopback. Kept apart from vitest.config.ts so
 * `npm test` and `npm run check` never start a browser.
 */
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.ts'],
    // One browser and one server at a time: two cores cannot run several of each without flaking.
    fileParallelism: false,
    globalSetup: ['test/e2e/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
