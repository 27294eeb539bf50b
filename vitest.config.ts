import { defineConfig } from 'vitest/config';
import { PREACT_ALIASES } from './preact-alias.ts';

// Unit and server tests only; Playwright specs in test/e2e run with their own runner.
export default defineConfig({
  // What the extension ships with: React's API on Preact (preact-alias.ts).
  resolve: { alias: PREACT_ALIASES },
  test: {
    include: ['test/unit/**/*.test.ts', 'test/unit/**/*.test.tsx'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
