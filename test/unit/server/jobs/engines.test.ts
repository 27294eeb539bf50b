/**
 * The job engines: in-process on SQLite (the same cron, once per minute, one run per team and
 * kind at a time) and pg-boss on PostgreSQL (two engines sharing one database, as two server
 * processes do: each scheduled job runs once per schedule; failed runs retried with backoff;
 * queued jobs survive a restart).
 */
import crypto from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { makeHarness, dialectUnderTest, type Harness } from '../harness.ts';
import { readEnv } from '../../../../server/env.ts';
import { cronMatches } from '../../../../server/jobs/cron.ts';
import { startLocalJobs } from '../../../../server/jobs/engine-local.ts';
import { startBossJobs, type BossEngine } from '../../../../server/jobs/engine-pgboss.ts';
import type { JobContext, JobDefinition } from '../../../../server/jobs/definitions.ts';

let h: Harness;
beforeEach(async () => {
  h = await makeHarness();
});
afterEach(() => h.close());

/** A job that counts its runs per team, optionally slow or failing. */
function countingJob(name: string, cron: string, behaviour: { delayMs?: number; fail?: boolean } = {}) {
  const runs: string[] = [];
  const job = {
    name,
    cron,
    description: 'test',
    teams: async () => [h.teamA, h.teamB],
    async run(ctx: JobContext) {
      runs.push(ctx.teamId!);
      if (behaviour.delayMs) await new Promise((r) => setTimeout(r, behaviour.delayMs));
      if (behaviour.fail) throw new Error('the CRM said no');
      return `ran for ${ctx.teamId}`;
    },
  } as unknown as JobDefinition;
  return { job, runs };
}

const env = readEnv({ LOG_REQUESTS: '0' });
const jobRuns = () => h.db.kysely.selectFrom('job_runs').selectAll().orderBy('started_at').execute();

describe('cron expressions', () => {
  it('match the minutes they name, in UTC', () => {
    expect(cronMatches('*/10 * * * *', new Date('2026-11-23T09:20:00Z'))).toBe(true);
    expect(cronMatches('*/10 * * * *', new Date('2026-11-23T09:21:00Z'))).toBe(false);
    expect(cronMatches('30 6-9 * * *', new Date('2026-11-23T08:30:00Z'))).toBe(true);
    expect(cronMatches('30 6-9 * * *', new Date('2026-11-23T10:30:00Z'))).toBe(false);
    expect(cronMatches('45 3 * * 1,3', new Date('2026-11-23T03:45:00Z'))).toBe(true); // a Monday
    expect(() => cronMatches('61 * * * *', new Date())).toThrow(/bad cron field/);
  });
});

describe('the in-process engine (SQLite)', () => {
  it('runs a due job once per minute for each team, and never twice at once for the same team', async () => {
    const { job, runs } = countingJob('crm-writeback', '*/5 * * * *', { delayMs: 50 });
    const engine = startLocalJobs(h.db, env, { jobs: [job], tickMs: 3_600_000 });
    await engine.tick(new Date('2026-11-23T09:05:10Z'));
    await engine.tick(new Date('2026-11-23T09:05:40Z'));
    await engine.tick(new Date('2026-11-23T09:06:00Z'));
    await engine.stop();
    expect(runs).toEqual([h.teamA, h.teamB]);
    expect((await jobRuns()).map((r) => [r.job, r.team_id, r.engine, r.status])).toEqual([
      ['crm-writeback', h.teamA, 'in-process', 'ok'],
      ['crm-writeback', h.teamB, 'in-process', 'ok'],
    ]);
  });

  it('records a failure and runs again on the next schedule', async () => {
    const { job, runs } = countingJob('digest', '0 * * * *', { fail: true });
    const engine = startLocalJobs(h.db, env, { jobs: [job], tickMs: 3_600_000 });
    await engine.tick(new Date('2026-11-23T09:00:00Z'));
    await engine.tick(new Date('2026-11-23T10:00:00Z'));
    await engine.stop();
    expect(runs).toHaveLength(4);
    expect((await jobRuns()).every((r) => r.status === 'failed' && r.error === 'the CRM said no')).toBe(true);
  });
});

