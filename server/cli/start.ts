/**
 * `npm start`, the server side of the first run: read the environment, open the database
 * (SQLite under DATA_DIR unless DATABASE_URL is set), migrate, seed the demo team when the
 * database has no team at all, listen, and print the URL and the demo tokens.
 *
 * The demo tokens are derived from the demo seed (see server/seed/demo-tokens.ts), so every
 * start prints the same valid tokens without the plaintext ever being stored. A database that
 * was not seeded here (a real team's) gets no demo team and no demo tokens.
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
import { DEMO_SEED, DEMO_TEAM_NAME, demoIdentity, seedDemo } from '../seed/demo.ts';
import { DEMO_ROLES, demoToken } from '../seed/demo-tokens.ts';

const say = (line: string) => process.stdout.write(`${line}\n`);
const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|localhost)$/;

/** Seeds the demo team into an empty database; a database holding any team is left alone. */
export async function seedIfEmpty(db: OpenedDatabase, now: Date): Promise<boolean> {
  const anyTeam = await db.kysely.selectFrom('teams').select('id').limit(1).executeTakeFirst();
  if (anyTeam) return false;
  say('Seeding demo data…');
  const started = performance.now();
  const { counts } = await seedDemo(db.kysely, { seed: DEMO_SEED, now });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const n = (value: number) => value.toLocaleString('en-US');
  say(
    `Seeded the demo team "${DEMO_TEAM_NAME}" in ${seconds} s: ${n(counts.accounts)} accounts, ${n(counts.contacts)} contacts, ` +
      `${n(counts.deals)} deals, ${n(counts.events)} events, ${n(counts.activities)} activities.`,
  );
  return true;
}

/** The lines naming the demo tokens, each checked against the database before it is printed. */
export async function demoTokenLines(db: OpenedDatabase): Promise<string[]> {
  const { teamId } = demoIdentity(DEMO_SEED);
  const team = await db.kysely.selectFrom('teams').select('id').where('id', '=', teamId).executeTakeFirst();
  if (!team) return ['No demo team in this database: issue tokens with `npm run admin -- issue-token --user <email>`.'];
  const lines: string[] = [];
  for (const role of DEMO_ROLES) {
    const token = demoToken(DEMO_SEED, role);
    const who = await authenticate(db.kysely, token);
    const label = `Demo ${role} token:`;
    lines.push(who && who.teamId === teamId && who.role === role ? `${label} ${token}` : `${label} (revoked or disabled; issue a new one with npm run admin)`);
  }
  return lines;
}

export async function main(env: ServerEnv = readEnv()): Promise<void> {
  const db = await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.DATA_DIR });
  await migrateToLatest(db);
  await seedIfEmpty(db, new Date());
  const running = await startServer(env, db);
  say(`Server: ${running.url}`);
  const lines = await demoTokenLines(db);
  for (const line of lines) say(line);
  if (!LOOPBACK.test(env.HOST) && lines.some((l) => l.includes('shk_'))) {
    // The demo tokens can be computed by anyone who has this repository.
    say(`Warning: listening on ${env.HOST} with the demo tokens active. Revoke them (npm run admin) before anyone else can reach this server.`);
  }
  const stop = () => void running.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((error: unknown) => {
    process.stderr.write(`npm start failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
