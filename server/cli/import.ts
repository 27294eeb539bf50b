/**
 * `npm run admin -- import <entity> <file.csv> --team <teamId> [--encoding <charset>] [--readmit-erased]`:
 * imports a CSV file for a team, with a progress bar on stderr and the summary, first errors and
 * first warnings at the end. `--encoding windows-1252` reads a file that is not UTF-8;
 * `--readmit-erased` re-adds people erased from the team, knowingly (they consented again).
 * Exit codes: 0 everything imported, 1 some rows were rejected, 2 nothing imported (bad usage,
 * unknown team, or a file-level problem such as a bad header or broken quoting).
 *
 * Also runnable on its own (`tsx server/cli/import.ts contacts file.csv --team t1`), which the
 * import benchmark uses; it opens the database from DATA_DIR / DATABASE_URL like the server.
 */
import fs from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { DB, OpenedDatabase } from '../db/connect.ts';
import { migrateToLatest, openDatabase } from '../db/connect.ts';
import { readEnv } from '../env.ts';
import { IMPORTERS } from '../ingest/csv/entities/index.ts';
import { progressReporter, type ProgressSink } from '../ingest/csv/progress.ts';
import { resolveEncoding } from '../ingest/csv/guard.ts';
import { csvFileSource } from '../ingest/csv/read.ts';
import { runImport } from '../ingest/csv/run.ts';
import { ENTITY_NAMES, isEntityName, type RowError } from '../ingest/csv/types.ts';

export interface ImportCommandIo {
  stdout: { write(text: string): unknown };
  stderr: ProgressSink;
  now?: () => Date;
}

/** The call `server/cli/admin.ts` makes: already-parsed arguments and line-based output. */
export interface ImportCommandOptions {
  db: DB;
  teamId: string;
  entity: string;
  file: string;
  now: () => Date;
  out: (line: string) => void;
  err: (line: string) => void;
  /** Re-add people erased from the team (see ImportContext.readmitErased). */
  readmitErased?: boolean;
  /** The file's encoding label (`windows-1252`); UTF-8 when not given. */
  encoding?: string;
}

const USAGE = `usage: import <entity> <file.csv> --team <teamId> [--encoding <charset>] [--readmit-erased]\n  entities: ${ENTITY_NAMES.join(', ')}\n`;
/**
 * Rows per transaction. Larger than the HTTP route's 1000: fewer commits (on SQLite each one may
 * checkpoint the WAL) roughly halved the time a 1M-row import spends committing; the server that shares
 * the database waits at most one batch (well under its 5 s busy timeout).
 */
const CLI_BATCH_ROWS = 5000;
/** Errors (and warnings) printed at the end; the rest are counted (fix these and run again). */
const PRINTED_ERRORS = 20;

const describe = (e: RowError) => `  row ${e.row}${e.column === '(row)' ? '' : `, column ${e.column}`}: ${e.message}\n`;

/**
 * Runs the import command and answers the exit code (0, 1 rows rejected, 2 nothing imported).
 * Takes either the words after `import` and a database, or admin.ts's parsed options.
 *
 * @example
 * process.exitCode = await runImportCommand(['contacts', 'contacts.csv', '--team', 'team_1'], db);
 * await runImportCommand({ db: db.kysely, teamId, entity: 'contacts', file, now, out, err });
 */
