/**
 * Deal movement as signals for the review queue (priority 4): a stage move, a close date pushed
 * out, a deal stalled. The same facts also appear as risks on the deal itself (risk.ts); here
 * they feed the digest and the manager's weekly review.
 *
 * @example
 * dealSignals(facts, DEFAULT_SETTINGS, now)
 * // [{ kind: 'close_date_slipped', reason: 'Close date of "Acme renewal" pushed 31 days, from 2026-11-30 to 2026-12-31', … }]
 */
import type { AccountFacts, SignalDraft } from './facts.ts';
import { isOpenDeal } from './deals.ts';
import type { IntelSettings } from './settings.ts';
import { dayOf, daysBefore, daysBetween, plural } from './time.ts';

export function dealSignals(facts: AccountFacts, settings: IntelSettings, now: Date): SignalDraft[] {
  const since = daysBefore(now, settings.deals.changeLookbackDays);
  const until = now.toISOString();
  const dealsById = new Map(facts.deals.map((d) => [d.id, d]));
  const out: SignalDraft[] = [];

  for (const change of facts.dealChanges) {
    const deal = dealsById.get(change.dealId);
    if (!deal || change.at < since || change.at > until) continue;
    if (change.field === 'stage' && change.to) {
      const from = change.from ? `from ${change.from} ` : '';
      out.push({
        kind: 'deal_stage_moved',
        reason: `"${deal.name}" moved ${from}to ${change.to} on ${dayOf(change.at)}`,
        occurredAt: change.at,
        contactId: null,
      });
    } else if (change.field === 'close_date' && change.from && change.to && change.to > change.from) {
      out.push({
        kind: 'close_date_slipped',
        reason: `Close date of "${deal.name}" pushed ${plural(daysBetween(change.from, change.to), 'day')}, from ${dayOf(change.from)} to ${dayOf(change.to)}`,
        occurredAt: change.at,
        contactId: null,
      });
    }
  }

  for (const deal of facts.deals) {
    if (!isOpenDeal(deal.stage, settings)) continue;
    const idle = daysBetween(deal.stageChangedAt, now);
    if (idle > settings.deals.stalledDays) {
      out.push({
        kind: 'deal_stalled',
        reason: `"${deal.name}" has been in ${deal.stage} for ${plural(idle, 'day')} (stalled after ${plural(settings.deals.stalledDays, 'day')})`,
        occurredAt: deal.stageChangedAt,
        contactId: null,
      });
    }
  }
  return out;
}
