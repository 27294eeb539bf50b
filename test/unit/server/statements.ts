/**
 * Counts the statements code sends to a database while `run` runs: those through Kysely's
 * executor and those through the direct SQLite path (server/db/execute.ts).
 */
import type { DB } from '../../../server/db/connect.ts';
import { observeDirectStatements } from '../../../server/db/execute.ts';

export async function countStatements(db: DB, run: () => Promise<unknown>): Promise<number> {
  const kysely = db as unknown as { executeQuery: (...args: unknown[]) => Promise<unknown> };
  const original = kysely.executeQuery;
  let count = 0;
  kysely.executeQuery = (...args: unknown[]) => {
    count++;
    return original.apply(db, args);
  };
  const stop = observeDirectStatements((target) => {
    if (target === db) count++;
  });
  try {
    await run();
  } finally {
    kysely.executeQuery = original;
    stop();
  }
  return count;
}
