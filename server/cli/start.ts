/**
 * `npm start`, the server side of the first run: read the environment, open the database
 * (SQLite under DATA_DIR unless DATABASE_URL is set), migrate, seed the demo team when the
 * database has no team at all, listen, and print the URL and the demo tokens.
 *
 * The demo tokens are random for each install. Seeding writes them to `DATA_DIR/demo-tokens.json`
 * (mode 0600; the database keeps only their hashes) and every start prints them from there, so a
 * restart prints the same working tokens (server/seed/demo-tokens.ts). A database that was not
 * seeded here (a real team's) gets no demo team and no demo tokens. On a HOST other than loopback
 * the server refuses to start while any demo token works: the demo team is for one machine.
 *
 * (`npm start` builds the extension with `wxt build` before running this file.)
 *
 * @example
 * $ PORT=0 DATA_DIR=$(mktemp -d) npx tsx server/cli/start.ts
 * Seeding demo data…
 * Seeded the demo team "Northwind Demo" in 2.4 s: 300 accounts, 2,031 contacts, …
 * Server: http://127.0.0.1:41873
 * Demo rep token: shk_…
 */
import { authenticate } from '../auth/users.ts';
import type { OpenedDatabase } from '../db/connect.ts';
import { migrateToLatest, openDatabase } from '../db/connect.ts';
import { readEnv, type ServerEnv } from '../env.ts';
import { startServer } from '../index.ts';
import { startJobs } from '../jobs/start.ts';
import { demoTeamId } from '../admin/demo-tokens.ts';
import { DEMO_SEED, DEMO_TEAM_NAME, seedDemo } from '../seed/demo.ts';
import { DEMO_ROLES, randomDemoTokens, readDemoTokenFile, writeDemoTokenFile } from '../seed/demo-tokens.ts';

const say = (line: string) => process.stdout.write(`${line}\n`);

/**
 * Seeds the demo team into an empty database; a database holding any team is left alone. The
 * token file is written first: the database being empty, any file already there is stale, and a
 * seed that fails leaves an empty database that the next start seeds again, file and all.
 */
export async function seedIfEmpty(db: OpenedDatabase, now: Date, dataDir: string): Promise<boolean> {
  const anyTeam = await db.kysely.selectFrom('teams').select('id').limit(1).executeTakeFirst();
  if (anyTeam) return false;
  say('Seeding demo data…');
  const started = performance.now();
  const tokens = randomDemoTokens();
  writeDemoTokenFile(dataDir, tokens);
  const { counts } = await seedDemo(db.kysely, { seed: DEMO_SEED, now, tokens });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const n = (value: number) => value.toLocaleString('en-US');
  say(
    `Seeded the demo team "${DEMO_TEAM_NAME}" in ${seconds} s: ${n(counts.accounts)} accounts, ${n(counts.contacts)} contacts, ` +
      `${n(counts.deals)} deals, ${n(counts.events)} events, ${n(counts.activities)} activities.`,
  );
  return true;
}

/** The lines naming the demo tokens from the token file, each checked against the database before it is printed. */
export async function demoTokenLines(db: OpenedDatabase, dataDir: string, now: Date): Promise<string[]> {
  const teamId = demoTeamId();
  const team = await db.kysely.selectFrom('teams').select('id').where('id', '=', teamId).executeTakeFirst();
  if (!team) return ['No demo team in this database: issue tokens with `npm run admin -- issue-token --user <email>`.'];
  const file = readDemoTokenFile(dataDir);
  if (!file) return ['Demo tokens: none on file in DATA_DIR; issue new ones with `npm run admin -- issue-demo-tokens`.'];
  const lines: string[] = [];
  for (const role of DEMO_ROLES) {
    const token = file.tokens[role];
    const who = await authenticate(db.kysely, token);
    const works = who && who.teamId === teamId && who.role === role && (!who.expiresAt || Date.parse(who.expiresAt) > now.getTime());
    const label = `Demo ${role} token:`;
    lines.push(works ? `${label} ${token}` : `${label} (revoked, expired or disabled; issue new ones with npm run admin -- issue-demo-tokens)`);
  }
  if (file.looseMode !== null) {
    lines.push(`Warning: ${file.path} can be read by other users (mode ${file.looseMode.toString(8)}); run chmod 600 on it.`);
  }
  return lines;
}

export async function main(env: ServerEnv = readEnv()): Promise<void> {
  const db = await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.DATA_DIR });
  await migrateToLatest(db);
  await seedIfEmpty(db, new Date(), env.DATA_DIR);
  // On a HOST beyond loopback, this refuses while the demo tokens work (exposureRefusal).
  const running = await startServer(env, db);
  say(`Server: ${running.url}`);
  for (const line of await demoTokenLines(db, env.DATA_DIR, new Date())) say(line);
  // The signals are heard from the moment the server serves, not once the jobs have started: on
  // PostgreSQL pg-boss takes a while to start, and a SIGTERM meanwhile must still stop cleanly.
  const jobs = startJobs(db, env, (line) => process.stderr.write(`${line}\n`));
  const stop = () =>
    void jobs
      .then((started) => started.stop(), () => undefined)
      .then(() => running.close())
      .then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  say(`Jobs: ${(await jobs).engine} (npm run jobs -- list)`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((error: unknown) => {
    process.stderr.write(`npm start failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
