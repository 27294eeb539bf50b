/**
 * A small hand-made CRM for the identity tests: two teams, a few accounts with several domains,
 * contacts with slugs and addresses, and namesakes for suggestions. Every person is invented.
 */
import type { DB } from '../../../../server/db/connect.ts';
import { nameKey } from '../../../../server/identity/normalize.ts';
import type { Harness } from '../harness.ts';

export const ids = {
  acme: 'acc_acme',
  acmeEurope: 'acc_acme_eu',
  globex: 'acc_globex',
  alphabet: 'acc_alphabet',
  initech: 'acc_initech_b',
  jane: 'ct_jane_acme',
  janeGlobex: 'ct_jane_globex',
  jorg: 'ct_jorg',
  john: 'ct_john',
  priya: 'ct_priya',
  noAccount: 'ct_no_account',
  bob: 'ct_bob_b',
} as const;

async function account(db: DB, teamId: string, id: string, name: string, domains: string[], at: string) {
  await db
    .insertInto('accounts')
    .values({ id, team_id: teamId, name, stage: 'engaged', field_sources: '{}', created_at: at, updated_at: at })
    .execute();
  for (const domain of domains) await db.insertInto('account_domains').values({ team_id: teamId, domain, account_id: id }).execute();
}

async function contact(
  db: DB,
  teamId: string,
  c: { id: string; name: string; accountId: string | null; slug?: string; emails?: string[]; title?: string },
  at: string,
) {
  await db
    .insertInto('contacts')
    .values({
      id: c.id,
      team_id: teamId,
      account_id: c.accountId,
      name: c.name,
      name_key: nameKey(c.name),
      title: c.title ?? null,
      linkedin_slug: c.slug ?? null,
      past_employers: '[]',
      field_sources: '{}',
      created_at: at,
      updated_at: at,
    })
    .execute();
  for (const email of c.emails ?? []) await db.insertInto('contact_emails').values({ team_id: teamId, email, contact_id: c.id }).execute();
}

/** Seeds both teams of a harness. */
export async function seedCrm(h: Harness): Promise<void> {
  const db = h.db.kysely;
  const at = h.clock.now.toISOString();
  const A = h.teamA;
  await account(db, A, ids.acme, 'Acme, Inc.', ['acme.com', 'acmecorp.io'], at);
  await account(db, A, ids.acmeEurope, 'Acme Europe', ['eu.acme.com'], at);
  await account(db, A, ids.globex, 'Globex Corporation', ['globex.com'], at);
  // A careless import gave Google's account the free-mail domain too: it must still never match.
  await account(db, A, ids.alphabet, 'Alphabet', ['google.com', 'gmail.com'], at);

  await contact(db, A, { id: ids.jane, name: 'Jane Doe', accountId: ids.acme, slug: 'jane-doe', emails: ['jane.doe@acme.com'], title: 'VP Engineering' }, at);
  await contact(db, A, { id: ids.janeGlobex, name: 'Jane Doe', accountId: ids.globex, slug: 'jane-doe-4411', title: 'Buyer' }, at);
  await contact(db, A, { id: ids.jorg, name: 'Jörg Müller', accountId: ids.globex, slug: 'jörg-müller' }, at);
  await contact(db, A, { id: ids.john, name: 'John Smith', accountId: ids.acme, emails: ['john@acme.com'] }, at);
  await contact(db, A, { id: ids.priya, name: 'Priya Raman', accountId: ids.globex, emails: ['priya@globex.com', 'priya.raman@gmail.com'] }, at);
  await contact(db, A, { id: ids.noAccount, name: 'Sam Lee', accountId: null, slug: 'sam-lee' }, at);
  for (let i = 1; i <= 7; i++) {
    await contact(db, A, { id: `ct_alex_${i}`, name: 'Alex Kim', accountId: i % 2 ? ids.acme : ids.globex }, at);
  }

  const B = h.teamB;
  await account(db, B, ids.initech, 'Initech', ['initech.com'], at);
  await contact(db, B, { id: ids.bob, name: 'Bob Slydell', accountId: ids.initech, slug: 'bob-slydell', emails: ['bob@initech.com'] }, at);
}
