/**
 * Recording activities: the idempotent write side of the ledger. Each item is checked and
 * committed on its own, so one bad item never blocks the rest, and each gets a result:
 * `created`, `duplicate` (the original, for a replay or a teammate's copy), `conflict` (the id or
 * natural key is taken by a different payload) or `invalid` (the field at fault).
 *
 * Uniqueness is the database's job: the insert says ON CONFLICT DO NOTHING and, when it did
 * nothing, the item is classified again against whatever won the race. No error is raised, so
 * PostgreSQL never aborts the transaction and both dialects behave alike.
 *
 * The other people on a touch (`participantContactIds`) are rows of `activity_participants`, not
 * part of the compared payload (payload.ts): a `duplicate` merges the people it names into the
 * stored activity (a union), so a teammate's copy that resolved someone more still counts for them.
 */
import { ActivityInput, type Activity, type ActivityResult } from '../../shared/activity.ts';
import type { DB } from '../db/connect.ts';
import type { ActivityRow } from '../db/schema.ts';
import { problemBody, zodFieldErrors, type FieldError } from '../http/problem.ts';
import { normalizeActivity, participantsOf, payloadHash, type NormalizedActivity } from './payload.ts';
import { activityOf } from './rows.ts';
import { activityKeyForms } from './activity-keys.ts';
import { recordTouch } from './touch.ts';
import { markAccountIntelStale } from '../briefs/snapshot.ts';
import { readSetting } from '../admin/settings.ts';
import { onNeverLogList } from '../../shared/never-log.ts';
import { queueCrmWrites } from '../crm/outbox.ts';

export interface Recorder {
  teamId: string;
  userId: string;
}

/**
 * Records a batch, item by item, answering in the order given.
 *
 * @example
 * const results = await recordActivities(db.kysely, { teamId, userId }, body.activities, now);
 * results[0].status // 'created'
 */
export async function recordActivities(db: DB, by: Recorder, items: readonly unknown[], now: Date): Promise<ActivityResult[]> {
  const results: ActivityResult[] = [];
  for (const [index, item] of items.entries()) results.push(await recordActivity(db, by, item, index, now));
  return results;
}

/** One item in its own transaction. `index` only names fields (`activities[3].contactId`). */
export async function recordActivity(db: DB, by: Recorder, item: unknown, index: number, now: Date): Promise<ActivityResult> {
  const at = (field: string) => `activities[${index}].${field}`;
  const parsed = ActivityInput.safeParse(item);
  if (!parsed.success) {
    return invalid(rawId(item), zodFieldErrors(parsed.error, ['activities', index]));
  }
  const activity = normalizeActivity(parsed.data);
  const hash = payloadHash(activity);
  const participants = participantsOf(parsed.data);

  return db.transaction().execute(async (trx) => {
    // A duplicate (a replay, a teammate's copy) adds the people it names to the stored activity.
    const settle = async (result: ActivityResult) => {
      if (result.status === 'duplicate') await mergeParticipants(trx, by.teamId, result.activity, participants, now);
      return result;
    };
    // A replay must answer the same however the world changed since (a contact erased, say),
    // so an existing id or natural key is looked at before the links are checked.
    const known = await classifyAgainstStored(trx, by.teamId, activity, hash, at);
    if (known) return settle(known);

    const links = await checkLinks(trx, by.teamId, activity, participants, at);
    if ('errors' in links) return invalid(activity.id, links.errors);
    const refused = await mailPolicyErrors(trx, by.teamId, activity, parsed.data.participantContactIds ?? [], at);
    if (refused.length) return invalid(activity.id, refused);

    const row: ActivityRow = {
      id: activity.id,
      team_id: by.teamId,
      natural_key: activity.naturalKey,
      type: activity.type,
      subject: activity.subject,
      body: activity.body,
      occurred_at: activity.occurredAt,
      contact_id: activity.contactId,
      account_id: links.accountId,
      deal_id: activity.dealId,
      user_id: by.userId,
      surface: activity.surface,
      payload_hash: hash,
      recorded_at: now.toISOString(),
    };
    const inserted = await trx.insertInto('activities').values(row).onConflict((oc) => oc.doNothing()).executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) {
      // Someone else committed this id or natural key between our look and our insert.
      const raced = await classifyAgainstStored(trx, by.teamId, activity, hash, at);
      return raced ? settle(raced) : conflict(activity.id, at('id'), 'Another request was recording this activity at the same time; send it again.');
    }
    if (links.participants.length > 0) {
      await trx
        .insertInto('activity_participants')
        .values(links.participants.map((contactId) => ({ team_id: by.teamId, activity_id: row.id, contact_id: contactId, occurred_at: row.occurred_at })))
        .execute();
    }
    await recordTouch(
      trx,
      {
        teamId: by.teamId,
        // A person Cc'd from another account touched that account too (the compose card's collision reads it so).
        accountIds: [row.account_id, ...links.participantAccounts],
        contactIds: [...(row.contact_id ? [row.contact_id] : []), ...links.participants],
        occurredAt: row.occurred_at,
        type: row.type,
        userId: by.userId,
      },
      now,
    );
    // The participants' accounts too: an account's brief lists its people by their last touch.
    await markAccountIntelStale(trx, by.teamId, [row.account_id, ...links.participantAccounts]);
    // In this transaction: recorded and queued for the team's CRM together, or neither.
    await queueCrmWrites(trx, row, now);
    return { status: 'created', id: row.id, activity: activityOf(row) };
  });
}

