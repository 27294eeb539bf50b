/**
 * Many accounts' intelligence at once, for the outputs that look across a rep's book or a team
 * (review queue, digest): the persisted snapshots where they are servable, computed and stored
 * where not, exactly as a brief would. Reads a chunk of snapshots per statement.
 *
 * A rep's book is ~200 accounts, and the accounts whose snapshots are stale are computed here, a
 * few queries each: on request (a digest) that held a server worker 15-200 ms at a stretch on the
 * scale data, so the work runs in time slices (db/time-slice.ts) and requests in between go first.
 *
 * @example
 * const { intel, settings } = await intelForAccounts(db, teamId, ['acc_1', 'acc_2'], now);
 * intel.get('acc_1')?.signals[0]?.reason
 */
import type { OpenedDatabase } from '../db/connect.ts';
import { TimeSlice } from '../db/time-slice.ts';
import { INTEL_SETTINGS_KEY, THRESHOLDS_SETTINGS_KEY, settingsFrom, type IntelSettings } from '../intel/settings.ts';
import { settingsKey, type AccountIntel } from './account-intel.ts';
import { computeAccountIntel } from './parts.ts';
import { saveAccountIntel, servableIntel, wholeIntel } from './snapshot.ts';

const CHUNK = 500;

/** The team's stored settings rows, as the snapshot key and the merged settings. */
export async function teamSettings(db: OpenedDatabase, teamId: string): Promise<{ key: string; settings: IntelSettings }> {
  const rows = await db.kysely
    .selectFrom('settings')
    .select(['key', 'value'])
    .where('team_id', '=', teamId)
    .where('key', 'in', [INTEL_SETTINGS_KEY, THRESHOLDS_SETTINGS_KEY])
    .execute();
  const stored = {
    intel: rows.find((r) => r.key === INTEL_SETTINGS_KEY)?.value ?? null,
    thresholds: rows.find((r) => r.key === THRESHOLDS_SETTINGS_KEY)?.value ?? null,
  };
  return { key: settingsKey(stored), settings: settingsFrom(stored) };
}

export async function intelForAccounts(
  db: OpenedDatabase,
  teamId: string,
  accountIds: readonly string[],
  now: Date,
  slice = new TimeSlice(),
): Promise<{ intel: Map<string, AccountIntel>; settings: IntelSettings }> {
  const { key, settings } = await teamSettings(db, teamId);
  const ids = [...new Set(accountIds)];
  const intel = new Map<string, AccountIntel>();
  for (let i = 0; i < ids.length; i += CHUNK) {
    const rows = await db.kysely
      .selectFrom('account_intel')
      .select(['account_id', 'payload', 'shown', 'valid_until'])
      .where('team_id', '=', teamId)
      .where('account_id', 'in', ids.slice(i, i + CHUNK))
      .execute();
    for (const row of rows) {
      const served = servableIntel(row, now, key);
      if (served) intel.set(row.account_id, wholeIntel(served));
      await slice.pause();
    }
  }
  const computed: AccountIntel[] = [];
  for (const id of ids) {
    if (intel.has(id)) continue;
    const result = await computeAccountIntel(db, teamId, id, now);
    if (!result) continue;
    intel.set(id, result.intel);
    computed.push(result.intel);
    await slice.pause();
  }
  if (computed.length > 0) {
    await db.kysely.transaction().execute((trx) => saveAccountIntel(trx, teamId, computed, now, settings));
  }
  return { intel, settings };
}
