/**
 * `npm run jobs -- <command>`: the background jobs by hand.
 *
 *   list                          each job's schedule, last run and last failure
 *   run <name> [--team <id>]      run one now (for one team, or for each team it covers)
 *
 * Runs are recorded like scheduled ones (engine `cli`). Exit 1 when a run failed, 2 on a mistake.
 *
 * @example npm run jobs -- run crm-sync --team team_3fa9
 */
import { parseArgs } from 'node:util';
import { migrateToLatest, openDatabase, type OpenedDatabase } from '../db/connect.ts';
import { readEnv } from '../env.ts';
import { isJobName, JOB_NAMES, JOBS, type JobContext } from '../jobs/definitions.ts';
import { runRecorded } from '../jobs/runs.ts';

export interface JobsIO {
  out(line: string): void;
  err(line: string): void;
}

const HELP = `Usage: npm run jobs -- <command>

  list
  run <${JOB_NAMES.join('|')}> [--team <id>]

npm start runs every job on its schedule (pg-boss with DATABASE_URL, in-process on SQLite).`;

export async function runJobsCli(
  argv: string[],
  options: { env?: NodeJS.ProcessEnv; io?: JobsIO; db?: OpenedDatabase; now?: () => Date; crm?: JobContext['crm'] } = {},
): Promise<number> {
  const io = options.io ?? { out: (l) => console.log(l), err: (l) => console.error(l) };
  const [command, ...rest] = argv;
  let parsed;
  try {
    parsed = parseArgs({ args: rest, options: { team: { type: 'string' } }, allowPositionals: true, strict: true });
  } catch (error) {
    io.err(`${(error as Error).message}\n${HELP}`);
    return 2;
  }
  if (command !== 'list' && command !== 'run') {
    io[command ? 'err' : 'out'](HELP);
    return command ? 2 : 0;
  }
  const name = parsed.positionals[0];
  if (command === 'run' && (!name || !isJobName(name) || parsed.positionals.length !== 1)) {
    io.err(`run: name one of ${JOB_NAMES.join(', ')}\n${HELP}`);
    return 2;
  }
  const env = readEnv(options.env ?? process.env);
  let db = options.db;
  try {
    if (!db) {
      // No memory map: a CRM sync writes all over the file, and each mapped page it touched would
      // stay in this process's resident set (1M contacts: ~1 GB; bench:crm, docs/benchmarks.md).
      db = await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.DATA_DIR, sqliteMmap: false });
      await migrateToLatest(db);
    }
    if (command === 'list') return await list(db, io);
    const job = JOBS[name as keyof typeof JOBS];
    const teamId = parsed.values.team;
    if (teamId && !(await db.kysely.selectFrom('teams').select('id').where('id', '=', teamId).executeTakeFirst())) {
      io.err(`run: no team with id ${teamId}`);
      return 1;
    }
    const teams = teamId ? [teamId] : job.teams ? await job.teams(db) : [null];
    let failed = 0;
    for (const team of teams) {
      const now = options.now?.() ?? new Date();
      const outcome = await runRecorded(job, { db, env, now, teamId: team, ...(options.crm ? { crm: options.crm } : {}) }, 'cli');
      const who = team ? ` (team ${team})` : '';
      if (outcome.status === 'ok') io.out(`${job.name}${who}: ${outcome.summary}`);
      else {
        failed += 1;
        io.err(`${job.name}${who} failed: ${outcome.error}`);
      }
    }
    if (teams.length === 0) io.out(`${job.name}: no team to run it for`);
    return failed ? 1 : 0;
  } catch (error) {
    io.err(`jobs ${command} failed: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  } finally {
    if (db && !options.db) await db.close();
  }
}

async function list(db: OpenedDatabase, io: JobsIO): Promise<number> {
  const rows: string[][] = [];
  for (const job of Object.values(JOBS)) {
    const last = await db.kysely.selectFrom('job_runs').selectAll().where('job', '=', job.name).orderBy('started_at', 'desc').limit(1).executeTakeFirst();
    const failure = await db.kysely.selectFrom('job_runs').selectAll().where('job', '=', job.name).where('status', '=', 'failed').orderBy('started_at', 'desc').limit(1).executeTakeFirst();
    rows.push([
      job.name,
      job.cron,
      job.teams ? 'per team' : 'server',
      last ? `${last.started_at} ${last.status}${last.team_id ? ` (${last.team_id})` : ''}` : 'never',
      failure ? `${failure.started_at}${failure.team_id ? ` (${failure.team_id})` : ''}: ${failure.error ?? ''}` : '',
    ]);
  }
  const headers = ['job', 'schedule (UTC)', 'runs', 'last run', 'last failure'];
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  for (const line of [headers, ...rows]) io.out(line.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd());
  return 0;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.exitCode = await runJobsCli(process.argv.slice(2));
}