/** `duplicate` or `conflict` when the id or the natural key is already taken; null when both are free. */
async function classifyAgainstStored(
  db: DB,
  teamId: string,
  activity: NormalizedActivity,
  hash: string,
  at: (field: string) => string,
): Promise<ActivityResult | null> {
  const byId = await db.selectFrom('activities').selectAll().where('id', '=', activity.id).executeTakeFirst();
  if (byId) {
    // Ids are global: one used by another team is taken, and saying more would leak its data.
    if (byId.team_id !== teamId) return conflict(activity.id, at('id'), 'This id is already taken; generate a new one.');
    if (byId.payload_hash === hash) return { status: 'duplicate', id: activity.id, activity: activityOf(byId) };
    return conflict(activity.id, at('id'), 'An activity with this id was already recorded with a different payload.');
  }
  if (activity.naturalKey === null) return null;
  // Also under its erased form: the key of an erased person's activity is stored hashed (activity-keys.ts).
  const forms = (await activityKeyForms(db, teamId))(activity.naturalKey);
  const byKey = await db
    .selectFrom('activities')
    .selectAll()
    .where('team_id', '=', teamId)
    .where('natural_key', 'in', forms)
    .executeTakeFirst();
  if (!byKey) return null;
  // Two teammates logging the same thread or meeting: not an error, the first one stands.
  if (byKey.payload_hash === hash) return { status: 'duplicate', id: activity.id, activity: activityOf(byKey) };
  return conflict(activity.id, at('naturalKey'), 'An activity with this natural key was already recorded with a different payload.');
}

/**
 * The contact, the participants, account and deal must be the caller's team's; the account defaults
 * to the contact's (or the deal's). A CRM-deleted contact is still the team's (migration 0024 hides
 * it from briefs, it does not erase it), for a participant as for the contact. `participantIds` are
 * `participantsOf`'s (each once, not the contact); one the team does not hold is left out (see
 * below), the ones it holds are answered in `participants`.
 */
async function checkLinks(
  db: DB,
  teamId: string,
  activity: NormalizedActivity,
  participantIds: readonly string[],
  at: (field: string) => string,
): Promise<{ accountId: string | null; participants: string[]; participantAccounts: (string | null)[] } | { errors: FieldError[] }> {
  const errors: FieldError[] = [];
  let contactAccount: string | null = null;
  let dealAccount: string | null = null;
  if (activity.contactId !== null) {
    const contact = await db
      .selectFrom('contacts')
      .select('account_id')
      .where('team_id', '=', teamId)
      .where('id', '=', activity.contactId)
      .executeTakeFirst();
    if (contact) contactAccount = contact.account_id;
    else errors.push({ field: at('contactId'), message: 'No such contact in your team.' });
  }
  if (activity.accountId !== null) {
    const account = await db
      .selectFrom('accounts')
      .select('id')
      .where('team_id', '=', teamId)
      .where('id', '=', activity.accountId)
      .executeTakeFirst();
    if (!account) errors.push({ field: at('accountId'), message: 'No such account in your team.' });
  }
  if (activity.dealId !== null) {
    const deal = await db
      .selectFrom('deals')
      .select('account_id')
      .where('team_id', '=', teamId)
      .where('id', '=', activity.dealId)
      .executeTakeFirst();
    if (deal) dealAccount = deal.account_id;
    else errors.push({ field: at('dealId'), message: 'No such deal in your team.' });
  }
  // A participant the team does not hold is left out, not refused: the extension resolved them a
  // moment ago, and an erasure since (or a stale id) must not cost the rep the touch itself. The
  // lookup is the team's only, so another team's id is left out alike and says nothing.
  const participants = participantIds.length === 0 ? [] : await db.selectFrom('contacts').select(['id', 'account_id']).where('team_id', '=', teamId).where('id', 'in', [...participantIds]).execute();
  if (errors.length) return { errors };
  return { accountId: activity.accountId ?? contactAccount ?? dealAccount, participants: participants.map((p) => p.id), participantAccounts: participants.map((p) => p.account_id) };
}

