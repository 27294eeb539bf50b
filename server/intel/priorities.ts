/**
 * The priority hierarchy: every signal kind belongs to one class, and signals are ranked by
 * class first (1 first-party buying behaviour, 2 organisational triggers, 3 third-party intent,
 * 4 the review queue), then by recency. The intelligence issue deepens ranking here (strength,
 * fit, alert budgets) without touching the routes.
 *
 * @example
 * rankSignals([intentSurge, pricingVisits], { limit: 10 })[0].kind // 'pricing_visits'
 */
import type { PriorityClass, Signal } from '../../shared/brief.ts';

export const SIGNAL_PRIORITY = {
  // 1: first-party buying behaviour
  pricing_visits: 1,
  demo_request: 1,
  trial_signup: 1,
  reply: 1,
  meeting_request: 1,
  meeting_scheduled: 1,
  // 2: organisational triggers at the account
  funding: 2,
  exec_hire: 2,
  champion_left: 2,
  job_change: 2,
  competitor_added: 2,
  competitor_dropped: 2,
  acquisition: 2,
  // 3: third-party intent spikes
  intent_surge: 3,
  // 4: worth a look, never an alert
  site_engagement: 4,
  tech_added: 4,
  tech_removed: 4,
  departure: 4,
  news: 4,
  deal_stage_moved: 4,
  close_date_slipped: 4,
  deal_stalled: 4,
} as const satisfies Record<string, PriorityClass>;

export type SignalKind = keyof typeof SIGNAL_PRIORITY;

export const priorityOf = (kind: SignalKind): PriorityClass => SIGNAL_PRIORITY[kind];

/**
 * Ranks signals: class, then most recent, then the brief's own contact before colleagues, then
 * kind (so equal signals always come out in the same order). Returns at most `limit`.
 */
export function rankSignals(signals: readonly Signal[], options: { limit: number; focusContactId?: string | null }): Signal[] {
  const focus = options.focusContactId ?? null;
  return [...signals]
    .sort(
      (a, b) =>
        a.priority - b.priority ||
        (a.occurredAt < b.occurredAt ? 1 : a.occurredAt > b.occurredAt ? -1 : 0) ||
        Number(focus !== null && b.contactId === focus) - Number(focus !== null && a.contactId === focus) ||
        (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0),
    )
    .slice(0, options.limit);
}
