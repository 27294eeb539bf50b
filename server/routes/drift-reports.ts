/**
 * Selector drift reports (shared/drift.ts). `POST /v1/drift-reports`: any user's extension sends
 * its tallies of selectors that stopped matching; `GET /v1/admin/drift-reports`: an admin reads
 * the team's, grouped by site, selector and extension version.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import type { Deps } from '../deps.ts';
import { requireRole, type AppEnv } from '../http/auth.ts';
import { problem } from '../http/problem.ts';
import { jsonBody, queryOf } from '../http/validate.ts';
import { driftDayProblem, DriftReportsRequest, DriftSite, DRIFT_MAX_AGE_DAYS, type DriftReportsAnswer, type DriftSummaries } from '../../shared/drift.ts';
import { driftSummaries, recordDriftReports } from '../drift/reports.ts';

const SummaryQuery = z.strictObject({
  site: DriftSite.optional(),
  /** Reports of this UTC day and later; by default the last DRIFT_MAX_AGE_DAYS days. */
  since: z.iso.date().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(200),
});

const daysBefore = (now: Date, days: number) => new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - days)).toISOString().slice(0, 10);

/**
 * @example
 * POST /v1/drift-reports {"reports":[{"site":"linkedin","pageKind":"profile","selector":"profile.name","extensionVersion":"0.4.1","day":"2026-12-04","count":3}]}
 * → 200 {"accepted":1}
 * GET /v1/admin/drift-reports?site=linkedin (admin)
 * → 200 {"since":"2026-11-04","reports":[{"site":"linkedin","selector":"profile.name","extensionVersion":"0.4.1","pageKinds":["profile"],"count":3,…,"reporters":1}]}
 */
export const driftReportsRoutes = ({ db, now }: Deps) =>
  new Hono<AppEnv>()
    .post('/drift-reports', jsonBody(DriftReportsRequest), async (c) => {
      const { reports } = c.req.valid('json');
      const at = now();
      // The window depends on the server's clock, so it is checked here rather than in the schema.
      const errors = reports.flatMap((r, i) => {
        const why = driftDayProblem(r.day, at);
        return why ? [{ field: `reports[${i}].day`, message: why }] : [];
      });
      if (errors.length) return problem(c, 422, 'validation-error', 'The request body failed validation.', { errors });
      await recordDriftReports(db.kysely, c.var.auth, reports, at);
      return c.json({ accepted: reports.length } satisfies DriftReportsAnswer);
    })
    .get('/admin/drift-reports', requireRole('admin'), queryOf(SummaryQuery), async (c) => {
      const { site, since, limit } = c.req.valid('query');
      const sinceDay = since ?? daysBefore(now(), DRIFT_MAX_AGE_DAYS);
      const reports = await driftSummaries(db.kysely, c.var.auth.teamId, sinceDay, { ...(site ? { site } : {}), limit });
      return c.json({ since: sinceDay, reports } satisfies DriftSummaries);
    });
