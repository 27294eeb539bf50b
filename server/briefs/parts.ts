/**
 * A brief's parts for one record: the warm path reads the contact and its account's persisted
 * intelligence in one statement (snapshot-queries.ts); when the snapshot is missing or expired
 * the account's facts are gathered (queries.ts), its intelligence computed and stored for the
 * next brief. Either way the brief is assembled from the same parts, so it is the same brief.
 *
 * @example
 * const parts = await briefPartsFor(db, teamId, { contactId }, now);
 * parts && briefOf(parts, { match }, now)
 */
import type { OpenedDatabase } from '../db/connect.ts';
import type { IntelSettings } from '../intel/settings.ts';
import { daysBefore } from '../intel/time.ts';
import { accountIntelOf, settingsKey, type AccountIntel } from './account-intel.ts';
import type { BriefParts } from './assemble.ts';
import { accountRecord, contactRecord, storedSettingsOfRow, type GatherTarget } from './gather.ts';
import { settingsFrom } from '../intel/settings.ts';
import { accountBrief, READ_LIMITS } from './queries.ts';
import { saveAccountIntel, servableIntel } from './snapshot.ts';
import { accountSnapshot, contactSnapshot, type SnapshotRow } from './snapshot-queries.ts';

/** Gathers one account's facts and computes its intelligence at `now`; null when the account is not the team's. */
export async function computeAccountIntel(db: OpenedDatabase, teamId: string, accountId: string, now: Date): Promise<{ intel: AccountIntel; settings: IntelSettings } | null> {
  const [row] = await accountBrief(db, { team: teamId, account: accountId, since: daysBefore(now, READ_LIMITS.windowDays) });
  if (!row?.a_id) return null;
  const stored = storedSettingsOfRow(row);
  const settings = settingsFrom(stored);
  return { intel: accountIntelOf(accountRecord({ ...row, a_id: row.a_id }, null), settings, now, settingsKey(stored)), settings };
}

export async function briefPartsFor(db: OpenedDatabase, teamId: string, target: GatherTarget, now: Date): Promise<BriefParts | null> {
  const rows = target.contactId
    ? await contactSnapshot(db, { team: teamId, contact: target.contactId })
    : target.accountId
      ? await accountSnapshot(db, { team: teamId, account: target.accountId })
      : [];
  const row = rows[0];
  return row ? partsOfRow(db, teamId, row, now) : null;
}

/** The parts of a warm-path row (snapshot-queries.ts); gathers and stores the account's intelligence when its snapshot is not servable. */
export async function partsOfRow(db: OpenedDatabase, teamId: string, row: SnapshotRow, now: Date): Promise<BriefParts> {
  const storedSettings = storedSettingsOfRow(row);
  const settings = settingsFrom(storedSettings);
  const contact = row.c_id ? contactRecord({ ...row, c_id: row.c_id }) : null;
  if (!row.a_id) return { contact, intel: null, settings };
  const served = servableIntel(row, now, settingsKey(storedSettings));
  if (served) return { contact, intel: served.core, shown: served.shown, settings };
  const computed = await computeAccountIntel(db, teamId, row.a_id, now);
  // A write on the read path, small and idempotent: the next brief of this account is warm.
  if (computed) await saveAccountIntel(db.kysely, teamId, [computed.intel], now, computed.settings);
  return { contact, intel: computed?.intel ?? null, settings };
}
