/**
 * `npm run intel:refresh [-- --data-dir DIR] [--team ID] [--if-stale]`: the nightly job. Recomputes
 * every account's persisted intelligence (server/briefs/refresh.ts) so the day's briefs are warm,
 * printing progress. Uses DATABASE_URL / DATA_DIR like the server; `--data-dir` picks a SQLite
 * folder (e.g. data/scale). `--if-stale` does nothing when every account already has a snapshot
 * valid for the next hour (the benchmark uses it). Run it shortly after midnight UTC: snapshots
 * expire then (see server/briefs/snapshot.ts).
 *
 * @example
 * $ npm run intel:refresh -- --data-dir data/scale
 * Refreshing account intelligence of team tm_…: 100,000 accounts
 */
import { ACCOUNT_INTEL_VERSION } from '../briefs/account-intel.ts';
import { parseArgs } from 'node:util';
import { refreshAccountIntel } from '../briefs/refresh.ts';
import { migrateToLatest, openDatabase, type OpenedDatabase } from '../db/connect.ts';
import { readEnv } from '../env.ts';

const say = (line: string) => process.stdout.write(`${line}\n`);
const n = (value: number) => value.toLocaleString('en-US');

/** Accounts of the team without a snapshot that is valid at `at` and of this version of the rules. */
export async function staleAccounts(db: OpenedDatabase, teamId: string, at: Date): Promise<number> {
  const row = await db.kysely
    .selectFrom('accounts as a')
    // A snapshot written by another version of the rules is stale too (briefs would recompute every one):
    // the payload is `JSON.stringify` of its core (IntelCore), whose first key is its version.
    .leftJoin('account_intel as ai', (j) =>
      j
        .onRef('ai.team_id', '=', 'a.team_id')
        .onRef('ai.account_id', '=', 'a.id')
        .on('ai.valid_until', '>', at.toISOString())
        .on('ai.payload', 'like', `{"version":${ACCOUNT_INTEL_VERSION},%`),
    )
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('a.team_id', '=', teamId)
    .where('ai.account_id', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Refreshes one team (or every team), printing progress; with `ifStale`, only a team with stale accounts. */
export async function refreshIntel(db: OpenedDatabase, options: { teamId?: string; ifStale?: boolean; now?: Date }): Promise<void> {
  const now = options.now ?? new Date();
  const teams = options.teamId ? [options.teamId] : (await db.kysely.selectFrom('teams').select('id').orderBy('id').execute()).map((t) => t.id);
  for (const teamId of teams) {
    const total = Number((await db.kysely.selectFrom('accounts').select((eb) => eb.fn.countAll<number>().as('n')).where('team_id', '=', teamId).executeTakeFirstOrThrow()).n);
    if (options.ifStale) {
      const stale = await staleAccounts(db, teamId, new Date(now.getTime() + 3_600_000));
      if (stale === 0) {
        say(`Account intelligence of team ${teamId} is warm (${n(total)} accounts): nothing to do.`);
        continue;
      }
      say(`${n(stale)} of ${n(total)} accounts of team ${teamId} have no valid snapshot: refreshing them all (in production the nightly intel:refresh keeps them warm).`);
    } else say(`Refreshing account intelligence of team ${teamId}: ${n(total)} accounts`);
    const started = Date.now();
    let lastPct = -1;
    const result = await refreshAccountIntel(db, teamId, now, {
      onProgress: (done) => {
        const pct = total ? Math.floor((done / total) * 100) : 100;
        if (pct >= lastPct + 10 || done === total) {
          lastPct = pct;
          say(`  ${String(pct).padStart(3)}% · ${n(done)} accounts · ${Math.round((Date.now() - started) / 1000)} s`);
        }
      },
    });
    say(`  done: ${n(result.accounts)} accounts (${n(result.statusChanges)} automatic stage/tier changes) in ${Math.round((Date.now() - started) / 1000)} s`);
  }
}

export async function main(argv: string[] = process.argv.slice(2)): Promise<void> {
  const { values } = parseArgs({ args: argv, options: { 'data-dir': { type: 'string' }, team: { type: 'string' }, 'if-stale': { type: 'boolean', default: false } } });
  const env = readEnv();
  const db = values['data-dir'] ? await openDatabase({ dataDir: values['data-dir'] }) : await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.DATA_DIR });
  try {
    await migrateToLatest(db);
    await refreshIntel(db, { ...(values.team ? { teamId: values.team } : {}), ifStale: values['if-stale'] });
  } finally {
    await db.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((error: unknown) => {
    process.stderr.write(`intel:refresh failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
