/**
 * `/v1/admin/...`: users, tokens, settings, erasure, the audit log, the freshness report and the CRM connections of the caller's team.
 * Admins only, except that managers may read the team's user list. Every query takes
 * `auth.teamId`, so another team's user or token is a 404 like one that never existed.
 */
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import type { Deps } from '../deps.ts';
import { requireRole, type AppEnv } from '../http/auth.ts';
import { problem, zodFieldErrors } from '../http/problem.ts';
import { jsonBody, queryOf } from '../http/validate.ts';
import { AdminError } from '../admin/errors.ts';
import { addMember, changeMember, listMembers, MemberChange, NewMember } from '../admin/users.ts';
import { issueMemberToken, listTokens, revokeTeamToken, rotateTeamToken, RotateRequest, TokenRequest } from '../admin/tokens.ts';
import { isSettingKey, readSetting, SETTING_KEYS, writeSetting } from '../admin/settings.ts';
import { erasePerson, ErasureRequest } from '../admin/erase.ts';
import { auditPage } from '../admin/audit-log.ts';
import { freshnessReport } from '../admin/freshness-report.ts';
import { teamSettings } from '../briefs/intel-for-accounts.ts';
import { listConnections } from '../crm/connections.ts';

const STATUS = { 'not-found': 404, conflict: 409, invalid: 422 } as const;
const TYPE = { 'not-found': 'not-found', conflict: 'conflict', invalid: 'validation-error' } as const;

/** An admin operation's expected refusal as problem+json; anything else is a bug for onError. */
function refusal(c: Context, error: unknown): Response {
  if (!(error instanceof AdminError)) throw error;
  const errors = error.field ? [{ field: error.field, message: error.message }] : undefined;
  return problem(c, STATUS[error.kind], TYPE[error.kind], error.message, errors ? { errors } : {});
}

const unknownSetting = (c: Context) =>
  problem(c, 404, 'not-found', `No such setting. Known settings: ${SETTING_KEYS.join(', ')}.`, {
    errors: [{ field: 'key', message: 'unknown setting' }],
  });

const positiveInt = (max: number) =>
  z
    .string()
    .regex(/^\d{1,9}$/, 'a whole number')
    .transform(Number)
    .pipe(z.number().int().min(1).max(max));

const AuditQuery = z.strictObject({ limit: positiveInt(500).optional(), before: positiveInt(1e9 - 1).optional() });
const FreshnessQuery = z.strictObject({ limit: positiveInt(500).optional() });

export const adminRoutes = ({ db, now }: Deps) => {
  const admin = requireRole('admin');
  const k = db.kysely;
  return new Hono<AppEnv>()
    .get('/users', requireRole('manager'), async (c) => c.json({ users: await listMembers(k, c.var.auth.teamId) }))
    .post('/users', admin, jsonBody(NewMember), async (c) => {
      try {
        const user = await addMember(k, c.var.auth.teamId, c.req.valid('json'), c.var.auth.userId, now());
        return c.json({ user }, 201);
      } catch (error) {
        return refusal(c, error);
      }
    })
    .patch('/users/:id', admin, jsonBody(MemberChange), async (c) => {
      try {
        const user = await changeMember(k, c.var.auth.teamId, c.req.param('id'), c.req.valid('json'), c.var.auth.userId, now());
        return c.json({ user });
      } catch (error) {
        return refusal(c, error);
      }
    })
    .get('/tokens', admin, async (c) => c.json({ tokens: await listTokens(k, c.var.auth.teamId, now()) }))
    .post('/users/:id/tokens', admin, jsonBody(TokenRequest), async (c) => {
      try {
        const issued = await issueMemberToken(k, c.var.auth.teamId, c.req.param('id'), c.req.valid('json'), c.var.auth.userId, now());
        return c.json({ ...issued, notice: 'This is the only time the token is shown; it is not stored.' }, 201);
      } catch (error) {
        return refusal(c, error);
      }
    })
    .post('/tokens/:id/rotate', admin, jsonBody(RotateRequest), async (c) => {
      try {
        const rotated = await rotateTeamToken(k, c.var.auth.teamId, c.req.param('id'), c.req.valid('json'), c.var.auth.userId, now());
        return c.json({ ...rotated, notice: 'This is the only time the new token is shown; it is not stored.' }, 201);
      } catch (error) {
        return refusal(c, error);
      }
    })
    .delete('/tokens/:id', admin, async (c) => {
      try {
        const revoked = await revokeTeamToken(k, c.var.auth.teamId, c.req.param('id'), c.var.auth.userId, now());
        return c.json({ id: revoked.id, revoked: true, alreadyRevoked: revoked.alreadyRevoked });
      } catch (error) {
        return refusal(c, error);
      }
    })
    .get('/settings/:key', admin, async (c) => {
      const key = c.req.param('key');
      if (!isSettingKey(key)) return unknownSetting(c);
      return c.json(await readSetting(k, c.var.auth.teamId, key));
    })
    // The body is the value itself (`5`, or `{"pricingVisits": 3, …}`), so errors name its own fields.
    .put('/settings/:key', admin, jsonBody(z.unknown()), async (c) => {
      const key = c.req.param('key');
      if (!isSettingKey(key)) return unknownSetting(c);
      const written = await writeSetting(k, c.var.auth.teamId, key, c.req.valid('json'), c.var.auth.userId, now());
      if (!written.ok) {
        // A scalar setting's error sits at the body itself; name the setting instead of "(body)".
        const errors = zodFieldErrors(written.error).map((e) => (e.field === '(body)' ? { ...e, field: key } : e));
        return problem(c, 422, 'validation-error', `The value of ${key} failed validation.`, { errors });
      }
      return c.json(written.setting);
    })
    .post('/erasures', admin, jsonBody(ErasureRequest), async (c) => {
      try {
        return c.json(await erasePerson(k, c.var.auth.teamId, c.req.valid('json'), c.var.auth.userId, now()));
      } catch (error) {
        return refusal(c, error);
      }
    })
    .get('/audit', admin, queryOf(AuditQuery), async (c) => {
      const { limit, before } = c.req.valid('query');
      return c.json(await auditPage(k, c.var.auth.teamId, { limit: limit ?? 50, ...(before ? { before } : {}) }));
    })
    // The team's CRM connections: state, last run, cursors, errors, outbox counts; never a secret.
    .get('/crm', admin, async (c) => c.json({ connections: await listConnections(k, c.var.auth.teamId) }))
    .get('/freshness', admin, queryOf(FreshnessQuery), async (c) => {
      const { settings } = await teamSettings(db, c.var.auth.teamId);
      return c.json(await freshnessReport(k, c.var.auth.teamId, settings, now(), c.req.valid('query').limit ?? 50));
    });
};
