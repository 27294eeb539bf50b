/**
 * Running one job for one team (or the server) and recording it in job_runs: a row when it
 * starts, its summary or error when it ends. Errors are kept to their message (no stacks, no
 * secrets: the CRM's messages name codes and record ids).
 */
import { newId } from '../auth/users.ts';
import type { JobRunsTable } from '../db/schema.ts';
import type { JobContext, JobDefinition } from './definitions.ts';

export interface RunOutcome {
  status: 'ok' | 'failed';
  summary?: string;
  error?: string;
}

export async function runRecorded(job: JobDefinition, ctx: JobContext, engine: JobRunsTable['engine']): Promise<RunOutcome> {
  const id = newId('run');
  const db = ctx.db.kysely;
  await db.insertInto('job_runs').values({ id, job: job.name, team_id: ctx.teamId, engine, started_at: new Date().toISOString(), finished_at: null, status: 'running', summary: null, error: null }).execute();
  try {
    const summary = await job.run(ctx);
    await db.updateTable('job_runs').set({ status: 'ok', summary: summary.slice(0, 2000), finished_at: new Date().toISOString() }).where('id', '=', id).execute();
    return { status: 'ok', summary };
  } catch (caught) {
    const error = (caught instanceof Error ? caught.message : String(caught)).slice(0, 2000);
    await db.updateTable('job_runs').set({ status: 'failed', error, finished_at: new Date().toISOString() }).where('id', '=', id).execute();
    return { status: 'failed', error };
  }
}
