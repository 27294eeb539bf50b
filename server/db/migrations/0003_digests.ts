/**
 * `digests`: each rep's daily digest as it was produced (one per user and UTC day), so the digest
 * reads the same all day and the next one covers what changed since this one.
 * `signal_states`: what a rep did with a signal (seen, acted, dismissed), by the signal's key.
 */
import type { Kysely, Migration } from 'kysely';

export function digests(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('digests')
        .addColumn('team_id', 'text', (c) => c.notNull())
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('day', 'text', (c) => c.notNull())
        .addColumn('since', 'text', (c) => c.notNull())
        .addColumn('generated_at', 'text', (c) => c.notNull())
        .addColumn('payload', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('digests_pk', ['user_id', 'day'])
        .execute();
      await db.schema
        .createTable('signal_states')
        .addColumn('team_id', 'text', (c) => c.notNull())
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('signal_key', 'text', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('changed_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('signal_states_pk', ['user_id', 'signal_key'])
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('signal_states').execute();
      await db.schema.dropTable('digests').execute();
    },
  };
}
