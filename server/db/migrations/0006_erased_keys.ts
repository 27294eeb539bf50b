/**
 * Erasure that sticks: what a later import needs to recognise a person erased from a team,
 * without keeping their email or LinkedIn URL in clear (server/admin/erased-keys.ts).
 *
 * `erasure_salts` holds one random salt per team, created at the team's first erasure;
 * `erased_keys` holds HMAC-SHA-256(salt, `email:<address>` / `linkedin:<slug>` / `external:<crm id>`) of every key an
 * erased person had, with the day of the erasure (what an import's rejection tells the admin).
 */
import type { Kysely, Migration } from 'kysely';

export function erasedKeys(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('erasure_salts')
        .ifNotExists()
        .addColumn('team_id', 'text', (c) => c.primaryKey())
        .addColumn('salt', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('erased_keys')
        .ifNotExists()
        .addColumn('team_id', 'text', (c) => c.notNull())
        .addColumn('key_hash', 'text', (c) => c.notNull())
        .addColumn('erased_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('erased_keys_pk', ['team_id', 'key_hash'])
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('erased_keys').ifExists().execute();
      await db.schema.dropTable('erasure_salts').ifExists().execute();
    },
  };
}
