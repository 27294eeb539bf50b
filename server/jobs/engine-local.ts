/**
 * The in-process job engine, for SQLite: the same definitions on the same schedules, checked every
 * `tickMs` against the current UTC minute. A job already running for a team is not started again
 * for it (the CRM runs also hold their connection's lease in the database). Runs are not retried
 * here: the next schedule is the retry, as the CRM cursors and the digest deliveries make every
 * run resumable. One process runs them: `npm start` (WORKERS=1 on SQLite, or set JOBS=0 elsewhere).
 */
import type { OpenedDatabase } from '../db/connect.ts';
import type { ServerEnv } from '../env.ts';
import { cronMatches } from './cron.ts';
import { JOBS, type JobContext, type JobDefinition } from './definitions.ts';
import { runRecorded } from './runs.ts';

export interface LocalEngine {
  /** Runs what is due in the minute of `at` (once per minute, however often it is called); resolves when they end. */
  tick(at: Date): Promise<void>;
  stop(): Promise<void>;
}

export function startLocalJobs(db: OpenedDatabase, env: ServerEnv, options: { tickMs?: number; now?: () => Date; jobs?: JobDefinition[]; crm?: JobContext['crm']; log?: (line: string) => void } = {}): LocalEngine {
  const jobs = options.jobs ?? Object.values(JOBS);
  const now = options.now ?? (() => new Date());
  const running = new Set<string>();
  const inFlight = new Set<Promise<void>>();
  let lastMinute = -1;
  const log = options.log ?? (() => {});

  const runOne = async (job: JobDefinition, teamId: string | null, at: Date) => {
    const key = `${job.name}:${teamId ?? ''}`;
    if (running.has(key)) return;
    running.add(key);
    try {
      const outcome = await runRecorded(job, { db, env, now: at, teamId, ...(options.crm ? { crm: options.crm } : {}) }, 'in-process');
      if (outcome.status === 'failed') log(`job ${job.name}${teamId ? ` (team ${teamId})` : ''} failed: ${outcome.error}`);
    } finally {
      running.delete(key);
    }
  };

  const engine: LocalEngine = {
    async tick(at) {
      const minute = Math.floor(at.getTime() / 60_000);
      if (minute === lastMinute) return;
      lastMinute = minute;
      const slot = new Date(minute * 60_000);
      const started: Promise<void>[] = [];
      for (const job of jobs) {
        if (!cronMatches(job.cron, slot)) continue;
        const teams = job.teams ? await job.teams(db) : [null];
        const work = (async () => {
          for (const teamId of teams) await runOne(job, teamId, at);
        })();
        inFlight.add(work);
        started.push(work.finally(() => inFlight.delete(work)));
      }
      // Resolves when this minute's runs end; the timer does not wait for it (a later minute may start others).
      await Promise.all(started);
    },
    async stop() {
      clearInterval(timer);
      await Promise.allSettled([...inFlight]);
    },
  };
  const timer = setInterval(() => void engine.tick(now()).catch((e: unknown) => log(`jobs: ${String(e)}`)), options.tickMs ?? 20_000);
  timer.unref();
  return engine;
}
