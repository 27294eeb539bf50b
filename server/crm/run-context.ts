/**
 * What one sync run carries from step to step: where to store, the connection's cursors (saved as
 * soon as a window or page is stored, so a failed run resumes there), the team's user emails (a
 * CRM owner maps to the user with the same email, or to nobody) and the run's tallies.
 */
import type { DB } from '../db/connect.ts';
import { emptyTally, type CrmObject, type StoreContext, type StoreTally } from './store.ts';

export interface RunTally {
  objects: Record<CrmObject, StoreTally>;
  deleted: number;
  written: number;
  writeFailures: number;
  /** Contacts reps added from a page, now in the CRM (Add as contact). */
  contactsCreated: number;
}

export const emptyRunTally = (): RunTally => ({ objects: { account: emptyTally(), contact: emptyTally(), deal: emptyTally() }, deleted: 0, written: 0, writeFailures: 0, contactsCreated: 0 });

export interface RunContext extends StoreContext {
  connectionId: string;
  cursors: Record<string, unknown>;
  userEmails: Set<string>;
  tally: RunTally;
  /** Time windows are closed this far before the run started (a CRM's search lags its writes). */
  now: Date;
}

export async function saveCursors(db: DB, ctx: RunContext): Promise<void> {
  await db.updateTable('crm_connections').set({ cursors: JSON.stringify(ctx.cursors) }).where('id', '=', ctx.connectionId).execute();
}

export async function teamUserEmails(db: DB, teamId: string): Promise<Set<string>> {
  const rows = await db.selectFrom('users').select('email').where('team_id', '=', teamId).where('disabled_at', 'is', null).execute();
  return new Set(rows.map((r) => r.email.toLowerCase()));
}
