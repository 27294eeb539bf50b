/**
 * The gate a CSV file's bytes pass before csv-parse sees them: it decodes the file's encoding
 * (UTF-8 unless the sender names another) and refuses what would otherwise be read wrongly or
 * without bound, naming the row and the column:
 * - bytes that are not valid in the encoding (a Windows-1252 export read as UTF-8 would silently
 *   turn `René` into `Ren�`), with a hint on how to send the file instead;
 * - a record with more than MAX_COLUMNS values. csv-parse's `max_record_size` counts the
 *   characters of the values, not the commas between them, so a row of a million commas would
 *   otherwise become an array of a million empty strings (and a problem listing each of them).
 *
 * It streams: a chunk in, a chunk out, a few carried bytes at most. To know which row and column
 * a byte belongs to it follows the CSV grammar csv-parse applies with our options (`"` quotes and
 * escapes, `,` separates, the record delimiter is the first unquoted `\r\n`, `\n` or `\r`).
 */
import { isUtf8 } from 'node:buffer';
import { Transform, type TransformCallback } from 'node:stream';

/**
 * The widest row an import reads. The widest entity (accounts) has 16 columns and every header
 * column must be a known one, named once, so a wider header is wrong whatever it holds; 256 leaves
 * room for the blank trailing columns spreadsheets leave behind in data rows, and keeps a refused
 * header's problem to a few kilobytes.
 */
export const MAX_COLUMNS = 256;

/** The encodings an import accepts by name: UTF-8, and the single-byte ones spreadsheets save in. */
const SINGLE_BYTE = new Set([
  'ibm866', 'iso-8859-2', 'iso-8859-3', 'iso-8859-4', 'iso-8859-5', 'iso-8859-6', 'iso-8859-7', 'iso-8859-8',
  'iso-8859-8-i', 'iso-8859-10', 'iso-8859-13', 'iso-8859-14', 'iso-8859-15', 'iso-8859-16', 'koi8-r', 'koi8-u',
  'macintosh', 'windows-874', 'windows-1250', 'windows-1251', 'windows-1252', 'windows-1253', 'windows-1254',
  'windows-1255', 'windows-1256', 'windows-1257', 'windows-1258', 'x-mac-cyrillic',
]);

/**
 * An encoding label (`latin1`, `Windows-1252`, `utf8`) as its canonical name, or null when imports
 * cannot read it (a multi-byte encoding other than UTF-8, or no encoding at all).
 *
 * @example resolveEncoding('latin1') // 'windows-1252' (as every browser reads it)
 */
export function resolveEncoding(label: string): string | null {
  let name: string;
  try {
    name = new TextDecoder(label.trim()).encoding;
  } catch {
    return null;
  }
  return name === 'utf-8' || SINGLE_BYTE.has(name) ? name : null;
}

/** Where the guard stopped reading, and why. `index` is the 0-based position of the value in its row. */
export class CsvGuardError extends Error {
  constructor(
    readonly row: number,
    readonly index: number,
    message: string,
  ) {
    super(message);
  }
}

const QUOTE = 0x22;
const COMMA = 0x2c;
const LF = 0x0a;
const CR = 0x0d;

/** Where a row and a value start: the CSV grammar, followed byte by byte. */
class Position {
  row = 1;
  index = 0;
  private quoted = false;
  private delimiter: '' | 'lf' | 'crlf' | 'cr' = '';
  private pendingCr = false;

  /** Follows `bytes[start, end)`; throws when a row grows past MAX_COLUMNS values. */
  advance(bytes: Uint8Array, start: number, end: number) {
    for (let i = start; i < end; i += 1) {
      const b = bytes[i]!;
      if (this.pendingCr) {
        this.pendingCr = false;
        if (this.delimiter === '') this.delimiter = b === LF ? 'crlf' : 'cr';
        if (this.delimiter === 'cr') this.nextRow();
        else if (b === LF) {
          this.nextRow();
          continue;
        }
      }
      if (b === QUOTE) {
        this.quoted = !this.quoted;
        if (!this.quoted) continue;
        // Inside quotes only the next quote matters: jump to it (most of a long value is skipped natively).
        const next = bytes.indexOf(QUOTE, i + 1);
        if (next === -1 || next >= end) i = end - 1;
        else i = next - 1;
      } else if (this.quoted) continue;
      else if (b === COMMA) {
        this.index += 1;
        if (this.index >= MAX_COLUMNS) {
          throw new CsvGuardError(this.row, -1, `has more than ${MAX_COLUMNS} values: an import reads at most ${MAX_COLUMNS} columns (see docs/imports.md)`);
        }
      } else if (b === LF) {
        if (this.delimiter === '') this.delimiter = 'lf';
        if (this.delimiter === 'lf') this.nextRow();
      } else if (b === CR && this.delimiter !== 'lf') {
        if (this.delimiter === 'cr') this.nextRow();
        else this.pendingCr = true;
      }
    }
  }

