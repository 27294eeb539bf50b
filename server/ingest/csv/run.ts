/**
 * The import itself, in two passes over a record source.
 * Pass 1 reads every row and validates it (file-level problems — a bad header, broken quoting —
 * refuse the file before anything is written). Pass 2 reads the rows again and upserts the valid
 * ones in batches, one transaction per batch, skipping the rejected ones. Neither pass keeps rows:
 * memory follows the batch size, not the file.
 *
 * An import over HTTP shares a server worker's event loop with the reps' requests, and SQLite's
 * calls are synchronous, so it runs in time slices (`sliceMs`): each pass gives the loop a turn once
 * a slice's worth of rows were read and validated, and each batch is sized from the last one's
 * write time so its transaction also fits in a slice. The CLI, a process of its own, writes large
 * fixed batches without slicing.
 *
 * @example
 * const outcome = await runImport(db.kysely, IMPORTERS.contacts, csvFileSource(file), { teamId, now: new Date() });
 * if (outcome.ok) console.log(outcome.report.summary); // { created: 3, updated: 0, unchanged: 0, rejected: 1 }
 */
import { audit } from '../../db/audit.ts';
import type { DB } from '../../db/connect.ts';
import { SERVER_SLICE_MS, TimeSlice } from '../../db/time-slice.ts';
import { checkHeader } from './header.ts';
import { CsvSyntaxError, type RecordSource, type SourceRecord } from './read.ts';
import {
  MAX_LISTED_ERRORS,
  type EntityImporter,
  type ImportContext,
  type ImportOutcome,
  type ImportSummary,
  type RowError,
  type ValidRow,
} from './types.ts';

export interface ImportProgress {
  phase: 'validating' | 'importing';
  bytesRead: number;
  totalBytes: number;
  /** Data rows read so far in this phase. */
  rows: number;
}

export interface ImportOptions {
  teamId: string;
  now: Date;
  /** Who imported (for the audit log); null from the CLI. */
  actorId?: string | null;
  onProgress?: (progress: ImportProgress) => void;
  /**
   * The most rows per transaction (default 200). With slicing on, a batch holds fewer when the
   * last one's rows took longer to write than a slice allows.
   */
  batchSize?: number;
  /**
   * The longest the import holds the event loop at a time, in milliseconds (default
   * `SERVER_SLICE_MS`), or `null` for no slicing (the CLI). Measured on the scale data (`npm run bench:soak`): validating a 64 kB
   * chunk of contacts held a worker 25-90 ms, and a 200-row batch of company events ~60 ms; every
   * request queued behind it waited as long.
   */
  sliceMs?: number | null;
  /** Re-add people erased from the team (see ImportContext.readmitErased). */
  readmitErased?: boolean;
}

const PROGRESS_EVERY_ROWS = 1000;

/** Errors (or warnings) up to the listing cap, and a count of all of them. */
class ErrorTally {
  readonly listed: RowError[] = [];
  total = 0;
  add(error: RowError) {
    this.total += 1;
    if (this.listed.length < MAX_LISTED_ERRORS) this.listed.push(error);
  }
}

/**
 * A NUL character cannot be stored in PostgreSQL text (and SQLite's text functions stop at it);
 * in a CSV it is a sign of a binary or UTF-16 file rather than of data.
 */
const NUL_MESSAGE = 'contains a NUL character (byte 0x00), which cannot be stored: is this a text file in UTF-8?';

/** One record's cells as the row schema's input: trimmed, blank as undefined; or why it cannot be. */
function validate(importer: EntityImporter<unknown>, columns: readonly string[], record: SourceRecord): { value: unknown } | { errors: RowError[] } {
  const { row, cells } = record;
  if (record.errors?.length) return { errors: record.errors };
  const extra = cells.slice(columns.length).some((cell) => cell.trim() !== '');
  if (extra || cells.length < columns.length) {
    return { errors: [{ row, column: '(row)', message: `has ${cells.length} values; the header has ${columns.length}` }] };
  }
  const nul = columns.filter((_, index) => cells[index]!.includes('\0'));
  if (nul.length) return { errors: nul.map((column) => ({ row, column, message: NUL_MESSAGE })) };
  const input: Record<string, string | undefined> = {};
  for (const [index, column] of columns.entries()) {
    const cell = cells[index]!.trim();
    input[column] = cell === '' ? undefined : cell;
  }
  const parsed = importer.schema.safeParse(input);
  if (parsed.success) return { value: parsed.data };
  return { errors: parsed.error.issues.map((issue) => ({ row, column: String(issue.path[0] ?? '(row)'), message: issue.message })) };
}

/**
 * Imports one source for one team. A file-level problem answers `{ ok: false }` with nothing
 * written; otherwise the report counts what each valid row did and lists the rejected rows' errors.
 */
const DEFAULT_BATCH_ROWS = 200;

