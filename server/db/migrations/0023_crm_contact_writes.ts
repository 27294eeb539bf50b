/**
 * The write-back outbox carries contacts too (issue 14, "Add as contact"): a contact a rep added
 * from a page is queued for each live CRM connection in the transaction that adds it, and created
 * in the CRM once, like an activity. `kind` says which: `activity` (the rows so far) or `contact`;
 * `activity_id` then holds the contact's id (our ids never collide with the ledger's UUIDs).
 */
import type { Kysely, Migration } from 'kysely';

export function crmContactWrites(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('crm_writes').addColumn('kind', 'text', (c) => c.notNull().defaultTo('activity')).execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.alterTable('crm_writes').dropColumn('kind').execute();
    },
  };
}
