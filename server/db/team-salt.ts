/**
 * The team's secret salt (`erasure_salts`, one random value per team) and keyed hashes made with
 * it: HMAC-SHA-256(salt, key). Used wherever a key must still be found again by its value while
 * the database must not hold the value in clear — an erased person's email or profile
 * (server/admin/erased-keys.ts), a raw event's natural key built from a name or a headline
 * (server/ingest/event-keys.ts), an erased person's activity keys.
 *
 * The salt sits in the same database: this keeps personal data out of clear text, out of dumps and
 * out of backups' greps; it does not stop someone holding the whole database from testing a
 * guessed value. It is random per team, so the same value in two teams hashes differently.
 */
import crypto from 'node:crypto';
import type { DB } from './schema.ts';

/**
 * The team's salt; created when `create` (an erasure, an event import), otherwise null when the
 * team has none yet.
 */
export async function teamSalt(db: DB, teamId: string, create: true): Promise<string>;
export async function teamSalt(db: DB, teamId: string, create: boolean): Promise<string | null>;
export async function teamSalt(db: DB, teamId: string, create: boolean): Promise<string | null> {
  const read = async () => (await db.selectFrom('erasure_salts').select('salt').where('team_id', '=', teamId).executeTakeFirst())?.salt ?? null;
  const found = await read();
  if (found || !create) return found;
  // DO NOTHING then read again: two first writers at once agree on one salt.
  await db
    .insertInto('erasure_salts')
    .values({ team_id: teamId, salt: newSalt() })
    .onConflict((oc) => oc.column('team_id').doNothing())
    .execute();
  return read();
}

/** 32 random bytes, hex. */
export const newSalt = () => crypto.randomBytes(32).toString('hex');

/**
 * HMAC-SHA-256 of `key` under the hex `salt`, as 64 hex digits.
 *
 * @example keyedHash(salt, 'email:jane@acme.com') // '3f9c…' (64 hex digits)
 */
export const keyedHash = (salt: string, key: string) => crypto.createHmac('sha256', Buffer.from(salt, 'hex')).update(key).digest('hex');
