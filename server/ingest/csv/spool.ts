/**
 * Spooling an HTTP body to a temporary file, counting bytes as they pass: the importer reads a
 * file twice, and a request body can be read once. The body never sits in memory whole.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { BodyTooLargeError } from '../../http/body-limit.ts';

export { BodyTooLargeError };

export interface Spooled {
  file: string;
  bytes: number;
  /** Deletes the file; call it when the import is done, whatever happened. */
  remove(): void;
}

/**
 * @example
 * const spooled = await spoolToTempFile(bodyChunks(c, env.MAX_IMPORT_BYTES), env.MAX_IMPORT_BYTES);
 * try { … csvFileSource(spooled.file) … } finally { spooled.remove(); }
 */
export async function spoolToTempFile(body: AsyncIterable<Uint8Array>, maxBytes: number): Promise<Spooled> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sh-import-'));
  const file = path.join(dir, 'body.csv');
  const remove = () => fs.rmSync(dir, { recursive: true, force: true });
  let bytes = 0;
  const count = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      bytes += chunk.length;
      // The body is counted as it is read (http/body-limit.ts); this also bounds any other source.
      if (bytes > maxBytes) done(new BodyTooLargeError(`body larger than ${maxBytes} bytes`));
      else done(null, chunk);
    },
  });
  try {
    // Pulled one chunk at a time as the file takes it: the body is never read ahead of the disk.
    await pipeline(Readable.from(body), count, fs.createWriteStream(file));
  } catch (error) {
    remove();
    throw error;
  }
  return { file, bytes, remove };
}
