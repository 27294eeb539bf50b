/**
 * Who a company event is about: an executive hire or a departure may name the person by their
 * CRM id, an email address, a LinkedIn URL or their name. Imports resolve that to one of the
 * event's account's contacts when they store the event (`events.contact_id`), so the rules can
 * tell a champion leaving from anyone else (server/intel/signals-org.ts).
 *
 * Only the account's own contacts are candidates: an address or id that belongs to someone at
 * another account links nobody. A name is a weaker key, so it is compared only when no id, email
 * or LinkedIn URL was given or matched, only against the account's contacts, and only exactly
 * (`nameKey`: case, accents and punctuation folded; never a fuzzy match); a name two contacts
 * share links neither. References that disagree (an email naming one contact, a CRM id another)
 * link nobody. The identifiers are used to link and are not stored.
 *
 * @example
 * await contactsNamedBy(trx, teamId, [{ accountId: 'acc_nw', person: { email: 'maya@northwind.test' } }]) // ['con_maya']
 */
import type { DB } from '../db/connect.ts';
import { nameKey } from '../identity/normalize.ts';
import { contactsByExternalId, contactsById, contactsBySlug, defined, emailOwners, inSlices } from './csv/lookups.ts';

/** What a company-event row says about the person it concerns (all normalised by the row schema). */
export interface PersonRef {
  externalId?: string | undefined;
  email?: string | undefined;
  /** A LinkedIn slug. */
  slug?: string | undefined;
  name?: string | undefined;
}

/** One contact id (or null) per request, in order. */
export async function contactsNamedBy(
  db: DB,
  teamId: string,
  requests: readonly { accountId: string | null | undefined; person: PersonRef | undefined }[],
): Promise<(string | null)[]> {
  const wanted = requests.flatMap((r) => (r.accountId && r.person ? [{ accountId: r.accountId, person: r.person }] : []));
  if (wanted.length === 0) return requests.map(() => null);
  const people = wanted.map((w) => w.person);

  const byExternalId = await contactsByExternalId(db, teamId, new Set(people.map((p) => p.externalId).filter(defined)));
  const bySlug = await contactsBySlug(db, teamId, new Set(people.map((p) => p.slug).filter(defined)));
  const emailOwner = await emailOwners(db, teamId, new Set(people.map((p) => p.email).filter(defined)));
  const byEmailOwner = await contactsById(db, teamId, new Set(emailOwner.values()));
  const accountOfContact = new Map<string, string | null>();
  for (const c of [...byExternalId.values(), ...bySlug.values(), ...byEmailOwner.values()]) accountOfContact.set(c.id, c.account_id);

  const keys = new Set(people.flatMap((p) => (p.name ? [nameKey(p.name)] : [])).filter((k) => k !== ''));
  const accountIds = new Set(wanted.map((w) => w.accountId));
  const named = new Map<string, string[]>();
  if (keys.size > 0) {
    const rows = await inSlices(keys, (slice) =>
      db
        .selectFrom('contacts')
        .select(['id', 'account_id', 'name_key'])
        .where('team_id', '=', teamId)
        .where('account_id', 'in', [...accountIds])
        .where('name_key', 'in', slice)
        .execute(),
    );
    for (const row of rows) {
      const key = `${row.account_id}\u0000${row.name_key}`;
      named.set(key, [...(named.get(key) ?? []), row.id]);
    }
  }

  return requests.map(({ accountId, person }) => {
    if (!accountId || !person) return null;
    const ids = new Set(
      [person.externalId && byExternalId.get(person.externalId)?.id, person.email && emailOwner.get(person.email), person.slug && bySlug.get(person.slug)?.id].filter(
        (id): id is string => !!id && accountOfContact.get(id) === accountId,
      ),
    );
    if (ids.size === 1) return [...ids][0]!;
    if (ids.size > 1) return null;
    const key = person.name ? nameKey(person.name) : '';
    const candidates = key ? (named.get(`${accountId}\u0000${key}`) ?? []) : [];
    return candidates.length === 1 ? candidates[0]! : null;
  });
}
