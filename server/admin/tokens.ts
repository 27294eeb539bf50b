/**
 * API tokens as an admin manages them: list (prefixes only), issue for a team member, revoke.
 * The whole token exists only in the answer to `issueMemberToken`; the database keeps its hash.
 */
import { z } from 'zod';
import type { DB } from '../db/connect.ts';
import { audit } from '../db/audit.ts';
import { issueToken } from '../auth/users.ts';
import { AdminError } from './errors.ts';

export const TokenRequest = z.strictObject({
  label: z.string().trim().min(1).max(100).optional(),
  scope: z.enum(['user', 'webhook']).optional(),
});
export type TokenRequest = z.infer<typeof TokenRequest>;

export interface TokenListing {
  id: string;
  userId: string;
  userName: string;
  prefix: string;
  label: string | null;
  scope: 'user' | 'webhook';
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export interface IssuedToken {
  id: string;
  userId: string;
  /** Shown once; never stored and never retrievable again. */
  token: string;
  prefix: string;
  label: string | null;
  scope: 'user' | 'webhook';
}

/**
 * The team's tokens, newest first, without anything that could authenticate.
 *
 * @example (await listTokens(db, 'team_1')).map((t) => t.prefix) // ['shk_3fA9xQ', …]
 */
export async function listTokens(db: DB, teamId: string): Promise<TokenListing[]> {
  const rows = await db
    .selectFrom('api_tokens as t')
    .innerJoin('users as u', 'u.id', 't.user_id')
    .select(['t.id', 't.user_id', 'u.name', 't.prefix', 't.label', 't.scope', 't.created_at', 't.last_used_at', 't.revoked_at'])
    .where('t.team_id', '=', teamId)
    .orderBy('t.created_at', 'desc')
    .orderBy('t.id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    userId: r.user_id,
    userName: r.name,
    prefix: r.prefix,
    label: r.label,
    scope: r.scope,
    createdAt: r.created_at,
    lastUsedAt: r.last_used_at,
    revokedAt: r.revoked_at,
  }));
}

/**
 * Issues a token for a member of the team. A disabled user's token would never work, so that
 * is refused rather than handed out.
 *
 * @example const { token } = await issueMemberToken(db, 'team_1', 'usr_1', { label: 'laptop' }, adminId, now)
 */
export async function issueMemberToken(
  db: DB,
  teamId: string,
  userId: string,
  request: TokenRequest,
  actorId: string | null,
  now: Date,
): Promise<IssuedToken> {
  return db.transaction().execute(async (trx) => {
    const user = await trx.selectFrom('users').select(['id', 'disabled_at']).where('team_id', '=', teamId).where('id', '=', userId).executeTakeFirst();
    if (!user) throw new AdminError('not-found', 'No such user in this team.', 'user');
    if (user.disabled_at) throw new AdminError('conflict', 'The user is disabled; enable them first.', 'user');
    const label = request.label ?? null;
    const issued = await issueToken(trx, user.id, label, now, { scope: request.scope ?? 'user', actorId });
    return { id: issued.id, userId: user.id, token: issued.token, prefix: issued.prefix, label, scope: issued.scope };
  });
}

/**
 * Revokes a token by id or display prefix. With a team id only that team's tokens are
 * candidates (the admin routes); without one (the CLI, run by whoever runs the server) any
 * team's. Revoking a revoked token changes nothing and is not an error.
 */
export async function revokeTeamToken(
  db: DB,
  teamId: string | null,
  idOrPrefix: string,
  actorId: string | null,
  now: Date,
): Promise<{ id: string; alreadyRevoked: boolean }> {
  return db.transaction().execute(async (trx) => {
    let query = trx
      .selectFrom('api_tokens')
      .select(['id', 'team_id', 'revoked_at'])
      .where((eb) => eb.or([eb('id', '=', idOrPrefix), eb('prefix', '=', idOrPrefix)]));
    if (teamId) query = query.where('team_id', '=', teamId);
    const found = await query.limit(2).execute();
    if (found.length === 0) throw new AdminError('not-found', 'No such token.', 'token');
    // Prefixes are short; two tokens can share one. Revoking both would surprise the admin.
    if (found.length > 1) throw new AdminError('conflict', 'Several tokens share this prefix; give the token id.', 'token');
    const token = found[0]!;
    if (token.revoked_at) return { id: token.id, alreadyRevoked: true };
    await trx.updateTable('api_tokens').set({ revoked_at: now.toISOString() }).where('id', '=', token.id).execute();
    await audit(trx, { teamId: token.team_id, actorId, action: 'token.revoke', target: token.id, detail: {} }, now);
    return { id: token.id, alreadyRevoked: false };
  });
}
