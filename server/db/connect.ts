/**
 * Opens the database: SQLite under DATA_DIR by default, PostgreSQL when DATABASE_URL is set.
 * Both go through Kysely, and `migrateToLatest` brings either to the current schema.
 *
 * @example
 * const db = await openDatabase({ dataDir: './data' });
 * await db.kysely.selectFrom('teams').selectAll().execute();
 */
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import {
  CompiledQuery,
  Kysely,
  Migrator,
  PostgresDialect,
  SqliteAdapter,
  SqliteDriver,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type DatabaseConnection,
  type Dialect as KyselyDialect,
  type Migration,
} from 'kysely';
import type { Database, DB, Dialect } from './schema.ts';
import { init } from './migrations/0001_init.ts';
import { registerDirectSqlite } from './execute.ts';
import { keyedHash } from './team-salt.ts';
import { accountIntel } from './migrations/0002_account_intel.ts';
import { digests } from './migrations/0003_digests.ts';
import { digestDeliveries } from './migrations/0004_digest_deliveries.ts';
import { briefReads } from './migrations/0005_brief_reads.ts';
import { erasedKeys } from './migrations/0006_erased_keys.ts';
import { hashedEventKeys } from './migrations/0007_hashed_event_keys.ts';
import { tokenLifetimes } from './migrations/0008_token_lifetimes.ts';
import { eventKnownAt } from './migrations/0009_event_known_at.ts';
import { searchIndex } from './migrations/0010_search_index.ts';
import { driftReports } from './migrations/0011_drift_reports.ts';
import { contactPhones } from './migrations/0012_contact_phones.ts';
import { meetings } from './migrations/0014_meetings.ts';
import { crmConnections } from './migrations/0015_crm_connections.ts';
import { crmRecords } from './migrations/0016_crm_records.ts';
import { crmWrites } from './migrations/0017_crm_writes.ts';
import { jobRuns } from './migrations/0018_job_runs.ts';
import { crmContactWrites } from './migrations/0023_crm_contact_writes.ts';
import { crmDeleted } from './migrations/0024_crm_deleted.ts';
import { activityParticipants } from './migrations/0025_activity_participants.ts';

// Defined in schema.ts (below the modules this file imports); most of the server imports them from here.
export type { DB, Dialect };

export interface OpenedDatabase {
  kysely: DB;
  dialect: Dialect;
  /** The PostgreSQL schema in use, when not the default. */
  schema?: string;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** `postgres://…`; when absent, SQLite is used. */
  databaseUrl?: string;
  /** Folder for the SQLite file. */
  dataDir?: string;
  /** SQLite file name inside dataDir (default `signalhouse.db`). */
  fileName?: string;
  /** PostgreSQL schema to use (tests give each run its own). */
  pgSchema?: string;
  /** PostgreSQL pool size. */
  poolSize?: number;
  /**
   * SQLite: memory-map the file (default true: briefs read scattered pages). A process doing bulk
   * writes over the whole file (`npm run jobs`) turns it off: every mapped page it touches stays in
   * its resident set, while SQLite's own page cache is bounded.
   */
  sqliteMmap?: boolean;
}

// COUNT(*) and bigint come back from pg as strings; our counts fit in a double.
pg.types.setTypeParser(20, (v) => Number(v));
pg.types.setTypeParser(1700, (v) => Number(v));

export function migrations(dialect: Dialect): Record<string, Migration> {
  return {
    '0001_init': init(dialect),
    '0002_account_intel': accountIntel(),
    '0003_digests': digests(),
    '0004_digest_deliveries': digestDeliveries(),
    '0005_brief_reads': briefReads(),
    '0006_erased_keys': erasedKeys(),
    '0007_hashed_event_keys': hashedEventKeys(dialect),
    '0008_token_lifetimes': tokenLifetimes(),
    '0009_event_known_at': eventKnownAt(),
    '0010_search_index': searchIndex(dialect),
    '0011_drift_reports': driftReports(),
    '0012_contact_phones': contactPhones(),
    '0014_meetings': meetings(),
    '0015_crm_connections': crmConnections(),
    '0016_crm_records': crmRecords(),
    '0017_crm_writes': crmWrites(),
    '0018_job_runs': jobRuns(),
    '0023_crm_contact_writes': crmContactWrites(),
    '0024_crm_deleted': crmDeleted(),
    '0025_activity_participants': activityParticipants(),
  };
}

export async function openDatabase(options: DatabaseOptions = {}): Promise<OpenedDatabase> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl, options);
  const dir = options.dataDir ?? './data';
  fs.mkdirSync(dir, { recursive: true });
  return openSqlite(path.join(dir, options.fileName ?? 'signalhouse.db'), { mmap: options.sqliteMmap ?? true });
}

