/**
 * "Add as contact" in the CRM (issue 14): what both providers share. A contact a rep added from a
 * page is queued in the outbox (`kind = 'contact'`, ./outbox.ts) in the transaction that adds it;
 * a run reads the due ones with what the CRM needs (name, emails, title, LinkedIn URL, the
 * account's CRM id), and once the CRM holds the record, `linkContact` remembers it both ways: the
 * CRM record carries our id (the back-reference: HubSpot's `signalhouse_contact_id`, Salesforce's
 * `Signalhouse_Contact_Id__c`), and we keep its CRM id (`crm_records`, and `contacts.external_id`,
 * so the next pull updates this contact instead of importing a second one). The write-back of
 * activities runs after this, so an activity logged on the new contact is associated with it.
 */
import type { RunContext } from './run-context.ts';
import { crmIdsOf, dueRows, markWrite } from './outbox.ts';
import { inSlices } from '../ingest/csv/lookups.ts';

export interface DueContact {
  write: Awaited<ReturnType<typeof dueRows>>[number];
  /** Null once the contact is gone (erased since it was queued): the write is skipped. */
  contact: { id: string; name: string; firstName: string; lastName: string; title: string | null; linkedinUrl: string | null; emails: string[]; accountCrmId: string | null } | null;
}

/** "Ada King Lovelace" → ["Ada King", "Lovelace"]; a single word is the last name (Salesforce requires one). */
export function splitName(name: string): [string, string] {
  const words = name.trim().split(/\s+/);
  if (words.length < 2) return ['', words[0] ?? name];
  return [words.slice(0, -1).join(' '), words.at(-1)!];
}

/** Due contact writes in batches of `size`, each at most once in this run. */
export async function* dueContactBatches(ctx: RunContext, size: number): AsyncGenerator<DueContact[]> {
  const seen = new Set<string>();
  for (;;) {
    const rows = (await dueRows(ctx.db, ctx.connectionId, ctx.now, size + seen.size, 'contact')).filter((w) => !seen.has(w.activity_id)).slice(0, size);
    if (rows.length === 0) return;
    for (const w of rows) seen.add(w.activity_id);
    const ids = rows.map((r) => r.activity_id);
    const contacts = await inSlices(ids, (slice) =>
      ctx.db.selectFrom('contacts').select(['id', 'name', 'title', 'linkedin_slug', 'account_id']).where('team_id', '=', ctx.teamId).where('id', 'in', slice).execute(),
    );
    const emails = await inSlices(ids, (slice) => ctx.db.selectFrom('contact_emails').select(['contact_id', 'email']).where('team_id', '=', ctx.teamId).where('contact_id', 'in', slice).execute());
    const accounts = await crmIdsOf(ctx.db, ctx.teamId, ctx.provider, 'account', contacts.flatMap((c) => (c.account_id ? [c.account_id] : [])));
    const byId = new Map(contacts.map((c) => [c.id, c]));
    yield rows.map((write) => {
      const c = byId.get(write.activity_id);
      if (!c) return { write, contact: null };
      const [firstName, lastName] = splitName(c.name);
      return {
        write,
        contact: {
          id: c.id,
          name: c.name,
          firstName,
          lastName,
          title: c.title,
          linkedinUrl: c.linkedin_slug ? `https://www.linkedin.com/in/${c.linkedin_slug}/` : null,
          emails: emails.filter((e) => e.contact_id === c.id).map((e) => e.email).sort(),
          accountCrmId: c.account_id ? (accounts.get(c.account_id) ?? null) : null,
        },
      };
    });
  }
}

/**
 * The CRM holds the contact as `crmId`: remember it (crm_records, with the values as sent, so the
 * next pull sees nothing changed), give our contact that external id unless another contact of the
 * team already has it, and mark the write sent.
 */
export async function linkContact(ctx: RunContext, due: DueContact, crm: { type: string; id: string; modifiedAt: string }, note: string | null = null): Promise<void> {
  const contact = due.contact!;
  const seen = {
    name: contact.name,
    emails: contact.emails.join(';') || undefined,
    title: contact.title ?? undefined,
    linkedin_url: contact.linkedinUrl ?? undefined,
    account_external_id: contact.accountCrmId ?? undefined,
  };
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('crm_records')
      .values({ team_id: ctx.teamId, provider: ctx.provider, object: 'contact', crm_id: crm.id, local_id: contact.id, seen: JSON.stringify(seen), modified_at: crm.modifiedAt, deleted_at: null })
      .onConflict((oc) => oc.columns(['team_id', 'provider', 'object', 'crm_id']).doUpdateSet({ local_id: contact.id, deleted_at: null }))
      .execute();
    const taken = await trx.selectFrom('contacts').select('id').where('team_id', '=', ctx.teamId).where('external_id', '=', crm.id).executeTakeFirst();
    if (!taken) await trx.updateTable('contacts').set({ external_id: crm.id }).where('id', '=', contact.id).where('external_id', 'is', null).execute();
    await markWrite(trx, due.write, { state: 'sent', crm_type: crm.type, crm_id: crm.id, last_error: note }, ctx.now);
  });
  ctx.tally.contactsCreated += 1;
}

/** The contact is gone (erased after it was added): nothing is sent. */
export const skipContact = (ctx: RunContext, due: DueContact) => markWrite(ctx.db, due.write, { state: 'skipped', last_error: null }, ctx.now);
