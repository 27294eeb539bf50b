/**
 * Contacts: people at accounts. Upserted by `external_id`, else by LinkedIn URL, else by any of
 * their emails. Emails are added, never removed; an email or LinkedIn URL that belongs to another
 * contact rejects the row rather than merging two people.
 *
 * Phones replace the contact's list when the cell has any (a CRM exports the current numbers):
 * E.164 where the number has its country code or the contact's account has a country, else as typed.
 *
 * A row carrying the external_id, LinkedIn URL or an email of a person erased from the team (and
 * held by no contact now) is rejected and writes nothing, unless the admin imports with `readmitErased`,
 * which re-adds them and lifts that erasure (server/admin/erased-keys.ts).
 */
import { z } from 'zod';
import { BuyingRole } from '../../../../shared/brief.ts';
import { importId } from '../ids.ts';
import type { ContactRow } from '../../../db/schema.ts';
import { nameKey } from '../../../identity/normalize.ts';
import { BatchChanges } from '../changes.ts';
import { companyDomain, emailList, linkedInSlug, pastEmployers, phoneList, provenanceColumns, required, text, yearMonth } from '../cells.ts';
import { normalizePhone } from '../../../identity/phone.ts';
import {
  accountOf,
  accountRefs,
  assignChanged,
  contactsByExternalId,
  contactsById,
  contactsBySlug,
  defined,
  emailOwners,
  inSlices,
  insertMany,
} from '../lookups.ts';
import { keepingFlagCorrections, withProvenance } from '../provenance.ts';
import type { EntityImporter, RowOutcome } from '../types.ts';
import { markAccountIntelStale } from '../../../briefs/snapshot.ts';
import type { DB } from '../../../db/connect.ts';

/** The countries of these accounts (by id), for phone numbers typed without a country code. */
async function accountCountries(db: DB, teamId: string, ids: readonly string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await inSlices(unique, (slice) => db.selectFrom('accounts').select(['id', 'country']).where('team_id', '=', teamId).where('id', 'in', slice).execute());
  return new Map(rows.flatMap((r) => (r.country ? [[r.id, r.country] as [string, string]] : [])));
}
import { emailKey, erasedAmong, externalIdKey, forgetErased, linkedInKey } from '../../../admin/erased-keys.ts';

/** The contact values a brief shows with their source and age. */
const ENRICHED = ['title', 'seniority', 'department', 'location', 'tenure_start', 'past_employers'] as const;

/** `Decision maker` and `decision-maker` both mean `decision_maker`. */
const buyingRole = () =>
  z
    .string()
    .transform((v) => v.toLowerCase().replace(/[\s-]+/g, '_'))
    .pipe(z.enum(BuyingRole.options, { error: `must be one of ${BuyingRole.options.join(', ')}` }));

const ContactCsvRow = z
  .object({
    external_id: text(200).optional(),
    name: required(text(300)),
    emails: emailList().optional(),
    /** Several, separated by `;` as emails are; E.164 once the account's country is known. */
    phones: phoneList().optional(),
    linkedin_url: linkedInSlug().optional(),
    account_external_id: text(200).optional(),
    account_domain: companyDomain().optional(),
    title: text(300).optional(),
    seniority: text(100).optional(),
    department: text(200).optional(),
    location: text(300).optional(),
    buying_role: buyingRole().optional(),
    tenure_start: yearMonth().optional(),
    past_employers: pastEmployers()
      .transform((list) => JSON.stringify(list))
      .optional(),
    ...provenanceColumns,
  })
  .superRefine((row, ctx) => {
    if (!row.external_id && !row.linkedin_url && !row.emails?.length) {
      ctx.addIssue({
        code: 'custom',
        path: ['external_id'],
        message: 'needs a value (or a LinkedIn URL or an email), so a re-import finds this contact again',
      });
    }
  });
type ContactCsvRow = z.output<typeof ContactCsvRow>;

/**
 * @example await runImport(db, contactsImporter, source, { teamId, now }) // contacts upserted by external_id
 */
