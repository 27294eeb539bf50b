import { vi } from 'vitest';

/**
 * `vi.waitFor` with a wait a loaded machine keeps. Its default second ran out in CI (two cores,
 * the type checker and the PostgreSQL suite beside) while the code under test was only slow, not
 * wrong; a real failure still fails, ten seconds later.
 */
export function waitFor<T>(check: () => T | Promise<T>, timeout = 10_000): Promise<T> {
  return vi.waitFor(check, { timeout, interval: 20 });
}
