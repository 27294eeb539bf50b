/**
 * Deal risk: why an open deal may not close, each reason with its numbers. Stalled (no stage
 * change in N days), no next step, no recent activity, single-threaded, a competitor in play,
 * the champion gone, the close date pushed out or passed. Most severe first.
 *
 * @example
 * dealRisks(deal, facts, DEFAULT_SETTINGS, now)
 * // [{ kind: 'stalled', reason: 'No stage change in 45 days (in proposal since 2026-10-09)' }, …]
 */
import type { DealRisk } from '../../shared/brief.ts';
import type { AccountFacts, DealFact } from './facts.ts';
import type { RiskKind } from './plays.ts';
import type { IntelSettings } from './settings.ts';
import { departureRisksDeals, departuresSince, rolePhrase, type DepartureFact } from './signals-org.ts';
import { dayOf, daysBefore, daysBetween, plural } from './time.ts';

/** Most severe first: what the next best action should address before anything else. */
export const RISK_SEVERITY: readonly RiskKind[] = [
  'champion_left',
  'close_date_passed',
  'stalled',
  'no_recent_activity',
  'single_threaded',
  'close_date_slipped',
  'competitor_mentioned',
  'no_next_step',
];

type Risk = DealRisk & { kind: RiskKind };

/** The most recent touch on the account: its denormalised last touch or a logged activity, whichever is later. */
export function lastActivity(facts: AccountFacts, now: Date): { at: string; type: string | null } | null {
  const until = now.toISOString();
  let best: { at: string; type: string | null } | null =
    facts.lastTouchAt && facts.lastTouchAt <= until ? { at: facts.lastTouchAt, type: facts.lastTouchType } : null;
  for (const a of facts.activities) {
    if (a.occurredAt <= until && (!best || a.occurredAt > best.at)) best = { at: a.occurredAt, type: a.type };
  }
  return best;
}

/** Contacts touched within the window, by logged activity or their own last touch; someone who left does not count. */
export function engagedContacts(facts: AccountFacts, settings: IntelSettings, now: Date): Set<string> {
  const since = daysBefore(now, settings.deals.engagedWithinDays);
  const until = now.toISOString();
  const engaged = new Set<string>();
  const left = new Set(facts.events.flatMap((e) => (e.kind === 'departure' ? [e.data.contactId ?? e.contactId] : [])));
  for (const a of facts.activities) {
    if (a.contactId && a.occurredAt >= since && a.occurredAt <= until) engaged.add(a.contactId);
  }
  for (const c of facts.contacts) {
    if (c.lastTouchAt && c.lastTouchAt >= since && c.lastTouchAt <= until) engaged.add(c.id);
  }
  for (const id of left) if (id) engaged.delete(id);
  return engaged;
}

/** What every deal of the account shares: who of the buying group left, the last touch, how many people are engaged. */
export interface AccountRiskContext {
  /** The champion or another member of the buying group (not a blocker) left in the lookback window. */
  championDepartures: DepartureFact[];
  last: { at: string; type: string | null } | null;
  engaged: number;
}

/** Computed once per account, then passed to `dealRisks` for each of its deals. */
export function accountRiskContext(facts: AccountFacts, settings: IntelSettings, now: Date): AccountRiskContext {
  return {
    championDepartures: departuresSince(facts, daysBefore(now, settings.org.lookbackDays), now).filter(departureRisksDeals),
    last: lastActivity(facts, now),
    engaged: engagedContacts(facts, settings, now).size,
  };
}

export function dealRisks(
  deal: DealFact,
  facts: AccountFacts,
  settings: IntelSettings,
  now: Date,
  context: AccountRiskContext = accountRiskContext(facts, settings, now),
): DealRisk[] {
  const risks: Risk[] = [];
  const today = dayOf(now.toISOString());

  for (const d of context.championDepartures) {
    const role = d.role ? `, ${rolePhrase(d.role)},` : '';
    risks.push({ kind: 'champion_left', reason: `${d.name ?? `The ${d.title}`}${role} left on ${dayOf(d.event.occurredAt)}` });
  }

  if (deal.closeDate && deal.closeDate < today) {
    risks.push({ kind: 'close_date_passed', reason: `Close date ${deal.closeDate} passed ${plural(daysBetween(deal.closeDate, today), 'day')} ago` });
  }

  const idle = daysBetween(deal.stageChangedAt, now);
  if (idle > settings.deals.stalledDays) {
    risks.push({ kind: 'stalled', reason: `No stage change in ${plural(idle, 'day')} (in ${deal.stage} since ${dayOf(deal.stageChangedAt)})` });
  }

  const last = context.last;
  if (!last) {
    risks.push({ kind: 'no_recent_activity', reason: 'No activity recorded on the account' });
  } else {
    const quiet = daysBetween(last.at, now);
    if (quiet > settings.deals.noActivityDays) {
      const what = last.type ? `${last.type} on ${dayOf(last.at)}` : dayOf(last.at);
      risks.push({ kind: 'no_recent_activity', reason: `No activity in ${plural(quiet, 'day')} (last: ${what})` });
    }
  }

  const engaged = context.engaged;
  if (engaged < settings.deals.minEngagedContacts) {
    risks.push({
      kind: 'single_threaded',
      reason: `Single-threaded: ${plural(engaged, 'engaged contact')} in the last ${plural(settings.deals.engagedWithinDays, 'day')}`,
    });
  }

  const slips = facts.dealChanges.filter((c) => c.dealId === deal.id && c.field === 'close_date' && c.from && c.to && c.to > c.from);
  if (slips.length > 0) {
    const first = slips.reduce((a, b) => (a.at < b.at ? a : b));
    risks.push({
      kind: 'close_date_slipped',
      reason: `Close date pushed ${plural(slips.length, 'time')}, now ${deal.closeDate ?? dayOf(slips[0]!.to!)} (was ${dayOf(first.from!)})`,
    });
  }

  const competitors: string[] = [];
  if (deal.competitor) competitors.push(`${deal.competitor} (named on the deal)`);
  for (const t of facts.technologies) {
    if (t.competitor && !t.removedAt) competitors.push(`${t.name} (in their stack)`);
  }
  if (competitors.length > 0) risks.push({ kind: 'competitor_mentioned', reason: `Competitor in play: ${competitors.join(', ')}` });

  if (!deal.nextStep?.trim()) risks.push({ kind: 'no_next_step', reason: 'No next step recorded' });

  return risks.sort((a, b) => RISK_SEVERITY.indexOf(a.kind) - RISK_SEVERITY.indexOf(b.kind));
}
