/**
 * One server process for the two-process jobs test (two-processes.test.ts spawns two): what
 * `npm start` runs on PostgreSQL (the HTTP server and pg-boss with every job definition), on the
 * test's schema (TEST_PG_SCHEMA) with pg-boss in its own (JOBS_BOSS_SCHEMA), every schedule set to
 * each minute and the cron checked each second, so a scheduled slot fires within seconds rather
 * than at the definitions' real times. Prints `ready` once serving, and `ran <job> <team>` after
 * each run it made (the test matches them to job_runs); SIGTERM stops it as npm start stops.
 */
import { openDatabase } from '../../../../server/db/connect.ts';
import { readEnv } from '../../../../server/env.ts';
import { startServer } from '../../../../server/index.ts';
import { startBossJobs } from '../../../../server/jobs/engine-pgboss.ts';
import { JOBS, type JobDefinition } from '../../../../server/jobs/definitions.ts';

const env = readEnv({ ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_REQUESTS: '0' });
const db = await openDatabase({ databaseUrl: env.DATABASE_URL, pgSchema: process.env.TEST_PG_SCHEMA, poolSize: 4 });
const server = await startServer(env, db);
const jobs: JobDefinition[] = Object.values(JOBS).map((job) => ({
  ...job,
  cron: '* * * * *',
  async run(ctx) {
    const summary = await job.run(ctx);
    process.stdout.write(`ran ${job.name} ${ctx.teamId ?? 'server'}\n`);
    return summary;
  },
}));
const engine = await startBossJobs(db, env, {
  databaseUrl: env.DATABASE_URL!,
  schema: process.env.JOBS_BOSS_SCHEMA,
  jobs,
  cronMonitorIntervalSeconds: 1,
  pollingIntervalSeconds: 0.5,
  log: (line) => process.stderr.write(`${line}\n`),
});
process.stdout.write(`ready ${server.url}\n`);
process.once('SIGTERM', () => {
  void engine
    .stop()
    .then(() => server.close()) // closes the database too
    .then(() => process.exit(0));
});
