/**
 * Contacts gain phone numbers and a record of where a rep added them from.
 *
 * `contacts.phones`: a JSON array of numbers, E.164 (`+46701234567`) where the import could tell
 * the country, else as typed; its provenance sits in `field_sources.phones` like any enriched field.
 *
 * `contacts.client_id`: the id the extension generated for "Add as contact" (`POST /v1/contacts`),
 * unique in a team, so a retried request creates the person once. `contacts.origin`: where a rep
 * added the contact from (the page's site and URL, the rep, the time), as JSON; null for imports.
 */
import type { Kysely, Migration } from 'kysely';

export function contactPhones(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('contacts').addColumn('phones', 'text', (c) => c.notNull().defaultTo('[]')).execute();
      await db.schema.alterTable('contacts').addColumn('client_id', 'text').execute();
      await db.schema.alterTable('contacts').addColumn('origin', 'text').execute();
      await db.schema.createIndex('contacts_client_id').unique().on('contacts').columns(['team_id', 'client_id']).execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropIndex('contacts_client_id').execute();
      await db.schema.alterTable('contacts').dropColumn('origin').execute();
      await db.schema.alterTable('contacts').dropColumn('client_id').execute();
      await db.schema.alterTable('contacts').dropColumn('phones').execute();
    },
  };
}
