/**
 * The job engine on PostgreSQL: pg-boss, in its own schema of the same database. Each definition
 * has two queues: `<name>.tick`, scheduled by cron (pg-boss sends a scheduled job once per slot,
 * however many processes run it), whose handler sends one `<name>` job per team with the team as
 * its singleton key; and `<name>` itself with the `stately` policy, so per team and kind at most one
 * job is queued and one running, across every process and machine. A failed run throws and is
 * retried with exponential backoff; jobs live in the database, so they survive restarts.
 */
import PgBoss from 'pg-boss';
import pg from 'pg';
import type { OpenedDatabase } from '../db/connect.ts';
import type { ServerEnv } from '../env.ts';
import { JOBS, type JobContext, type JobDefinition } from './definitions.ts';
import { runRecorded } from './runs.ts';

export interface BossEngine {
  boss: PgBoss;
  /** Sends a tick now, as the schedule would (tests; `jobs run` does not need the engine). */
  trigger(name: string): Promise<void>;
  stop(): Promise<void>;
}

export interface BossOptions {
  databaseUrl: string;
  /** pg-boss's schema (default `pgboss`). */
  schema?: string;
  jobs?: JobDefinition[];
  crm?: JobContext['crm'];
  log?: (line: string) => void;
  /** Seconds between polls for work (default 2). */
  pollingIntervalSeconds?: number;
  /** How often a process checks the cron schedules (pg-boss's default 30 s; one process per interval does). */
  cronMonitorIntervalSeconds?: number;
  retry?: typeof RETRY;
}

export const RETRY = { retryLimit: 4, retryDelay: 30, retryBackoff: true };

/** Runs `work` while holding a session advisory lock named `name` on its own connection. */
async function oneAtATime<T>(databaseUrl: string, name: string, work: () => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: databaseUrl, application_name: 'signalhouse-jobs-setup' });
  await client.connect();
  try {
    await client.query('select pg_advisory_lock(hashtext($1))', [name]);
    return await work();
  } finally {
    // Ending the session releases the lock, whatever happened.
    await client.end();
  }
}

export async function startBossJobs(db: OpenedDatabase, env: ServerEnv, options: BossOptions): Promise<BossEngine> {
  const jobs = options.jobs ?? Object.values(JOBS);
  const log = options.log ?? (() => {});
  const boss = new PgBoss({
    connectionString: options.databaseUrl,
    schema: options.schema ?? 'pgboss',
    max: 4,
    application_name: 'signalhouse-jobs',
    ...(options.cronMonitorIntervalSeconds ? { cronMonitorIntervalSeconds: options.cronMonitorIntervalSeconds, cronWorkerIntervalSeconds: options.cronMonitorIntervalSeconds } : {}),
  });
  const retry = options.retry ?? RETRY;
  // pg-boss reports its own errors (a lost connection) here; it reconnects by itself.
  boss.on('error', (error: Error) => log(`pg-boss: ${error.message}`));
  const polling = { pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2 };
  // Processes starting together (two `npm start` at once, a deploy) create the same queues: pg-boss's
  // queue DDL then deadlocks in PostgreSQL and one process dies (two-processes.test.ts found it), so
  // the setup runs one process at a time under an advisory lock on the pg-boss schema.
  await oneAtATime(options.databaseUrl, `signalhouse-jobs:${options.schema ?? 'pgboss'}`, async () => {
    await boss.start();
    for (const job of jobs) {
      const tick = `${job.name}.tick`;
      await boss.createQueue(job.name, { name: job.name, policy: 'stately', ...retry, expireInMinutes: 60 });
      await boss.createQueue(tick, { name: tick, policy: 'stately', retryLimit: 2 });
      await boss.schedule(tick, job.cron, {}, { tz: 'UTC' });
    }
  });
  for (const job of jobs) {
    const tick = `${job.name}.tick`;
    await boss.work(tick, polling, async () => {
      const teams = job.teams ? await job.teams(db) : [null];
      for (const teamId of teams) await boss.send(job.name, { teamId }, { singletonKey: teamId ?? 'server', ...retry });
    });
    await boss.work<{ teamId: string | null }>(job.name, polling, async ([item]) => {
      if (!item) return;
      const outcome = await runRecorded(job, { db, env, now: new Date(), teamId: item.data.teamId, ...(options.crm ? { crm: options.crm } : {}) }, 'pg-boss');
      // Thrown, so pg-boss retries with backoff; recorded already.
      if (outcome.status === 'failed') throw new Error(outcome.error);
    });
  }
  return {
    boss,
    async trigger(name) {
      await boss.send(`${name}.tick`, {}, { singletonKey: 'manual' });
    },
    async stop() {
      await boss.stop({ graceful: true, wait: true, timeout: 30_000 });
    },
  };
}
