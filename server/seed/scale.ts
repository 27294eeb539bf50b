/**
 * The scale data set for benchmarks: a "Scale Benchmark" team with 100k accounts, 1M contacts,
 * 10M events and 1M activities (deals, technologies and history in proportion), in minutes on
 * two cores. SQLite only: this bulk path bypasses Kysely and binds better-sqlite3 prepared
 * statements inside large transactions, with `synchronous=OFF` while it loads (a crash mid-load
 * leaves a half-loaded benchmark database, never a team's real data at risk).
 *
 * The schema comes from the normal migration first. The big tables' secondary indexes are then
 * dropped and rebuilt after the load: measured at 30k accounts on two cores, 53 s instead of
 * 85 s with the indexes kept (a sorted build beats a million random B-tree inserts). Their SQL is
 * written beside the database first, so a load killed half-way gets them back on the next run.
 *
 * @example
 * const result = await seedScale({ file: 'data/signalhouse.db', accounts: 100_000, now: new Date() });
 * console.log(`Scale rep token: ${result.token}`);
 */
import fs from 'node:fs';
import SQLite from 'better-sqlite3';
import { displayPrefix, generateToken, hashToken } from '../auth/tokens.ts';
import { migrateToLatest, openSqlite } from '../db/connect.ts';
import { linkedInUrlOf } from '../identity/normalize.ts';
import { createRng } from './prng.ts';
import { SCALE_COLUMNS, SCALE_SHAPE, emitScaleAccount, type ScaleContext, type ScaleTable } from './scale-rows.ts';

export const SCALE_TEAM_ID = 'team_scale';
export const SCALE_TEAM_NAME = 'Scale Benchmark';
const SCALE_REP_ID = 'usr_scale_rep_01';
const REPS = 500;
const ACCOUNTS_PER_TRANSACTION = 2_000;

export interface ScaleOptions {
  /** The SQLite file (created and migrated when missing). */
  file: string;
  accounts: number;
  now: Date;
  seed?: number;
  /** How many contacts the manifest samples for the benchmark. */
  sampleSize?: number;
  onProgress?(progress: ScaleProgress): void;
}

export interface ScaleProgress {
  accountsDone: number;
  accountsTotal: number;
  counts: Record<ScaleTable, number>;
  elapsedMs: number;
}

export interface ScaleSample {
  contactIds: string[];
  linkedinUrls: string[];
  emails: string[];
}

export interface ScaleResult {
  teamId: string;
  userId: string;
  /** A fresh rep token: random, shown once (and written to the manifest by the CLI). */
  token: string;
  counts: Record<ScaleTable, number>;
  sample: ScaleSample;
  /** True when the team was already there and only a new token was issued. */
  alreadyLoaded: boolean;
  elapsedMs: number;
}

export async function seedScale(options: ScaleOptions): Promise<ScaleResult> {
  const started = performance.now();
  const migrated = openSqlite(options.file);
  await migrateToLatest(migrated);
  await migrated.close();

  const db = new SQLite(options.file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = OFF');
    // Rows are consistent by construction; checking each reference would cost a lookup per row.
    db.pragma('foreign_keys = OFF');
    db.pragma('cache_size = -1048576'); // 1 GiB: the indexes being built stay in memory
    db.pragma('temp_store = MEMORY');
    restoreIndexes(db, options.file);
    const at = options.now.toISOString();
    const loaded = db.prepare('select 1 from teams where id = ?').get(SCALE_TEAM_ID) !== undefined;
    let counts: Record<ScaleTable, number>;
    let sample: ScaleSample;
    if (loaded) {
      counts = countRows(db);
      sample = sampleFromDatabase(db, options.sampleSize ?? 10_000);
    } else {
      if (db.prepare('select 1 from accounts where team_id = ? limit 1').get(SCALE_TEAM_ID) !== undefined) {
        throw new Error('a previous scale load stopped half-way; run it again with --fresh');
      }
      dropSecondaryIndexes(db, options.file);
      try {
        ({ counts, sample } = loadRows(db, options, started));
      } finally {
        restoreIndexes(db, options.file);
      }
      // The team row goes in last: its presence says the load finished.
      createTeam(db, at);
      db.pragma('analysis_limit = 1000');
      db.exec('analyze');
    }
    const token = generateToken();
    db.prepare('insert into api_tokens (id, team_id, user_id, prefix, hash, label, scope, created_at) values (?, ?, ?, ?, ?, ?, ?, ?)').run(
      `tok_scale_${Date.now().toString(36)}`, SCALE_TEAM_ID, SCALE_REP_ID, displayPrefix(token), hashToken(token), 'scale benchmark', 'user', at,
    );
    db.pragma('wal_checkpoint(TRUNCATE)');
    return { teamId: SCALE_TEAM_ID, userId: SCALE_REP_ID, token, counts, sample, alreadyLoaded: loaded, elapsedMs: performance.now() - started };
  } finally {
    db.close();
  }
}

