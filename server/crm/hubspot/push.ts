/**
 * Writing logged activities to HubSpot as engagements (notes, calls, emails, meetings,
 * communications for LinkedIn), with their associations to the contact, company and deal, each
 * exactly once, carrying the activity id in `signalhouse_activity_id`.
 *
 * Where the portal made that property unique on an engagement type (`hasUniqueValue`, asked once a
 * run per type), the type's writes go through batch upsert by it, 100 a call, then their
 * associations in bulk: both are safe to repeat, so a lost answer is simply sent again. Unique
 * properties on engagements are undocumented, so elsewhere we create one at a time, and when the
 * answer to a create was lost (a dropped connection, a 5xx) the write is `unknown`; a later run
 * (after search has caught up with writes) searches for that id first and only creates when absent.
 */
import type { HubSpotClient } from './client.ts';
import type { RunContext } from '../run-context.ts';
import type { ActivityRow } from '../../db/schema.ts';
import { CrmCallError, CrmUnknownOutcome } from '../http.ts';
import { erasedSinceQueued, markWrite, refuseWrite, type DueWrite } from '../outbox.ts';
import { dueBatches, linksOf, userEmailsById, type Links } from '../push-common.ts';

export const ACTIVITY_ID_PROPERTY = 'signalhouse_activity_id';

const TYPE_IDS: Record<string, { contacts: number; companies: number; deals: number }> = {
  notes: { contacts: 202, companies: 190, deals: 214 },
  calls: { contacts: 194, companies: 182, deals: 206 },
  emails: { contacts: 198, companies: 186, deals: 210 },
  meetings: { contacts: 200, companies: 188, deals: 212 },
  communications: { contacts: 81, companies: 87, deals: 85 },
};

export function engagementType(type: string): keyof typeof TYPE_IDS {
  if (type === 'email') return 'emails';
  if (type === 'call') return 'calls';
  if (type === 'meeting') return 'meetings';
  if (type.startsWith('linkedin_')) return 'communications';
  return 'notes';
}

function properties(kind: string, a: ActivityRow, ownerId: string | undefined): Record<string, string> {
  const subject = a.subject ?? '';
  const body = a.body ?? '';
  const base: Record<string, string> = { hs_timestamp: a.occurred_at, [ACTIVITY_ID_PROPERTY]: a.id, ...(ownerId ? { hubspot_owner_id: ownerId } : {}) };
  if (kind === 'emails') return { ...base, hs_email_subject: subject, hs_email_text: body, hs_email_direction: 'EMAIL', hs_email_status: 'SENT' };
  if (kind === 'calls') return { ...base, hs_call_title: subject, hs_call_body: body, hs_call_direction: 'OUTBOUND' };
  if (kind === 'meetings') {
    const end = new Date(Date.parse(a.occurred_at) + 30 * 60_000).toISOString();
    return { ...base, hs_meeting_title: subject, hs_meeting_body: body, hs_meeting_start_time: a.occurred_at, hs_meeting_end_time: end };
  }
  if (kind === 'communications') return { ...base, hs_communication_channel_type: 'LINKEDIN_MESSAGE', hs_communication_logged_from: 'CRM', hs_communication_body: [subject, body].filter(Boolean).join('\n\n') };
  return { ...base, hs_note_body: [subject, body].filter(Boolean).join('\n\n') };
}

function associations(kind: string, a: ActivityRow, links: Links) {
  const ids = TYPE_IDS[kind]!;
  const out: Array<{ id: string; typeId: number }> = [];
  const contact = a.contact_id ? links.contact.get(a.contact_id) : undefined;
  const account = a.account_id ? links.account.get(a.account_id) : undefined;
  const deal = a.deal_id ? links.deal.get(a.deal_id) : undefined;
  if (contact) out.push({ id: contact, typeId: ids.contacts });
  if (account) out.push({ id: account, typeId: ids.companies });
  if (deal) out.push({ id: deal, typeId: ids.deals });
  return out;
}

type Kind = keyof typeof TYPE_IDS;
const TARGETS = ['contacts', 'companies', 'deals'] as const;

