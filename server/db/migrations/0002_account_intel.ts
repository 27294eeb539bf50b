/**
 * `account_intel`: each account's derived intelligence as a JSON snapshot, so a brief reads one
 * row instead of gathering and deriving everything (server/briefs/snapshot.ts). A cache, not a
 * source of truth: dropping every row only makes the next briefs slower.
 */
import type { Kysely, Migration } from 'kysely';

export function accountIntel(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('account_intel')
        .addColumn('team_id', 'text', (c) => c.notNull())
        .addColumn('account_id', 'text', (c) => c.notNull())
        .addColumn('computed_at', 'text', (c) => c.notNull())
        .addColumn('valid_until', 'text', (c) => c.notNull())
        .addColumn('payload', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('account_intel_pk', ['team_id', 'account_id'])
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('account_intel').execute();
    },
  };
}
