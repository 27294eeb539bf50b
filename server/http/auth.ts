/**
 * Bearer-token authentication and role checks. Every `/v1` route but health sits behind
 * `requireAuth`; handlers read `c.var.auth` and scope every query to `auth.teamId`.
 */
import { createMiddleware } from 'hono/factory';
import type { DB } from '../db/connect.ts';
import type { Role } from '../db/schema.ts';
import { authenticate, type AuthContext } from '../auth/users.ts';
import { problem } from './problem.ts';

export type AppEnv = { Variables: { auth: AuthContext } };

/**
 * Last use is recorded at most once per 10 minutes per token. Every request authenticates, and a
 * write on each would turn every read into a write (on SQLite, taking the one write lock that
 * imports and activity batches also need). "Last used" answers "is this token still in use, by
 * whom, roughly when", so a 10-minute resolution loses nothing an admin acts on.
 */
export const LAST_USED_GRANULARITY_MS = 10 * 60 * 1000;

/**
 * Authenticates the bearer token. `scope` says which kind of token the routes behind it take:
 * user tokens act as their user; webhook tokens (held by a data vendor) may only deliver events.
 */
export function requireAuth(db: DB, now: () => Date, scope: 'user' | 'webhook' = 'user') {
  return createMiddleware<AppEnv>(async (c, next) => {
    const header = c.req.header('authorization') ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) {
      c.header('www-authenticate', 'Bearer');
      return problem(c, 401, 'unauthorized', 'Send "Authorization: Bearer <token>".');
    }
    const found = await authenticate(db, match[1]!);
    if (!found) {
      c.header('www-authenticate', 'Bearer error="invalid_token"');
      return problem(c, 401, 'unauthorized', 'The token is unknown or was revoked.');
    }
    const at = now();
    if (found.expiresAt && Date.parse(found.expiresAt) <= at.getTime()) {
      // Its own type, so a client can say "ask for a new token" rather than "wrong token". Never echo the token.
      c.header('www-authenticate', 'Bearer error="invalid_token", error_description="The token expired"');
      return problem(c, 401, 'token-expired', `This token expired on ${found.expiresAt}. Ask an admin of your team for a new one.`, { expiredAt: found.expiresAt });
    }
    // An admin's user token may deliver webhooks too (handy for back-fills); a webhook token is never a user.
    const allowed = found.scope === scope || (scope === 'webhook' && found.role === 'admin');
    if (!allowed) return problem(c, 403, 'forbidden', `A ${found.scope} token cannot call this endpoint.`);
    if (!found.lastUsedAt || at.getTime() - Date.parse(found.lastUsedAt) > LAST_USED_GRANULARITY_MS) {
      await db.updateTable('api_tokens').set({ last_used_at: at.toISOString() }).where('id', '=', found.tokenId).execute();
    }
    const { lastUsedAt: _lastUsed, expiresAt: _expires, ...auth } = found;
    c.set('auth', auth);
    await next();
  });
}

const RANK: Record<Role, number> = { rep: 0, manager: 1, admin: 2 };

/** Allows the given role and those above it (admin ⊃ manager ⊃ rep). */
export function requireRole(role: Role) {
  return createMiddleware<AppEnv>(async (c, next) => {
    if (RANK[c.var.auth.role] < RANK[role]) return problem(c, 403, 'forbidden', `This needs the ${role} role.`);
    await next();
  });
}