/** Upserts one engagement type's writes by the unique activity id, then associates them; each write sent, or refused with why. */
async function upsertKind(client: HubSpotClient, ctx: RunContext, kind: Kind, items: Array<{ write: DueWrite; activity: ActivityRow; ownerId: string | undefined }>, links: Links) {
  const refuse = async (item: { write: DueWrite }, why: string) => {
    await refuseWrite(ctx.db, item.write, why, ctx.now);
    ctx.tally.writeFailures += 1;
  };
  let answer;
  try {
    answer = await client.batchUpsert(
      kind,
      ACTIVITY_ID_PROPERTY,
      items.map(({ activity, ownerId }) => {
        const { [ACTIVITY_ID_PROPERTY]: _id, ...rest } = properties(kind, activity, ownerId);
        return { id: activity.id, properties: rest };
      }),
    );
  } catch (error) {
    // A refusal counts against the writes; a lost connection or a 5xx after every try fails the run
    // (nothing is counted: the upsert is sent again next run, and updates what may have landed).
    if (!(error instanceof CrmCallError) || error.status === 0 || error.status >= 500) throw error;
    for (const item of items) await refuse(item, error.message);
    return;
  }
  const crmIds = new Map(answer.results.map((r) => [r.properties[ACTIVITY_ID_PROPERTY] ?? '', r.id]));
  const stored = items.filter((i) => crmIds.has(i.activity.id));
  const associated = new Set(stored);
  for (const target of TARGETS) {
    const pairs = stored.flatMap((item) => associations(kind, item.activity, links).filter((a) => a.typeId === TYPE_IDS[kind]![target]).map((a) => ({ item, link: { fromId: crmIds.get(item.activity.id)!, toId: a.id, typeId: a.typeId } })));
    if (pairs.length === 0) continue;
    try {
      await client.associateBatch(kind, target, pairs.map((p) => p.link));
    } catch (error) {
      if (!(error instanceof CrmCallError)) throw error;
      // The engagement is there; its next upsert (an update) and association are tried again next run.
      for (const p of pairs) associated.delete(p.item);
      for (const p of pairs) await refuse(p.item, `the ${kind} was written but not associated: ${error.message}`);
    }
  }
  const why = answer.errors?.map((e) => e.message).join('; ') || 'HubSpot answered no result for it';
  for (const item of items) {
    if (!crmIds.has(item.activity.id)) await refuse(item, why);
    else if (associated.has(item)) {
      await markWrite(ctx.db, item.write, { state: 'sent', crm_type: kind, crm_id: crmIds.get(item.activity.id)!, last_error: null }, ctx.now);
      ctx.tally.written += 1;
    }
  }
}

export async function pushHubSpot(client: HubSpotClient, ctx: RunContext): Promise<void> {
  let owners: Map<string, string> | null = null;
  const users = await userEmailsById(ctx);
  const unique = new Map<Kind, boolean>();
  for await (const batch of dueBatches(ctx, 100)) {
    owners ??= new Map([...(await client.owners())].map(([id, email]) => [email, id]));
    const links = await linksOf(ctx, batch.flatMap((w) => (w.activity ? [w.activity] : [])));
    const upserts = new Map<Kind, Array<{ write: DueWrite; activity: ActivityRow; ownerId: string | undefined }>>();
    for (const write of batch) {
      const activity = write.activity;
      if (!activity || erasedSinceQueued(write)) {
        // A write whose answer was lost may have landed before the erasure: the outbox says what the CRM holds.
        const kind = write.crm_type ?? (activity ? engagementType(activity.type) : null);
        const landed = write.state === 'unknown' && kind ? (await client.findBy(kind, ACTIVITY_ID_PROPERTY, write.activity_id)).results[0] : undefined;
        await markWrite(ctx.db, write, landed ? { state: 'sent', crm_id: landed.id, last_error: 'written before the person was erased' } : { state: 'skipped', last_error: null }, ctx.now);
        continue;
      }
      const kind = engagementType(activity.type);
      if (!unique.has(kind)) unique.set(kind, await client.hasUniqueProperty(kind, ACTIVITY_ID_PROPERTY));
      if (unique.get(kind)) {
        const ownerId = activity.user_id ? owners.get(users.get(activity.user_id) ?? '') : undefined;
        upserts.set(kind, [...(upserts.get(kind) ?? []), { write, activity, ownerId }]);
        continue;
      }
      try {
        if (write.state === 'unknown') {
          const found = await client.findBy(kind, ACTIVITY_ID_PROPERTY, activity.id);
          if (found.results[0]) {
            await markWrite(ctx.db, write, { state: 'sent', crm_type: kind, crm_id: found.results[0].id, last_error: null }, ctx.now);
            ctx.tally.written += 1;
            continue;
          }
        }
        const owner = activity.user_id ? owners.get(users.get(activity.user_id) ?? '') : undefined;
        const created = await client.create(kind, properties(kind, activity, owner), associations(kind, activity, links));
        await markWrite(ctx.db, write, { state: 'sent', crm_type: kind, crm_id: created.id, last_error: null }, ctx.now);
        ctx.tally.written += 1;
      } catch (error) {
        if (error instanceof CrmUnknownOutcome) {
          await markWrite(ctx.db, write, { state: 'unknown', crm_type: kind, attempts: write.attempts + 1, last_error: error.message }, ctx.now);
        } else if (error instanceof CrmCallError) {
          await refuseWrite(ctx.db, write, error.message, ctx.now);
          ctx.tally.writeFailures += 1;
        } else throw error;
      }
    }
    for (const [kind, items] of upserts) await upsertKind(client, ctx, kind, items, links);
  }
}
