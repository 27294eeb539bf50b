/**
 * "Who on the team knows them best" (issue 13's guest card): for each contact asked, the teammate
 * whose touches with that person the activity ledger holds the most of, recent ones first, with
 * how (the touches by type) and when (that teammate's last touch).
 *
 * The rule, in the order it decides:
 * 1. touches in the last RECENT_DAYS (90): who is in the conversation now;
 * 2. then touches in the last WINDOW_DAYS (365): who built the relationship;
 * 3. then the latest touch: of two teammates equally close, the one who spoke to them last.
 * A teammate with 20 emails eleven months ago loses to one with 3 calls last week: the rep asks
 * who can brief them before the meeting, and that is who is in touch now.
 *
 * Counted: every activity type but `note` (a note is written about someone, not to them), by
 * users of the team still active (a disabled user cannot be asked), dated no later than now (a
 * meeting logged ahead is a plan, not a touch; server/ledger/touch.ts's tolerance). The caller may
 * be the answer (`you`): the card then says so rather than naming a colleague who knows them less.
 *
 * A touch with a person is an activity they are the contact of or one of the other people on
 * (`activity_participants`: Cc'd on an email, a guest of a logged meeting). One grouped read over
 * both `(team_id, contact_id, occurred_at)` indexes for every contact asked, one read of the users
 * found: the same two statements on SQLite and PostgreSQL.
 */
import type { KnownBest, TouchCount } from '../../shared/meetings.ts';
import { ActivityType } from '../../shared/activity.ts';
import type { DB } from '../db/connect.ts';
import { FUTURE_TOUCH_TOLERANCE_MS } from '../ledger/touch.ts';

export const RECENT_DAYS = 90;
export const WINDOW_DAYS = 365;
const DAY = 86_400_000;

/** The touch types counted, in the order a card lists them. */
const COUNTED = ActivityType.options.filter((t) => t !== 'note');

interface Tally {
  userId: string;
  recent: number;
  touches: number;
  lastAt: string;
  lastType: string;
  byType: Map<string, number>;
}

/** Whether `a` knows the person better than `b` (the rule above). */
function closer(a: Tally, b: Tally): boolean {
  if (a.recent !== b.recent) return a.recent > b.recent;
  if (a.touches !== b.touches) return a.touches > b.touches;
  if (a.lastAt !== b.lastAt) return a.lastAt > b.lastAt;
  return a.userId < b.userId;
}

/**
 * For each of `contactIds` (the team's; another team's id is answered as nobody), who knows them
 * best, in the order asked.
 *
 * @example await knownBest(db.kysely, { teamId, userId }, ['ct_ana', 'ct_ben'], now)
 * // [{ contactId: 'ct_ana', teammate: { id: 'usr_1', name: 'Sofia Lindqvist', you: true }, touches: 3, recentTouches: 1, byType: [{ type: 'meeting', count: 2 }, …], last: { type: 'meeting', at: '…' } }, …]
 */
export async function knownBest(db: DB, caller: { teamId: string; userId: string }, contactIds: readonly string[], now: Date): Promise<KnownBest[]> {
  const asked = [...new Set(contactIds)];
  if (asked.length === 0) return [];
  const until = new Date(now.getTime() + FUTURE_TOUCH_TOLERANCE_MS).toISOString();
  const from = new Date(now.getTime() - WINDOW_DAYS * DAY).toISOString();
  const recentFrom = new Date(now.getTime() - RECENT_DAYS * DAY).toISOString();
  // Each touch once per person: as its contact, or as one of its people (never both, record.ts).
  const asContact = db
    .selectFrom('activities')
    .select(['contact_id', 'user_id', 'type', 'occurred_at'])
    .where('team_id', '=', caller.teamId)
    .where('contact_id', 'in', asked)
    .where('occurred_at', '>=', from)
    .where('occurred_at', '<=', until)
    .where('user_id', 'is not', null)
    .where('type', 'in', COUNTED);
  const asParticipant = db
    .selectFrom('activity_participants as p')
    .innerJoin('activities as a', 'a.id', 'p.activity_id')
    .select(['p.contact_id', 'a.user_id', 'a.type', 'p.occurred_at'])
    .where('p.team_id', '=', caller.teamId)
    .where('p.contact_id', 'in', asked)
    .where('p.occurred_at', '>=', from)
    .where('p.occurred_at', '<=', until)
    .where('a.user_id', 'is not', null)
    .where('a.type', 'in', COUNTED);
  const rows = await db
    .selectFrom(asContact.unionAll(asParticipant).as('t'))
    .select((eb) => [
      'contact_id',
      'user_id',
      'type',
      eb.fn.countAll().as('touches'),
      // Literals, not parameters: PostgreSQL cannot type a bare parameter inside sum(case …).
      eb.fn.sum(eb.case().when('occurred_at', '>=', recentFrom).then(eb.lit(1)).else(eb.lit(0)).end()).as('recent'),
      eb.fn.max('occurred_at').as('last_at'),
    ])
    .groupBy(['contact_id', 'user_id', 'type'])
    .execute();

  const userIds = [...new Set(rows.map((r) => r.user_id!))];
  const users =
    userIds.length === 0
      ? []
      : await db.selectFrom('users').select(['id', 'name']).where('team_id', '=', caller.teamId).where('id', 'in', userIds).where('disabled_at', 'is', null).execute();
  const names = new Map(users.map((u) => [u.id, u.name]));

  // contact → user → tally ("count" and "sum" come back as strings on PostgreSQL).
  const tallies = new Map<string, Map<string, Tally>>();
  for (const row of rows) {
    const userId = row.user_id!;
    if (!names.has(userId)) continue;
    const byUser = tallies.get(row.contact_id!) ?? new Map<string, Tally>();
    tallies.set(row.contact_id!, byUser);
    const tally = byUser.get(userId) ?? { userId, recent: 0, touches: 0, lastAt: '', lastType: row.type, byType: new Map() };
    byUser.set(userId, tally);
    const count = Number(row.touches);
    tally.touches += count;
    tally.recent += Number(row.recent ?? 0);
    tally.byType.set(row.type, (tally.byType.get(row.type) ?? 0) + count);
    const lastAt = String(row.last_at);
    if (lastAt > tally.lastAt) {
      tally.lastAt = lastAt;
      tally.lastType = row.type;
    }
  }

  return asked.map((contactId): KnownBest => {
    let best: Tally | undefined;
    for (const tally of tallies.get(contactId)?.values() ?? []) if (!best || closer(tally, best)) best = tally;
    if (!best) return { contactId, teammate: null, touches: 0, recentTouches: 0, byType: [], last: null };
    const byType: TouchCount[] = COUNTED.flatMap((type) => (best.byType.has(type) ? [{ type, count: best.byType.get(type)! }] : []));
    return {
      contactId,
      teammate: { id: best.userId, name: names.get(best.userId)!, you: best.userId === caller.userId },
      touches: best.touches,
      recentTouches: best.recent,
      byType,
      last: { type: best.lastType, at: new Date(Date.parse(best.lastAt)).toISOString() },
    };
  });
}
