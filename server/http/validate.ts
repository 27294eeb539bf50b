/**
 * Request validation with zod, as Hono validators so the types reach `hc<AppType>` clients.
 * A wrong content type is 415, unparseable JSON 400, a schema failure (or a NUL character in a
 * string, which the database cannot store: see nul.ts) 422 naming each field.
 */
import type { Context } from 'hono';
import { validator } from 'hono/validator';
import { z } from 'zod';
import { bodyKindOf } from './body-limit.ts';
import { NUL_IN_JSON, nulPath } from './nul.ts';
import { fieldPath, problem, zodFieldErrors } from './problem.ts';

/**
 * The same test Hono's `validator('json')` makes before it reads a body: were they to differ, a
 * type one of them calls JSON and the other not would be validated as an empty body.
 */
export function isJsonRequest(c: Context): boolean {
  return bodyKindOf(c.req.header('content-type')) === 'json';
}

/**
 * A JSON object taken as parsed, for bodies whose keys are data (a settings override, an import row).
 * Unlike `z.record`, which assigns each key to a new object, it keeps a `__proto__` key as the own
 * key JSON.parse made it, so it is refused as unknown rather than silently becoming a prototype.
 */
export const JsonObject = z.custom<Record<string, unknown>>(
  (value) => typeof value === 'object' && value !== null && !Array.isArray(value),
  'must be an object',
);

/** Validates a JSON body against a strict zod schema. */
export function jsonBody<S extends z.ZodType>(schema: S) {
  return validator('json', (value, c) => {
    if (!isJsonRequest(c)) return problem(c, 415, 'unsupported-media-type', 'Send the body as application/json.');
    const nul = nulPath(value);
    if (nul) return problem(c, 422, 'validation-error', 'The request body failed validation.', { errors: [{ field: fieldPath(nul), message: NUL_IN_JSON }] });
    const parsed = schema.safeParse(value);
    if (!parsed.success) {
      return problem(c, 422, 'validation-error', 'The request body failed validation.', {
        errors: zodFieldErrors(parsed.error),
      });
    }
    return parsed.data as z.output<S>;
  });
}

/** Validates the query string; unknown parameters are rejected like unknown fields. */
export function queryOf<S extends z.ZodType>(schema: S) {
  return validator('query', (value, c) => {
    const parsed = schema.safeParse(value);
    if (!parsed.success) {
      return problem(c, 422, 'validation-error', 'The query string failed validation.', {
        errors: zodFieldErrors(parsed.error),
      });
    }
    return parsed.data as z.output<S>;
  });
}
