/**
 * Issue 14's acceptance 3: two server processes on PostgreSQL run each scheduled job once per
 * schedule. Two processes (./job-server.ts: the HTTP server and pg-boss with every real job
 * definition, schedules shortened to each minute) share the test's database, with a team connected
 * to a local HubSpot; every job runs for each team it covers exactly as many times as its schedule
 * fired (pg-boss's scheduled sends), never twice for one slot, whichever process ran it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { makeHarness, dialectUnderTest, type Harness } from '../harness.ts';
import { startHubSpot, type HubSpotFake } from '../../../fakes/hubspot.ts';
import { connectCrm } from '../../../../server/crm/connections.ts';
import { KEY, SECRETS_KEY } from '../crm/crm-test-kit.ts';

describe.skipIf(dialectUnderTest !== 'postgres')('two server processes on PostgreSQL', () => {
  let h: Harness;
  let hub: HubSpotFake;
  const bossSchema = `boss_${crypto.randomBytes(5).toString('hex')}`;
  const children: ChildProcess[] = [];

  beforeEach(async () => {
    h = await makeHarness();
    // The CRM's records were edited two minutes ago: past the 30 s a run leaves for search to settle.
    hub = await startHubSpot({ token: 'pat-two-processes-0123456789', now: () => new Date(Date.now() - 120_000) });
    hub.put('companies', { name: 'Acme Two', domain: 'acme-two.test' });
    await connectCrm(h.db.kysely, h.teamA, { provider: 'hubspot', baseUrl: hub.url, token: 'pat-two-processes-0123456789' }, KEY, null, new Date());
  });
  afterEach(async () => {
    for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
    await hub.close();
    await sql.raw(`drop schema if exists ${bossSchema} cascade`).execute(h.db.kysely);
    await h.close();
  });

  function startProcess(): { child: ChildProcess; out: string[]; ready: Promise<void> } {
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/unit/server/jobs/job-server.ts'], {
      env: { ...process.env, DATABASE_URL: process.env.TEST_DATABASE_URL, TEST_PG_SCHEMA: h.db.schema, JOBS_BOSS_SCHEMA: bossSchema, SECRETS_KEY, WORKERS: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(child);
    const out: string[] = [];
    let errors = '';
    child.stderr!.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    const ready = new Promise<void>((resolve, reject) => {
      child.stdout!.on('data', (chunk: Buffer) => {
        out.push(...chunk.toString().split('\n').filter(Boolean));
        if (out.some((l) => l.startsWith('ready '))) resolve();
      });
      child.on('exit', (code) => reject(new Error(`a server process exited with ${code}: ${errors.slice(0, 500)}`)));
    });
    return { child, out, ready };
  }

  const settled = async () => {
    const { rows } = await sql<{ n: string }>`select count(*) as n from ${sql.table(`${bossSchema}.job`)} where state not in ('completed', 'failed', 'cancelled') and name not like '__pgboss%'`.execute(h.db.kysely);
    const running = await h.db.kysely.selectFrom('job_runs').select('id').where('status', '=', 'running').execute();
    return Number(rows[0]!.n) === 0 && running.length === 0;
  };

  it('run each scheduled job once per schedule and team, whichever process takes it', async () => {
    // A minute's slot must not end while the processes start: in its last 15 s, wait for the next one.
    const second = new Date().getUTCSeconds();
    if (second > 45) await new Promise((r) => setTimeout(r, (61 - second) * 1000));
    const firstMinute = Math.floor(Date.now() / 60_000);
    const [a, b] = [startProcess(), startProcess()];
    await Promise.all([a.ready, b.ready]);

    // crm-sync and crm-writeback for the connected team; intel-refresh and digest for both; retention once.
    const expected = [`crm-sync ${h.teamA}`, `crm-writeback ${h.teamA}`, `intel-refresh ${h.teamA}`, `intel-refresh ${h.teamB}`, `digest ${h.teamA}`, `digest ${h.teamB}`, 'retention server'];
    const ran = () => [...a.out, ...b.out].filter((l) => l.startsWith('ran ')).map((l) => l.slice(4));
    const end = Date.now() + 25_000;
    while (Date.now() < end && !(expected.every((e) => ran().includes(e)) && (await settled()))) await new Promise((r) => setTimeout(r, 250));
    // Another second for a duplicate, were there one, to show itself.
    await new Promise((r) => setTimeout(r, 1500));
    while (Date.now() < end && !(await settled())) await new Promise((r) => setTimeout(r, 250));

    const { rows: ticks } = await sql<{ name: string; n: string }>`select name, count(*) as n from ${sql.table(`${bossSchema}.job`)} where name like '%.tick' and state = 'completed' group by name`.execute(
      h.db.kysely,
    );
    const slots = new Map(ticks.map((t) => [t.name.replace(/\.tick$/, ''), Number(t.n)]));
    // A schedule of each minute fires at most once a minute, whichever process checks it.
    const minutes = Math.floor(Date.now() / 60_000) - firstMinute + 1;
    for (const [job, n] of slots) expect(n, `${job} slots`).toBeLessThanOrEqual(minutes);
    const runs = await h.db.kysely.selectFrom('job_runs').select(['job', 'team_id', 'engine', 'status']).execute();
    for (const entry of expected) {
      const [job, team] = entry.split(' ') as [string, string];
      const mine = runs.filter((r) => r.job === job && (r.team_id ?? 'server') === team);
      // At least one slot fired, and there is exactly one run per slot (pg-boss sent the schedule once per minute).
      expect(slots.get(job) ?? 0, job).toBeGreaterThanOrEqual(1);
      expect(mine.length, entry).toBe(slots.get(job));
      expect(ran().filter((r) => r === entry).length, entry).toBe(mine.length);
    }
    expect(runs.every((r) => r.engine === 'pg-boss' && r.status === 'ok')).toBe(true);
    // The CRM's company is imported once: never twice, and not skipped (a sync whose slot starts
    // while the minute's write-back holds the connection's lease waits for it, server/crm/sync.ts).
    expect((await h.db.kysely.selectFrom('accounts').select('name').where('team_id', '=', h.teamA).where('name', '=', 'Acme Two').execute()).length).toBe(1);

    for (const p of [a, b]) p.child.kill('SIGTERM');
    await Promise.all([a, b].map((p) => new Promise((r) => (p.child.exitCode !== null ? r(null) : p.child.once('exit', r)))));
  }, 60_000);
});
