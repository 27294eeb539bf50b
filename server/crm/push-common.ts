/**
 * What both write-backs share: the due writes of a run in batches (each write looked at once per
 * run), and the CRM ids of an activity's contact, account and deal.
 */
import type { ActivityRow } from '../db/schema.ts';
import type { RunContext } from './run-context.ts';
import { crmIdsOf, dueWrites, type DueWrite } from './outbox.ts';

export interface Links {
  contact: Map<string, string>;
  account: Map<string, string>;
  deal: Map<string, string>;
}

/** Due writes in batches of `size`, each at most once in this run. */
export async function* dueBatches(ctx: RunContext, size: number): AsyncGenerator<DueWrite[]> {
  const seen = new Set<string>();
  for (;;) {
    const due = (await dueWrites(ctx.db, ctx.connectionId, ctx.now, size + seen.size)).filter((w) => !seen.has(w.activity_id)).slice(0, size);
    if (due.length === 0) return;
    for (const w of due) seen.add(w.activity_id);
    yield due;
  }
}

export async function linksOf(ctx: RunContext, activities: ActivityRow[]): Promise<Links> {
  const ids = (key: 'contact_id' | 'account_id' | 'deal_id') => activities.map((a) => a[key]).filter((v): v is string => !!v);
  return {
    contact: await crmIdsOf(ctx.db, ctx.teamId, ctx.provider, 'contact', ids('contact_id')),
    account: await crmIdsOf(ctx.db, ctx.teamId, ctx.provider, 'account', ids('account_id')),
    deal: await crmIdsOf(ctx.db, ctx.teamId, ctx.provider, 'deal', ids('deal_id')),
  };
}

/** The team's users' emails by id, for the CRM owner of an activity. */
export async function userEmailsById(ctx: RunContext): Promise<Map<string, string>> {
  const rows = await ctx.db.selectFrom('users').select(['id', 'email']).where('team_id', '=', ctx.teamId).execute();
  return new Map(rows.map((r) => [r.id, r.email.toLowerCase()]));
}