export function openSqlite(file: string, { mmap = true } = {}): OpenedDatabase {
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  // NORMAL is durable in WAL mode across application crashes; a power loss may lose the last commit.
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('foreign_keys = ON');
  // Deleted and overwritten rows are zeroed on the page, and freed pages before they join the
  // freelist, so an erased person's old row cannot be read back out of the file (docs/privacy.md).
  // Costs a little CPU and the write of each freed page; FAST would skip the latter and leave the
  // old content on freelist pages, which is what this is here to prevent.
  sqlite.pragma('secure_delete = ON');
  // A brief reads a handful of rows scattered over millions: with the file memory-mapped, a page
  // the OS already caches costs a pointer, not a read() call and a copy (measured 112 → 25 µs for
  // a contact by id over 1M contacts). The map is shared by every worker process; SQLite caps it at
  // its compile-time maximum (2 GB here), and the private page cache stays modest.
  sqlite.pragma(`mmap_size = ${mmap ? 17179869184 : 0}`);
  sqlite.pragma('cache_size = -131072');
  // lower() folds only ASCII on SQLite; this folds every letter as PostgreSQL's lower() does (the
  // side panel's account search uses it for a query with non-ASCII letters: `örebro` → `Örebro`).
  sqlite.function('casefold', { deterministic: true }, (value: unknown) => (typeof value === 'string' ? value.toLowerCase() : value) as string | null);
  // HMAC-SHA-256 (hex salt, text) as server/db/team-salt.ts computes it: migration 0007 hashes
  // stored natural keys with it in one statement.
  sqlite.function('hmac_sha256_hex', { deterministic: true }, (salt: unknown, text: unknown) =>
    typeof salt === 'string' && typeof text === 'string' ? keyedHash(salt, text) : null,
  );
  const cached = withStatementCache(sqlite);
  const kysely = new Kysely<Database>({ dialect: sqliteDialect(cached) });
  registerDirectSqlite(kysely, { sqlite, prepare: (sql) => cached.prepare(sql) });
  return {
    kysely,
    dialect: 'sqlite',
    close: () => kysely.destroy(),
  };
}

async function openPostgres(url: string, options: DatabaseOptions): Promise<OpenedDatabase> {
  const schema = options.pgSchema;
  if (schema && !/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`invalid schema name ${schema}`);
  if (schema) {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`create schema if not exists ${schema}`);
    await admin.end();
  }
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? 10,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  const kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { kysely, dialect: 'postgres', ...(schema ? { schema } : {}), close: () => kysely.destroy() };
}

export async function migrateToLatest(db: OpenedDatabase): Promise<void> {
  const migrator = new Migrator({
    db: db.kysely,
    provider: { getMigrations: async () => migrations(db.dialect) },
    // Kysely looks for its own tables across all schemas unless told which one is ours.
    ...(db.schema ? { migrationTableSchema: db.schema } : {}),
  });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    throw new Error(`migration ${failed?.migrationName ?? ''} failed: ${String(error)}`);
  }
}

/**
 * Transactions on SQLite begin IMMEDIATE. A deferred transaction that reads and then writes
 * (look, then insert: the activity ledger does) fails at once with SQLITE_BUSY when another
 * process wrote in between, and the busy timeout cannot help it; taking the write lock up front
 * makes it wait its turn instead. Every transaction of ours writes, so nothing is lost by it.
 */
class ImmediateTransactionDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

function sqliteDialect(database: SQLite.Database): KyselyDialect {
  return {
    createAdapter: () => new SqliteAdapter(),
    createDriver: () => new ImmediateTransactionDriver({ database }),
    createIntrospector: (db) => new SqliteIntrospector(db),
    createQueryCompiler: () => new SqliteQueryCompiler(),
  };
}

/**
 * Kysely's SQLite driver prepares every statement anew. Preparing is a large share of a point
 * lookup's cost, so keep prepared statements by SQL text. A statement still iterating (a
 * streamed query) is busy and cannot be reused, so those get a fresh one.
 */
function withStatementCache(db: SQLite.Database): SQLite.Database {
  const cache = new Map<string, SQLite.Statement>();
  const prepare = (sql: string) => {
    const cached = cache.get(sql);
    if (cached && !cached.busy) return cached;
    const statement = db.prepare(sql);
    if (!cached) {
      if (cache.size >= 2000) cache.clear();
      cache.set(sql, statement);
    }
    return statement;
  };
  return new Proxy(db, {
    get(target, property) {
      if (property === 'prepare') return prepare;
      const value = Reflect.get(target, property, target) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}
