/**
 * Reading records: a CSV file streamed through csv-parse (never held in memory), or rows sent as
 * JSON, both as the same sequence of `{ row, cells }` with spreadsheet row numbers (the header is
 * row 1). A file that cannot be parsed as CSV stops with a `CsvSyntaxError` naming the row: broken
 * quoting, bytes that are not in the file's encoding, a row too large or too wide (see guard.ts).
 */
import fs from 'node:fs';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { CsvError, parse } from 'csv-parse';
import { CsvGuardError, csvGuard } from './guard.ts';
import { columnName } from './header.ts';
import type { RowError } from './types.ts';

export interface SourceRecord {
  row: number;
  cells: string[];
  /** Problems found while reading (a JSON value that is not a scalar). */
  errors?: RowError[];
}

/** Where records come from; `open` may be called once per pass. */
export interface RecordSource {
  /** Bytes in the whole source, for progress; 0 when unknown. */
  totalBytes: number;
  open(onBytes?: (bytesRead: number) => void): AsyncIterable<SourceRecord>;
}

export class CsvSyntaxError extends Error {
  constructor(readonly rowError: RowError) {
    super(`row ${rowError.row}: ${rowError.message}`);
  }
}

/** One record larger than this is not a CSV we can use, and would cost memory to try. */
const MAX_RECORD_BYTES = 1 << 20;

const MESSAGES: Partial<Record<string, string>> = {
  CSV_QUOTE_NOT_CLOSED: 'a quoted value is never closed',
  INVALID_OPENING_QUOTE: 'a quote appears inside a value that does not start with one',
  CSV_INVALID_CLOSING_QUOTE: 'a closing quote is followed by more text (double a quote inside a quoted value: "")',
  CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE: 'a closing quote is followed by more text',
  CSV_MAX_RECORD_SIZE: 'this row is larger than 1 MB',
};

export interface CsvFileOptions {
  /** The file's encoding as `resolveEncoding` names it; UTF-8 when not given. */
  encoding?: string;
}

/** The file through the guard into csv-parse; errors surface through the parser's iterator. */
function parseFile(file: string, encoding: string | undefined) {
  // 64 kB at a time: the guard and the parser handle a chunk in one go, and an import over HTTP
  // shares its worker (a 256 kB chunk held it ~10-15 ms; see run.ts on slices).
  const input = fs.createReadStream(file, { highWaterMark: 64 * 1024 });
  const parser = parse({ bom: true, relax_column_count: true, max_record_size: MAX_RECORD_BYTES });
  // The pipeline's own rejection is the same error the iterator throws.
  pipeline(input, csvGuard(encoding), parser).catch(() => {});
  return { input, parser };
}

/**
 * A CSV file as records. Blank lines are skipped but still counted, so row numbers match what a
 * spreadsheet shows.
 *
 * @example for await (const { row, cells } of csvFileSource(path.join(os.tmpdir(), 'contacts.csv')).open()) …
 */
export function csvFileSource(file: string, { encoding }: CsvFileOptions = {}): RecordSource {
  return {
    totalBytes: fs.statSync(file).size,
    async *open(onBytes) {
      const { input, parser } = parseFile(file, encoding);
      let row = 0;
      let header: string[] | undefined;
      try {
        for await (const cells of parser as AsyncIterable<string[]>) {
          row += 1;
          header ??= cells;
          if (row % 1000 === 0) onBytes?.(input.bytesRead);
          if (cells.length === 1 && cells[0] === '' && row > 1) continue;
          yield { row, cells };
        }
      } catch (error) {
        const failed = failureOf(error, row);
        if (!failed) throw error;
        // A syntax error can discard records the iterator had not handed over yet, the header among them.
        header ??= failed.row > 1 ? await firstRecord(file, encoding) : [];
        const named = failed.row > 1 && header[failed.index] !== undefined;
        const column = named ? columnName(header[failed.index]!) : failed.row === 1 && failed.index >= 0 ? `#${failed.index + 1}` : '(row)';
        throw new CsvSyntaxError({ row: failed.row, column, message: failed.message });
      } finally {
        input.destroy();
      }
      onBytes?.(input.bytesRead);
    },
  };
}

/** The row, value index and message of an error that stops reading, or null for any other error. */
function failureOf(error: unknown, rowsRead: number): { row: number; index: number; message: string } | null {
  if (error instanceof CsvGuardError) return { row: error.row, index: error.index, message: error.message };
  if (!isCsvError(error)) return null;
  return {
    row: typeof error.records === 'number' ? error.records + 1 : rowsRead + 1,
    index: typeof error.column === 'number' ? error.column : -1,
    message: MESSAGES[error.code] ?? 'this row could not be read as CSV',
  };
}

/**
 * The header alone, parsed again on the rare path where an error came first. The guard refused
 * a later row, so this one decodes leniently (the header itself was whole and valid).
 */
async function firstRecord(file: string, encoding = 'utf-8'): Promise<string[]> {
  const input = fs.createReadStream(file, { highWaterMark: 64 * 1024 });
  const decoder = new TextDecoder(encoding);
  const decode = new Transform({ transform: (chunk: Buffer, _encoding, done) => done(null, Buffer.from(decoder.decode(chunk, { stream: true }))) });
  const parser = parse({ bom: true, to: 1, relax_column_count: true, max_record_size: MAX_RECORD_BYTES });
  pipeline(input, decode, parser).catch(() => {});
  try {
    for await (const record of parser as AsyncIterable<string[]>) return record;
  } catch {
    // Unreadable after all: the error names the row and a column number instead.
  } finally {
    input.destroy();
  }
  return [];
}

function isCsvError(error: unknown): error is CsvError & { records?: number; column?: number } {
  return error instanceof CsvError;
}

/**
 * Rows sent as JSON objects (`{"rows": [{ "name": "Acme" }]}`), numbered as if their keys were a
 * header row: `rows[0]` is row 2. Numbers and booleans are read as their text; null as blank.
 *
 * @example jsonRowsSource([{ name: 'Acme', tier: 1 }]) // header name,tier; row 2: Acme,1
 */
export function jsonRowsSource(rows: readonly Record<string, unknown>[]): RecordSource {
  const header: string[] = [];
  const seen = new Set<string>();
  for (const row of rows) {
    for (const key of Object.keys(row)) {
      if (seen.has(key)) continue;
      seen.add(key);
      header.push(key);
    }
  }
  return {
    totalBytes: 0,
    async *open() {
      yield { row: 1, cells: header };
      for (const [index, object] of rows.entries()) {
        const row = index + 2;
        const errors: RowError[] = [];
        const cells = header.map((key) => {
          const value = object[key];
          if (value === undefined || value === null) return '';
          if (typeof value === 'string') return value;
          if (typeof value === 'number' || typeof value === 'boolean') return String(value);
          errors.push({ row, column: key, message: 'must be a string, a number or a boolean' });
          return '';
        });
        yield errors.length ? { row, cells, errors } : { row, cells };
      }
    },
  };
}
