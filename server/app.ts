/**
 * Builds the HTTP app: middleware, then one sub-app per resource under /v1. `index.ts` only
 * listens, so tests call `app.request()` against a throwaway database.
 * `AppType` is what the extension's `hc<AppType>` client is typed from.
 */
import { Hono } from 'hono';
import { cors } from 'hono/cors';
import { HTTPException } from 'hono/http-exception';
import type { Deps } from './deps.ts';
import { extensionOrigins } from './env.ts';
import { requireAuth, type AppEnv } from './http/auth.ts';
import { bodyLimits } from './http/body-limit.ts';
import { isProblemType, PROBLEM_TYPES, problem } from './http/problem.ts';
import { logError, requestLog, serverTiming } from './http/log.ts';
import { accountsRoutes } from './routes/accounts.ts';
import { activitiesRoutes } from './routes/activities.ts';
import { adminRoutes } from './routes/admin.ts';
import { aliasesRoutes } from './routes/aliases.ts';
import { briefsRoutes } from './routes/briefs.ts';
import { changesRoutes } from './routes/changes.ts';
import { reviewQueueRoutes } from './routes/review-queue.ts';
import { digestRoutes } from './routes/digest.ts';
import { driftReportsRoutes } from './routes/drift-reports.ts';
import { composeRoutes } from './routes/compose.ts';
import { contactsRoutes } from './routes/contacts.ts';
import { flagsRoutes } from './routes/flags.ts';
import { healthRoutes } from './routes/health.ts';
import { importsRoutes } from './routes/imports.ts';
import { meRoutes } from './routes/me.ts';
import { meetingsRoutes } from './routes/meetings.ts';
import { resolveRoutes } from './routes/resolve.ts';
import { webhooksRoutes } from './routes/webhooks.ts';
import { openApiDocument } from './openapi.ts';

export function createApp(deps: Deps) {
  const { db, now, env } = deps;
  const allowedOrigins = new Set(extensionOrigins(env.EXTENSION_IDS));
  const userAuth = requireAuth(db.kysely, now);
  const corsForExtensions = cors({
    origin: (origin) => (allowedOrigins.has(origin) ? origin : null),
    allowHeaders: ['authorization', 'content-type'],
    allowMethods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
    maxAge: 600,
  });

  const v1 = new Hono<AppEnv>()
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
    .route('/', driftReportsRoutes(deps))
    .route('/', contactsRoutes(deps))
    .route('/', meetingsRoutes(deps))
    .route('/', composeRoutes(deps))
    .route('/import', importsRoutes(deps))
    .route('/admin', adminRoutes(deps));

  const app = new Hono()
    .use('*', serverTiming(env.SERVER_TIMING === '1'))
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
    // Every body is bounded before anything reads it (http/body-limit.ts): a wrong type is 415, past
    // the limit 413, on every path. After CORS, so the extension can read its 413.
    .use('*', bodyLimits(env))
    .get('/problems/:type', (c) => {
      const type = c.req.param('type');
      // Own keys only: `constructor` or `__proto__` are not problem types.
      if (!isProblemType(type)) return problem(c, 404, 'not-found', 'No such problem type.');
      return c.text(`${type}: ${PROBLEM_TYPES[type]}\n`);
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
