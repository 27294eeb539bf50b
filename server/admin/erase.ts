/**
 * Erasing a person (a privacy request): everything the team holds about them goes in one
 * transaction, and a tombstone tells every rep's extension cache to forget them too.
 *
 * What stays: the ids and payload hashes of activities they were part of, and their natural keys
 * as keyed hashes (server/ledger/activity-keys.ts: a LinkedIn touch's key holds the profile slug),
 * so the ledger's uniqueness is still permanent (a replayed activity answers "duplicate", it is not
 * recorded again with the person in it); their text and the link to the person are gone.
 * The audit entry names ids and counts only.
 *
 * Erasure also sticks: the person's emails, LinkedIn slug and CRM id are remembered as keyed hashes
 * (server/admin/erased-keys.ts), so a later import of the same CSV does not bring them back, and
 * their identifiers are taken out of raw events' data (server/admin/redact-events.ts; events'
 * natural keys are keyed hashes from the start, server/ingest/event-keys.ts), stored digests
 * (redact-digests.ts) and the snapshots of every account that named them.
 *
 * And it reaches the disk: once committed, SQLite's WAL is checkpointed and truncated (deleted
 * rows are already zeroed, `secure_delete`), PostgreSQL's touched tables vacuumed
 * (server/db/purge.ts; docs/privacy.md says what PostgreSQL's own WAL and backups keep).
 */
import { z } from 'zod';
import type { DB } from '../db/connect.ts';
import { audit } from '../db/audit.ts';
import { normalizeEmail, normalizeLinkedInSlug } from '../identity/normalize.ts';
import { AdminError } from './errors.ts';
import { markAccountIntelStale } from '../briefs/snapshot.ts';
import { emailKey, externalIdKey, linkedInKey, rememberErased } from './erased-keys.ts';
import { redactDigests } from './redact-digests.ts';
import { redactFlags } from './redact-flags.ts';
import { redactMeetings } from '../meetings/erase.ts';
import { containedPatterns, isThePerson, likeNeedles, redactEvents, type ErasedPerson } from './redact-events.ts';
import { ERASED_KEY_PREFIX, erasedActivityKey } from '../ledger/activity-keys.ts';
import { teamSalt } from '../db/team-salt.ts';
import { writeTombstones } from '../db/tombstones.ts';
import { purgeDeleted } from '../db/purge.ts';

export const ErasureRequest = z
  .strictObject({
    email: z.string().trim().min(1).max(320).optional(),
    linkedin: z.string().trim().min(1).max(2000).optional(),
    contactId: z.string().trim().min(1).max(64).optional(),
  })
  .refine((v) => [v.email, v.linkedin, v.contactId].filter((x) => x !== undefined).length === 1, {
    message: 'give exactly one of email, linkedin or contactId',
  });
export type ErasureRequest = z.infer<typeof ErasureRequest>;

export interface ErasureResult {
  /** `not-held`: nothing in this team matched (also the answer for another team's contact id). */
  status: 'erased' | 'already-erased' | 'not-held';
  contactIds: string[];
  counts: {
    contacts: number;
    emails: number;
    aliases: number;
    flags: number;
    activitiesRedacted: number;
    eventsUnlinked: number;
    /** Events whose data named the person (their name, an email, their LinkedIn URL, their id). */
    eventsRedacted: number;
    /** Stored daily digests whose lines or tasks named the person (redact-digests.ts). */
    digestsRedacted: number;
  };
}

type By = 'email' | 'linkedin' | 'contact';

/** The identifying keys of the request, normalised as they are stored; a malformed one is the caller's mistake. */
function keysOf(request: ErasureRequest): { by: By; email?: string; slug?: string; contactId?: string } {
  if (request.email !== undefined) {
    const email = normalizeEmail(request.email);
    if (!email.ok) throw new AdminError('invalid', `email: ${email.reason}`, 'email');
    return { by: 'email', email: email.value };
  }
  if (request.linkedin !== undefined) {
    const slug = normalizeLinkedInSlug(request.linkedin);
    if (!slug.ok) throw new AdminError('invalid', `linkedin: ${slug.reason}`, 'linkedin');
    return { by: 'linkedin', slug: slug.value };
  }
  return { by: 'contact', contactId: request.contactId! };
}

