/**
 * `POST /v1/compose-context` (issue 12, the compose window's card): for each recipient of one
 * compose window, in one request,
 * - who they are: the contact and account the identity rules resolve the address to (a known
 *   domain alone gives the account), or neither;
 * - the team's last touch with them (the ledger's newest activity with that contact, by anyone:
 *   as its contact or as one of its other people, `activity_participants`: Cc'd on a logged email);
 * - a collision: the newest activity about their ACCOUNT (or one a person at it was on, Cc'd on
 *   another account's email) by a teammate other than the rep asking,
 *   within the team's `compose.collisionDays` (admin setting, default 3), naming who, how and with
 *   whom (the recipient themself when they were on it, else the person at their account who was, else the activity's contact);
 * - two or three talking points from the account's ranked signals (talking-points.ts).
 * An address on the team's never-log list is answered as unknown, nothing read about it (the
 * extension never sends one; this holds for any other client).
 *
 * Reads: one resolution batch, per distinct account its brief parts (the persisted intelligence,
 * as a brief reads it), one small newest-first ledger read per person and per account, and one read
 * of who was on the colliding activities.
 */
import type { ComposeContextAnswer, RecipientContext, TeamTouch } from '../../shared/compose.ts';
import type { ActivityType } from '../../shared/activity.ts';
import type { EmailRef } from '../../shared/refs.ts';
import { onNeverLogList } from '../../shared/never-log.ts';
import { normalizeEmail } from '../../shared/identity-keys.ts';
import { readSetting } from '../admin/settings.ts';
import { briefPartsFor } from '../briefs/parts.ts';
import type { OpenedDatabase } from '../db/connect.ts';
import { resolveRefs } from '../identity/resolve.ts';
import { talkingPoints } from './talking-points.ts';

const DAY_MS = 86_400_000;

interface Asker {
  teamId: string;
  userId: string;
}

interface TouchRow {
  id: string;
  contact_id: string | null;
  account_id: string | null;
  type: string;
  occurred_at: string;
  user_id: string | null;
  user_name: string | null;
}

const touchOf = (row: TouchRow): TeamTouch => ({
  type: row.type as ActivityType,
  at: new Date(Date.parse(row.occurred_at)).toISOString(),
  by: row.user_id && row.user_name !== null ? { id: row.user_id, name: row.user_name } : null,
});

/**
 * @example
 * await composeContext(db, { teamId, userId }, [{ kind: 'email', address: 'dana@initech.example' }], now)
 * // { collisionDays: 3, recipients: [{ address: 'dana@initech.example', contact: {…}, account: {…}, lastTouch: {…}, collision: {…}, talkingPoints: […] }] }
 */
