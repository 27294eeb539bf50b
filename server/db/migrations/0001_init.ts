/**
 * The first schema. Written once for both dialects with Kysely's schema builder; the only
 * dialect branch is how an integer key is generated.
 */
import type { CreateTableBuilder, Kysely, Migration } from 'kysely';
import type { Dialect } from '../schema.ts';

type Any = Kysely<unknown>;

export function init(dialect: Dialect): Migration {
  /** SQLite's rowid alias is the cheapest key it has; PostgreSQL needs a sequence. */
  const serialId = <T extends string>(t: CreateTableBuilder<T, never>) =>
    dialect === 'postgres'
      ? t.addColumn('id', 'serial', (c) => c.primaryKey())
      : t.addColumn('id', 'integer', (c) => c.primaryKey());
  const num = 'double precision';

  return {
    async up(db: Any) {
      await db.schema
        .createTable('teams')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('users')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('team_id', 'text', (c) => c.notNull().references('teams.id'))
        .addColumn('email', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('disabled_at', 'text')
        .addUniqueConstraint('users_team_email', ['team_id', 'email'])
        .execute();

      await db.schema
        .createTable('api_tokens')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('team_id', 'text', (c) => c.notNull().references('teams.id'))
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
        .addColumn('prefix', 'text', (c) => c.notNull())
        .addColumn('hash', 'text', (c) => c.notNull().unique())
        .addColumn('label', 'text')
        .addColumn('scope', 'text', (c) => c.notNull().defaultTo('user'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('last_used_at', 'text')
        .addColumn('revoked_at', 'text')
        .execute();

      await db.schema
        .createTable('accounts')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('team_id', 'text', (c) => c.notNull().references('teams.id'))
        .addColumn('external_id', 'text')
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('tier', 'integer')
        .addColumn('stage', 'text', (c) => c.notNull())
        .addColumn('stage_set_by', 'text')
        .addColumn('tier_set_by', 'text')
        .addColumn('owner_id', 'text')
        .addColumn('territory', 'text')
        .addColumn('industry', 'text')
        .addColumn('employees', 'integer')
        .addColumn('location', 'text')
        .addColumn('country', 'text')
        .addColumn('revenue', num)
        .addColumn('funding', 'text')
        .addColumn('description', 'text')
        .addColumn('field_sources', 'text', (c) => c.notNull().defaultTo('{}'))
        .addColumn('last_touch_at', 'text')
        .addColumn('last_touch_type', 'text')
        .addColumn('last_touch_by', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('accounts_team_external', ['team_id', 'external_id'])
        .execute();
      await db.schema.createIndex('accounts_team_name').on('accounts').columns(['team_id', 'name']).execute();
      await db.schema.createIndex('accounts_team_owner').on('accounts').columns(['team_id', 'owner_id']).execute();

      await db.schema
        .createTable('account_domains')
        .addColumn('team_id', 'text', (c) => c.notNull())
        .addColumn('domain', 'text', (c) => c.notNull())
        .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id'))
        .addPrimaryKeyConstraint('account_domains_pk', ['team_id', 'domain'])
        .execute();
      await db.schema.createIndex('account_domains_account').on('account_domains').column('account_id').execute();

      await serialId(db.schema.createTable('account_history'))
        .addColumn('team_id', 'text', (c) => c.notNull())
        .addColumn('account_id', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('from_value', 'text')
        .addColumn('to_value', 'text', (c) => c.notNull())
        .addColumn('changed_at', 'text', (c) => c.notNull())
        .addColumn('changed_by', 'text', (c) => c.notNull())
        .addColumn('reason', 'text')
        .execute();
      await db.schema.createIndex('account_history_account').on('account_history').columns(['account_id', 'changed_at']).execute();
      await db.schema.createIndex('account_history_team_at').on('account_history').columns(['team_id', 'changed_at']).execute();

      await db.schema
        .createTable('contacts')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('team_id', 'text', (c) => c.notNull().references('teams.id'))
        .addColumn('account_id', 'text')
        .addColumn('external_id', 'text')
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('name_key', 'text', (c) => c.notNull())
        .addColumn('title', 'text')
        .addColumn('seniority', 'text')
        .addColumn('department', 'text')
        .addColumn('location', 'text')
        .addColumn('buying_role', 'text')
        .addColumn('linkedin_slug', 'text')
        .addColumn('tenure_start', 'text')
        .addColumn('past_employers', 'text', (c) => c.notNull().defaultTo('[]'))
        .addColumn('field_sources', 'text', (c) => c.notNull().defaultTo('{}'))
        .addColumn('last_touch_at', 'text')
        .addColumn('last_touch_type', 'text')
        .addColumn('last_touch_by', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('contacts_team_slug', ['team_id', 'linkedin_slug'])
        .addUniqueConstraint('contacts_team_external', ['team_id', 'external_id'])
        .execute();
      await db.schema.createIndex('contacts_team_account').on('contacts').columns(['team_id', 'account_id']).execute();
      await db.schema.createIndex('contacts_team_name').on('contacts').columns(['team_id', 'name_key']).execute();

      await db.schema
        .createTable('contact_emails')
        .addColumn('team_id', 'text', (c) => c.notNull())
        .addColumn('email', 'text', (c) => c.notNull())
        .addColumn('contact_id', 'text', (c) => c.notNull().references('contacts.id'))
        .addPrimaryKeyConstraint('contact_emails_pk', ['team_id', 'email'])
        .execute();
      await db.schema.createIndex('contact_emails_contact').on('contact_emails').column('contact_id').execute();

      await serialId(db.schema.createTable('technologies'))
        .addColumn('team_id', 'text', (c) => c.notNull())
        .addColumn('account_id', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('category', 'text')
        .addColumn('competitor', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('added_at', 'text')
        .addColumn('removed_at', 'text')
        .addColumn('source', 'text')
        .addColumn('refreshed_at', 'text')
        .addUniqueConstraint('technologies_account_name', ['team_id', 'account_id', 'name'])
        .execute();

      await db.schema
        .createTable('deals')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('team_id', 'text', (c) => c.notNull().references('teams.id'))
        .addColumn('account_id', 'text', (c) => c.notNull())
        .addColumn('external_id', 'text')
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('stage', 'text', (c) => c.notNull())
        .addColumn('amount', num)
        .addColumn('currency', 'text', (c) => c.notNull().defaultTo('USD'))
        .addColumn('close_date', 'text')
        .addColumn('forecast_category', 'text', (c) => c.notNull())
        .addColumn('next_step', 'text')
        .addColumn('competitor', 'text')
        .addColumn('owner_id', 'text')
        .addColumn('stage_changed_at', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('deals_team_external', ['team_id', 'external_id'])
        .execute();
      await db.schema.createIndex('deals_team_account').on('deals').columns(['team_id', 'account_id']).execute();

      await serialId(db.schema.createTable('deal_history'))
        .addColumn('team_id', 'text', (c) => c.notNull())
        .addColumn('deal_id', 'text', (c) => c.notNull())
        .addColumn('field', 'text', (c) => c.notNull())
        .addColumn('from_value', 'text')
        .addColumn('to_value', 'text')
        .addColumn('changed_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('deal_history_deal').on('deal_history').columns(['deal_id', 'changed_at']).execute();

      await serialId(db.schema.createTable('events'))
        .addColumn('team_id', 'text', (c) => c.notNull())
        .addColumn('account_id', 'text', (c) => c.notNull())
        .addColumn('contact_id', 'text')
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('occurred_at', 'text', (c) => c.notNull())
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('natural_key', 'text', (c) => c.notNull())
        .addColumn('delivery_id', 'text')
        .addColumn('data', 'text', (c) => c.notNull().defaultTo('{}'))
        .addUniqueConstraint('events_natural', ['team_id', 'source', 'natural_key'])
        .execute();
      await db.schema.createIndex('events_account_time').on('events').columns(['team_id', 'account_id', 'occurred_at']).execute();

      await db.schema
        .createTable('webhook_deliveries')
        .addColumn('team_id', 'text', (c) => c.notNull())
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('delivery_id', 'text', (c) => c.notNull())
        .addColumn('received_at', 'text', (c) => c.notNull())
        .addColumn('result', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('webhook_deliveries_pk', ['team_id', 'source', 'delivery_id'])
        .execute();

      await db.schema
        .createTable('activities')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('team_id', 'text', (c) => c.notNull())
        .addColumn('natural_key', 'text')
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('subject', 'text')
        .addColumn('body', 'text')
        .addColumn('occurred_at', 'text', (c) => c.notNull())
        .addColumn('contact_id', 'text')
        .addColumn('account_id', 'text')
        .addColumn('deal_id', 'text')
        .addColumn('user_id', 'text')
        .addColumn('surface', 'text', (c) => c.notNull())
        .addColumn('payload_hash', 'text', (c) => c.notNull())
        .addColumn('recorded_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('activities_team_natural', ['team_id', 'natural_key'])
        .execute();
      await db.schema.createIndex('activities_account_time').on('activities').columns(['team_id', 'account_id', 'occurred_at']).execute();
      await db.schema.createIndex('activities_contact_time').on('activities').columns(['team_id', 'contact_id', 'occurred_at']).execute();

      await db.schema
        .createTable('aliases')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('team_id', 'text', (c) => c.notNull())
        .addColumn('ref_key', 'text', (c) => c.notNull())
        .addColumn('contact_id', 'text')
        .addColumn('account_id', 'text')
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('aliases_team_ref', ['team_id', 'ref_key'])
        .execute();

      await db.schema
        .createTable('flags')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('team_id', 'text', (c) => c.notNull())
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('entity', 'text', (c) => c.notNull())
        .addColumn('entity_id', 'text', (c) => c.notNull())
        .addColumn('field', 'text', (c) => c.notNull())
        .addColumn('problem', 'text', (c) => c.notNull())
        .addColumn('suggested_value', 'text')
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('resolution', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('resolved_at', 'text')
        .addColumn('resolved_by', 'text')
        .execute();
      await db.schema.createIndex('flags_team_status').on('flags').columns(['team_id', 'status']).execute();

      await db.schema
        .createTable('settings')
        .addColumn('team_id', 'text', (c) => c.notNull())
        .addColumn('key', 'text', (c) => c.notNull())
        .addColumn('value', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('settings_pk', ['team_id', 'key'])
        .execute();

      await serialId(db.schema.createTable('audit_log'))
        .addColumn('team_id', 'text', (c) => c.notNull())
        .addColumn('actor_id', 'text')
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('target', 'text')
        .addColumn('detail', 'text', (c) => c.notNull().defaultTo('{}'))
        .addColumn('at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('audit_log_team_at').on('audit_log').columns(['team_id', 'at']).execute();

      await serialId(db.schema.createTable('tombstones'))
        .addColumn('team_id', 'text', (c) => c.notNull())
        .addColumn('entity', 'text', (c) => c.notNull())
        .addColumn('entity_id', 'text', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('tombstones_team').on('tombstones').columns(['team_id', 'id']).execute();
    },
  };
}
