/**
 * Errors the admin operations return to their two callers (the CLI and the admin routes), so
 * each can answer in its own way: an exit code and a line, or a problem+json response.
 * These are expected outcomes of an admin's request, not bugs.
 */

export type AdminErrorKind = 'not-found' | 'conflict' | 'invalid';

/**
 * @example throw new AdminError('not-found', 'No such user in this team.', 'id')
 */
export class AdminError extends Error {
  constructor(
    readonly kind: AdminErrorKind,
    message: string,
    /** The input at fault (`email`, `role`), for problem+json's `field`. */
    readonly field?: string,
  ) {
    super(message);
    this.name = 'AdminError';
  }
}

/** A unique-constraint violation on either dialect (SQLite's code, PostgreSQL's 23505). */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}
