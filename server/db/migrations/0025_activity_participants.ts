/**
 * The other people on a logged touch (issue 12: everyone on a Gmail thread; issue 13: every guest
 * of a meeting). An activity keeps ONE primary contact (`activities.contact_id`); the CRM people
 * it was also with are rows here, so each of them gets the touch: their last touch, the compose
 * card's "emailed by Ana", their history and who knows them best.
 *
 * The primary contact is NOT repeated here (server/ledger/README.md says why): a read of "touches
 * of this person" is the activities where they are the contact plus the ones they are a
 * participant of, two index seeks in one statement. `occurred_at` is the activity's (it never
 * changes), copied so the newest touch of a person is read from the index alone.
 */
import type { Kysely, Migration } from 'kysely';

export function activityParticipants(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('activity_participants')
        .addColumn('team_id', 'text', (c) => c.notNull())
        .addColumn('activity_id', 'text', (c) => c.notNull())
        .addColumn('contact_id', 'text', (c) => c.notNull())
        .addColumn('occurred_at', 'text', (c) => c.notNull())
        // One row per person per activity: a duplicate's participants merge with ON CONFLICT DO NOTHING.
        .addPrimaryKeyConstraint('activity_participants_pk', ['activity_id', 'contact_id'])
        .execute();
      // A person's touches newest first (last touch, history, who knows them best); erasure deletes by it too.
      await db.schema.createIndex('activity_participants_contact_time').on('activity_participants').columns(['team_id', 'contact_id', 'occurred_at']).execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('activity_participants').ifExists().execute();
    },
  };
}
