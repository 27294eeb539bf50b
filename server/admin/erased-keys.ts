/**
 * The keys of erased people, so an import cannot bring them back. Stored as
 * HMAC-SHA-256(team salt, `email:<address>` / `linkedin:<slug>` / `external:<id>`): a lookup by a known key works,
 * while the table alone does not list anyone's address (server/db/team-salt.ts says what the salt
 * does and does not protect against).
 *
 * Keys are the normalised forms the importer and `contact_emails` use (server/identity/normalize.ts),
 * and the contact's CRM `external_id` as stored.
 */
import type { DB } from '../db/connect.ts';
import { keyedHash as hashOf, teamSalt as saltOf } from '../db/team-salt.ts';

export const emailKey = (email: string) => `email:${email}`;
export const linkedInKey = (slug: string) => `linkedin:${slug}`;
/** The CRM's id for the person: a CRM export without emails would otherwise bring them back by it. */
export const externalIdKey = (externalId: string) => `external:${externalId}`;

/**
 * Remembers an erased person's keys (idempotent: a key erased before keeps its first date).
 *
 * @example await rememberErased(trx, teamId, ['email:jane@acme.com', 'linkedin:jane-doe'], now)
 */
export async function rememberErased(db: DB, teamId: string, keys: readonly string[], now: Date): Promise<void> {
  if (!keys.length) return;
  const salt = await saltOf(db, teamId, true);
  const rows = [...new Set(keys)].map((key) => ({ team_id: teamId, key_hash: hashOf(salt, key), erased_at: now.toISOString() }));
  await db
    .insertInto('erased_keys')
    .values(rows)
    .onConflict((oc) => oc.columns(['team_id', 'key_hash']).doNothing())
    .execute();
}

/**
 * Which of `keys` belonged to a person erased in the team, with when.
 *
 * @example await erasedAmong(trx, teamId, ['email:jane@acme.com']) // Map { 'email:jane@acme.com' => '2026-11-02T…' }
 */
export async function erasedAmong(db: DB, teamId: string, keys: readonly string[]): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  if (!keys.length) return found;
  const salt = await saltOf(db, teamId, false);
  if (!salt) return found;
  const keyOf = new Map([...new Set(keys)].map((key) => [hashOf(salt, key), key]));
  const hashes = [...keyOf.keys()];
  for (let i = 0; i < hashes.length; i += 500) {
    const rows = await db
      .selectFrom('erased_keys')
      .select(['key_hash', 'erased_at'])
      .where('team_id', '=', teamId)
      .where('key_hash', 'in', hashes.slice(i, i + 500))
      .execute();
    for (const row of rows) found.set(keyOf.get(row.key_hash)!, row.erased_at);
  }
  return found;
}

/**
 * Lifts the erasure of these keys: an admin re-adds a person who consented again, knowingly.
 * Answers how many keys were lifted.
 */
export async function forgetErased(db: DB, teamId: string, keys: readonly string[]): Promise<number> {
  if (!keys.length) return 0;
  const salt = await saltOf(db, teamId, false);
  if (!salt) return 0;
  const result = await db
    .deleteFrom('erased_keys')
    .where('team_id', '=', teamId)
    .where('key_hash', 'in', [...new Set(keys)].map((key) => hashOf(salt, key)))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
