/**
 * API tokens as an admin manages them: list (prefixes only, with last use and expiry), issue for a
 * team member (optionally expiring), rotate (a new token for the same user; the old one keeps
 * working for a grace period), revoke. The whole token exists only in the answer to
 * `issueMemberToken` and `rotateTeamToken`; the database keeps its hash.
 */
import { z } from 'zod';
import type { DB } from '../db/connect.ts';
import { audit } from '../db/audit.ts';
import { issueToken } from '../auth/users.ts';
import { AdminError } from './errors.ts';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/**
 * A span as `90d` (days) or `12h` (hours), the same words on the CLI and over HTTP; parsed to
 * milliseconds. `max` and `min` are in days.
 */
const span = (minMs: number, maxDays: number) =>
  z
    .string()
    .trim()
    .regex(/^\d{1,5}[dh]$/, 'a number of days or hours: 90d, 12h')
    .transform((v) => Number(v.slice(0, -1)) * (v.endsWith('d') ? DAY_MS : HOUR_MS))
    .pipe(
      z
        .number()
        .min(minMs, minMs === 0 ? 'must not be negative' : 'at least 1h')
        .max(maxDays * DAY_MS, `at most ${maxDays}d`),
    );

/** Ten years: "never" is the absence of `expiresIn`, not a very large one. */
export const ExpiresIn = span(HOUR_MS, 3650);
/**
 * How long a rotated token keeps working. 7 days by default: long enough for the person to paste
 * the new token into every browser they use (a week covers a holiday), short enough that a leaked
 * old token dies soon. `0h` ends it at once; longer than 90 days defeats the rotation.
 */
export const Grace = span(0, 90);
export const DEFAULT_GRACE_MS = 7 * DAY_MS;

export const TokenRequest = z.strictObject({
  label: z.string().trim().min(1).max(100).optional(),
  scope: z.enum(['user', 'webhook']).optional(),
  expiresIn: ExpiresIn.optional(),
});
export type TokenRequest = z.infer<typeof TokenRequest>;

export const RotateRequest = z.strictObject({
  grace: Grace.optional(),
  /** The new token's lifetime; by default the old token's (a 90-day token is rotated into a 90-day token). */
  expiresIn: ExpiresIn.optional(),
});
export type RotateRequest = z.infer<typeof RotateRequest>;

export type TokenStatus = 'active' | 'expired' | 'revoked';

export interface TokenListing {
  id: string;
  userId: string;
  userName: string;
  prefix: string;
  label: string | null;
  scope: 'user' | 'webhook';
  createdAt: string;
  /** To the nearest 10 minutes: see LAST_USED_GRANULARITY_MS in server/http/auth.ts. */
  lastUsedAt: string | null;
  /** Null: never expires. */
  expiresAt: string | null;
  revokedAt: string | null;
  /** The token a rotation issued in this one's place. */
  replacedBy: string | null;
  status: TokenStatus;
}

export interface IssuedToken {
  id: string;
  userId: string;
  /** Shown once; never stored and never retrievable again. */
  token: string;
  prefix: string;
  label: string | null;
  scope: 'user' | 'webhook';
  expiresAt: string | null;
}

export interface RotatedToken extends IssuedToken {
  /** The token rotated out, and when it stops working (the end of its grace period, or sooner if it already expired sooner). */
  replaced: { id: string; expiresAt: string };
}

const statusOf = (revokedAt: string | null, expiresAt: string | null, now: Date): TokenStatus =>
  revokedAt ? 'revoked' : expiresAt && Date.parse(expiresAt) <= now.getTime() ? 'expired' : 'active';

const addMs = (now: Date, ms: number) => new Date(now.getTime() + ms).toISOString();

/**
 * The team's tokens, newest first, without anything that could authenticate.
 *
 * @example (await listTokens(db, 'team_1')).map((t) => t.prefix) // ['shk_3fA9xQ', …]
 */
