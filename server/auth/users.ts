/**
 * Teams, users and their tokens: what the admin CLI and the admin routes both call.
 */
import crypto from 'node:crypto';
import type { CompiledQuery } from 'kysely';
import type { DB } from '../db/connect.ts';
import type { Role } from '../db/schema.ts';
import { displayPrefix, generateToken, hashToken } from './tokens.ts';
import { audit } from '../db/audit.ts';
import { executeCompiled } from '../db/execute.ts';

export interface AuthContext {
  userId: string;
  teamId: string;
  role: Role;
  name: string;
  email: string;
  tokenId: string;
  scope: 'user' | 'webhook';
}

export const newId = (prefix: string) => `${prefix}_${crypto.randomUUID().replaceAll('-', '').slice(0, 20)}`;

export async function createTeam(db: DB, name: string, now: Date, id = newId('team')) {
  await db.insertInto('teams').values({ id, name, created_at: now.toISOString() }).execute();
  return { id, name };
}

export async function createUser(
  db: DB,
  input: { teamId: string; email: string; name: string; role: Role; id?: string },
  now: Date,
) {
  const id = input.id ?? newId('usr');
  await db
    .insertInto('users')
    .values({
      id,
      team_id: input.teamId,
      email: input.email.trim().toLowerCase(),
      name: input.name,
      role: input.role,
      created_at: now.toISOString(),
      disabled_at: null,
    })
    .execute();
  return { id, ...input };
}

/** Issues a token and returns it: the only time the whole token is ever available. */
export async function issueToken(
  db: DB,
  userId: string,
  label: string | null,
  now: Date,
  options: { scope?: 'user' | 'webhook'; token?: string; actorId?: string | null; expiresAt?: string | null } = {},
) {
  const token = options.token ?? generateToken();
  const scope = options.scope ?? 'user';
  const user = await db.selectFrom('users').select(['id', 'team_id']).where('id', '=', userId).executeTakeFirstOrThrow();
  const id = newId('tok');
  await db
    .insertInto('api_tokens')
    .values({
      id,
      team_id: user.team_id,
      user_id: user.id,
      prefix: displayPrefix(token),
      hash: hashToken(token),
      label,
      scope,
      created_at: now.toISOString(),
      last_used_at: null,
      revoked_at: null,
      expires_at: options.expiresAt ?? null,
      replaced_by: null,
    })
    .execute();
  const expiresAt = options.expiresAt ?? null;
  await audit(db, { teamId: user.team_id, actorId: options.actorId ?? null, action: 'token.issue', target: id, detail: { userId, scope, expiresAt } }, now);
  return { id, token, prefix: displayPrefix(token), scope, expiresAt };
}

/** Revokes by token id or by the display prefix; returns how many were revoked. */
export async function revokeToken(db: DB, idOrPrefix: string, now: Date): Promise<number> {
  const rows = await db
    .updateTable('api_tokens')
    .set({ revoked_at: now.toISOString() })
    .where((eb) => eb.or([eb('id', '=', idOrPrefix), eb('prefix', '=', idOrPrefix)]))
    .where('revoked_at', 'is', null)
    .returning(['id', 'team_id'])
    .execute();
  for (const row of rows) {
    await audit(db, { teamId: row.team_id, actorId: null, action: 'token.revoke', target: row.id, detail: {} }, now);
  }
  return rows.length;
}

interface TokenRow {
  tokenId: string;
  last_used_at: string | null;
  expires_at: string | null;
  scope: 'user' | 'webhook';
  userId: string;
  teamId: string;
  role: Role;
  name: string;
  email: string;
}

const tokenLookupQuery = (db: DB, hash: string) =>
  db
    .selectFrom('api_tokens as t')
    .innerJoin('users as u', 'u.id', 't.user_id')
    .select(['t.id as tokenId', 't.last_used_at', 't.expires_at', 't.scope', 'u.id as userId', 'u.team_id as teamId', 'u.role', 'u.name', 'u.email'])
    .where('t.hash', '=', hash)
    .where('t.revoked_at', 'is', null)
    .where('u.disabled_at', 'is', null);

/**
 * Every request authenticates, and building and compiling this query with Kysely cost more than
 * SQLite takes to answer it; so it is compiled once per database and only the hash changes.
 */
const compiledTokenLookup = new WeakMap<DB, CompiledQuery<TokenRow>>();

/** What a token lookup finds: the caller, and what the middleware checks or records about the token. */
export type FoundToken = AuthContext & { lastUsedAt: string | null; expiresAt: string | null };

/**
 * The user behind a bearer token, or null for an unknown, revoked or disabled one. An expired
 * token is found (with its `expiresAt`): the caller decides, so it can say "expired" rather than "unknown".
 */
export async function authenticate(db: DB, token: string): Promise<FoundToken | null> {
  let compiled = compiledTokenLookup.get(db);
  if (!compiled) {
    compiled = tokenLookupQuery(db, '').compile() as CompiledQuery<TokenRow>;
    // The hash is the query's only parameter; anything else would make the swap below wrong.
    if (compiled.parameters.length !== 1) throw new Error('token lookup: expected exactly one parameter');
    compiledTokenLookup.set(db, compiled);
  }
  const rows = await executeCompiled<TokenRow>(db, { ...compiled, parameters: [hashToken(token)] });
  const row = rows[0];
  if (!row) return null;
  return {
    tokenId: row.tokenId,
    scope: row.scope,
    userId: row.userId,
    teamId: row.teamId,
    role: row.role,
    name: row.name,
    email: row.email,
    lastUsedAt: row.last_used_at,
    expiresAt: row.expires_at,
  };
}
