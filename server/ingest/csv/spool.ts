/**
 * Spooling an HTTP body to a temporary file, counting bytes as they pass: the importer reads a
 * file twice, and a request body can be read once. The body never sits in memory whole.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';

export interface Spooled {
  file: string;
  bytes: number;
  /** Deletes the file; call it when the import is done, whatever happened. */
  remove(): void;
}

export class BodyTooLargeError extends Error {}

/**
 * @example
 * const spooled = await spoolToTempFile(c.req.raw.body, env.MAX_IMPORT_BYTES);
 * try { … csvFileSource(spooled.file) … } finally { spooled.remove(); }
 */
export async function spoolToTempFile(body: ReadableStream<Uint8Array> | null, maxBytes: number): Promise<Spooled> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sh-import-'));
  const file = path.join(dir, 'body.csv');
  const remove = () => fs.rmSync(dir, { recursive: true, force: true });
  let bytes = 0;
  const count = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      bytes += chunk.length;
      // The body limit middleware trusts a Content-Length; this also stops a body that lies about it.
      if (bytes > maxBytes) done(new BodyTooLargeError(`body larger than ${maxBytes} bytes`));
      else done(null, chunk);
    },
  });
  try {
    const input = body ? Readable.fromWeb(body as WebReadableStream<Uint8Array>) : Readable.from([]);
    await pipeline(input, count, fs.createWriteStream(file));
  } catch (error) {
    remove();
    throw error;
  }
  return { file, bytes, remove };
}
