/**
 * An activity's natural key is the client's own id for the touch (`gmail:<message id>`,
 * `linkedin:<profile slug>:linkedin_note:<minute>`): the API answers it back and the extension's
 * outbox matches on it, so it is stored as given. Some keys name the person (a LinkedIn slug), so
 * when that person is erased the keys of their activities are replaced by
 * `erased:` + HMAC-SHA-256(team salt, `activity:<key>`) (server/db/team-salt.ts): the key no longer
 * names anyone, while a replay of the same activity, whose key hashes alike, still finds it and
 * answers duplicate or conflict — the ledger's uniqueness stays permanent.
 *
 * So every lookup by natural key looks for both forms.
 *
 * @example
 * const formsOf = await activityKeyForms(trx, teamId);
 * formsOf('gmail:msg-188a') // ['gmail:msg-188a', 'erased:4c1d…'] once the team has a salt
 */
import type { DB } from '../db/connect.ts';
import { keyedHash, teamSalt } from '../db/team-salt.ts';

export const ERASED_KEY_PREFIX = 'erased:';

/** The stored form of an erased person's activity key. */
export const erasedActivityKey = (salt: string, naturalKey: string) => `${ERASED_KEY_PREFIX}${keyedHash(salt, `activity:${naturalKey}`)}`;

/**
 * The forms a natural key may be stored under in the team: itself, and its erased form when the
 * team has a salt (no salt: nobody was ever erased there, and no event was imported).
 */
export async function activityKeyForms(db: DB, teamId: string): Promise<(naturalKey: string) => string[]> {
  const salt = await teamSalt(db, teamId, false);
  return (naturalKey) => (salt && !naturalKey.startsWith(ERASED_KEY_PREFIX) ? [naturalKey, erasedActivityKey(salt, naturalKey)] : [naturalKey]);
}
