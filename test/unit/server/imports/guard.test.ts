/**
 * The CSV guard on its own: where it says a file stops being UTF-8 (or the named encoding), and
 * that it follows rows the way csv-parse does (quotes, CRLF, lone CR) when it counts values.
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { CsvGuardError, MAX_COLUMNS, csvGuard, firstInvalidUtf8, resolveEncoding } from '../../../../server/ingest/csv/guard.ts';

/** The guard's output as text, or the error it stopped with; `chunks` splits the input where given. */
async function through(chunks: Buffer[], encoding?: string): Promise<string | CsvGuardError> {
  const out: Buffer[] = [];
  try {
    await pipeline(Readable.from(chunks), csvGuard(encoding), new Writable({ write: (c: Buffer, _e, done) => (out.push(c), done()) }));
  } catch (error) {
    if (error instanceof CsvGuardError) return error;
    throw error;
  }
  return Buffer.concat(out).toString('utf8');
}

describe('the CSV guard', () => {
  it('finds the first byte that is not UTF-8: stray, overlong, surrogate, past U+10FFFF, cut short', () => {
    expect(firstInvalidUtf8(Buffer.from('René 北京 😀'))).toBe(-1);
    expect(firstInvalidUtf8(Buffer.from([0x41, 0xe9, 0x42]))).toBe(1);
    expect(firstInvalidUtf8(Buffer.from([0x41, 0xc0, 0xaf]))).toBe(1); // overlong '/'
    expect(firstInvalidUtf8(Buffer.from([0x41, 0xe0, 0x80, 0xaf]))).toBe(1); // overlong, 3 bytes
    expect(firstInvalidUtf8(Buffer.from([0x41, 0xed, 0xa0, 0x80]))).toBe(1); // a UTF-16 surrogate
    expect(firstInvalidUtf8(Buffer.from([0x41, 0xf4, 0x90, 0x80, 0x80]))).toBe(1); // U+110000
    expect(firstInvalidUtf8(Buffer.from([0x41, 0x42, 0xe2, 0x82]))).toBe(2);
  });

  it('passes UTF-8 through whole when a character is split between chunks', async () => {
    const bytes = Buffer.from('a,Ström 😀\n');
    for (let cut = 1; cut < bytes.length; cut += 1) {
      expect(await through([bytes.subarray(0, cut), bytes.subarray(cut)])).toBe('a,Ström 😀\n');
    }
  });

  it('names the row and value of a bad byte after quoted newlines and CRLF rows', async () => {
    const error = await through([Buffer.from('a,b\r\n"x\r\ny",ok,Ren'), Buffer.from([0xe9, 0x0d, 0x0a])]);
    expect(error).toBeInstanceOf(CsvGuardError);
    expect(error).toMatchObject({ row: 2, index: 2 });
  });

  it('decodes a named single-byte encoding, and names a byte it has no character for', async () => {
    expect(await through([Buffer.from('a,René\n', 'latin1')], 'windows-1252')).toBe('a,René\n');
    // 0xD2 has no character in Windows-1253 (Greek).
    expect(await through([Buffer.from([0x61, 0x0a, 0x62, 0x2c, 0xd2, 0x0a])], 'windows-1253')).toMatchObject({ row: 2, index: 1 });
  });

  it(`stops a row at ${MAX_COLUMNS + 1} values, but not at ${MAX_COLUMNS}`, async () => {
    const row = (n: number) => Buffer.from(`${Array.from({ length: n }, () => 'x').join(',')}\n`);
    expect(typeof (await through([row(3), row(MAX_COLUMNS)]))).toBe('string');
    expect(await through([row(3), row(MAX_COLUMNS + 1)])).toMatchObject({ row: 2 });
  });

  it('does not count commas inside a quoted value, wherever the chunks split it', async () => {
    const bytes = Buffer.from(`a,"${','.repeat(MAX_COLUMNS * 2)} ""quoted"" ",b\n${'x,'.repeat(MAX_COLUMNS)}x\n`);
    for (const cut of [1, 2, 3, 4, 100, MAX_COLUMNS * 2 + 4, MAX_COLUMNS * 2 + 8, MAX_COLUMNS * 2 + 16]) {
      expect(await through([bytes.subarray(0, cut), bytes.subarray(cut)])).toMatchObject({ row: 2 });
    }
  });

  it('knows the encodings it reads by their labels', () => {
    expect(resolveEncoding('UTF8')).toBe('utf-8');
    expect(resolveEncoding('latin1')).toBe('windows-1252');
    expect(resolveEncoding(' ISO-8859-15 ')).toBe('iso-8859-15');
    expect(resolveEncoding('utf-16le')).toBeNull();
    expect(resolveEncoding('shift_jis')).toBeNull();
    expect(resolveEncoding('nonsense')).toBeNull();
  });
});
