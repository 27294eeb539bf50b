/**
 * Request and error logs. They carry method, route, status and time, never bodies, query strings
 * or error messages (a database error can quote the personal data it choked on).
 */
import type { Context, MiddlewareHandler } from 'hono';

export function requestLog(enabled: boolean): MiddlewareHandler {
  return async (c, next) => {
    if (!enabled) return next();
    const started = performance.now();
    await next();
    const ms = (performance.now() - started).toFixed(1);
    console.log(`${c.req.method} ${c.req.routePath ?? c.req.path} ${c.res.status} ${ms}ms`);
  };
}

export function logError(c: Context, error: unknown): void {
  const name = error instanceof Error ? error.name : typeof error;
  const code = (error as { code?: unknown })?.code;
  const frames =
    error instanceof Error && error.stack
      ? error.stack
          .split('\n')
          .filter((l) => l.trimStart().startsWith('at '))
          .slice(0, 8)
          .join('\n')
      : '';
  console.error(`error in ${c.req.method} ${c.req.routePath ?? c.req.path}: ${name}${code ? ` (${String(code)})` : ''}\n${frames}`);
}
