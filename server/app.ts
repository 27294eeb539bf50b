/**
 * Builds the HTTP app: middleware, then one sub-app per resource under /v1. `index.ts` only
 * listens, so tests call `app.request()` against a throwaway database.
 * `AppType` is what the extension's `hc<AppType>` client is typed from.
 */
import { Hono, type MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import { HTTPException } from 'hono/http-exception';
import type { Deps } from './deps.ts';
import { extensionOrigins } from './env.ts';
import { requireAuth, type AppEnv } from './http/auth.ts';
import { PROBLEM_TYPES, problem, type ProblemType } from './http/problem.ts';
import { logError, requestLog } from './http/log.ts';
import { accountsRoutes } from './routes/accounts.ts';
import { activitiesRoutes } from './routes/activities.ts';
import { adminRoutes } from './routes/admin.ts';
import { aliasesRoutes } from './routes/aliases.ts';
import { briefsRoutes } from './routes/briefs.ts';
import { changesRoutes } from './routes/changes.ts';
import { reviewQueueRoutes } from './routes/review-queue.ts';
import { digestRoutes } from './routes/digest.ts';
import { flagsRoutes } from './routes/flags.ts';
import { healthRoutes } from './routes/health.ts';
import { importsRoutes } from './routes/imports.ts';
import { meRoutes } from './routes/me.ts';
import { resolveRoutes } from './routes/resolve.ts';
import { webhooksRoutes } from './routes/webhooks.ts';
import { openApiDocument } from './openapi.ts';

export function createApp(deps: Deps) {
  const { db, now, env } = deps;
  const allowedOrigins = new Set(extensionOrigins(env.EXTENSION_IDS));
  const tooLargeMessage = `Bodies are limited to ${env.MAX_BODY_BYTES} bytes.`;
  const chunkedLimit = bodyLimit({
    maxSize: env.MAX_BODY_BYTES,
    onError: (c) => problem(c, 413, 'payload-too-large', tooLargeMessage),
  });
  /**
   * The body limit, costing nothing on reads: a GET has no body to count, and an announced length is
   * checked from the header. Only a chunked body is counted as it streams in (Hono's bodyLimit
   * buffers it, which is fine at the JSON limit). Touching the body on every request would build
   * a full fetch Request per call, which measured as a large share of a small request's cost.
   */
  const limitBody: MiddlewareHandler = async (c, next) => {
    const method = c.req.method;
    if (method === 'GET' || method === 'HEAD' || method === 'OPTIONS') return next();
    // Imports stream to disk and count bytes themselves (routes/imports.ts).
    if (c.req.path.startsWith('/v1/import/')) return next();
    const length = c.req.header('content-length');
    if (length !== undefined && c.req.header('transfer-encoding') === undefined) {
      return Number(length) > env.MAX_BODY_BYTES ? problem(c, 413, 'payload-too-large', tooLargeMessage) : next();
    }
    return chunkedLimit(c, next);
  };
  const userAuth = requireAuth(db.kysely, now);
  const corsForExtensions = cors({
    origin: (origin) => (allowedOrigins.has(origin) ? origin : null),
    allowHeaders: ['authorization', 'content-type'],
    allowMethods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
    maxAge: 600,
  });

  const v1 = new Hono<AppEnv>()
    .use('*', limitBody)
    .route('/', healthRoutes())
    .get('/openapi.json', (c) => c.json(openApiDocument()))
    .use('/webhooks/*', requireAuth(db.kysely, now, 'webhook'))
    .route('/webhooks', webhooksRoutes(deps))
    .use('*', async (c, next) => (c.req.path.startsWith('/v1/webhooks/') ? next() : userAuth(c, next)))
    .route('/', meRoutes(deps))
    .route('/', resolveRoutes(deps))
    .route('/', aliasesRoutes(deps))
    .route('/', briefsRoutes(deps))
    .route('/', activitiesRoutes(deps))
    .route('/', accountsRoutes(deps))
    .route('/', changesRoutes(deps))
    .route('/', reviewQueueRoutes(deps))
    .route('/', digestRoutes(deps))
    .route('/', flagsRoutes(deps))
    .route('/import', importsRoutes(deps))
    .route('/admin', adminRoutes(deps));

  const app = new Hono()
    .use('*', requestLog(env.LOG_REQUESTS === '1'))
    .use('*', async (c, next) => {
      // An API of JSON needs only these two of the usual security headers: no MIME sniffing, and no
      // caching of personal data by shared caches. Set before the handler runs: headers added to a
      // finished response make the Node adapter rebuild it, a large share of a small request's cost.
      c.header('x-content-type-options', 'nosniff');
      c.header('cache-control', 'no-store');
      await next();
    })
    // Only browsers send Origin; servers and scripts skip the CORS work entirely.
    .use('*', (c, next) => (c.req.header('origin') === undefined ? next() : corsForExtensions(c, next)))
    .get('/problems/:type', (c) => {
      const type = c.req.param('type') as ProblemType;
      const title = PROBLEM_TYPES[type];
      return title ? c.text(`${type}: ${title}\n`) : problem(c, 404, 'not-found', 'No such problem type.');
    })
    .route('/v1', v1);

  app.notFound((c) => problem(c, 404, 'not-found', `No route for ${c.req.method} ${c.req.path}.`));
  app.onError((error, c) => {
    if (error instanceof HTTPException) {
      if (error.status === 400 && /json/i.test(error.message)) {
        return problem(c, 400, 'malformed-json', 'The body could not be parsed as JSON.');
      }
      if (error.status === 413) return problem(c, 413, 'payload-too-large');
      if (error.status === 401) return problem(c, 401, 'unauthorized');
      if (error.status === 404) return problem(c, 404, 'not-found');
      if (error.status < 500) return problem(c, 400, 'validation-error', error.message);
    }
    logError(c, error);
    return problem(c, 500, 'internal');
  });
  return app;
}

export type AppType = ReturnType<typeof createApp>;
