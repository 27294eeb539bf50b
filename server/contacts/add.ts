/**
 * "Add as contact": creates a contact on an account from a page a rep is on, with its provenance
 * (the page's site and URL, the rep, the time: `contacts.origin`; the title's source is the site,
 * as an import's is its file), idempotent by the extension's id and by the natural key (a contact
 * already holding the LinkedIn URL or email is answered, not duplicated). Refuses a person erased
 * from the team, as imports do (server/admin/erased-keys.ts): a rep cannot bring them back.
 *
 * @example
 * await addContact(db, auth, request, now)
 * // { ok: true, created: true, contactId: 'con_…' } or { ok: false, status: 409, field: 'linkedinUrl', … }
 */
import type { AddContactRequest } from '../../shared/contact.ts';
import { normalizeEmail, normalizeLinkedInSlug } from '../../shared/identity-keys.ts';
import { newId, type AuthContext } from '../auth/users.ts';
import { audit } from '../db/audit.ts';
import type { OpenedDatabase } from '../db/connect.ts';
import { emailKey, erasedAmong, linkedInKey } from '../admin/erased-keys.ts';
import { markAccountIntelStale } from '../briefs/snapshot.ts';
import { nameKey } from '../identity/normalize.ts';
import { queueCrmContactWrite } from '../crm/outbox.ts';

export type AddContactOutcome =
  | { ok: true; created: boolean; contactId: string }
  | { ok: false; status: 404 | 409 | 422; type: 'not-found' | 'conflict' | 'validation-error'; field: string; message: string };

const refused = (status: 404 | 409 | 422, field: string, message: string): AddContactOutcome => ({
  ok: false,
  status,
  type: status === 404 ? 'not-found' : status === 409 ? 'conflict' : 'validation-error',
  field,
  message,
});

/** Whether a database error is a unique-constraint violation (both dialects): a concurrent request won. */
const isUniqueViolation = (error: unknown) => {
  const e = error as { code?: string; message?: string };
  return e.code === '23505' || e.code === 'SQLITE_CONSTRAINT_UNIQUE' || e.code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || /UNIQUE constraint failed/.test(e.message ?? '');
};

export async function addContact(db: OpenedDatabase, auth: AuthContext, request: AddContactRequest, now: Date, attempt = 0): Promise<AddContactOutcome> {
  const k = db.kysely;
  const team = auth.teamId;
  let slug: string | undefined;
  if (request.linkedinUrl !== undefined) {
    const result = normalizeLinkedInSlug(request.linkedinUrl);
    if (!result.ok) return refused(422, 'linkedinUrl', result.reason);
    slug = result.value;
  }
  let email: string | undefined;
  if (request.email !== undefined) {
    const result = normalizeEmail(request.email);
    if (!result.ok) return refused(422, 'email', result.reason);
    email = result.value;
  }

  // The same request again (a retry, the outbox replaying): the contact it created.
  const replay = await k.selectFrom('contacts').select(['id', 'linkedin_slug']).where('team_id', '=', team).where('client_id', '=', request.id).executeTakeFirst();
  if (replay) {
    if (slug && replay.linkedin_slug && replay.linkedin_slug !== slug) return refused(409, 'id', 'this id already added another person');
    return { ok: true, created: false, contactId: replay.id };
  }

  const account = await k.selectFrom('accounts').select('id').where('team_id', '=', team).where('id', '=', request.accountId).executeTakeFirst();
  if (!account) return refused(404, 'accountId', 'no account of your team has this id');

  // The natural key: someone (a teammate, an import) already has this person.
  const bySlug = slug ? await k.selectFrom('contacts').select('id').where('team_id', '=', team).where('linkedin_slug', '=', slug).executeTakeFirst() : undefined;
  const byEmail = email ? await k.selectFrom('contact_emails').select('contact_id').where('team_id', '=', team).where('email', '=', email).executeTakeFirst() : undefined;
  if (bySlug && byEmail && bySlug.id !== byEmail.contact_id) return refused(409, 'email', 'this email belongs to another contact than the LinkedIn URL');
  const existing = bySlug?.id ?? byEmail?.contact_id;
  if (existing) return { ok: true, created: false, contactId: existing };

  const keys = [...(slug ? [linkedInKey(slug)] : []), ...(email ? [emailKey(email)] : [])];
  const erased = await erasedAmong(k, team, keys);
  for (const key of keys) {
    const at = erased.get(key);
    if (at) return refused(409, key.startsWith('linkedin:') ? 'linkedinUrl' : 'email', `this person was erased on ${at.slice(0, 10)} and is not added again`);
  }

  const id = newId('con');
  const at = now.toISOString();
  const source = `page:${request.page.site}`;
  try {
    await k.transaction().execute(async (trx) => {
      await trx
        .insertInto('contacts')
        .values({
          id,
          team_id: team,
          account_id: account.id,
          external_id: null,
          name: request.name,
          name_key: nameKey(request.name),
          title: request.title ?? null,
          linkedin_slug: slug ?? null,
          past_employers: '[]',
          field_sources: JSON.stringify(request.title ? { title: { source, refreshedAt: at } } : {}),
          client_id: request.id,
          origin: JSON.stringify({ site: request.page.site, url: request.page.url, userId: auth.userId, at }),
          created_at: at,
          updated_at: at,
        })
        .execute();
      if (email) await trx.insertInto('contact_emails').values({ team_id: team, email, contact_id: id }).execute();
      // Created in the team's CRM by the next write-back, exactly once (server/crm/contact-writes.ts).
      await queueCrmContactWrite(trx, { id, team_id: team }, now);
      // The account's stakeholders include the new contact from the next brief on.
      await markAccountIntelStale(trx, team, [account.id]);
      await audit(trx, { teamId: team, actorId: auth.userId, action: 'contact.added', target: id, detail: { accountId: account.id, site: request.page.site } }, now);
    });
  } catch (error) {
    // Two requests raced (the same id, or two reps adding the same person): the first one stands.
    if (!isUniqueViolation(error) || attempt > 0) throw error;
    return addContact(db, auth, request, now, attempt + 1);
  }
  return { ok: true, created: true, contactId: id };
}
