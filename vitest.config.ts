import { defineConfig } from 'vitest/config';

// Unit and server tests only; Playwright specs in test/e2e run with their own runner.
export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts', 'test/unit/**/*.test.tsx'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
