/**
 * Reading the ledger: a contact's or an account's activities, newest first, a page at a time.
 * The cursor is the last row's (occurredAt, id) — keyset paging, so a page costs the same deep
 * in the history as at its top, and rows logged meanwhile never shift a page.
 */
import type { Activity } from '../../shared/activity.ts';
import type { DB } from '../db/connect.ts';
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

  let rows = db.selectFrom('activities').selectAll().where('team_id', '=', teamId);
  rows = 'contactId' in query.subject ? rows.where('contact_id', '=', owner.id) : rows.where('account_id', '=', owner.id);
  if (before) {
    rows = rows.where((eb) =>
      eb.or([eb('occurred_at', '<', before.occurredAt), eb.and([eb('occurred_at', '=', before.occurredAt), eb('id', '<', before.id)])]),
    );
  }
  // One extra row tells whether there is a next page without a count.
  const found = await rows.orderBy('occurred_at', 'desc').orderBy('id', 'desc').limit(limit + 1).execute();
  const page = found.slice(0, limit);
  const last = page.at(-1);
  return {
    activities: page.map(activityOf),
    next: found.length > limit && last ? encodeCursor({ occurredAt: last.occurred_at, id: last.id }) : null,
  };
}
