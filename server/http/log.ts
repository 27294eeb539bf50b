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

/**
 * `Server-Timing: app;dur=<ms>` when `SERVER_TIMING=1` (off by default) and the request asks for it
 * (`x-server-timing: 1`): the time from this worker's first look at the request to its answer. The benchmarks print it beside the
 * client's latency, so a tail can be told apart: time in the handler, or time waiting for a core
 * or for the worker's event loop before it started. Set after the handler, which makes the Node
 * adapter rebuild the response (a few microseconds), so it stays off in production, and only the requests that ask pay for it (the
 * closed-loop capacity figures are measured without it).
 */
export function serverTiming(enabled: boolean): MiddlewareHandler {
  return async (c, next) => {
    if (!enabled || c.req.header('x-server-timing') !== '1') return next();
    const started = performance.now();
    await next();
    c.res.headers.set('server-timing', `app;dur=${(performance.now() - started).toFixed(2)}`);
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
