/**
 * Applies the status rules' changes (server/intel/status.ts) to the database: the account's stage
 * or tier, who set it (`rule:<name>`) and a line in `account_history` with the rule's reason, in
 * one transaction, then forgets the account's snapshot so briefs show the new status.
 *
 * The write is guarded in SQL as well as in the rule: it only happens while the account still has
 * the value the rule saw AND that value was not set by hand (set_by null or `rule:*`). A person's
 * edit that lands between computing and applying therefore wins, and nothing is overwritten
 * silently. Suggestions (moves of a hand-set value) are not written: the review queue shows them
 * from the account's intelligence.
 *
 * @example
 * await applyStatusChanges(db, teamId, intel.account.id, intel.status.changes, now) // 1
 */
import type { OpenedDatabase } from '../db/connect.ts';
import type { StatusProposal } from '../intel/status.ts';
import { markAccountIntelStale } from './snapshot.ts';

/** Writes the changes for one account; returns how many were applied. */
export async function applyStatusChanges(db: OpenedDatabase, teamId: string, accountId: string, changes: readonly StatusProposal[], now: Date): Promise<number> {
  if (changes.length === 0) return 0;
  const at = now.toISOString();
  return db.kysely.transaction().execute(async (trx) => {
    let applied = 0;
    for (const change of changes) {
      const column = change.kind === 'stage' ? 'stage' : 'tier';
      const setBy = change.kind === 'stage' ? 'stage_set_by' : 'tier_set_by';
      const value = change.kind === 'stage' ? change.to : Number(change.to);
      let update = trx
        .updateTable('accounts')
        .set({ [column]: value, [setBy]: change.rule, updated_at: at })
        .where('team_id', '=', teamId)
        .where('id', '=', accountId)
        .where((eb) => eb.or([eb(setBy, 'is', null), eb(setBy, 'like', 'rule:%')]));
      update = change.from === null ? update.where(column, 'is', null) : update.where(column, '=', change.kind === 'stage' ? change.from : Number(change.from));
      const result = await update.executeTakeFirst();
      if (Number(result.numUpdatedRows) !== 1) continue;
      await trx
        .insertInto('account_history')
        .values({ team_id: teamId, account_id: accountId, kind: change.kind, from_value: change.from, to_value: change.to, changed_at: at, changed_by: change.rule, reason: change.reason })
        .execute();
      applied++;
    }
    if (applied > 0) await markAccountIntelStale(trx, teamId, [accountId]);
    return applied;
  });
}