function createTeam(db: SQLite.Database, at: string) {
  db.prepare('insert into teams (id, name, created_at) values (?, ?, ?)').run(SCALE_TEAM_ID, SCALE_TEAM_NAME, at);
  const user = db.prepare('insert into users (id, team_id, email, name, role, created_at) values (?, ?, ?, ?, ?, ?)');
  user.run('usr_scale_admin', SCALE_TEAM_ID, 'admin@scale.test', 'Scale Admin', 'admin', at);
  user.run('usr_scale_manager', SCALE_TEAM_ID, 'manager@scale.test', 'Scale Manager', 'manager', at);
  for (let n = 1; n <= REPS; n++) user.run(repId(n), SCALE_TEAM_ID, `rep${n}@scale.test`, `Scale Rep ${n}`, 'rep', at);
}
const repId = (n: number) => `usr_scale_rep_${String(n).padStart(2, '0')}`;

function loadRows(db: SQLite.Database, options: ScaleOptions, started: number): { counts: Record<ScaleTable, number>; sample: ScaleSample } {
  const tables = Object.keys(SCALE_COLUMNS) as ScaleTable[];
  const insert = Object.fromEntries(
    tables.map((t) => [t, db.prepare(`insert into ${t} (${SCALE_COLUMNS[t].join(', ')}) values (${SCALE_COLUMNS[t].map(() => '?').join(', ')})`)]),
  ) as Record<ScaleTable, SQLite.Statement>;
  const counts = Object.fromEntries(tables.map((t) => [t, 0])) as Record<ScaleTable, number>;
  const sample: ScaleSample = { contactIds: [], linkedinUrls: [], emails: [] };
  const expectedContacts = options.accounts * ((SCALE_SHAPE.contacts[0] + SCALE_SHAPE.contacts[1]) / 2);
  const every = Math.max(1, Math.floor(expectedContacts / (options.sampleSize ?? 10_000)));
  let seen = 0;
  const ctx: ScaleContext = {
    rng: createRng(options.seed ?? 1),
    now: options.now,
    teamId: SCALE_TEAM_ID,
    repIds: Array.from({ length: REPS }, (_, n) => repId(n + 1)),
    shape: SCALE_SHAPE,
    emit(table, values) {
      insert[table].run(values);
      counts[table] += 1;
    },
    onContact(id, url, email) {
      if (seen++ % every !== 0 || sample.contactIds.length >= (options.sampleSize ?? 10_000)) return;
      sample.contactIds.push(id);
      sample.linkedinUrls.push(url);
      if (email) sample.emails.push(email);
    },
  };
  const chunk = db.transaction((from: number, to: number) => {
    for (let index = from; index < to; index++) emitScaleAccount(ctx, index);
  });
  for (let from = 0; from < options.accounts; from += ACCOUNTS_PER_TRANSACTION) {
    const to = Math.min(options.accounts, from + ACCOUNTS_PER_TRANSACTION);
    chunk(from, to);
    options.onProgress?.({ accountsDone: to, accountsTotal: options.accounts, counts: { ...counts }, elapsedMs: performance.now() - started });
  }
  return { counts, sample };
}

function countRows(db: SQLite.Database): Record<ScaleTable, number> {
  const tables = Object.keys(SCALE_COLUMNS) as ScaleTable[];
  return Object.fromEntries(tables.map((t) => [t, (db.prepare(`select count(*) as n from ${t} where team_id = ?`).get(SCALE_TEAM_ID) as { n: number }).n])) as Record<ScaleTable, number>;
}

/** An evenly spread sample of an already loaded team's contacts (rowid steps, no full sort). */
function sampleFromDatabase(db: SQLite.Database, size: number): ScaleSample {
  const total = (db.prepare('select count(*) as n from contacts where team_id = ?').get(SCALE_TEAM_ID) as { n: number }).n;
  const step = Math.max(1, Math.floor(total / size));
  const rows = db
    .prepare(
      `select c.id, c.linkedin_slug as slug, (select e.email from contact_emails e where e.contact_id = c.id limit 1) as email
       from contacts c where c.team_id = ? and c.linkedin_slug is not null and c.rowid % ? = 0 limit ?`,
    )
    .all(SCALE_TEAM_ID, step, size) as { id: string; slug: string; email: string | null }[];
  return {
    contactIds: rows.map((r) => r.id),
    linkedinUrls: rows.map((r) => linkedInUrlOf(r.slug)),
    emails: rows.flatMap((r) => (r.email ? [r.email] : [])),
  };
}

const pendingIndexesFile = (file: string) => `${file}.pending-indexes.sql`;

/** Drops the loaded tables' secondary (non-unique) indexes, noting their SQL beside the database first. */
function dropSecondaryIndexes(db: SQLite.Database, file: string) {
  const tables = Object.keys(SCALE_COLUMNS);
  const indexes = db
    .prepare(`select name, sql from sqlite_master where type = 'index' and sql is not null and tbl_name in (${tables.map(() => '?').join(', ')})`)
    .all(...tables) as { name: string; sql: string }[];
  const secondary = indexes.filter((i) => !/^create\s+unique/i.test(i.sql));
  fs.writeFileSync(pendingIndexesFile(file), secondary.map((i) => `${i.sql.replace(/^create\s+index/i, 'CREATE INDEX IF NOT EXISTS')};`).join('\n'));
  for (const index of secondary) db.exec(`drop index "${index.name}"`);
}

/** Rebuilds indexes a load dropped (this one, or one that was killed), then forgets them. */
function restoreIndexes(db: SQLite.Database, file: string) {
  const pending = pendingIndexesFile(file);
  if (!fs.existsSync(pending)) return;
  db.exec(fs.readFileSync(pending, 'utf8'));
  fs.rmSync(pending);
}