export async function listTokens(db: DB, teamId: string, now: Date): Promise<TokenListing[]> {
  const rows = await db
    .selectFrom('api_tokens as t')
    .innerJoin('users as u', 'u.id', 't.user_id')
    .select(['t.id', 't.user_id', 'u.name', 't.prefix', 't.label', 't.scope', 't.created_at', 't.last_used_at', 't.expires_at', 't.revoked_at', 't.replaced_by'])
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
    expiresAt: r.expires_at,
    revokedAt: r.revoked_at,
    replacedBy: r.replaced_by,
    status: statusOf(r.revoked_at, r.expires_at, now),
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
    const expiresAt = request.expiresIn === undefined ? null : addMs(now, request.expiresIn);
    const issued = await issueToken(trx, user.id, label, now, { scope: request.scope ?? 'user', actorId, expiresAt });
    return { id: issued.id, userId: user.id, token: issued.token, prefix: issued.prefix, label, scope: issued.scope, expiresAt };
  });
}

/** The one token `idOrPrefix` names, in the team when one is given; refuses an unknown or ambiguous one. */
async function findToken(db: DB, teamId: string | null, idOrPrefix: string) {
  let query = db
    .selectFrom('api_tokens')
    .select(['id', 'team_id', 'user_id', 'label', 'scope', 'created_at', 'expires_at', 'revoked_at'])
    .where((eb) => eb.or([eb('id', '=', idOrPrefix), eb('prefix', '=', idOrPrefix)]));
  if (teamId) query = query.where('team_id', '=', teamId);
  const found = await query.limit(2).execute();
  if (found.length === 0) throw new AdminError('not-found', 'No such token.', 'token');
  // Prefixes are short; two tokens can share one. Acting on both would surprise the admin.
  if (found.length > 1) throw new AdminError('conflict', 'Several tokens share this prefix; give the token id.', 'token');
  return found[0]!;
}

/**
 * Rotates a token: a new one for the same user, label and scope, and the old one ends after the
 * grace period (7 days unless given; never later than it would have anyway). The new token lives
 * as long as the old one was meant to, unless `expiresIn` says otherwise. A revoked token cannot
 * be rotated (issue a new one); an expired one can (its user gets a fresh token, the old stays dead).
 *
 * @example const { token, replaced } = await rotateTeamToken(db, 'team_1', 'tok_1', { grace: 86_400_000 }, adminId, now)
 */
export async function rotateTeamToken(
  db: DB,
  teamId: string | null,
  idOrPrefix: string,
  request: RotateRequest,
  actorId: string | null,
  now: Date,
): Promise<RotatedToken> {
  return db.transaction().execute(async (trx) => {
    const old = await findToken(trx, teamId, idOrPrefix);
    if (old.revoked_at) throw new AdminError('conflict', 'The token was revoked; issue a new one instead.', 'token');
    const user = await trx.selectFrom('users').select(['id', 'disabled_at']).where('id', '=', old.user_id).executeTakeFirstOrThrow();
    if (user.disabled_at) throw new AdminError('conflict', 'The token’s user is disabled; enable them first.', 'user');

    const lifetime = request.expiresIn ?? (old.expires_at ? Date.parse(old.expires_at) - Date.parse(old.created_at) : null);
    const expiresAt = lifetime === null ? null : addMs(now, lifetime);
    const issued = await issueToken(trx, user.id, old.label, now, { scope: old.scope, actorId, expiresAt });

    const graceEnd = addMs(now, request.grace ?? DEFAULT_GRACE_MS);
    const oldEnd = old.expires_at && old.expires_at < graceEnd ? old.expires_at : graceEnd;
    await trx.updateTable('api_tokens').set({ expires_at: oldEnd, replaced_by: issued.id }).where('id', '=', old.id).execute();
    await audit(trx, { teamId: old.team_id, actorId, action: 'token.rotate', target: old.id, detail: { replacedBy: issued.id, oldExpiresAt: oldEnd } }, now);
    return {
      id: issued.id,
      userId: user.id,
      token: issued.token,
      prefix: issued.prefix,
      label: old.label,
      scope: issued.scope,
      expiresAt,
      replaced: { id: old.id, expiresAt: oldEnd },
    };
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
    const token = await findToken(trx, teamId, idOrPrefix);
    if (token.revoked_at) return { id: token.id, alreadyRevoked: true };
    await trx.updateTable('api_tokens').set({ revoked_at: now.toISOString() }).where('id', '=', token.id).execute();
    await audit(trx, { teamId: token.team_id, actorId, action: 'token.revoke', target: token.id, detail: {} }, now);
    return { id: token.id, alreadyRevoked: false };
  });
}