/**
 * A duplicate's people join the stored activity: those of the team's contacts not on it yet (an id
 * the team no longer has, or a person now on the never-log list, is left out without an error: the
 * answer stays `duplicate`, as for any replay), and each one added gets the stored touch as their
 * last touch (forward only). A replay naming the same people adds nothing and moves nothing.
 */
async function mergeParticipants(db: DB, teamId: string, stored: Activity, participants: readonly string[], now: Date): Promise<void> {
  const asked = participants.filter((id) => id !== stored.contactId);
  if (asked.length === 0) return;
  const contacts = await db.selectFrom('contacts').select(['id', 'account_id']).where('team_id', '=', teamId).where('id', 'in', asked).execute();
  const barred = await neverLogged(db, teamId, contacts.map((c) => c.id));
  const joining = contacts.filter((c) => !barred.has(c.id));
  if (joining.length === 0) return;
  const added = await db
    .insertInto('activity_participants')
    .values(joining.map((c) => ({ team_id: teamId, activity_id: stored.id, contact_id: c.id, occurred_at: stored.occurredAt })))
    .onConflict((oc) => oc.doNothing())
    .returning('contact_id')
    .execute();
  if (added.length === 0) return;
  const addedIds = new Set(added.map((r) => r.contact_id));
  const addedAccounts = joining.filter((c) => addedIds.has(c.id)).map((c) => c.account_id);
  await recordTouch(db, { teamId, accountIds: addedAccounts, contactIds: [...addedIds], occurredAt: stored.occurredAt, type: stored.type, userId: stored.userId }, now);
  await markAccountIntelStale(db, teamId, addedAccounts);
}

/** Which of these contacts have an address on the team's never-log list. */
async function neverLogged(db: DB, teamId: string, contactIds: readonly string[]): Promise<Set<string>> {
  if (contactIds.length === 0) return new Set();
  const { value: policy } = await readSetting(db, teamId, 'mail');
  if (policy.neverLog.length === 0) return new Set();
  const emails = await db.selectFrom('contact_emails').select(['contact_id', 'email']).where('team_id', '=', teamId).where('contact_id', 'in', [...contactIds]).execute();
  return new Set(emails.filter((row) => onNeverLogList(row.email, policy.neverLog)).map((row) => row.contact_id));
}

/**
 * The team's mail policy (admin setting `mail`): no activity about a contact, nor with a
 * participant, whose address is on the never-log list, and no email body when the admin turned bodies off. Checked after a replay
 * is recognised, so an activity recorded before the list changed still answers duplicate.
 */
async function mailPolicyErrors(db: DB, teamId: string, activity: NormalizedActivity, participantIds: readonly string[], at: (field: string) => string): Promise<FieldError[]> {
  const { value: policy } = await readSetting(db, teamId, 'mail');
  const errors: FieldError[] = [];
  if (activity.type === 'email' && activity.body !== null && !policy.bodies) errors.push({ field: at('body'), message: 'Your team does not log email bodies.' });
  const people = [...new Set([...(activity.contactId !== null ? [activity.contactId] : []), ...participantIds])];
  if (people.length > 0 && policy.neverLog.length > 0) {
    const barred = await neverLogged(db, teamId, people);
    const message = 'This person is on your team\'s never-log list.';
    if (activity.contactId !== null && barred.has(activity.contactId)) errors.push({ field: at('contactId'), message });
    for (const [i, id] of participantIds.entries()) if (id !== activity.contactId && barred.has(id)) errors.push({ field: at(`participantContactIds[${i}]`), message });
  }
  return errors;
}

function invalid(id: string | null, errors: FieldError[]): ActivityResult {
  return { status: 'invalid', id, problem: { ...problemBody(422, 'validation-error', 'This activity failed validation.', { errors }) } };
}

function conflict(id: string, field: string, detail: string): ActivityResult {
  return { status: 'conflict', id, problem: { ...problemBody(409, 'conflict', detail, { field }) } };
}

/** The client's id for an item that failed validation, when it sent one, so it can find the item. */
function rawId(item: unknown): string | null {
  if (item && typeof item === 'object' && 'id' in item && typeof item.id === 'string') return item.id.slice(0, 100);
  return null;
}