/** Rows per transaction: with slices, sized from the last batches' write time so one fits in a slice. */
class BatchSizer {
  private msPerRow = 0;
  constructor(
    private readonly sliceMs: number | null,
    private readonly maxRows: number,
  ) {}
  rows(): number {
    if (this.sliceMs === null) return this.maxRows;
    if (this.msPerRow === 0) return Math.min(this.maxRows, 10);
    return Math.max(1, Math.min(this.maxRows, Math.floor(this.sliceMs / this.msPerRow)));
  }
  wrote(rows: number, ms: number) {
    // Smoothed, so one slow commit (a checkpoint) does not shrink every batch after it.
    const observed = ms / Math.max(1, rows);
    this.msPerRow = this.msPerRow === 0 ? observed : 0.7 * this.msPerRow + 0.3 * observed;
  }
}

export async function runImport(db: DB, importer: EntityImporter<unknown>, source: RecordSource, options: ImportOptions): Promise<ImportOutcome> {
  const { teamId, now, onProgress } = options;
  const sliceMs = options.sliceMs === undefined ? SERVER_SLICE_MS : options.sliceMs;
  const slice = new TimeSlice(sliceMs);
  const sizer = new BatchSizer(sliceMs, options.batchSize ?? DEFAULT_BATCH_ROWS);
  const readmitErased = options.readmitErased ?? false;
  const context: ImportContext = { teamId, entity: importer.entity, now, defaultSource: `import:${importer.entity}`, readmitErased };

  // Pass 1: the header, the syntax of every row, and each row's values.
  const checked = new ErrorTally();
  const warned = new ErrorTally();
  let columns: string[] = [];
  let rejected = 0;
  try {
    let bytes = 0;
    let rows = 0;
    for await (const record of source.open((b) => (bytes = b))) {
      if (record.row === 1) {
        const header = checkHeader(importer, record.cells);
        if ('errors' in header) return { ok: false, rejection: { errors: header.errors, totalErrors: header.errors.length } };
        columns = header.columns;
        continue;
      }
      rows += 1;
      const result = validate(importer, columns, record);
      if ('errors' in result) {
        rejected += 1;
        for (const error of result.errors) checked.add(error);
      } else {
        for (const warning of importer.warningsOf?.(result.value) ?? []) warned.add({ row: record.row, ...warning });
      }
      if (rows % PROGRESS_EVERY_ROWS === 0) onProgress?.({ phase: 'validating', bytesRead: bytes, totalBytes: source.totalBytes, rows });
      await slice.pause();
    }
    onProgress?.({ phase: 'validating', bytesRead: source.totalBytes, totalBytes: source.totalBytes, rows });
  } catch (error) {
    if (error instanceof CsvSyntaxError) return { ok: false, rejection: { errors: [error.rowError], totalErrors: 1 } };
    throw error;
  }
  if (columns.length === 0) {
    return { ok: false, rejection: { errors: [{ row: 1, column: '(row)', message: 'the file is empty: it needs a header row' }], totalErrors: 1 } };
  }

  // Pass 2: upsert the valid rows, a batch per transaction.
  const written = new ErrorTally();
  const summary: ImportSummary = { created: 0, updated: 0, unchanged: 0, rejected };
  let batch: ValidRow<unknown>[] = [];
  const flush = async () => {
    if (!batch.length) return;
    const current = batch;
    batch = [];
    await slice.turn();
    const started = performance.now();
    const outcomes = await db.transaction().execute((trx) => importer.write(trx, context, current));
    sizer.wrote(current.length, performance.now() - started);
    // Let the requests that arrived during the transaction through before the next one.
    await slice.turn();
    for (const [index, outcome] of outcomes.entries()) {
      if (typeof outcome === 'string') summary[outcome] += 1;
      else {
        summary.rejected += 1;
        written.add({ row: current[index]!.row, ...outcome });
      }
    }
  };
  let bytes = 0;
  let rows = 0;
  for await (const record of source.open((b) => (bytes = b))) {
    if (record.row === 1) continue;
    rows += 1;
    const result = validate(importer, columns, record);
    if ('value' in result) batch.push({ row: record.row, value: result.value });
    if (batch.length >= sizer.rows()) await flush();
    if (rows % PROGRESS_EVERY_ROWS === 0) onProgress?.({ phase: 'importing', bytesRead: bytes, totalBytes: source.totalBytes, rows });
    await slice.pause();
  }
  await flush();
  onProgress?.({ phase: 'importing', bytesRead: source.totalBytes, totalBytes: source.totalBytes, rows });

  const errors = [...checked.listed, ...written.listed].sort((a, b) => a.row - b.row).slice(0, MAX_LISTED_ERRORS);
  const totalErrors = checked.total + written.total;
  await audit(db, { teamId, actorId: options.actorId ?? null, action: `import.${importer.entity}`, target: null, detail: { ...summary, totalErrors, totalWarnings: warned.total, ...(readmitErased ? { readmitErased } : {}) } }, now);
  return { ok: true, report: { entity: importer.entity, summary, errors, totalErrors, warnings: warned.listed, totalWarnings: warned.total } };
}
