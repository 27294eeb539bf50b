/**
 * How a raw event's natural key is stored. The key is built from the row or delivery it came
 * from (a company event's kind, domain, time and the hire's or leaver's name; a news headline; a
 * visited URL, which may carry the visitor's address), so in clear it would name people in a
 * unique index that no erasure can redact without breaking re-imports. It is stored as
 * HMAC-SHA-256(team salt, `event:<key>`) instead (server/db/team-salt.ts): the same row imported
 * again, or the same webhook event delivered again, hashes to the same stored key and updates the
 * row instead of duplicating it, while the key itself names nobody.
 *
 * Every writer of `events` goes through this (CSV imports, webhooks, the demo seed); migration
 * 0007 hashed the keys stored before. The `event:` prefix keeps these hashes apart from
 * erased_keys' (`email:…`, `linkedin:…`), which share the salt.
 *
 * @example
 * const keyOf = await eventKeyHasher(trx, teamId);
 * keyOf('departure|acme.com|2026-11-02T09:00:00.000Z|jane quill') // '5be1…' (64 hex digits)
 */
import type { DB } from '../db/connect.ts';
import { keyedHash, teamSalt } from '../db/team-salt.ts';

/** What is hashed for a natural key (the migration hashes the same text in SQL). */
export const EVENT_KEY_PREFIX = 'event:';

/** The team's hasher for natural keys; creates the team's salt on its first event. */
export async function eventKeyHasher(db: DB, teamId: string): Promise<(naturalKey: string) => string> {
  const salt = await teamSalt(db, teamId, true);
  return (naturalKey) => keyedHash(salt, `${EVENT_KEY_PREFIX}${naturalKey}`);
}