export async function composeContext(db: OpenedDatabase, asker: Asker, recipients: readonly EmailRef[], now: Date): Promise<ComposeContextAnswer> {
  const k = db.kysely;
  const [{ value: compose }, { value: mail }] = await Promise.all([readSetting(k, asker.teamId, 'compose'), readSetting(k, asker.teamId, 'mail')]);
  const addresses = recipients.map((ref) => {
    const normal = normalizeEmail(ref.address);
    return normal.ok ? normal.value : ref.address.trim().toLowerCase();
  });
  const asked = recipients.map((ref, i) => !onNeverLogList(addresses[i]!, mail.neverLog));
  const refs = recipients.filter((_, i) => asked[i]);
  const resolutions = refs.length > 0 ? await resolveRefs(k, asker.teamId, refs) : [];
  let next = 0;
  const matches = asked.map((ok) => (ok ? (resolutions[next++]?.match ?? null) : null));

  const contactIds = [...new Set(matches.flatMap((m) => (m?.contactId ? [m.contactId] : [])))];
  const accountIds = [...new Set(matches.flatMap((m) => (m?.accountId ? [m.accountId] : [])))];
  const since = new Date(now.getTime() - compose.collisionDays * DAY_MS).toISOString();

  const touchColumns = ['activities.id', 'activities.contact_id', 'activities.account_id', 'activities.type', 'activities.occurred_at', 'activities.user_id', 'users.name as user_name'] as const;
  const touches = () => k.selectFrom('activities').leftJoin('users', 'users.id', 'activities.user_id').select(touchColumns).where('activities.team_id', '=', asker.teamId);
  const nowIso = now.toISOString();
  /**
   * A person's newest touch in one statement: their newest activity as its contact and their
   * newest as a participant (each one seek down its `(team_id, contact_id, occurred_at)` index),
   * the newer of the two.
   */
  const lastTouchOf = (contactId: string) => {
    const asContact = k
      .selectFrom('activities')
      .select(['id', 'occurred_at'])
      .where('team_id', '=', asker.teamId)
      .where('contact_id', '=', contactId)
      .where('occurred_at', '<=', nowIso)
      .orderBy('occurred_at', 'desc')
      .limit(1);
    const asParticipant = k
      .selectFrom('activity_participants')
      .select(['activity_id as id', 'occurred_at'])
      .where('team_id', '=', asker.teamId)
      .where('contact_id', '=', contactId)
      .where('occurred_at', '<=', nowIso)
      .orderBy('occurred_at', 'desc')
      .limit(1);
    const newest = k.selectFrom(asContact.as('c')).selectAll().unionAll(k.selectFrom(asParticipant.as('p')).selectAll());
    return k
      .selectFrom(newest.as('t'))
      .innerJoin('activities', 'activities.id', 't.id')
      .leftJoin('users', 'users.id', 'activities.user_id')
      .select(touchColumns)
      .orderBy('t.occurred_at', 'desc')
      .limit(1)
      .executeTakeFirst();
  };
  // One newest-first row per person and per account (at most 50 each, the recipients' cap): a
  // shared cap over all of them let one busy recipient's touches hide another's last touch.
  const [contactTouches, accountTouches, contactRows, accountParts] = await Promise.all([
    Promise.all(contactIds.map(async (contactId) => [contactId, await lastTouchOf(contactId)] as const)),
    Promise.all(
      accountIds.map((accountId) =>
        touches()
          // The account's own activities, and those a person at it was on (Cc'd on another account's email).
          .where((eb) =>
            eb.or([
              eb('activities.account_id', '=', accountId),
              eb(
                'activities.id',
                'in',
                eb
                  .selectFrom('activity_participants')
                  .innerJoin('contacts', (join) => join.onRef('contacts.id', '=', 'activity_participants.contact_id').onRef('contacts.team_id', '=', 'activity_participants.team_id'))
                  .select('activity_participants.activity_id')
                  .where('activity_participants.team_id', '=', asker.teamId)
                  .where('contacts.account_id', '=', accountId)
                  .where('activity_participants.occurred_at', '>=', since)
                  .where('activity_participants.occurred_at', '<=', nowIso),
              ),
            ]),
          )
          .where('activities.user_id', 'is not', null)
          .where('activities.user_id', '!=', asker.userId)
          .where('activities.occurred_at', '>=', since)
          .where('activities.occurred_at', '<=', now.toISOString())
          .orderBy('activities.occurred_at', 'desc')
          .limit(1)
          .executeTakeFirst()
          .then((row) => [accountId, row] as const),
      ),
    ),
    contactIds.length === 0
      ? Promise.resolve([])
      : k.selectFrom('contacts').select(['id', 'name', 'title']).where('team_id', '=', asker.teamId).where('id', 'in', contactIds).execute(),
    Promise.all(accountIds.map(async (accountId) => [accountId, await briefPartsFor(db, asker.teamId, { accountId }, now)] as const)),
  ]);

  const lastByContact = new Map(contactTouches.flatMap(([contactId, row]): [string, TouchRow][] => (row ? [[contactId, row]] : [])));
  // By the account asked about: a collision through a person Cc'd carries another account's id.
  const collisionByAccount = new Map(accountTouches.flatMap(([accountId, row]): [string, TouchRow][] => (row ? [[accountId, row]] : [])));
  // Which recipients were among the colliding activities' other people: the warning names them.
  const collisionIds = [...new Set([...collisionByAccount.values()].map((row) => row.id))];
  // Everyone the colliding activities were with, and their accounts: the warning names the recipient
  // when they were on it, else someone at the recipient's account, else the activity's contact.
  const collisionPeople =
    collisionIds.length === 0
      ? []
      : await k
          .selectFrom('activity_participants')
          .innerJoin('contacts', (join) => join.onRef('contacts.id', '=', 'activity_participants.contact_id').onRef('contacts.team_id', '=', 'activity_participants.team_id'))
          .select(['activity_participants.activity_id', 'activity_participants.contact_id', 'contacts.account_id', 'contacts.name'])
          .where('activity_participants.team_id', '=', asker.teamId)
          .where('activity_participants.activity_id', 'in', collisionIds)
          .execute();
  const onCollision = new Set(collisionPeople.map((row) => `${row.activity_id} ${row.contact_id}`));
  const atAccountOnCollision = new Map(collisionPeople.map((row) => [`${row.activity_id} ${row.account_id}`, row.name]));
  const contacts = new Map(contactRows.map((row) => [row.id, row]));
  const intelOf = new Map(accountParts.map(([id, parts]) => [id, parts?.intel ?? null]));
  const collisionContactIds = [...new Set([...collisionByAccount.values()].flatMap((row) => (row.contact_id && !contacts.has(row.contact_id) ? [row.contact_id] : [])))];
  const collisionContacts =
    collisionContactIds.length === 0 ? [] : await k.selectFrom('contacts').select(['id', 'name', 'title']).where('team_id', '=', asker.teamId).where('id', 'in', collisionContactIds).execute();
  for (const row of collisionContacts) contacts.set(row.id, row);

  const answers = matches.map((match, i): RecipientContext => {
    const contact = match?.contactId ? contacts.get(match.contactId) : undefined;
    const intel = match?.accountId ? intelOf.get(match.accountId) : null;
    const last = match?.contactId ? lastByContact.get(match.contactId) : undefined;
    const collision = match?.accountId ? collisionByAccount.get(match.accountId) : undefined;
    return {
      address: addresses[i]!,
      contact: contact ? { id: contact.id, name: contact.name, title: contact.title } : null,
      account: intel ? { id: intel.account.id, name: intel.account.name } : null,
      lastTouch: last ? touchOf(last) : null,
      collision: collision
        ? { ...touchOf(collision), contactName: collisionContactName(collision, contact, onCollision, contacts, match?.accountId && collision.account_id !== match.accountId ? atAccountOnCollision.get(`${collision.id} ${match.accountId}`) : undefined) }
        : null,
      talkingPoints: intel ? talkingPoints(intel.account.name, intel.signals, intel.openDeals) : [],
    };
  });
  return { collisionDays: compose.collisionDays, recipients: answers };
}

/** Whom a collision was with, for one recipient: the recipient when they were on it (its contact or one of its people), else its contact. */
function collisionContactName(
  collision: TouchRow,
  recipient: { id: string; name: string } | undefined,
  participants: ReadonlySet<string>,
  contacts: ReadonlyMap<string, { name: string }>,
  atRecipientsAccount: string | undefined,
): string | null {
  if (recipient && (collision.contact_id === recipient.id || participants.has(`${collision.id} ${recipient.id}`))) return recipient.name;
  // Found through someone at the recipient's account who was on another account's activity: them.
  if (atRecipientsAccount !== undefined) return atRecipientsAccount;
  return collision.contact_id ? (contacts.get(collision.contact_id)?.name ?? null) : null;
}
