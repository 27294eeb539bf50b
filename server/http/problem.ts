/**
 * RFC 9457 problem details: every error the API returns has this shape, a stable `type`,
 * and the field at fault. No stack trace or internal message ever reaches a client.
 *
 * @example
 * return problem(c, 404, 'not-found', 'No such account');
 */
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { z } from 'zod';

export const PROBLEM_TYPES = {
  'validation-error': 'A field is missing, malformed or not allowed',
  'malformed-json': 'The body is not valid JSON',
  'unsupported-media-type': 'The body must be sent as application/json (or text/csv for imports)',
  'payload-too-large': 'The body is larger than this endpoint accepts',
  unauthorized: 'A valid bearer token is required',
  'token-expired': 'The token has expired; ask an admin for a new one',
  forbidden: 'Your role does not allow this',
  'not-found': 'No such resource',
  'method-not-allowed': 'This resource does not accept that method',
  conflict: 'This conflicts with what the server already has',
  'invalid-csv': 'The CSV could not be imported',
  internal: 'The server failed; nothing was changed by this request',
} as const;
export type ProblemType = keyof typeof PROBLEM_TYPES;

/** A problem type's own name; never an inherited key like `constructor`. */
export const isProblemType = (name: string): name is ProblemType => Object.hasOwn(PROBLEM_TYPES, name);

export interface FieldError {
  /** Path to the value at fault, `refs[0].profileUrl`; for CSV, `row 12, column email`. */
  field: string;
  message: string;
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  /** The first field at fault (also in `errors`), for clients that show one message. */
  field?: string;
  errors?: FieldError[];
  [extra: string]: unknown;
}

export const problemTypeUri = (type: ProblemType) => `/problems/${type}`;

export function problemBody(status: number, type: ProblemType, detail?: string, extra: Partial<Problem> = {}): Problem {
  const body: Problem = { type: problemTypeUri(type), title: PROBLEM_TYPES[type], status };
  if (detail) body.detail = detail;
  Object.assign(body, extra);
  if (!body.field && body.errors?.length) body.field = body.errors[0]!.field;
  return body;
}

export function problem(
  c: Context,
  status: ContentfulStatusCode,
  type: ProblemType,
  detail?: string,
  extra: Partial<Problem> = {},
): Response {
  return c.body(JSON.stringify(problemBody(status, type, detail, extra)), status, {
    'content-type': 'application/problem+json',
  });
}

/** `['refs', 0, 'profileUrl']` → `refs[0].profileUrl`. */
export function fieldPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out || '(body)';
}

/** Zod issues as field errors; an unknown key is reported at its own path. */
export function zodFieldErrors(error: z.ZodError, prefix: ReadonlyArray<PropertyKey> = []): FieldError[] {
  const out: FieldError[] = [];
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        out.push({ field: fieldPath([...prefix, ...issue.path, key]), message: 'unknown field' });
      }
    } else {
      out.push({ field: fieldPath([...prefix, ...issue.path]), message: issue.message });
    }
  }
  return out;
}
