/**
 * Spooling an HTTP body to a temporary file: the importer reads a file twice, and a request body
 * can be read once. The body never sits in memory whole; it is bounded where it is read
 * (`bodyChunks` in http/body-limit.ts counts it and stops at the limit).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

export interface Spooled {
  file: string;
  /** Deletes the file; call it when the import is done, whatever happened. */
  remove(): void;
}

/**
 * @example
 * const spooled = await spoolToTempFile(bodyChunks(c, env.MAX_IMPORT_BYTES));
 * try { … csvFileSource(spooled.file) … } finally { spooled.remove(); }
 */
export async function spoolToTempFile(body: AsyncIterable<Uint8Array>): Promise<Spooled> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sh-import-'));
  const file = path.join(dir, 'body.csv');
  const remove = () => fs.rmSync(dir, { recursive: true, force: true });
  try {
    // Pulled one chunk at a time as the file takes it: the body is never read ahead of the disk.
    await pipeline(Readable.from(body), fs.createWriteStream(file));
  } catch (error) {
    remove();
    throw error;
  }
  return { file, remove };
}
