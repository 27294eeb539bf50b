/**
 * `/v1/flags`: "this value is wrong" from the panel. `POST` records a flag (any role, on a record
 * of the team), `GET` lists a rep's own flags (managers and admins: the team's), and
 * `POST /:id/resolve` is an admin's accept (optionally writing the right value) or reject.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import type { Deps } from '../deps.ts';
import { requireRole, type AppEnv } from '../http/auth.ts';
import { problem } from '../http/problem.ts';
import { jsonBody, queryOf } from '../http/validate.ts';
import { FlagRequest, FlagStatus, ResolveFlagRequest } from '../../shared/flag.ts';
import { createFlag, FLAG_CURSOR, listFlags, resolveFlag } from '../flags/flags.ts';

const ListQuery = z.strictObject({
  status: FlagStatus.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  cursor: z.string().regex(FLAG_CURSOR, 'not a cursor from a previous page').optional(),
  /** `me`: only the flags the caller reported (a manager's or admin's "My flags"; a rep sees only theirs anyway). */
  reportedBy: z.literal('me').optional(),
});

const PROBLEM_TYPE = { 404: 'not-found', 409: 'conflict', 422: 'validation-error' } as const;

/**
 * @example
 * POST /v1/flags {"entity":"contact","entityId":"ct_…","field":"title","problem":"Left in 2025","suggestedValue":"CTO"}
 * → 201 {"flag":{"id":"flg_…","status":"open",…}}
 * POST /v1/flags/flg_…/resolve {"action":"accept","value":"CTO"} (admin) → 200 {"flag":{"status":"resolved",…}}
 */
export const flagsRoutes = ({ db, now }: Deps) =>
  new Hono<AppEnv>()
    .post('/flags', jsonBody(FlagRequest), async (c) => {
      const body = c.req.valid('json');
      const flag = await createFlag(db.kysely, c.var.auth, body, now());
      if (!flag) return problem(c, 404, 'not-found', `No such ${body.entity}.`, { errors: [{ field: 'entityId', message: 'not found' }] });
      return c.json({ flag }, 201);
    })
    .get('/flags', queryOf(ListQuery), async (c) => {
      const { limit, status, cursor, reportedBy } = c.req.valid('query');
      return c.json(await listFlags(db.kysely, c.var.auth, { limit, status, cursor, onlyOwn: reportedBy === 'me' }));
    })
    .post('/flags/:id/resolve', requireRole('admin'), jsonBody(ResolveFlagRequest), async (c) => {
      const outcome = await resolveFlag(db.kysely, c.var.auth, c.req.param('id'), c.req.valid('json'), now());
      if (!outcome.ok) {
        return problem(c, outcome.status, PROBLEM_TYPE[outcome.status], outcome.message, { errors: [{ field: outcome.field, message: outcome.message }] });
      }
      return c.json({ flag: outcome.flag });
    });
