/**
 * Which accounts a webhook batch's domains belong to, in a few queries rather than one per
 * event: the exact host first (`eu.acme.com` may be its own account), then its registrable
 * domain (`acme.com`). Free-mail domains never identify a company.
 */
import type { DB } from '../db/connect.ts';
import { isFreeMailDomain, registrableDomain } from '../identity/normalize.ts';

const CHUNK = 500;

/**
 * Account ids by (already normalised) domain; domains with no account are absent.
 *
 * @example await accountsByDomain(db, teamId, ['acme.com', 'eu.acme.com', 'gmail.com']) // Map { 'acme.com' => 'acc_1', 'eu.acme.com' => 'acc_1' }
 */
export async function accountsByDomain(db: DB, teamId: string, domains: Iterable<string>): Promise<Map<string, string>> {
  const wanted = [...new Set(domains)].filter((domain) => !isFreeMailDomain(domain));
  const exact = await lookUp(db, teamId, wanted);
  const parents = new Map<string, string>();
  for (const domain of wanted) {
    const parent = registrableDomain(domain);
    if (!exact.has(domain) && parent !== domain) parents.set(domain, parent);
  }
  const byParent = await lookUp(db, teamId, new Set(parents.values()));
  const found = new Map(exact);
  for (const [domain, parent] of parents) {
    const account = byParent.get(parent);
    if (account) found.set(domain, account);
  }
  return found;
}

/**
 * Contact ids by (already normalised) email address; unknown addresses are absent.
 *
 * @example await contactsByEmail(db, teamId, ['jane@acme.com']) // Map { 'jane@acme.com' => 'con_1' }
 */
export async function contactsByEmail(db: DB, teamId: string, emails: Iterable<string>): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  for (const chunk of chunks([...new Set(emails)])) {
    const rows = await db
      .selectFrom('contact_emails')
      .select(['email', 'contact_id'])
      .where('team_id', '=', teamId)
      .where('email', 'in', chunk)
      .execute();
    for (const row of rows) found.set(row.email, row.contact_id);
  }
  return found;
}

async function lookUp(db: DB, teamId: string, domains: Iterable<string>): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  for (const chunk of chunks([...domains])) {
    const rows = await db
      .selectFrom('account_domains')
      .select(['domain', 'account_id'])
      .where('team_id', '=', teamId)
      .where('domain', 'in', chunk)
      .execute();
    for (const row of rows) found.set(row.domain, row.account_id);
  }
  return found;
}

export function* chunks<T>(items: readonly T[], size = CHUNK): Generator<T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}
