/**
 * `POST /v1/import/:entity`: admins import a CSV (`text/csv`, streamed to a temporary file, never
 * held in memory) or a small batch of JSON rows (`{"rows": [...]}`, the same columns). The answer
 * counts created, updated, unchanged and rejected rows and lists the errors by row and column;
 * a file that cannot be imported at all (a bad header, broken quoting) is a 422 with nothing written.
 */
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import type { Deps } from '../deps.ts';
import { requireRole, type AppEnv } from '../http/auth.ts';
import { problem, zodFieldErrors, type FieldError } from '../http/problem.ts';
import { BodyReadError, BodyTooLargeError, bodyChunks, bodyKindOf, unreadableBody } from '../http/body-limit.ts';
import { isJsonRequest, JsonObject, queryOf } from '../http/validate.ts';
import { IMPORTERS } from '../ingest/csv/entities/index.ts';
import { resolveEncoding } from '../ingest/csv/guard.ts';
import { csvFileSource, jsonRowsSource } from '../ingest/csv/read.ts';
import { runImport } from '../ingest/csv/run.ts';
import { spoolToTempFile } from '../ingest/csv/spool.ts';
import { ENTITY_NAMES, isEntityName, type ImportOutcome, type RowError } from '../ingest/csv/types.ts';

/** `text/csv; charset=windows-1252`: the file's encoding, when it is not UTF-8. */
const CHARSET = /;\s*charset\s*=\s*"?([^";\s]+)"?/i;

/** JSON rows are for small batches; a large file belongs in a CSV, which is streamed. */
const JsonRows = z.strictObject({
  rows: z.array(JsonObject).min(1).max(10_000),
});

/**
 * `?readmitErased=true`: the admin knowingly re-adds people erased from the team (they consented
 * again); without it their rows are rejected. Only the literal `true`, so no typo turns it on.
 */
const ImportQuery = z.strictObject({ readmitErased: z.literal('true').optional() });

const fieldOf = (e: RowError): FieldError => ({ field: e.column === '(row)' ? `row ${e.row}` : `row ${e.row}, column ${e.column}`, message: e.message });

export const importsRoutes = (deps: Deps) =>
  new Hono<AppEnv>().post('/:entity', requireRole('admin'), queryOf(ImportQuery), async (c) => {
    const entity = c.req.param('entity');
    if (!isEntityName(entity)) {
      return problem(c, 404, 'not-found', `Nothing to import as "${entity}". Entities: ${ENTITY_NAMES.join(', ')}.`);
    }
    const importer = IMPORTERS[entity];
    const readmitErased = c.req.valid('query').readmitErased === 'true';
    const options = { teamId: c.var.auth.teamId, now: deps.now(), actorId: c.var.auth.userId, readmitErased };
    let outcome: ImportOutcome;
    if (isJsonRequest(c)) {
      const rows = await jsonRows(c);
      if (rows instanceof Response) return rows;
      outcome = await runImport(deps.db.kysely, importer, jsonRowsSource(rows), options);
    } else if (bodyKindOf(c.req.header('content-type')) === 'csv') {
      const charset = CHARSET.exec(c.req.header('content-type') ?? '')?.[1] ?? 'utf-8';
      const encoding = resolveEncoding(charset);
      if (!encoding) {
        return problem(c, 415, 'unsupported-media-type', `Imports read UTF-8 or a single-byte charset such as windows-1252, not "${charset.slice(0, 40)}".`, { field: 'content-type' });
      }
      let spooled;
      try {
        // Counted as it arrives; an announced length over the limit never got past http/body-limit.ts.
        spooled = await spoolToTempFile(bodyChunks(c, deps.env.MAX_IMPORT_BYTES));
      } catch (error) {
        if (error instanceof BodyTooLargeError) {
          return problem(c, 413, 'payload-too-large', `Imports are limited to ${deps.env.MAX_IMPORT_BYTES} bytes.`);
        }
        if (error instanceof BodyReadError) return unreadableBody(c);
        throw error;
      }
      try {
        outcome = await runImport(deps.db.kysely, importer, csvFileSource(spooled.file, { encoding }), options);
      } finally {
        spooled.remove();
      }
    } else {
      return problem(c, 415, 'unsupported-media-type', 'Send the file as text/csv (or rows as application/json).');
    }
    if (!outcome.ok) {
      return problem(c, 422, 'invalid-csv', 'The file was not imported; nothing was written.', {
        errors: outcome.rejection.errors.map(fieldOf),
      });
    }
    return c.json(outcome.report, 200);
  });

async function jsonRows(c: Context<AppEnv>): Promise<Record<string, unknown>[] | Response> {
  let body: unknown;
  try {
    body = await c.req.json();
  } catch {
    return problem(c, 400, 'malformed-json', 'The body could not be parsed as JSON.');
  }
  const parsed = JsonRows.safeParse(body);
  if (!parsed.success) {
    return problem(c, 422, 'validation-error', 'The request body failed validation.', { errors: zodFieldErrors(parsed.error) });
  }
  return parsed.data.rows;
}
