/**
 * Reading the ledger: a contact's or an account's activities, newest first, a page at a time.
 * The cursor is the last row's (occurredAt, id) — keyset paging, so a page costs the same deep
 * in the history as at its top, and rows logged meanwhile never shift a page.
 *
 * A contact's history is every activity with them: those they are the contact of and those they
 * were one of the other people on (`activity_participants`: Cc'd on an email, a guest of a
 * meeting). An account's is the activities linked to it, as before.
 */
import type { Activity } from '../../shared/activity.ts';
import type { DB } from '../db/connect.ts';
import type { ActivityRow } from '../db/schema.ts';
import { activityOf } from './rows.ts';

export interface ActivityPage {
  activities: Activity[];
  /** Pass as `before` for the next page; null on the last one. */
  next: string | null;
}

export interface ListQuery {
  teamId: string;
  subject: { contactId: string } | { accountId: string };
  limit: number;
  before?: Cursor;
}

export interface Cursor {
  occurredAt: string;
  id: string;
}

/**
 * Opaque to clients: base64url of `<occurredAt>|<id>`.
 *
 * @example decodeCursor(encodeCursor({ occurredAt: '2026-11-23T09:00:00.000Z', id: 'a1' })) // { occurredAt: '2026-11-23T09:00:00.000Z', id: 'a1' }
 */
export const encodeCursor = (cursor: Cursor) => Buffer.from(`${cursor.occurredAt}|${cursor.id}`).toString('base64url');

/** The cursor inside, or null when it is not one we made. */
export function decodeCursor(text: string): Cursor | null {
  if (!/^[A-Za-z0-9_-]{1,400}$/.test(text)) return null;
  const match = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z)\|(.{1,100})$/.exec(Buffer.from(text, 'base64url').toString());
  return match ? { occurredAt: match[1]!, id: match[2]! } : null;
}

/**
 * A page of a contact's or an account's activities, or null when the contact or account is not
 * the team's (the route answers 404 without saying whether it exists elsewhere).
 *
 * @example await listActivities(db, { teamId, subject: { contactId: 'con_1' }, limit: 50 }) // { activities: [...], next: null }
 */
export async function listActivities(db: DB, query: ListQuery): Promise<ActivityPage | null> {
  const { teamId, limit, before } = query;
  const owner =
    'contactId' in query.subject
      ? await db.selectFrom('contacts').select('id').where('team_id', '=', teamId).where('id', '=', query.subject.contactId).executeTakeFirst()
      : await db.selectFrom('accounts').select('id').where('team_id', '=', teamId).where('id', '=', query.subject.accountId).executeTakeFirst();
  if (!owner) return null;

  // One extra row tells whether there is a next page without a count.
  const found = 'contactId' in query.subject ? await contactPage(db, teamId, owner.id, limit + 1, before) : await accountPage(db, teamId, owner.id, limit + 1, before);
  const page = found.slice(0, limit);
  const last = page.at(-1);
  return {
    activities: page.map(activityOf),
    next: found.length > limit && last ? encodeCursor({ occurredAt: last.occurred_at, id: last.id }) : null,
  };
}

/** An account's activities after the cursor, newest first. */
function accountPage(db: DB, teamId: string, accountId: string, limit: number, before: Cursor | undefined): Promise<ActivityRow[]> {
  let rows = db.selectFrom('activities').selectAll().where('team_id', '=', teamId).where('account_id', '=', accountId);
  if (before) {
    rows = rows.where((eb) =>
      eb.or([eb('occurred_at', '<', before.occurredAt), eb.and([eb('occurred_at', '=', before.occurredAt), eb('id', '<', before.id)])]),
    );
  }
  return rows.orderBy('occurred_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
}

/**
 * A person's activities after the cursor, newest first: a page of those they are the contact of
 * and a page of those they were on, each read down its own `(team_id, contact_id, occurred_at)`
 * index, merged in one statement (a person is never both on one activity: record.ts).
 */
function contactPage(db: DB, teamId: string, contactId: string, limit: number, before: Cursor | undefined): Promise<ActivityRow[]> {
  let asContact = db.selectFrom('activities').select(['id', 'occurred_at']).where('team_id', '=', teamId).where('contact_id', '=', contactId);
  let asParticipant = db
    .selectFrom('activity_participants')
    .select(['activity_id as id', 'occurred_at'])
    .where('team_id', '=', teamId)
    .where('contact_id', '=', contactId);
  if (before) {
    asContact = asContact.where((eb) =>
      eb.or([eb('occurred_at', '<', before.occurredAt), eb.and([eb('occurred_at', '=', before.occurredAt), eb('id', '<', before.id)])]),
    );
    asParticipant = asParticipant.where((eb) =>
      eb.or([eb('occurred_at', '<', before.occurredAt), eb.and([eb('occurred_at', '=', before.occurredAt), eb('activity_id', '<', before.id)])]),
    );
  }
  const firstOfContact = asContact.orderBy('occurred_at', 'desc').orderBy('id', 'desc').limit(limit);
  const firstOfParticipant = asParticipant.orderBy('occurred_at', 'desc').orderBy('activity_id', 'desc').limit(limit);
  const both = db.selectFrom(firstOfContact.as('c')).selectAll().unionAll(db.selectFrom(firstOfParticipant.as('p')).selectAll());
  return db
    .selectFrom(both.as('t'))
    .innerJoin('activities', 'activities.id', 't.id')
    .selectAll('activities')
    .orderBy('activities.occurred_at', 'desc')
    .orderBy('activities.id', 'desc')
    .limit(limit)
    .execute();
}
