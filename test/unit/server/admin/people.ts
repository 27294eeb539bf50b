/**
 * Hand-made accounts and people for the administration tests (invented names, `.test` domains),
 * written straight into the tables so these tests do not depend on the import code.
 */
import type { DB } from '../../../../server/db/connect.ts';
import { nameKey } from '../../../../server/identity/normalize.ts';

const AT = '2026-11-01T10:00:00.000Z';

/**
 * @example await addAccount(db, teamA, { id: 'acc_northwind', name: 'Northwind Traders', domains: ['northwind.test'] })
 */
export async function addAccount(db: DB, teamId: string, a: { id: string; name: string; domains?: string[]; tier?: number; stage?: string; ownerId?: string }) {
  await db
    .insertInto('accounts')
    .values({
      id: a.id,
      team_id: teamId,
      external_id: null,
      name: a.name,
      tier: a.tier ?? 1,
      stage: a.stage ?? 'engaged',
      stage_set_by: null,
      tier_set_by: null,
      owner_id: a.ownerId ?? null,
      territory: 'EMEA',
      industry: 'Logistics',
      employees: 1200,
      location: null,
      country: 'SE',
      revenue: null,
      funding: null,
      description: null,
      field_sources: '{}',
      last_touch_at: null,
      last_touch_type: null,
      last_touch_by: null,
      created_at: AT,
      updated_at: AT,
    })
    .execute();
  for (const domain of a.domains ?? []) {
    await db.insertInto('account_domains').values({ team_id: teamId, domain, account_id: a.id }).execute();
  }
}

export async function addContact(
  db: DB,
  teamId: string,
  p: { id: string; name: string; accountId?: string; title?: string; emails?: string[]; slug?: string },
) {
  await db
    .insertInto('contacts')
    .values({
      id: p.id,
      team_id: teamId,
      account_id: p.accountId ?? null,
      external_id: null,
      name: p.name,
      name_key: nameKey(p.name),
      title: p.title ?? null,
      seniority: null,
      department: null,
      location: null,
      buying_role: null,
      linkedin_slug: p.slug ?? null,
      tenure_start: null,
      past_employers: '[]',
      field_sources: '{}',
      last_touch_at: null,
      last_touch_type: null,
      last_touch_by: null,
      created_at: AT,
      updated_at: AT,
    })
    .execute();
  for (const email of p.emails ?? []) {
    await db.insertInto('contact_emails').values({ team_id: teamId, email, contact_id: p.id }).execute();
  }
}

export async function addActivity(
  db: DB,
  teamId: string,
  a: { id: string; naturalKey?: string; contactId: string | null; accountId?: string; subject: string; body?: string; payloadHash: string },
) {
  await db
    .insertInto('activities')
    .values({
      id: a.id,
      team_id: teamId,
      natural_key: a.naturalKey ?? null,
      type: 'email',
      subject: a.subject,
      body: a.body ?? null,
      occurred_at: AT,
      contact_id: a.contactId,
      account_id: a.accountId ?? null,
      deal_id: null,
      user_id: null,
      surface: 'gmail',
      payload_hash: a.payloadHash,
      recorded_at: AT,
    })
    .execute();
}
