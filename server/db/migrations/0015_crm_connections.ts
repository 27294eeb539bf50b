/**
 * CRM connections (issue 14): one row per team and provider (HubSpot, Salesforce), holding where
 * the CRM is (base or login URL, API version), who we are there (client id, username), the secret
 * sealed with AES-256-GCM under SECRETS_KEY (server/crm/secrets.ts; never in clear), the sync
 * cursors as JSON, the last run and its error, and a lease so two runs never overlap.
 */
import type { Kysely, Migration } from 'kysely';

export function crmConnections(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('crm_connections')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('team_id', 'text', (c) => c.notNull().references('teams.id'))
        .addColumn('provider', 'text', (c) => c.notNull())
        /** `active`, `failing` (the last run failed; the next one tries again) or `disconnected`. */
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('base_url', 'text', (c) => c.notNull())
        .addColumn('login_url', 'text')
        .addColumn('client_id', 'text')
        .addColumn('username', 'text')
        .addColumn('api_version', 'text')
        /** `v1.<iv>.<tag>.<ciphertext>` (base64url); the AAD binds it to this row's id. Null once disconnected. */
        .addColumn('secret_sealed', 'text')
        .addColumn('cursors', 'text', (c) => c.notNull().defaultTo('{}'))
        .addColumn('lease_until', 'text')
        .addColumn('last_run_at', 'text')
        .addColumn('last_run_status', 'text')
        .addColumn('last_error', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('crm_connections_team_provider').unique().on('crm_connections').columns(['team_id', 'provider']).execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('crm_connections').execute();
    },
  };
}
