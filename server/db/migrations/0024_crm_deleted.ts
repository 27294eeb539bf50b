/**
 * When the CRM deleted a record (issue 14): `crm_deleted_at` on accounts, contacts and deals. A
 * CRM deletion tombstones the record rather than erasing it (it is not an erasure request): the
 * row and its history stay, but briefs, resolution, search and digests skip it, and it comes back
 * (the column cleared) if the CRM restores it. Set and cleared by the sync (server/crm/store.ts).
 */
import type { Kysely, Migration } from 'kysely';

export function crmDeleted(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      for (const table of ['accounts', 'contacts', 'deals']) await db.schema.alterTable(table).addColumn('crm_deleted_at', 'text').execute();
    },
    async down(db: Kysely<unknown>) {
      for (const table of ['accounts', 'contacts', 'deals']) await db.schema.alterTable(table).dropColumn('crm_deleted_at').execute();
    },
  };
}
