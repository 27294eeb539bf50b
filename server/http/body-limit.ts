/**
 * The body limit: every request body is bounded before anything reads it, whatever its type and
 * whether or not it announces its length. One gate in front of every route (app.ts), so a route
 * added later is bounded without anyone remembering to:
 * - a type the path does not take is `415` before a byte is read;
 * - an announced length over the limit is `413` from the header alone;
 * - a body without a length (chunked) is counted as it arrives and cut at the limit: JSON is
 *   buffered up to MAX_BODY_BYTES here, a CSV import is streamed to disk by its route through
 *   `bodyChunks`, which counts the same way.
 * A client that asks first (`Expect: 100-continue`) is told to continue only once the gate accepts
 * its body, so a refused one is never sent. Reads (GET, HEAD, OPTIONS) cost nothing: their bodies
 * are never read.
 */
import type { EventEmitter } from 'node:events';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Context, MiddlewareHandler } from 'hono';
import type { ServerEnv } from '../env.ts';
import { problem } from './problem.ts';

export class BodyTooLargeError extends Error {}

/** The body broke off before its end: the client went away, or its chunked encoding was broken. */
export class BodyReadError extends Error {}

export type BodyKind = 'json' | 'csv';

/** Exactly the media types Hono's `validator('json')` parses, so a type that passes here is the one it reads. */
const JSON_MEDIA = /^application\/([\w.-]+\+)?json$/;
const CSV_MEDIA = /^(text|application)\/csv$/;

/** `Application/JSON; charset=utf-8` → `application/json`. */
export const mediaTypeOf = (header: string | undefined) => (header ?? '').split(';')[0]!.trim().toLowerCase();

export function bodyKindOf(contentType: string | undefined): BodyKind | null {
  const media = mediaTypeOf(contentType);
  if (JSON_MEDIA.test(media)) return 'json';
  if (CSV_MEDIA.test(media)) return 'csv';
  return null;
}

interface BodyRule {
  limit: number;
  /** The route reads the body itself through `bodyChunks` (a CSV spooled to disk); otherwise it is buffered here. */
  streamed: boolean;
}

const MEDIA_NAMES: Record<BodyKind, string> = { json: 'application/json', csv: 'text/csv' };

/**
 * The socket's request when running under @hono/node-server and nothing has read it yet. Reading it
 * directly, one chunk at a time, is what lets a refused body stay unread: the adapter's web stream
 * (`Readable.toWeb`) keeps queueing whatever arrives once the adapter drains the connection.
 */
function unreadIncoming(c: Context): IncomingMessage | undefined {
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  return incoming && typeof incoming.iterator === 'function' && !incoming.readableDidRead ? incoming : undefined;
}

interface ChunkSource {
  read(): Promise<IteratorResult<Uint8Array>>;
  /** Stops reading early without destroying the connection. */
  stop(): void;
}

function chunkSource(c: Context): ChunkSource | null {
  const incoming = unreadIncoming(c);
  if (incoming) {
    // destroyOnReturn: false leaves the request paused, not destroyed, when reading stops early.
    const iterator = incoming.iterator({ destroyOnReturn: false }) as AsyncIterator<Buffer>;
    return { read: () => iterator.next(), stop: () => void Promise.resolve(iterator.return?.()).catch(() => {}) };
  }
  const body = c.req.raw.body;
  if (!body) return null;
  const reader = body.getReader();
  return { read: () => reader.read(), stop: () => void reader.cancel().catch(() => {}) };
}

/**
 * The request body as it arrives, counted: past `maxBytes` it throws BodyTooLargeError and reads
 * nothing more; a body that breaks off (the client went away, a broken chunked encoding) throws
 * BodyReadError. Chunks are pulled one at a time, never read ahead. When reading stops early the
 * socket's request is left paused, not destroyed, so the answer (a 413) still reaches the client;
 * @hono/node-server then drains what the client keeps sending, discarding it (at most 64 MB or
 * 500 ms), and closes the connection.
 *
 * @example
 * for await (const chunk of bodyChunks(c, env.MAX_IMPORT_BYTES)) file.write(chunk);
 */
export async function* bodyChunks(c: Context, maxBytes: number): AsyncGenerator<Uint8Array> {
  const source = chunkSource(c);
  if (!source) return;
  let bytes = 0;
  let finished = false;
  try {
    for (;;) {
      let result: IteratorResult<Uint8Array>;
      try {
        result = await source.read();
      } catch (cause) {
        finished = true;
        throw new BodyReadError('the body could not be read to its end', { cause });
      }
      if (result.done) {
        finished = true;
        return;
      }
      bytes += result.value.byteLength;
      if (bytes > maxBytes) throw new BodyTooLargeError(`body larger than ${maxBytes} bytes`);
      yield result.value;
    }
  } finally {
    if (!finished) source.stop();
  }
}