  private nextRow() {
    this.row += 1;
    this.index = 0;
  }
}

/** Where the sequence that is not UTF-8 starts in `bytes`, or -1. Rare path: isUtf8 said no. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i += 1;
      continue;
    }
    let need: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) [need, min] = [1, 0x80];
    else if (b >= 0xe0 && b <= 0xef) [need, min] = [2, 0x800];
    else if (b >= 0xf0 && b <= 0xf4) [need, min] = [3, 0x10000];
    else return i;
    if (i + need >= bytes.length) return i;
    let code = b & (0x3f >> need);
    for (let k = 1; k <= need; k += 1) {
      const c = bytes[i + k]!;
      if ((c & 0xc0) !== 0x80) return i;
      code = (code << 6) | (c & 0x3f);
    }
    if (code < min || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}

/** How many leading bytes of `bytes` end on a whole UTF-8 character (the rest waits for the next chunk). */
function wholeCharacters(bytes: Uint8Array): number {
  for (let i = bytes.length - 1; i >= Math.max(0, bytes.length - 4); i -= 1) {
    const b = bytes[i]!;
    if ((b & 0xc0) === 0x80) continue;
    if (b < 0xc0) return bytes.length;
    const size = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
    return bytes.length - i < size ? i : bytes.length;
  }
  return bytes.length;
}

const hex = (b: number) => `0x${b.toString(16).toUpperCase().padStart(2, '0')}`;

const NOT_UTF8_HINT =
  'save it as "CSV UTF-8", or name its encoding: HTTP `content-type: text/csv; charset=windows-1252`, CLI `--encoding windows-1252`';

/**
 * The guard as a stream: bytes of the file in `encoding`, UTF-8 bytes out.
 *
 * @example await pipeline(fs.createReadStream(file), csvGuard('windows-1252'), parse({ bom: true }))
 */
export function csvGuard(encoding = 'utf-8'): Transform {
  const position = new Position();
  if (encoding === 'utf-8') {
    let carry: Buffer | null = null;
    let first = true;
    const fail = (bytes: Buffer, at: number): never => {
      position.advance(bytes, 0, at);
      const utf16 = first && at === 0 && bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff));
      const what = utf16 ? 'this file is UTF-16, not UTF-8' : `this file is not UTF-8 (the byte ${hex(bytes[at]!)} here is not valid UTF-8)`;
      throw new CsvGuardError(position.row, position.index, `${what}: ${NOT_UTF8_HINT}`);
    };
    return new Transform({
      transform(chunk: Buffer, _encoding, done: TransformCallback) {
        try {
          const bytes: Buffer = carry ? Buffer.concat([carry, chunk]) : chunk;
          const whole = wholeCharacters(bytes);
          const body = bytes.subarray(0, whole);
          if (!isUtf8(body)) fail(body, firstInvalidUtf8(body));
          first = false;
          position.advance(body, 0, body.length);
          carry = whole < bytes.length ? Buffer.from(bytes.subarray(whole)) : null;
          done(null, body);
        } catch (error) {
          done(error as Error);
        }
      },
      flush(done: TransformCallback) {
        try {
          // A file that ends inside a character was cut short, or is not UTF-8.
          if (carry) fail(carry, 0);
          done();
        } catch (error) {
          done(error as Error);
        }
      },
    });
  }
  const decoder = new TextDecoder(encoding, { fatal: true });
  return new Transform({
    transform(chunk: Buffer, _encoding, done: TransformCallback) {
      try {
        let text: string;
        try {
          text = decoder.decode(chunk, { stream: true });
        } catch {
          // Single-byte encodings only: the byte that failed is the one that does not decode alone.
          const single = new TextDecoder(encoding, { fatal: true });
          let at = 0;
          for (; at < chunk.length; at += 1) {
            try {
              single.decode(chunk.subarray(at, at + 1));
            } catch {
              break;
            }
          }
          const prefix = Buffer.from(new TextDecoder(encoding).decode(chunk.subarray(0, at)));
          position.advance(prefix, 0, prefix.length);
          throw new CsvGuardError(position.row, position.index, `the byte ${hex(chunk[at] ?? 0)} is not a character in ${encoding}: is this the file's encoding?`);
        }
        const bytes = Buffer.from(text);
        position.advance(bytes, 0, bytes.length);
        done(null, bytes);
      } catch (error) {
        done(error as Error);
      }
    },
  });
}
