/**
 * The write-back outbox (issue 14): one row per logged activity and CRM connection, inserted in
 * the transaction that records the activity (server/ledger/record.ts), so an activity is never
 * recorded without being queued nor queued without being recorded. The activity id is the
 * external id in the CRM; `state` says where the write stands: `pending`, `unknown` (sent, answer
 * lost: checked before any retry), `sent` (with the CRM's id), `failed` (refused too often) or
 * `skipped` (the person was erased). `contact_id` is the contact at queue time, so a write for a
 * person erased since is recognised and skipped.
 */
import type { Kysely, Migration } from 'kysely';

export function crmWrites(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('crm_writes')
        .addColumn('connection_id', 'text', (c) => c.notNull().references('crm_connections.id'))
        .addColumn('activity_id', 'text', (c) => c.notNull())
        .addColumn('team_id', 'text', (c) => c.notNull())
        .addColumn('contact_id', 'text')
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('crm_type', 'text')
        .addColumn('crm_id', 'text')
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('last_error', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('crm_writes_pk', ['connection_id', 'activity_id'])
        .execute();
      await db.schema.createIndex('crm_writes_state').on('crm_writes').columns(['connection_id', 'state', 'created_at']).execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('crm_writes').execute();
    },
  };
}