/** The whole body if it fits in `maxBytes`, else null; read no further than one chunk past the limit. */
async function readWithin(c: Context, maxBytes: number): Promise<Uint8Array<ArrayBuffer> | null> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for await (const chunk of bodyChunks(c, maxBytes)) {
      chunks.push(chunk);
      size += chunk.byteLength;
    }
  } catch (error) {
    if (error instanceof BodyTooLargeError) return null;
    throw error;
  }
  const body = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

/** The answer to a body that broke off: the client's doing, so a 400, never a 500. */
export const unreadableBody = (c: Context) => problem(c, 400, 'validation-error', 'The body could not be read to its end.', { field: '(body)' });

/** Requests whose client waits for `100 Continue` before sending its body (see `holdContinue`). */
const awaitingContinue = new WeakSet<IncomingMessage>();

/**
 * Lets the gate answer `Expect: 100-continue` itself. Node otherwise sends `100 Continue` as soon
 * as the headers arrive, and a client like curl (which asks before any body over 1 MB) then sends
 * the whole body even when it is about to be refused. Held, the client learns of a 415 or 413
 * before it sends a byte; a body the gate lets through gets its `100 Continue` then.
 */
export function holdContinue(server: EventEmitter): void {
  server.on('checkContinue', (req: IncomingMessage, res: ServerResponse) => {
    awaitingContinue.add(req);
    server.emit('request', req, res);
  });
}

/** Tells a client waiting on `Expect: 100-continue` to send its body, once the gate accepts it. */
function letBodyIn(c: Context): void {
  const env = c.env as { incoming?: IncomingMessage; outgoing?: ServerResponse } | undefined;
  if (!env?.incoming || !awaitingContinue.has(env.incoming)) return;
  awaitingContinue.delete(env.incoming);
  env.outgoing?.writeContinue();
}

/** The gate, for every route: see the file header. */
export function bodyLimits(env: ServerEnv): MiddlewareHandler {
  const json: BodyRule = { limit: env.MAX_BODY_BYTES, streamed: false };
  const csvImport: BodyRule = { limit: env.MAX_IMPORT_BYTES, streamed: true };
  // Imports take a CSV file (streamed to disk) or a small batch of JSON rows; everything else takes JSON.
  const rulesFor = (path: string): Partial<Record<BodyKind, BodyRule>> => (path.startsWith('/v1/import/') ? { csv: csvImport, json } : { json });

  return async (c, next) => {
    const method = c.req.method;
    if (method === 'GET' || method === 'HEAD' || method === 'OPTIONS') return next();
    const chunked = c.req.header('transfer-encoding') !== undefined;
    const length = chunked ? undefined : c.req.header('content-length');
    const type = c.req.header('content-type');
    if (length !== undefined && /^0+$/.test(length)) return next();
    // HTTP/1.1: a request with neither a length nor a transfer encoding has no body.
    if (!chunked && length === undefined && type === undefined) return next();

    const kind = bodyKindOf(type);
    const rules = rulesFor(c.req.path);
    const rule = kind ? rules[kind] : undefined;
    if (!kind || !rule) {
      const wanted = (Object.keys(rules) as BodyKind[]).map((k) => MEDIA_NAMES[k]).join(' or ');
      return problem(c, 415, 'unsupported-media-type', `Send the body as ${wanted}.`);
    }
    const tooLarge = () => problem(c, 413, 'payload-too-large', `${kind === 'csv' ? 'CSV imports' : 'JSON bodies'} are limited to ${rule.limit} bytes.`);
    if (length !== undefined && /^\d+$/.test(length) && Number(length) > rule.limit) return tooLarge();
    letBodyIn(c);
    if ((length !== undefined && /^\d+$/.test(length)) || rule.streamed) return next();

    let body: Uint8Array<ArrayBuffer> | null;
    try {
      body = await readWithin(c, rule.limit);
    } catch (error) {
      if (error instanceof BodyReadError) return unreadableBody(c);
      throw error;
    }
    if (!body) return tooLarge();
    c.req.raw = new Request(c.req.url, { method, headers: c.req.raw.headers, body });
    return next();
  };
}
