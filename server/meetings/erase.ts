/**
 * An erased person leaves the team's meetings too (server/admin/erase.ts calls this in its
 * transaction): their addresses are taken out of every meeting's attendees. The meeting stays:
 * it is the team's and names the others.
 */
import type { DB } from '../db/connect.ts';

/** Takes `emails` (normalised) out of the team's meetings; answers how many meetings changed. */
export async function redactMeetings(trx: DB, teamId: string, emails: readonly string[]): Promise<number> {
  if (!emails.length) return 0;
  const gone = new Set(emails);
  // Addresses are stored as a JSON array of strings: a quoted address finds the row (a `_` in it
  // matches more, never less), and the exact addresses are filtered below.
  const rows = await trx
    .selectFrom('meetings')
    .select(['event_id', 'start', 'attendees'])
    .where('team_id', '=', teamId)
    .where((eb) => eb.or(emails.map((email) => eb('attendees', 'like', `%${JSON.stringify(email)}%`))))
    .execute();
  let changed = 0;
  for (const row of rows) {
    const kept = (JSON.parse(row.attendees) as string[]).filter((a) => !gone.has(a));
    await trx.updateTable('meetings').set({ attendees: JSON.stringify(kept) }).where('team_id', '=', teamId).where('event_id', '=', row.event_id).where('start', '=', row.start).execute();
    changed++;
  }
  return changed;
}