const n = (result: { numDeletedRows?: bigint; numUpdatedRows?: bigint }) => Number(result.numDeletedRows ?? result.numUpdatedRows ?? 0n);

/**
 * Erases one person from the team. Safe to repeat: a second call finds nothing to erase and
 * writes no second tombstone.
 *
 * @example
 * await erasePerson(db, teamId, { email: 'jane@acme.com' }, adminId, now)
 * // { status: 'erased', contactIds: ['ct_…'], counts: { contacts: 1, emails: 2, … } }
 */
export async function erasePerson(db: DB, teamId: string, request: ErasureRequest, actorId: string | null, now: Date): Promise<ErasureResult> {
  const keys = keysOf(request);
  const result = await db.transaction().execute(async (trx) => {
    let people = trx.selectFrom('contacts').select(['id', 'name', 'linkedin_slug', 'external_id', 'account_id']).where('team_id', '=', teamId);
    if (keys.contactId) people = people.where('id', '=', keys.contactId);
    if (keys.slug) people = people.where('linkedin_slug', '=', keys.slug);
    if (keys.email) {
      const email = keys.email;
      people = people.where('id', 'in', (eb) =>
        eb.selectFrom('contact_emails').select('contact_id').where('team_id', '=', teamId).where('email', '=', email),
      );
    }
    const found = await people.execute();
    const ids = found.map((p) => p.id);

    // Aliases hold the identifying key itself (`email:jane@…`), so they go even when they point elsewhere.
    const emails = ids.length
      ? (await trx.selectFrom('contact_emails').select('email').where('team_id', '=', teamId).where('contact_id', 'in', ids).execute()).map((e) => e.email)
      : [];
    const refKeys = new Set<string>();
    for (const email of [...emails, ...(keys.email ? [keys.email] : [])]) refKeys.add(`email:${email}`);
    for (const slug of [...found.map((p) => p.linkedin_slug), keys.slug]) if (slug) refKeys.add(`linkedin:${slug}`);

    const touchedAccounts: (string | null)[] = [];
    const counts: ErasureResult['counts'] = { contacts: 0, emails: 0, aliases: 0, flags: 0, activitiesRedacted: 0, eventsUnlinked: 0, eventsRedacted: 0, digestsRedacted: 0 };
    if (refKeys.size || ids.length) {
      const aliasRefs = [...refKeys];
      counts.aliases = n(
        await trx
          .deleteFrom('aliases')
          .where('team_id', '=', teamId)
          .where((eb) => {
            const conditions = [];
            if (ids.length) conditions.push(eb('contact_id', 'in', ids));
            if (aliasRefs.length) conditions.push(eb('ref_key', 'in', aliasRefs));
            return eb.or(conditions);
          })
          .executeTakeFirst(),
      );
    }
    if (ids.length) {
      counts.emails = n(await trx.deleteFrom('contact_emails').where('team_id', '=', teamId).where('contact_id', 'in', ids).executeTakeFirst());
      const slugs = [...new Set([...found.map((p) => p.linkedin_slug), keys.slug].filter((s): s is string => !!s))];
      const allEmails = [...new Set([...emails, ...(keys.email ? [keys.email] : [])])];
      const externalIds = found.flatMap((p) => (p.external_id ? [p.external_id] : []));
      const person = { contactIds: ids, names: found.map((p) => p.name), emails: allEmails, slugs, externalIds };
      await hashActivityKeys(trx, teamId, person);
      counts.activitiesRedacted = n(
        await trx
          .updateTable('activities')
          .set({ subject: null, body: null, contact_id: null })
          .where('team_id', '=', teamId)
          .where('contact_id', 'in', ids)
          .executeTakeFirst(),
      );
      // Being on someone else's touch (Cc'd, a meeting's guest): the row goes, the activity stays
      // the other people's (its subject and body are redacted only when it is about this person).
      await trx.deleteFrom('activity_participants').where('team_id', '=', teamId).where('contact_id', 'in', ids).execute();
      counts.eventsUnlinked = n(
        await trx.updateTable('events').set({ contact_id: null }).where('team_id', '=', teamId).where('contact_id', 'in', ids).executeTakeFirst(),
      );
      const events = await redactEvents(trx, teamId, person);
      counts.eventsRedacted = events.redacted;
      touchedAccounts.push(...events.accountIds);
      counts.digestsRedacted = await redactDigests(trx, teamId, person);
      await rememberErased(trx, teamId, [...allEmails.map(emailKey), ...slugs.map(linkedInKey), ...externalIds.map(externalIdKey)], now);
      counts.flags = n(
        await trx.deleteFrom('flags').where('team_id', '=', teamId).where('entity', '=', 'contact').where('entity_id', 'in', ids).executeTakeFirst(),
      );
      await redactFlags(trx, teamId, person);
      await redactMeetings(trx, teamId, allEmails);
      counts.contacts = n(await trx.deleteFrom('contacts').where('team_id', '=', teamId).where('id', 'in', ids).executeTakeFirst());
      // What a CRM sync last saw of the person (name, emails, title): forgotten too; the CRM's next
      // change to them is refused by the erased keys (server/crm/store.ts).
      await trx.deleteFrom('crm_records').where('team_id', '=', teamId).where('object', '=', 'contact').where('local_id', 'in', ids).execute();
      // Snapshots quote stakeholders and events: every account that named the person is recomputed.
      await markAccountIntelStale(trx, teamId, [...found.map((p) => p.account_id), ...touchedAccounts]);
      // Last in the transaction: the tombstones' lock (db/tombstones.ts) is held until it commits.
      await writeTombstones(
        trx,
        ids.map((id) => ({ team_id: teamId, entity: 'contact', entity_id: id, at: now.toISOString() })),
      );
    }

    let status: ErasureResult['status'] = ids.length ? 'erased' : 'not-held';
    if (!ids.length && keys.contactId) {
      const tomb = await trx
        .selectFrom('tombstones')
        .select('id')
        .where('team_id', '=', teamId)
        .where('entity', '=', 'contact')
        .where('entity_id', '=', keys.contactId)
        .executeTakeFirst();
      if (tomb) status = 'already-erased';
    }
    await audit(trx, { teamId, actorId, action: 'person.erase', target: ids[0] ?? null, detail: { by: keys.by, status, contactIds: ids, counts } }, now);
    return { status, contactIds: ids, counts };
  });
  // Committed: now the old bytes (server/db/purge.ts). A failure here leaves the erasure done.
  if (result.status === 'erased') {
    const purged = await purgeDeleted(db, ERASURE_TABLES);
    // Ids only, as the audit log: the operator learns that old pages may still sit in the WAL.
    if (!purged.done) console.warn(`erasure of ${result.contactIds.join(', ')} committed, but a reader kept SQLite's WAL from being truncated; run "npm run admin -- compact" when the server is idle`);
  }
  return result;
}

