/**
 * What a warm brief reads, made cheaper (measured by `npm run bench:brief-path` and
 * `npm run bench:server`).
 *
 * `account_intel.shown`: the parts of an account's intelligence a brief only passes on (its view,
 * intent, stakeholders), stored apart from the core it decides with, so a brief parses ~1 KB of
 * JSON instead of ~6 KB and splices the rest into its answer as stored (server/briefs/answer.ts).
 * Rows written before it have none and are recomputed (the snapshot version changed with it).
 *
 * Covering indexes for the two per-contact lists a brief reads on every request: the contact's
 * emails and its activity counts by type. With them SQLite answers both from the index alone —
 * no table row per email or activity, and no temporary B-tree to group the activities by type.
 *
 * `contact_emails_by_contact` replaces `contact_emails_contact` (contact_id only), whose lookups
 * it serves as well; the activity index sits beside `activities_contact_time`, which the
 * relationship and review queries walk in time order.
 */
import type { Kysely, Migration } from 'kysely';

export function briefReads(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('account_intel').addColumn('shown', 'text').execute();
      await db.schema.dropIndex('contact_emails_contact').ifExists().execute();
      await db.schema.createIndex('contact_emails_by_contact').ifNotExists().on('contact_emails').columns(['contact_id', 'team_id', 'email']).execute();
      await db.schema.createIndex('activities_contact_type').ifNotExists().on('activities').columns(['team_id', 'contact_id', 'type']).execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropIndex('activities_contact_type').ifExists().execute();
      await db.schema.dropIndex('contact_emails_by_contact').ifExists().execute();
      await db.schema.createIndex('contact_emails_contact').on('contact_emails').column('contact_id').execute();
      await db.schema.alterTable('account_intel').dropColumn('shown').execute();
    },
  };
}
