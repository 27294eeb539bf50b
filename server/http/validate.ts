/**
 * Request validation with zod, as Hono validators so the types reach `hc<AppType>` clients.
 * A wrong content type is 415, unparseable JSON 400, a schema failure (or a NUL character in a
 * string, which the database cannot store: see nul.ts) 422 naming each field.
 */
import type { Context } from 'hono';
import { validator } from 'hono/validator';
import type { z } from 'zod';
import { NUL_IN_JSON, nulPath } from './nul.ts';
import { fieldPath, problem, zodFieldErrors } from './problem.ts';

const JSON_TYPE = /^application\/([a-z0-9.+-]*\+)?json(;|$)/i;

export function isJsonRequest(c: Context): boolean {
  return JSON_TYPE.test(c.req.header('content-type') ?? '');
}

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
