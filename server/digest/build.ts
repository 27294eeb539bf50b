/**
 * A rep's digest for today: the stored one if today's was already produced (a digest reads the
 * same all day), else built from their accounts' intelligence for what happened since the last
 * one and stored. Either way each line shows the rep's current state of its signal.
 *
 * @example
 * const digest = await digestFor(db, { teamId, userId }, now);
 * digest.tasks[0]?.text
 */
import { Digest, type SignalState } from '../../shared/digest.ts';
import type { OpenedDatabase } from '../db/connect.ts';
import { readSetting } from '../admin/settings.ts';
import { TimeSlice } from '../db/time-slice.ts';
import { intelForAccounts } from '../briefs/intel-for-accounts.ts';
import { digestOf } from '../intel/digest.ts';
import { dayOf, daysBefore } from '../intel/time.ts';

/** A rep's book is read whole up to this many accounts. */
const MAX_BOOK = 5_000;

export interface DigestRequest {
  teamId: string;
  userId: string;
}

async function statesOf(db: OpenedDatabase, userId: string): Promise<Map<string, SignalState>> {
  const rows = await db.kysely.selectFrom('signal_states').select(['signal_key', 'state']).where('user_id', '=', userId).execute();
  return new Map(rows.map((r) => [r.signal_key, r.state]));
}

/** `slice`: the book is read in time slices (db/time-slice.ts); the morning job may pass `new TimeSlice(null)`. */
export async function digestFor(db: OpenedDatabase, { teamId, userId }: DigestRequest, now: Date, slice = new TimeSlice()): Promise<Digest> {
  const day = dayOf(now.toISOString());
  const states = await statesOf(db, userId);
  const stored = await db.kysely.selectFrom('digests').select('payload').where('user_id', '=', userId).where('day', '=', day).executeTakeFirst();
  if (stored) return withStates(Digest.parse(JSON.parse(stored.payload)), states);

  const previous = await db.kysely
    .selectFrom('digests')
    .select('generated_at')
    .where('user_id', '=', userId)
    .where('day', '<', day)
    .orderBy('day', 'desc')
    .limit(1)
    .executeTakeFirst();
  const book = await db.kysely
    .selectFrom('accounts')
    .select('id')
    .where('team_id', '=', teamId)
    .where('owner_id', '=', userId)
    .where('crm_deleted_at', 'is', null)
    .orderBy('id')
    .limit(MAX_BOOK)
    .execute();
  const { intel, settings: intelSettings } = await intelForAccounts(db, teamId, book.map((a) => a.id), now, slice);
  // The admin's alert budget knob (`PUT /v1/admin/settings/alertBudget`) wins where it was set.
  const budget = await readSetting(db.kysely, teamId, 'alertBudget');
  const settings = budget.updatedAt ? { ...intelSettings, alerts: { ...intelSettings.alerts, dailyBudget: budget.value } } : intelSettings;
  const since = previous?.generated_at ?? daysBefore(now, settings.digest.firstLookbackDays);
  const digest: Digest = { day, since, ...digestOf([...intel.values()], states, settings, since, now), generatedAt: now.toISOString() };
  // Two requests racing for the first digest of the day: the first stored wins, both answer it.
  await db.kysely
    .insertInto('digests')
    .values({ team_id: teamId, user_id: userId, day, since, generated_at: digest.generatedAt, payload: JSON.stringify(digest) })
    .onConflict((oc) => oc.columns(['user_id', 'day']).doNothing())
    .execute();
  const winner = await db.kysely.selectFrom('digests').select('payload').where('user_id', '=', userId).where('day', '=', day).executeTakeFirstOrThrow();
  return withStates(Digest.parse(JSON.parse(winner.payload)), states);
}

/** The digest with each line's current state (a rep may have acted since it was produced). */
function withStates(digest: Digest, states: ReadonlyMap<string, SignalState>): Digest {
  return { ...digest, lines: digest.lines.map((line) => ({ ...line, state: states.get(line.key) ?? line.state })) };
}