/** Every table an erasure deletes from or rewrites (the audit log and tombstones only gain rows). */
export const ERASURE_TABLES = ['contacts', 'contact_emails', 'aliases', 'flags', 'activities', 'activity_participants', 'events', 'digests', 'account_intel', 'meetings', 'crm_records'];

/**
 * The natural keys of the person's activities, and of any activity whose key names them (a
 * LinkedIn touch's key holds the profile slug), are replaced by their keyed hash
 * (server/ledger/activity-keys.ts): a replay still finds the activity, the key names nobody.
 */
async function hashActivityKeys(trx: DB, teamId: string, person: ErasedPerson): Promise<void> {
  const needles = likeNeedles(person);
  const rows = await trx
    .selectFrom('activities')
    .select(['id', 'natural_key', 'contact_id'])
    .where('team_id', '=', teamId)
    .where('natural_key', 'is not', null)
    .where('natural_key', 'not like', `${ERASED_KEY_PREFIX}%`)
    .where((eb) =>
      eb.or([
        eb('contact_id', 'in', [...person.contactIds]),
        ...needles.map((needle) => eb(eb.fn('lower', ['natural_key']), 'like', needle)),
      ]),
    )
    .execute();
  const patterns = containedPatterns(person);
  const named = (key: string) => isThePerson(key, person) || patterns.some((pattern) => new RegExp(pattern.source, pattern.flags.replace('g', '')).test(key));
  const chosen = rows.filter((row) => person.contactIds.includes(row.contact_id ?? '') || named(row.natural_key!));
  if (!chosen.length) return;
  const salt = await teamSalt(trx, teamId, true);
  for (const row of chosen) {
    await trx.updateTable('activities').set({ natural_key: erasedActivityKey(salt, row.natural_key!) }).where('team_id', '=', teamId).where('id', '=', row.id).execute();
  }
}
