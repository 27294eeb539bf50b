/**
 * The team's meetings (migration 0014): recorded when a rep's extension sees a calendar event, so
 * anyone's Meet or Zoom join page finds the event by its conference id. Idempotent per team,
 * event and start: seeing the same instance again refreshes its conference and guests.
 */
import { conferenceKey, meetingStart, type Meeting, type MeetingInput } from '../../shared/meetings.ts';
import { normalizeEmail } from '../../shared/identity-keys.ts';
import type { DB } from '../db/connect.ts';
import { emailKey, erasedAmong } from '../admin/erased-keys.ts';

export type RecordOutcome = { ok: true; created: boolean; meeting: Meeting } | { ok: false; field: string; message: string };

interface MeetingRow {
  event_id: string;
  start: string;
  provider: string;
  conference_id: string;
  attendees: string;
}

const meetingOf = (row: MeetingRow): Meeting => ({
  eventId: row.event_id,
  start: row.start,
  conference: { provider: row.provider as Meeting['conference']['provider'], id: row.conference_id },
  attendees: JSON.parse(row.attendees) as string[],
});

/**
 * Records (or refreshes) one meeting of a team. An attendee that is not an address is the
 * client's mistake, named by its field.
 *
 * @example await recordMeeting(db, { teamId, userId }, { eventId: 'ev1', start: '2026-12-08T10:00:00-05:00', conference: { provider: 'zoom', id: '81234567890' }, attendees: ['ana@initech.example'] }, now)
 * // { ok: true, created: true, meeting: { eventId: 'ev1', start: '2026-12-08T15:00:00Z', … } }
 */
export async function recordMeeting(db: DB, by: { teamId: string; userId: string }, input: MeetingInput, now: Date): Promise<RecordOutcome> {
  const attendees: string[] = [];
  for (const [i, address] of input.attendees.entries()) {
    const normal = normalizeEmail(address);
    if (!normal.ok) return { ok: false, field: `attendees[${i}]`, message: normal.reason };
    if (!attendees.includes(normal.value)) attendees.push(normal.value);
  }
  // A person erased from the team is not brought back by a calendar invite that still names them.
  const erased = await erasedAmong(db, by.teamId, attendees.map(emailKey));
  const kept = attendees.filter((address) => !erased.has(emailKey(address)));
  const row: MeetingRow = {
    event_id: input.eventId,
    start: meetingStart(input.start),
    provider: input.conference.provider,
    conference_id: conferenceKey(input.conference.provider, input.conference.id),
    attendees: JSON.stringify(kept),
  };
  const at = now.toISOString();
  const created = await db.transaction().execute(async (trx) => {
    const known = await trx
      .selectFrom('meetings')
      .select('event_id')
      .where('team_id', '=', by.teamId)
      .where('event_id', '=', row.event_id)
      .where('start', '=', row.start)
      .executeTakeFirst();
    await trx
      .insertInto('meetings')
      .values({ team_id: by.teamId, ...row, created_by: by.userId, created_at: at, updated_at: at })
      // Two reps' extensions seeing the event at once: the second refreshes, never fails.
      .onConflict((oc) => oc.columns(['team_id', 'event_id', 'start']).doUpdateSet({ provider: row.provider, conference_id: row.conference_id, attendees: row.attendees, updated_at: at }))
      .execute();
    return !known;
  });
  return { ok: true, created, meeting: meetingOf(row) };
}

/**
 * The team's meeting on a conference: of a recurring event's instances (one conference, many
 * starts), the one whose start is nearest to `now`; null when the team has none.
 */
export async function meetingByConference(db: DB, teamId: string, provider: Meeting['conference']['provider'], conferenceId: string, now: Date): Promise<Meeting | null> {
  const key = conferenceKey(provider, conferenceId);
  const at = meetingStart(now.toISOString());
  const base = db
    .selectFrom('meetings')
    .select(['event_id', 'start', 'provider', 'conference_id', 'attendees'])
    .where('team_id', '=', teamId)
    .where('provider', '=', provider)
    .where('conference_id', '=', key);
  // The nearest instance on either side of now: two indexed reads, not a scan of a long series.
  const [next, previous] = await Promise.all([
    base.where('start', '>=', at).orderBy('start', 'asc').limit(1).executeTakeFirst(),
    base.where('start', '<', at).orderBy('start', 'desc').limit(1).executeTakeFirst(),
  ]);
  const distance = (row: MeetingRow | undefined) => (row ? Math.abs(Date.parse(row.start) - now.getTime()) : Infinity);
  const nearest = distance(next) <= distance(previous) ? next : previous;
  return nearest ? meetingOf(nearest) : null;
}
