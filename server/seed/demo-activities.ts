/**
 * Demo activities: half a year of emails, calls, meetings, LinkedIn messages and notes, more of
 * them as an account moves through its stages, each hashed like the ledger hashes a logged one.
 * Last touch (date, type, by whom) is then set on every account and contact from them. Some
 * Tier 1 accounts go quiet for 14+ days so the weekly review queue has work.
 */
import { normalizeActivity, payloadHash } from '../ledger/payload.ts';
import type { ActivityInput } from '../../shared/activity.ts';
import type { AccountPlan } from './demo-accounts.ts';
import type { ContactPlan } from './demo-contacts.ts';
import type { DealPlan } from './demo-deals.ts';
import { type DemoContext, type Row, daysAgo } from './demo-context.ts';
import { CALL_SUBJECTS, EMAIL_SUBJECTS, MEETING_SUBJECTS } from './vocab.ts';

const WINDOW_DAYS = 180;
const PER_STAGE: Record<string, [number, number]> = {
  identified: [0, 1],
  awareness: [2, 5],
  engaged: [4, 10],
  evaluating: [8, 16],
  negotiating: [10, 20],
  closed: [6, 14],
};
const TYPES = [['email', 40], ['call', 18], ['meeting', 14], ['linkedin_message', 15], ['linkedin_connection', 4], ['note', 9]] as const;
type Type = (typeof TYPES)[number][0];
const SURFACE: Record<Type, ActivityInput['surface']> = {
  email: 'gmail',
  call: 'sidepanel',
  meeting: 'calendar',
  linkedin_message: 'linkedin',
  linkedin_connection: 'linkedin',
  note: 'sidepanel',
};

export function generateActivities(ctx: DemoContext, accounts: AccountPlan[], contactsByAccount: Map<string, ContactPlan[]>, deals: DealPlan[]): Row<'activities'>[] {
  const rng = ctx.rng.fork('activities');
  const ids = ctx.rng.fork('activity-ids');
  const out: Row<'activities'>[] = [];
  const manager = ctx.users.find((u) => u.role === 'manager')!;
  const openDeals = new Map<string, string[]>();
  for (const deal of deals) if (deal.open) openDeals.set(deal.row.account_id, [...(openDeals.get(deal.row.account_id) ?? []), deal.row.id as string]);

  for (const account of accounts) {
    const { row, featured } = account;
    const [min, max] = PER_STAGE[row.stage]!;
    const count = Math.round(rng.int(min, max) * (row.tier === 1 ? 1.5 : 1)) + (featured ? 6 : 0);
    if (count === 0) continue;
    const people = contactsByAccount.get(row.id) ?? [];
    const star = people.find((p) => p.featured) ?? null;
    // The newest touch: scripted for featured accounts, 15+ days back for the ones gone dark.
    const latest = featured ? featured.lastTouchDaysAgo + 0.3 : account.dark ? rng.int(15, 45) + rng.next() : rng.int(0, 25) + rng.next();
    const dealIds = openDeals.get(row.id) ?? [];
    const buyers = people.filter((p) => p.row.buying_role === 'champion' || p.row.buying_role === 'decision_maker');

    for (let n = 0; n < count; n++) {
      const days = n === 0 ? latest : latest + (WINDOW_DAYS - latest) * rng.next() ** 1.3;
      let type: Type = rng.weighted(TYPES);
      let contact: ContactPlan | null = people.length === 0 || rng.chance(0.1) ? null : buyers.length > 0 && rng.chance(0.5) ? rng.pick(buyers) : rng.pick(people);
      if (star && (n === 0 || rng.chance(0.4))) contact = star;
      if (n === 0 && featured) type = row.stage === 'evaluating' || row.stage === 'negotiating' ? 'meeting' : 'email';
      if (!contact && type !== 'note' && type !== 'call') type = 'note';
      const userId = type === 'meeting' && rng.chance(0.2) ? manager.id : (row.owner_id as string);
      const occurredAt = daysAgo(ctx.now, days);
      const input: ActivityInput = {
        id: ids.uuid(),
        ...(naturalKeyOf(rng, type, occurredAt) ?? {}),
        type,
        subject: subjectOf(rng, type, row.name),
        ...(type === 'note' ? { body: 'Spoke with the team about their warehouse migration timeline.' } : {}),
        occurredAt,
        ...(contact ? { contactId: contact.row.id as string } : {}),
        accountId: row.id,
        ...(dealIds.length > 0 && rng.chance(0.6) ? { dealId: rng.pick(dealIds) } : {}),
        surface: days > 60 && rng.chance(0.5) ? 'import' : SURFACE[type],
      };
      const normalized = normalizeActivity(input);
      const recordedMs = Math.min(ctx.now.getTime(), Date.parse(occurredAt) + rng.int(1, 240) * 60_000);
      out.push({
        id: normalized.id,
        team_id: ctx.teamId,
        natural_key: normalized.naturalKey,
        type: normalized.type,
        subject: normalized.subject,
        body: normalized.body,
        occurred_at: normalized.occurredAt,
        contact_id: normalized.contactId,
        account_id: normalized.accountId,
        deal_id: normalized.dealId,
        user_id: userId,
        surface: normalized.surface,
        payload_hash: payloadHash(normalized),
        recorded_at: new Date(recordedMs).toISOString(),
      });
    }
  }
  out.sort((a, b) => (a.occurred_at < b.occurred_at ? -1 : a.occurred_at > b.occurred_at ? 1 : a.id < b.id ? -1 : 1));
  return out;
}

/** Sets last touch on accounts and contacts from the newest activity of each. */
export function applyLastTouch(activities: Row<'activities'>[], accounts: AccountPlan[], contacts: ContactPlan[]): void {
  const newest = new Map<string, Row<'activities'>>();
  for (const activity of activities) {
    for (const key of [activity.account_id, activity.contact_id]) {
      if (!key) continue;
      const seen = newest.get(key);
      if (!seen || seen.occurred_at < activity.occurred_at) newest.set(key, activity);
    }
  }
  for (const { row } of [...accounts, ...contacts]) {
    const touch = newest.get(row.id as string);
    if (!touch) continue;
    row.last_touch_at = touch.occurred_at;
    row.last_touch_type = touch.type;
    row.last_touch_by = touch.user_id;
  }
}

function naturalKeyOf(rng: DemoContext['rng'], type: Type, occurredAt: string): { naturalKey: string } | null {
  if (type === 'email') return { naturalKey: `gmail:${rng.hex(16)}` };
  if (type === 'meeting') return { naturalKey: `gcal:${rng.hex(26)}:${occurredAt}` };
  if (type === 'linkedin_message') return { naturalKey: `linkedin:2-${rng.hex(24)}:${occurredAt}` };
  return null;
}

function subjectOf(rng: DemoContext['rng'], type: Type, company: string): string {
  if (type === 'email') return rng.pick(EMAIL_SUBJECTS).replace('{company}', company);
  if (type === 'meeting') return `${rng.pick(MEETING_SUBJECTS)}: ${company} / Northwind`;
  if (type === 'call') return rng.pick(CALL_SUBJECTS);
  if (type === 'note') return 'Account note';
  return type === 'linkedin_connection' ? 'Connection request accepted' : 'LinkedIn message';
}
