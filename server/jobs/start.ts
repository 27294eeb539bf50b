/**
 * Starting the jobs with the server (`npm start`): pg-boss when DATABASE_URL is set, the
 * in-process engine on SQLite; none with JOBS=0 (a machine that only serves requests).
 */
import type { OpenedDatabase } from '../db/connect.ts';
import type { ServerEnv } from '../env.ts';
import { startBossJobs } from './engine-pgboss.ts';
import { startLocalJobs } from './engine-local.ts';

export async function startJobs(db: OpenedDatabase, env: ServerEnv, log: (line: string) => void): Promise<{ engine: string; stop(): Promise<void> }> {
  if (env.JOBS === '0') return { engine: 'none (JOBS=0)', stop: async () => {} };
  if (env.DATABASE_URL) {
    const engine = await startBossJobs(db, env, { databaseUrl: env.DATABASE_URL, log });
    return { engine: 'pg-boss', stop: () => engine.stop() };
  }
  const engine = startLocalJobs(db, env, { log });
  return { engine: 'in-process', stop: () => engine.stop() };
}
