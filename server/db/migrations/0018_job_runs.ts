/**
 * Job runs (issue 14): one row per run of a job definition (server/jobs/definitions.ts) for a
 * team or for the whole server, whichever engine ran it (pg-boss on PostgreSQL, in-process on
 * SQLite, or `npm run jobs -- run`), so `npm run jobs -- list` shows last runs and failures the
 * same way on both dialects.
 */
import type { Kysely, Migration } from 'kysely';

export function jobRuns(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('job_runs')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('job', 'text', (c) => c.notNull())
        .addColumn('team_id', 'text')
        /** `pg-boss`, `in-process` or `cli`. */
        .addColumn('engine', 'text', (c) => c.notNull())
        .addColumn('started_at', 'text', (c) => c.notNull())
        .addColumn('finished_at', 'text')
        /** `running`, `ok` or `failed`. */
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('summary', 'text')
        .addColumn('error', 'text')
        .execute();
      await db.schema.createIndex('job_runs_job').on('job_runs').columns(['job', 'started_at']).execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('job_runs').execute();
    },
  };
}
