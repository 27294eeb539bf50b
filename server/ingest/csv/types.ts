/**
 * The vocabulary of imports: which entities exist, what a row error and a report look like, and
 * the contract every entity importer fulfils (a zod row schema for pass 1, a batch writer for pass 2).
 */
import type { z } from 'zod';
import type { DB } from '../../db/connect.ts';

export const ENTITY_NAMES = [
  'accounts',
  'contacts',
  'deals',
  'activities',
  'technologies',
  'intent',
  'web-visits',
  'company-events',
] as const;
export type EntityName = (typeof ENTITY_NAMES)[number];

export const isEntityName = (name: string): name is EntityName => (ENTITY_NAMES as readonly string[]).includes(name);

/** One problem in one cell. `row` counts like a spreadsheet: the header is row 1, the first data row is row 2. */
export interface RowError {
  row: number;
  /** A column name, or `(row)` when the whole row is at fault (wrong number of fields). */
  column: string;
  message: string;
}

/**
 * Something the import changed in a row it still imported (a free-mail domain left out of an
 * account's domains): same shape as an error, so a report lists both the same way.
 */
export type RowWarning = RowError;

export interface ImportSummary {
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
}

/** What an import answers when the file itself was importable. */
export interface ImportReport {
  entity: EntityName;
  summary: ImportSummary;
  /** The first errors (at most MAX_LISTED_ERRORS), in row order. */
  errors: RowError[];
  /** Every error found, listed or not. */
  totalErrors: number;
  /** The first warnings (at most MAX_LISTED_ERRORS), in row order. */
  warnings: RowWarning[];
  /** Every warning, listed or not. */
  totalWarnings: number;
}

/** Why a whole file was refused (nothing was written). */
export interface FileRejection {
  errors: RowError[];
  totalErrors: number;
}

export type ImportOutcome = { ok: true; report: ImportReport } | { ok: false; rejection: FileRejection };

export const MAX_LISTED_ERRORS = 1000;

/** What a batch writer knows about the import it is part of. */
export interface ImportContext {
  teamId: string;
  entity: EntityName;
  now: Date;
  /** `import:<entity>`: the provenance when a row names no source. */
  defaultSource: string;
  /**
   * The admin knowingly re-adds people erased before (they consented again): their rows import
   * and their erasure is lifted. Off by default, so an old CSV cannot undo an erasure.
   */
  readmitErased: boolean;
}

/** The verdict on one row in pass 2: how it changed the database, or why it was skipped. */
export type RowOutcome = 'created' | 'updated' | 'unchanged' | { column: string; message: string };

export interface ValidRow<Row> {
  row: number;
  value: Row;
}

/**
 * One importable entity. `schema` turns a record of trimmed, non-empty cells into a typed row
 * (pass 1 and pass 2 both run it, so nothing but the verdicts is kept between passes);
 * `write` applies a batch inside the caller's transaction and answers one outcome per row, in order.
 */
export interface EntityImporter<Row = unknown> {
  entity: EntityName;
  /** Every column this entity accepts, in documentation order. */
  columns: readonly string[];
  /** Columns the header must contain. */
  required: readonly string[];
  /** Groups of which the header must contain at least one (`account_external_id` or `account_domain`). */
  requiredOneOf?: ReadonlyArray<readonly string[]>;
  schema: z.ZodType<Row, Record<string, string | undefined>>;
  /** What importing a valid row leaves out or changes, to tell the admin (by column). */
  warningsOf?(row: Row): Array<{ column: string; message: string }>;
  write(trx: DB, context: ImportContext, batch: ReadonlyArray<ValidRow<Row>>): Promise<RowOutcome[]>;
}