export const contactsImporter: EntityImporter<ContactCsvRow> = {
  entity: 'contacts',
  columns: Object.keys(ContactCsvRow.shape),
  required: ['name'],
  schema: ContactCsvRow,
  async write(trx, { teamId, now, defaultSource, readmitErased }, batch) {
    const at = now.toISOString();
    const rows = batch.map((r) => r.value);
    const byExternalId = await contactsByExternalId(trx, teamId, rows.map((r) => r.external_id).filter(defined));
    const bySlug = await contactsBySlug(trx, teamId, rows.map((r) => r.linkedin_url).filter(defined));
    const emailOwner = await emailOwners(trx, teamId, rows.flatMap((r) => r.emails ?? []));
    const byId = new Map<string, ContactRow>();
    for (const c of [...byExternalId.values(), ...bySlug.values()]) byId.set(c.id, c);
    for (const [id, c] of await contactsById(trx, teamId, [...emailOwner.values()].filter((id) => !byId.has(id)))) byId.set(id, c);
    // Only keys no contact holds now can be an erased person's: one held was re-added knowingly.
    const erased = await erasedAmong(trx, teamId, [
      ...rows.flatMap((r) => (r.external_id && !byExternalId.has(r.external_id) ? [externalIdKey(r.external_id)] : [])),
      ...rows.flatMap((r) => (r.linkedin_url && !bySlug.has(r.linkedin_url) ? [linkedInKey(r.linkedin_url)] : [])),
      ...rows.flatMap((r) => (r.emails ?? []).filter((e) => !emailOwner.has(e)).map(emailKey)),
    ]);
    const readmitted: string[] = [];
    const accounts = await accountRefs(trx, teamId, rows.map((r) => ({ externalId: r.account_external_id, domain: r.account_domain })));
    const countries = await accountCountries(trx, teamId, [...accounts.byExternalId.values(), ...accounts.byDomain.values(), ...[...byId.values()].map((c) => c.account_id).filter(defined)]);
    // A contact shows on its account's brief (stakeholders): the accounts it leaves and joins both change.
    const accountsBefore = [...byId.values()].map((c) => c.account_id);

    const contacts = new BatchChanges<ContactRow>();
    const newEmails: { team_id: string; email: string; contact_id: string }[] = [];

    const outcomes = rows.map((row): RowOutcome => {
      const erasedKeys = [
        ...(row.external_id ? [externalIdKey(row.external_id)] : []),
        ...(row.linkedin_url ? [linkedInKey(row.linkedin_url)] : []),
        ...(row.emails ?? []).map(emailKey),
      ].filter((k) => erased.has(k));
      if (erasedKeys.length && !readmitErased) {
        const key = erasedKeys[0]!;
        const column = key.startsWith('external:') ? 'external_id' : key.startsWith('linkedin:') ? 'linkedin_url' : 'emails';
        return { column, message: `this person was erased on ${erased.get(key)!.slice(0, 10)} and is not re-imported` };
      }
      const accountId = accountOf(accounts, row.account_external_id, row.account_domain);
      if (accountId === undefined) {
        const column = row.account_external_id ? 'account_external_id' : 'account_domain';
        return { column, message: 'no account in this team has this value (import accounts first)' };
      }

      const slugOwner = row.linkedin_url ? bySlug.get(row.linkedin_url) : undefined;
      const emailContacts = new Set((row.emails ?? []).map((e) => emailOwner.get(e)).filter(defined));
      let contact = row.external_id ? byExternalId.get(row.external_id) : undefined;
      contact ??= slugOwner ?? (emailContacts.size ? byId.get([...emailContacts][0]!) : undefined);
      if (contact) {
        if (slugOwner && slugOwner.id !== contact.id) return { column: 'linkedin_url', message: 'another contact has this LinkedIn URL' };
        if ([...emailContacts].some((id) => id !== contact!.id)) return { column: 'emails', message: 'an email already belongs to another contact' };
        if (row.external_id && contact.external_id && contact.external_id !== row.external_id) {
          const column = slugOwner ? 'linkedin_url' : 'emails';
          return { column, message: 'already belongs to a contact with another external_id' };
        }
      }

      let phones: string | undefined;
      if (row.phones?.length) {
        const country = countries.get(accountId ?? contact?.account_id ?? '') ?? null;
        const numbers: string[] = [];
        for (const [index, typed] of row.phones.entries()) {
          const result = normalizePhone(typed, country);
          if (!result.ok) return { column: 'phones', message: `value ${index + 1}: ${result.reason}` };
          if (!numbers.includes(result.value)) numbers.push(result.value);
        }
        phones = JSON.stringify(numbers);
      }

      const values = {
        external_id: row.external_id,
        name: row.name,
        name_key: nameKey(row.name),
        account_id: accountId ?? undefined,
        linkedin_slug: row.linkedin_url,
        buying_role: row.buying_role,
        ...Object.fromEntries(ENRICHED.map((f) => [f, row[f]])),
        phones,
      };
      const enriched: string[] = [...ENRICHED.filter((f) => row[f] !== undefined), ...(phones !== undefined ? ['phones'] : [])];
      const provenance = { source: row.source ?? defaultSource, refreshedAt: row.refreshed_at ?? null };
      const addEmails = (id: string) => {
        for (const address of row.emails ?? []) {
          if (emailOwner.has(address)) continue;
          emailOwner.set(address, id);
          newEmails.push({ team_id: teamId, email: address, contact_id: id });
        }
      };
      const remember = (c: ContactRow) => {
        if (c.external_id) byExternalId.set(c.external_id, c);
        if (c.linkedin_slug) bySlug.set(c.linkedin_slug, c);
        byId.set(c.id, c);
      };

      readmitted.push(...erasedKeys);
      if (!contact) {
        const created: ContactRow = {
          id: importId('con'),
          crm_deleted_at: null,
          team_id: teamId,
          account_id: null,
          external_id: null,
          name: row.name,
          name_key: '',
          title: null,
          seniority: null,
          department: null,
          location: null,
          buying_role: null,
          linkedin_slug: null,
          tenure_start: null,
          past_employers: '[]',
          field_sources: '{}',
          phones: '[]',
          client_id: null,
          origin: null,
          last_touch_at: null,
          last_touch_type: null,
          last_touch_by: null,
          created_at: at,
          updated_at: at,
        };
        assignChanged(created, values);
        created.field_sources = withProvenance('{}', enriched, new Set(enriched), provenance, now) ?? '{}';
        contacts.created(created);
        remember(created);
        addEmails(created.id);
        return 'created';
      }

      // A value an admin corrected from a flag is not undone by the CRM sending the old one again.
      const { values: toWrite, kept } = keepingFlagCorrections(values, contact.field_sources, { name: ['name_key'] });
      const changed = assignChanged(contact, toWrite);
      const emailsBefore = newEmails.length;
      addEmails(contact.id);
      const sources = withProvenance(contact.field_sources, enriched.filter((f) => !kept.includes(f)), new Set(changed), provenance, now);
      if (sources !== null) {
        contact.field_sources = sources;
        changed.push('field_sources');
      }
      if (changed.length === 0 && newEmails.length === emailsBefore) return 'unchanged';
      remember(contact);
      contact.updated_at = at;
      contacts.changed(contact, [...changed, 'updated_at']);
      return 'updated';
    });

    await contacts.flush(
      (created) => insertMany(created, 500, (slice) => trx.insertInto('contacts').values(slice).execute()),
      (row, set) => trx.updateTable('contacts').set(set).where('team_id', '=', teamId).where('id', '=', row.id).execute(),
    );
    await insertMany(newEmails, 1000, (slice) => trx.insertInto('contact_emails').values(slice).execute());
    await forgetErased(trx, teamId, readmitted);
    await markAccountIntelStale(trx, teamId, [...accountsBefore, ...[...byId.values()].map((c) => c.account_id)]);
    return outcomes;
  },
};