describe.skipIf(dialectUnderTest !== 'postgres')('pg-boss (PostgreSQL)', () => {
  const url = process.env.TEST_DATABASE_URL!;
  let schema: string;
  const engines: BossEngine[] = [];
  beforeEach(() => {
    schema = `boss_${crypto.randomBytes(5).toString('hex')}`;
  });
  afterEach(async () => {
    for (const engine of engines.splice(0)) await engine.stop();
    await sql.raw(`drop schema if exists ${schema} cascade`).execute(h.db.kysely);
  });
  const start = async (job: JobDefinition, extra: Parameters<typeof startBossJobs>[2] extends infer O ? Partial<O> : never = {}) => {
    const engine = await startBossJobs(h.db, env, { databaseUrl: url, schema, jobs: [job], pollingIntervalSeconds: 0.5, ...extra });
    engines.push(engine);
    return engine;
  };
  const until = async (check: () => boolean, ms: number) => {
    const end = Date.now() + ms;
    while (!check() && Date.now() < end) await new Promise((r) => setTimeout(r, 200));
  };

  it('two processes sharing the database run a scheduled job once per schedule and team', async () => {
    const { job, runs } = countingJob('crm-sync', '* * * * *');
    // Not started in the last seconds of a minute: pg-boss may then also send the slot that is just
    // ending, and this test counts the runs of exactly one slot (one per team, not one per process).
    while (new Date().getSeconds() > 45 || new Date().getSeconds() < 3) await new Promise((r) => setTimeout(r, 500));
    await start(job, { cronMonitorIntervalSeconds: 1 });
    await start(job, { cronMonitorIntervalSeconds: 1 });
    // The next minute boundary fires the schedule in both processes; pg-boss sends it once.
    await until(() => runs.length >= 2, 75_000);
    await new Promise((r) => setTimeout(r, 4000));
    expect(runs.sort()).toEqual([h.teamA, h.teamB].sort());
    expect((await jobRuns()).map((r) => r.engine)).toEqual(['pg-boss', 'pg-boss']);
  }, 120_000);

  it('runs a team and kind at most once at a time however often it is asked', async () => {
    const { job, runs } = countingJob('crm-writeback', '0 0 1 1 *', { delayMs: 1500 });
    const a = await start(job);
    const b = await start(job);
    await Promise.all([a.trigger('crm-writeback'), b.trigger('crm-writeback')]);
    await until(() => runs.length >= 2, 20_000);
    await Promise.all([a.trigger('crm-writeback'), b.trigger('crm-writeback'), a.boss.send('crm-writeback', { teamId: h.teamA }, { singletonKey: h.teamA })]);
    await new Promise((r) => setTimeout(r, 6000));
    const rows = await jobRuns();
    // Never two overlapping runs of one team.
    for (const team of [h.teamA, h.teamB]) {
      const mine = rows.filter((r) => r.team_id === team).sort((x, y) => x.started_at.localeCompare(y.started_at));
      for (let i = 1; i < mine.length; i += 1) expect(mine[i]!.started_at >= mine[i - 1]!.finished_at!).toBe(true);
    }
    expect(runs.filter((t) => t === h.teamA).length).toBeLessThanOrEqual(3);
  }, 60_000);

  it('retries a failed run with backoff, and a job queued before a restart runs after it', async () => {
    const { job, runs } = countingJob('retention', '0 0 1 1 *', { fail: true });
    const first = await start(job, { retry: { retryLimit: 2, retryDelay: 1, retryBackoff: true } });
    await first.boss.send('retention', { teamId: h.teamA }, { singletonKey: h.teamA, retryLimit: 2, retryDelay: 1, retryBackoff: true });
    await until(() => runs.length >= 3, 30_000);
    expect(runs).toEqual([h.teamA, h.teamA, h.teamA]);
    const failed = (await jobRuns()).filter((r) => r.status === 'failed');
    expect(failed).toHaveLength(3);
    // Backoff: the gaps grow.
    const at = failed.map((r) => Date.parse(r.started_at));
    expect(at[2]! - at[1]!).toBeGreaterThan(at[1]! - at[0]!);

    await engines.splice(0)[0]!.stop();
    const { job: ok, runs: okRuns } = countingJob('retention', '0 0 1 1 *');
    const stopped = await start(ok, { pollingIntervalSeconds: 3600 });
    await stopped.boss.send('retention', { teamId: h.teamB }, { singletonKey: h.teamB });
    await engines.splice(0)[0]!.stop();
    expect(okRuns).toEqual([]);
    await start(ok);
    await until(() => okRuns.length >= 1, 20_000);
    expect(okRuns).toEqual([h.teamB]);
  }, 90_000);
});
