/**
 * Hand-made CRM rows for ledger and webhook tests: an account (with domains), a contact (with
 * emails) and a deal, written straight into the test database.
 */
import type { DB } from '../../../../server/db/connect.ts';

const AT = '2026-01-01T00:00:00.000Z';

export async function addAccount(db: DB, teamId: string, id: string, domains: string[] = []): Promise<string> {
  await db
    .insertInto('accounts')
    .values({ id, team_id: teamId, name: `Account ${id}`, stage: 'target', field_sources: '{}', created_at: AT, updated_at: AT })
    .execute();
  for (const domain of domains) await db.insertInto('account_domains').values({ team_id: teamId, domain, account_id: id }).execute();
  return id;
}

export async function addContact(db: DB, teamId: string, id: string, accountId: string | null, emails: string[] = []): Promise<string> {
  await db
    .insertInto('contacts')
    .values({
      id,
      team_id: teamId,
      account_id: accountId,
      name: `Person ${id}`,
      name_key: `person ${id}`,
      past_employers: '[]',
      field_sources: '{}',
      created_at: AT,
      updated_at: AT,
    })
    .execute();
  for (const email of emails) await db.insertInto('contact_emails').values({ team_id: teamId, email, contact_id: id }).execute();
  return id;
}

export async function addDeal(db: DB, teamId: string, id: string, accountId: string): Promise<string> {
  await db
    .insertInto('deals')
    .values({
      id,
      team_id: teamId,
      account_id: accountId,
      name: `Deal ${id}`,
      stage: 'discovery',
      currency: 'USD',
      forecast_category: 'pipeline',
      stage_changed_at: AT,
      created_at: AT,
      updated_at: AT,
    })
    .execute();
  return id;
}

export async function countRows(db: DB, table: 'activities' | 'events' | 'webhook_deliveries'): Promise<number> {
  const row = await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}
