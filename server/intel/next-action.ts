/**
 * The next best action: one thing to do now. The top signal from the first three priority
 * classes wins (a buyer's behaviour beats everything); else the most severe risk on the largest
 * open deal; else a review-queue signal; else, when the account has gone quiet, re-engage.
 *
 * @example
 * nextBestAction({ signals, deals, lastTouchAt }, DEFAULT_SETTINGS, now)
 * // { reason: '3rd pricing-page visit in 7 days', action: { text: 'Call the champion …', channel: 'call', who: 'Champion' } }
 */
import type { Brief, DealView, Signal } from '../../shared/brief.ts';
import { playFor } from './plays.ts';
import type { IntelSettings } from './settings.ts';
import { dayOf, daysBetween } from './time.ts';

export type NextBestAction = NonNullable<Brief['nextBestAction']>;

export interface NextActionFacts {
  /** Ranked, as in the brief. */
  signals: readonly Signal[];
  /** Open deals with their risks (most severe first). */
  deals: readonly DealView[];
  /** Whether there is an account to act on at all. */
  hasAccount: boolean;
  lastTouchAt: string | null;
  /** The account's champion has left and none remains: no play may ask the champion. */
  championGone?: boolean;
}

export function nextBestAction(facts: NextActionFacts, settings: IntelSettings, now: Date): NextBestAction | null {
  const context = { championGone: facts.championGone ?? false };
  const top = facts.signals[0];
  if (top && top.priority <= 3) return { reason: top.reason, action: top.action };

  const atRisk = [...facts.deals].filter((d) => d.risks.length > 0).sort((a, b) => (b.amount ?? 0) - (a.amount ?? 0))[0];
  if (atRisk) {
    const risk = atRisk.risks[0]!;
    return { reason: `"${atRisk.name}": ${risk.reason}`, action: playFor(risk.kind, settings, null, context) };
  }

  if (top) return { reason: top.reason, action: top.action };

  if (!facts.hasAccount) return null;
  if (!facts.lastTouchAt) return { reason: 'No activity recorded with this account yet', action: playFor('no_recent_activity', settings, null, context) };
  const quiet = daysBetween(facts.lastTouchAt, now);
  if (quiet > settings.deals.noActivityDays) {
    return { reason: `No activity in ${quiet} days (last touch ${dayOf(facts.lastTouchAt)})`, action: playFor('no_recent_activity', settings, null, context) };
  }
  return null;
}