export async function runImportCommand(args: string[], db: OpenedDatabase | DB, io?: ImportCommandIo): Promise<number>;
export async function runImportCommand(options: ImportCommandOptions): Promise<number>;
export async function runImportCommand(
  argsOrOptions: string[] | ImportCommandOptions,
  db?: OpenedDatabase | DB,
  io: ImportCommandIo = { stdout: process.stdout, stderr: process.stderr },
): Promise<number> {
  if (!Array.isArray(argsOrOptions)) {
    const { out, err, now, ...rest } = argsOrOptions;
    // The bar redraws in place only on a terminal; through line-based output it prints plain lines.
    const stderr: ProgressSink = process.stderr.isTTY ? process.stderr : { write: (text) => text.trim() && err(text.trimEnd()) };
    return importFile({ ...rest, now, stdout: { write: (text) => out(text.trimEnd()) }, stderr });
  }
  const stderr = io.stderr;
  const positional: string[] = [];
  let teamId: string | undefined;
  let readmitErased = false;
  let encoding: string | undefined;
  for (let i = 0; i < argsOrOptions.length; i += 1) {
    const arg = argsOrOptions[i]!;
    if (arg === '--readmit-erased') readmitErased = true;
    else if (arg === '--team') teamId = argsOrOptions[++i];
    else if (arg.startsWith('--team=')) teamId = arg.slice('--team='.length);
    else if (arg === '--encoding') encoding = argsOrOptions[++i] ?? '';
    else if (arg.startsWith('--encoding=')) encoding = arg.slice('--encoding='.length);
    else positional.push(arg);
  }
  const [entity, file, ...rest] = positional;
  if (!entity || !file || !teamId || rest.length || !db) {
    stderr.write(USAGE);
    return 2;
  }
  const kysely = 'kysely' in db ? db.kysely : db;
  return importFile({ db: kysely, teamId, entity, file, readmitErased, encoding, now: io.now ?? (() => new Date()), stdout: io.stdout, stderr });
}

async function importFile(
  options: { db: DB; teamId: string; entity: string; file: string; now: () => Date; readmitErased?: boolean; encoding?: string } & ImportCommandIo,
): Promise<number> {
  const { db, teamId, entity, file, stdout, stderr } = options;
  if (!isEntityName(entity)) {
    stderr.write(`unknown entity "${entity}"\n${USAGE}`);
    return 2;
  }
  const encoding = resolveEncoding(options.encoding ?? 'utf-8');
  if (!encoding) {
    stderr.write(`cannot read "${options.encoding}": imports read UTF-8 or a single-byte encoding such as windows-1252\n`);
    return 2;
  }
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) {
    stderr.write(`no such file: ${file}\n`);
    return 2;
  }
  const team = await db.selectFrom('teams').select('id').where('id', '=', teamId).executeTakeFirst();
  if (!team) {
    stderr.write(`no such team: ${teamId}\n`);
    return 2;
  }

  const progress = progressReporter(stderr);
  const started = Date.now();
  const outcome = await runImport(db, IMPORTERS[entity], csvFileSource(file, { encoding }), {
    teamId,
    now: options.now(),
    onProgress: progress.update,
    batchSize: CLI_BATCH_ROWS,
    sliceMs: null,
    readmitErased: options.readmitErased ?? false,
  });
  progress.done();
  if (!outcome.ok) {
    stderr.write(`${file} was not imported; nothing was written:\n`);
    for (const error of outcome.rejection.errors.slice(0, PRINTED_ERRORS)) stderr.write(describe(error));
    return 2;
  }
  const { summary, errors, totalErrors, warnings, totalWarnings } = outcome.report;
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  stdout.write(
    `${entity}: ${summary.created} created, ${summary.updated} updated, ${summary.unchanged} unchanged, ${summary.rejected} rejected (${seconds} s)\n`,
  );
  if (totalErrors > 0) {
    stdout.write(`errors (${totalErrors}):\n`);
    for (const error of errors.slice(0, PRINTED_ERRORS)) stdout.write(describe(error));
    if (totalErrors > PRINTED_ERRORS) stdout.write(`  … and ${totalErrors - PRINTED_ERRORS} more\n`);
  }
  if (totalWarnings > 0) {
    stdout.write(`warnings (${totalWarnings}; these rows were imported):\n`);
    for (const warning of warnings.slice(0, PRINTED_ERRORS)) stdout.write(describe(warning));
    if (totalWarnings > PRINTED_ERRORS) stdout.write(`  … and ${totalWarnings - PRINTED_ERRORS} more\n`);
  }
  return summary.rejected > 0 ? 1 : 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const env = readEnv();
  const db = await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.DATA_DIR });
  try {
    await migrateToLatest(db);
    process.exitCode = await runImportCommand(process.argv.slice(2), db);
  } finally {
    await db.close();
  }
}
