/**
 * Persisted account intelligence (`account_intel`): a cache of account-intel.ts's result per
 * account, read by a brief's one statement instead of gathering and deriving everything.
 *
 * Validity. The rules count in days ("3rd pricing-page visit in 7 days", "no activity in 14
 * days", "21 days ago") and their reasons name dates, so a snapshot computed at `t` answers as
 * of `t`: it is identical to a fresh brief at `t`, and served later it may lag the clock. We
 * bound that lag by `snapshotMaxAgeMinutes` (default 24 h) AND the next UTC midnight: the dates
 * and day counts a rep reads then never belong to a previous day, and a nightly refresh
 * (`npm run intel:refresh`) recomputes them all at the start of the day.
 *
 * Freshness. Data changes never wait for that: every writer of something a brief shows calls
 * `markAccountIntelStale` inside its transaction, and the next brief recomputes.
 *
 * @example
 * await markAccountIntelStale(trx, teamId, [accountId]); // in the writer's transaction
 * intelValidUntil(new Date('2026-11-23T09:00:00Z'), settings) // '2026-11-24T00:00:00.000Z'
 */
import type { DB } from '../db/connect.ts';
import type { IntelSettings } from '../intel/settings.ts';
import { splitIntel, type AccountIntel, type IntelCore } from './account-intel.ts';

const CHUNK = 500;

/** Bumped whenever the payload's shape or the rules change, so snapshots written by older code are recomputed. */
export const ACCOUNT_INTEL_VERSION = 5;

/** A snapshot as a brief reads it: the core parsed, the shown parts still the JSON text they were stored as. */
export interface StoredIntel {
  core: IntelCore;
  /** `{"account":…,"intent":…,"stakeholders":…}` exactly as `JSON.stringify` wrote it. */
  shown: string;
}

/** When a snapshot computed at `now` stops being served: the earlier of its max age and the next UTC midnight. */
export function intelValidUntil(now: Date, settings: IntelSettings): string {
  const maxAge = now.getTime() + settings.snapshotMaxAgeMinutes * 60_000;
  const midnight = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1);
  return new Date(Math.min(maxAge, midnight)).toISOString();
}

/** Forgets the accounts' snapshots: call it in the transaction of any write that changes what their briefs show. */
export async function markAccountIntelStale(db: DB, teamId: string, accountIds: Iterable<string | null | undefined>): Promise<void> {
  const ids = [...new Set([...accountIds].filter((id): id is string => !!id))];
  for (let i = 0; i < ids.length; i += CHUNK) {
    await db.deleteFrom('account_intel').where('team_id', '=', teamId).where('account_id', 'in', ids.slice(i, i + CHUNK)).execute();
  }
}

/** Forgets every snapshot of the team (its settings changed: thresholds, plays, windows). */
export async function markTeamIntelStale(db: DB, teamId: string): Promise<void> {
  await db.deleteFrom('account_intel').where('team_id', '=', teamId).execute();
}

/** Stores snapshots computed at `now` (an upsert: the newest computation wins). */
export async function saveAccountIntel(db: DB, teamId: string, intel: readonly AccountIntel[], now: Date, settings: IntelSettings): Promise<void> {
  const computedAt = now.toISOString();
  const validUntil = intelValidUntil(now, settings);
  for (let i = 0; i < intel.length; i += 100) {
    const rows = intel.slice(i, i + 100).map((x) => {
      const { core, shown } = splitIntel(x);
      return { team_id: teamId, account_id: x.account.id, computed_at: computedAt, valid_until: validUntil, payload: JSON.stringify(core), shown: JSON.stringify(shown) };
    });
    await db
      .insertInto('account_intel')
      .values(rows)
      .onConflict((oc) =>
        oc.columns(['team_id', 'account_id']).doUpdateSet((eb) => ({
          computed_at: eb.ref('excluded.computed_at'),
          valid_until: eb.ref('excluded.valid_until'),
          payload: eb.ref('excluded.payload'),
          shown: eb.ref('excluded.shown'),
        })),
      )
      .execute();
  }
}

/**
 * A stored snapshot still to be served at `now` under the team's current stored settings, or null
 * (absent, expired, computed under other settings, or written by another version of the code).
 * Only the core is parsed; the shown parts are checked to be there, not read.
 */
export function servableIntel(
  row: { payload: string | null | undefined; shown: string | null | undefined; valid_until: string | null | undefined },
  now: Date,
  currentSettingsKey: string,
): StoredIntel | null {
  const { payload, shown, valid_until: validUntil } = row;
  if (!payload || !shown || !validUntil || validUntil <= now.toISOString()) return null;
  try {
    const core = JSON.parse(payload) as IntelCore;
    return core.version === ACCOUNT_INTEL_VERSION && core.settingsKey === currentSettingsKey ? { core, shown } : null;
  } catch {
    return null;
  }
}

/** The whole intelligence of a stored snapshot, for the outputs that read its shown parts too (digest, review queue). */
export function wholeIntel(stored: StoredIntel): AccountIntel {
  return { ...stored.core, ...(JSON.parse(stored.shown) as Pick<AccountIntel, 'account' | 'intent' | 'stakeholders'>) };
}
