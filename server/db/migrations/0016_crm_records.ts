/**
 * What the sync remembers of each CRM record (issue 14): the local record it became, the values
 * last seen in the CRM (so a field is sent to the import only when the CRM changed it since:
 * docs/crm.md), the CRM's modification time, and when the CRM deleted it.
 */
import type { Kysely, Migration } from 'kysely';

export function crmRecords(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('crm_records')
        .addColumn('team_id', 'text', (c) => c.notNull().references('teams.id'))
        .addColumn('provider', 'text', (c) => c.notNull())
        /** `account`, `contact`, `deal`. */
        .addColumn('object', 'text', (c) => c.notNull())
        .addColumn('crm_id', 'text', (c) => c.notNull())
        .addColumn('local_id', 'text')
        /** JSON: the mapped values last seen in the CRM. */
        .addColumn('seen', 'text', (c) => c.notNull())
        .addColumn('modified_at', 'text', (c) => c.notNull())
        .addColumn('deleted_at', 'text')
        .addPrimaryKeyConstraint('crm_records_pk', ['team_id', 'provider', 'object', 'crm_id'])
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('crm_records').execute();
    },
  };
}
