/**
 * `digest_deliveries`: the daily digest emailed to a rep (one per user and UTC day), so the
 * digest job never sends a day's digest twice. A row is first a claim (`sent_at` null) taken
 * before talking to the SMTP server, so two overlapping runs do not both send; it is deleted when
 * the send fails (the next run retries) and completed with `sent_at` when the server accepted it.
 */
import type { Kysely, Migration } from 'kysely';

export function digestDeliveries(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('digest_deliveries')
        .addColumn('team_id', 'text', (c) => c.notNull())
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('day', 'text', (c) => c.notNull())
        .addColumn('claimed_at', 'text', (c) => c.notNull())
        .addColumn('sent_at', 'text')
        /** The Message-ID the SMTP server accepted, to find the mail in its logs. */
        .addColumn('message_id', 'text')
        .addPrimaryKeyConstraint('digest_deliveries_pk', ['user_id', 'day'])
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('digest_deliveries').execute();
    },
  };
}
