/**
 * Every background job, defined once: its name, its schedule (cron, UTC), whether it runs per team
 * (and for which teams), and what a run does. The engines (pg-boss on PostgreSQL, in-process on
 * SQLite: ./engine-*.ts) and `npm run jobs -- run` all run these same definitions. A run that throws
 * is a failure: recorded in job_runs and, under pg-boss, retried with backoff.
 */
import type { OpenedDatabase } from '../db/connect.ts';
import type { ServerEnv } from '../env.ts';
import { syncCrm, type SyncOptions } from '../crm/sync.ts';
import { secretsKey } from '../crm/secrets.ts';
import { PROVIDERS } from '../crm/connections.ts';
import { refreshAccountIntel } from '../briefs/refresh.ts';
import { sendDigests } from '../digest/send.ts';
import { prebuildDigests } from '../digest/prebuild.ts';
import { smtpMailer } from '../digest/email-transport.ts';

export interface JobContext {
  db: OpenedDatabase;
  env: ServerEnv;
  now: Date;
  teamId: string | null;
  /** Test hooks for the CRM calls (fast sleeps); production leaves them unset. */
  crm?: Pick<SyncOptions, 'callEnv' | 'pacing'>;
}

export interface JobDefinition {
  name: JobName;
  /** Five-field cron, UTC. */
  cron: string;
  description: string;
  /** The teams a scheduled run covers, one run each; null: one run for the whole server. */
  teams: ((db: OpenedDatabase) => Promise<string[]>) | null;
  /** Does the work; answers a one-line summary (counts, never personal data), throws on failure. */
  run(ctx: JobContext): Promise<string>;
}

export const JOB_NAMES = ['crm-sync', 'crm-writeback', 'intel-refresh', 'digest', 'retention'] as const;
export type JobName = (typeof JOB_NAMES)[number];

const connectedTeams = async (db: OpenedDatabase) =>
  (await db.kysely.selectFrom('crm_connections').select('team_id').distinct().where('state', '!=', 'disconnected').orderBy('team_id').execute()).map((r) => r.team_id);
const allTeams = async (db: OpenedDatabase) => (await db.kysely.selectFrom('teams').select('id').orderBy('id').execute()).map((r) => r.id);

/** Runs the team's CRM connections (pull and push, or push only) and fails when any run failed. */
async function crmRun(ctx: JobContext, parts: SyncOptions['parts']): Promise<string> {
  if (!ctx.teamId) throw new Error('a CRM job runs for one team (--team <id>)');
  const key = secretsKey(ctx.env);
  const lines: string[] = [];
  const failures: string[] = [];
  for (const provider of PROVIDERS) {
    const result = await syncCrm(ctx.db.kysely, { teamId: ctx.teamId, provider, key, now: ctx.now, parts, ...ctx.crm });
    if (result.status === 'not-connected') continue;
    const o = result.tally.objects;
    const counts = (t: typeof o.account) => `${t.created} new, ${t.updated} changed, ${t.rejected} refused`;
    lines.push(
      `${provider} ${result.status}: accounts ${counts(o.account)}; contacts ${counts(o.contact)}; deals ${counts(o.deal)}; ${result.tally.deleted} deleted; ` +
        `${result.tally.written} activities written, ${result.tally.writeFailures} refused` +
        (result.tally.contactsCreated ? `; ${result.tally.contactsCreated} contacts added` : ''),
    );
    if (result.status === 'failed') failures.push(`${provider}: ${result.error}`);
  }
  if (failures.length) throw new Error(failures.join('; '));
  return lines.join(' | ') || 'no CRM connected';
}

const RETENTION_DAYS = 90;

export const JOBS: Record<JobName, JobDefinition> = {
  'crm-sync': {
    name: 'crm-sync',
    cron: '*/10 * * * *',
    description: 'pull from each connected CRM and write logged activities back',
    teams: connectedTeams,
    run: (ctx) => crmRun(ctx, { pull: true, push: true }),
  },
  'crm-writeback': {
    name: 'crm-writeback',
    cron: '* * * * *',
    description: 'write logged activities to the CRM between syncs',
    teams: connectedTeams,
    run: (ctx) => crmRun(ctx, { pull: false, push: true }),
  },
  'intel-refresh': {
    name: 'intel-refresh',
    cron: '15 2 * * *',
    description: 'recompute every account intelligence snapshot',
    teams: allTeams,
    async run(ctx) {
      if (!ctx.teamId) throw new Error('intel-refresh runs for one team (--team <id>)');
      const result = await refreshAccountIntel(ctx.db, ctx.teamId, ctx.now);
      return `${result.accounts} accounts, ${result.statusChanges} automatic stage/tier changes`;
    },
  },
  digest: {
    name: 'digest',
    cron: '30 6-9 * * *',
    description: "build each rep's digest for today, and email it when SMTP is set (retried hourly through the morning)",
    teams: allTeams,
    async run(ctx) {
      // Built first, mail or no mail: a rep's first request of the day then reads a stored digest.
      const built = await prebuildDigests(ctx.db, { now: ctx.now, ...(ctx.teamId ? { teamId: ctx.teamId } : {}) });
      const ready = `${built.ready} digests ready`;
      if (built.failed.length) throw new Error(`${ready}, ${built.failed.length} failed: ${built.failed[0]!.error}`);
      if (!ctx.env.SMTP_URL || !ctx.env.DIGEST_FROM) return `${ready}; SMTP_URL is not set: no digest emails to send`;
      const smtp = smtpMailer(ctx.env.SMTP_URL);
      try {
        const report = await sendDigests(ctx.db, smtp.mailer, { from: ctx.env.DIGEST_FROM, now: ctx.now, ...(ctx.teamId ? { teamId: ctx.teamId } : {}) });
        const summary = `${ready}; sent ${report.sent.length}, already sent ${report.alreadySent}, in progress elsewhere ${report.inProgress}, failed ${report.failed.length}`;
        if (report.failed.length) throw new Error(summary);
        return summary;
      } finally {
        smtp.close();
      }
    },
  },
  retention: {
    name: 'retention',
    cron: '45 3 * * *',
    description: `forget finished CRM write-backs and job runs older than ${RETENTION_DAYS} days`,
    teams: null,
    async run(ctx) {
      const before = new Date(ctx.now.getTime() - RETENTION_DAYS * 86_400_000).toISOString();
      const writes = await ctx.db.kysely.deleteFrom('crm_writes').where('state', 'in', ['sent', 'skipped']).where('updated_at', '<', before).executeTakeFirst();
      const runs = await ctx.db.kysely.deleteFrom('job_runs').where('started_at', '<', before).where('status', '!=', 'running').executeTakeFirst();
      return `${Number(writes.numDeletedRows)} write-backs and ${Number(runs.numDeletedRows)} job runs forgotten`;
    },
  },
};

export const isJobName = (name: string): name is JobName => (JOB_NAMES as readonly string[]).includes(name);
