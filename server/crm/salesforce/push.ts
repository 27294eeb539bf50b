/**
 * Writing logged activities to Salesforce: Tasks (Events for meetings) upserted by the
 * External ID + Unique field `Signalhouse_Activity_Id__c` through sObject Collections, 200 at a
 * time with allOrNone false. The external id makes every retry an update of the same record, so a
 * lost answer is simply sent again. A record refused (`success: false`, e.g. a contact deleted in
 * the org) is counted against its write; the others in the call are kept.
 */
import type { SalesforceClient } from './client.ts';
import type { RunContext } from '../run-context.ts';
import type { ActivityRow } from '../../db/schema.ts';
import { erasedSinceQueued, markWrite, refuseWrite, type DueWrite } from '../outbox.ts';
import { dueBatches, linksOf, userEmailsById, type Links } from '../push-common.ts';

export const EXTERNAL_ID_FIELD = 'Signalhouse_Activity_Id__c';

const SUBTYPE: Record<string, string> = { email: 'Email', call: 'Call' };

function record(a: ActivityRow, links: Links, ownerId: string | undefined): { type: 'Task' | 'Event'; fields: Record<string, unknown> } {
  const who = a.contact_id ? links.contact.get(a.contact_id) : undefined;
  const what = (a.deal_id ? links.deal.get(a.deal_id) : undefined) ?? (a.account_id ? links.account.get(a.account_id) : undefined);
  const common = { [EXTERNAL_ID_FIELD]: a.id, Subject: (a.subject ?? a.type).slice(0, 255), Description: a.body ?? undefined, ...(who ? { WhoId: who } : {}), ...(what ? { WhatId: what } : {}), ...(ownerId ? { OwnerId: ownerId } : {}) };
  if (a.type === 'meeting') {
    return { type: 'Event', fields: { ...common, StartDateTime: a.occurred_at, EndDateTime: new Date(Date.parse(a.occurred_at) + 30 * 60_000).toISOString() } };
  }
  const subtype = a.type.startsWith('linkedin_') ? 'LinkedIn' : (SUBTYPE[a.type] ?? 'Task');
  return { type: 'Task', fields: { ...common, ActivityDate: a.occurred_at.slice(0, 10), Status: 'Completed', TaskSubtype: subtype } };
}

export async function pushSalesforce(client: SalesforceClient, ctx: RunContext): Promise<void> {
  let owners: Map<string, string> | null = null;
  const users = await userEmailsById(ctx);
  for await (const batch of dueBatches(ctx, 200)) {
    if (!owners) {
      owners = new Map();
      for await (const page of client.query('SELECT Id, Email FROM User')) for (const u of page) if (typeof u.Email === 'string') owners.set(u.Email.toLowerCase(), u.Id);
    }
    const links = await linksOf(ctx, batch.flatMap((w) => (w.activity ? [w.activity] : [])));
    const groups: Record<'Task' | 'Event', Array<{ write: DueWrite; fields: Record<string, unknown> }>> = { Task: [], Event: [] };
    const erased = batch.filter((w) => !w.activity || erasedSinceQueued(w));
    // A write of a failed run may have landed before the erasure: the outbox says what the org holds.
    const landed = new Map<string, { type: 'Task' | 'Event'; id: string }>();
    const ids = erased.map((w) => w.activity_id).filter((id) => /^[0-9a-f-]{36}$/i.test(id));
    if (ids.length) {
      for (const type of ['Task', 'Event'] as const) {
        for await (const page of client.query(`SELECT Id, ${EXTERNAL_ID_FIELD} FROM ${type} WHERE ${EXTERNAL_ID_FIELD} IN (${ids.map((id) => `'${id}'`).join(', ')})`)) {
          for (const r of page) landed.set(String(r[EXTERNAL_ID_FIELD]), { type, id: r.Id });
        }
      }
    }
    for (const write of batch) {
      if (erased.includes(write)) {
        const found = landed.get(write.activity_id);
        await markWrite(ctx.db, write, found ? { state: 'sent', crm_type: found.type, crm_id: found.id, last_error: 'written before the person was erased' } : { state: 'skipped', last_error: null }, ctx.now);
        continue;
      }
      if (!write.activity) continue;
      const owner = write.activity.user_id ? owners.get(users.get(write.activity.user_id) ?? '') : undefined;
      const { type, fields } = record(write.activity, links, owner);
      groups[type].push({ write, fields });
    }
    for (const type of ['Task', 'Event'] as const) {
      const items = groups[type];
      if (items.length === 0) continue;
      const results = await client.upsertCollection(type, EXTERNAL_ID_FIELD, items.map((i) => i.fields));
      for (const [index, item] of items.entries()) {
        const result = results[index];
        if (result?.success) {
          await markWrite(ctx.db, item.write, { state: 'sent', crm_type: type, crm_id: result.id ?? null, last_error: null }, ctx.now);
          ctx.tally.written += 1;
        } else {
          const why = result?.errors.map((e) => `${e.statusCode}${e.fields?.length ? ` (${e.fields.join(', ')})` : ''}`).join('; ') ?? 'no result';
          await refuseWrite(ctx.db, item.write, `Salesforce refused the ${type}: ${why}`, ctx.now);
          ctx.tally.writeFailures += 1;
        }
      }
    }
  }
}
