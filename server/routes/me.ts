/**
 * `GET /v1/me`: who the token belongs to, for the extension's Connect button.
 */
import { Hono } from 'hono';
import type { Deps } from '../deps.ts';
import type { AppEnv } from '../http/auth.ts';
import type { MeAnswer } from '../../shared/server-info.ts';
import { SERVER_VERSION } from '../version.ts';

export const meRoutes = ({ db }: Deps) =>
  new Hono<AppEnv>().get('/me', async (c) => {
    const { userId, teamId, role, name, email } = c.var.auth;
    const team = await db.kysely.selectFrom('teams').select(['id', 'name']).where('id', '=', teamId).executeTakeFirstOrThrow();
    return c.json({ user: { id: userId, name, email, role }, team, serverVersion: SERVER_VERSION } satisfies MeAnswer);
  });
