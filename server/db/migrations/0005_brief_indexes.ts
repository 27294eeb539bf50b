/**
 * Covering indexes for the two per-contact lists a brief reads on every request: the contact's
 * emails and its activity counts by type. With them SQLite answers both from the index alone —
 * no table row per email or activity, and no temporary B-tree to group the activities by type
 * (measured on the scale data by `npm run bench:brief-path`).
 *
 * `contact_emails_by_contact` replaces `contact_emails_contact` (contact_id only), whose lookups
 * it serves as well; the activity index sits beside `activities_contact_time`, which the
 * relationship and review queries walk in time order.
 */
import type { Kysely, Migration } from 'kysely';

export function briefIndexes(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema.dropIndex('contact_emails_contact').ifExists().execute();
      await db.schema.createIndex('contact_emails_by_contact').ifNotExists().on('contact_emails').columns(['contact_id', 'team_id', 'email']).execute();
      await db.schema.createIndex('activities_contact_type').ifNotExists().on('activities').columns(['team_id', 'contact_id', 'type']).execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropIndex('activities_contact_type').ifExists().execute();
      await db.schema.dropIndex('contact_emails_by_contact').ifExists().execute();
      await db.schema.createIndex('contact_emails_contact').on('contact_emails').column('contact_id').execute();
    },
  };
}
