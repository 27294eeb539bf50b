/**
 * The nightly job (`npm run intel:refresh`): recomputes the persisted intelligence of a team's
 * accounts at `now`, so the day's briefs are all warm. Accounts go in id order, a page at a time;
 * each account is gathered by the same compiled statement as a cold brief, and a page of
 * snapshots is written in one transaction. Before an account's snapshot is stored, the status
 * rules' changes (server/intel/status.ts: "meeting requested → engaged", a surge with fit promoting
 * a tier) are applied (apply-status.ts) and the account recomputed, so the snapshot shows them.
 *
 * @example
 * await refreshAccountIntel(db, teamId, new Date(), { onProgress: (n) => console.log(n) })
 * // { accounts: 100000, statusChanges: 42 }
 */
import type { OpenedDatabase } from '../db/connect.ts';
import type { AccountIntel } from './account-intel.ts';
import { applyStatusChanges } from './apply-status.ts';
import { computeAccountIntel } from './parts.ts';
import { saveAccountIntel } from './snapshot.ts';

export interface RefreshOptions {
  /** Only these accounts (default: all of the team's). */
  accountIds?: readonly string[];
  /** Accounts per transaction. */
  pageSize?: number;
  /** Called after each page with the number of accounts done so far. */
  onProgress?: (done: number) => void;
  /** Apply the status rules' changes (default true). */
  applyStatus?: boolean;
}

export async function refreshAccountIntel(db: OpenedDatabase, teamId: string, now: Date, options: RefreshOptions = {}): Promise<{ accounts: number; statusChanges: number }> {
  const applyStatus = options.applyStatus ?? true;
  let statusChanges = 0;
  const pageSize = options.pageSize ?? 500;
  let done = 0;
  let after = '';
  const given = options.accountIds ? [...new Set(options.accountIds)].sort() : null;
  for (;;) {
    const ids = given
      ? given.slice(done, done + pageSize)
      : (
          await db.kysely
            .selectFrom('accounts')
            .select('id')
            .where('team_id', '=', teamId)
            .where('id', '>', after)
            .orderBy('id')
            .limit(pageSize)
            .execute()
        ).map((r) => r.id);
    if (ids.length === 0) break;
    const page: AccountIntel[] = [];
    let settings = null;
    for (const id of ids) {
      let computed = await computeAccountIntel(db, teamId, id, now);
      if (!computed) continue;
      if (applyStatus && computed.intel.status.changes.length > 0) {
        const applied = await applyStatusChanges(db, teamId, id, computed.intel.status.changes, now);
        statusChanges += applied;
        if (applied > 0) computed = (await computeAccountIntel(db, teamId, id, now)) ?? computed;
      }
      page.push(computed.intel);
      settings = computed.settings;
    }
    if (settings && page.length) {
      const pageSettings = settings;
      await db.kysely.transaction().execute((trx) => saveAccountIntel(trx, teamId, page, now, pageSettings));
    }
    done += ids.length;
    after = ids.at(-1)!;
    options.onProgress?.(done);
  }
  return { accounts: done, statusChanges };
}
