/**
 * The next best action: one thing to do now, and whom it is about. The top signal from the first
 * three priority classes wins (a buyer's behaviour beats everything; among equals, one about the
 * person on screen); else the most severe risk on the largest open deal; else a review-queue
 * signal; else, when the account has gone quiet, re-engage. Every play is addressed to a person
 * of the account (address.ts), and `about` says whether that is the person on screen, someone
 * else ("Erik Holm, champion at Swedbank"), a role to find, or the rep's own work.
 *
 * @example
 * nextBestAction({ signals, deals, lastTouchAt, cast, focusContactId: 'ct_maya' }, DEFAULT_SETTINGS, now)
 * // { reason: 'Visited pricing 3 times in the last 7 days, latest today', action: { …, who: 'Erik Holm' },
 * //   about: { kind: 'someone-else', contactId: 'ct_erik', who: 'Erik Holm, champion at Swedbank', … } }
 */
import type { DealView, NextBestAction, NextStepAbout, Play, Signal } from '../../shared/brief.ts';
import { addressPlay, ROLE_WORDS, type Cast } from './address.ts';
import { playFor } from './plays.ts';
import type { IntelSettings } from './settings.ts';
import { dayOf, daysBetween, plural } from './time.ts';

export type { NextBestAction };

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
  /** Who is who at the account, for the plays this rule picks itself (risks, re-engagement). */
  cast: Cast;
  /** The person on screen, when the brief is about one. */
  focusContactId?: string | null;
}

/** Whom a play is about, seen from the person on screen. */
export function aboutOf(action: Play, focusContactId: string | null | undefined, accountName: string): NextStepAbout {
  const target = action.target;
  if (!target) return { kind: 'owner', userId: null, name: null };
  if (target.kind === 'find') return { kind: 'find', role: target.role, how: target.how };
  if (target.kind === 'owner') return { kind: 'owner', userId: target.userId, name: target.name };
  if (focusContactId && target.contactId === focusContactId) return { kind: 'this-person' };
  const what = target.role ? ROLE_WORDS[target.role] : target.title;
  return {
    kind: 'someone-else',
    contactId: target.contactId,
    name: target.name,
    role: target.role,
    title: target.title,
    who: what ? `${target.name}, ${what} at ${accountName}` : `${target.name} at ${accountName}`,
  };
}

const isAbout = (s: Signal, focus: string | null | undefined) => !!focus && s.action.target?.kind === 'contact' && s.action.target.contactId === focus;

export function nextBestAction(facts: NextActionFacts, settings: IntelSettings, now: Date): NextBestAction | null {
  const step = chooseStep(facts, settings, now);
  return step ? { ...step, about: aboutOf(step.action, facts.focusContactId, facts.cast.accountName) } : null;
}

function chooseStep(facts: NextActionFacts, settings: IntelSettings, now: Date): { reason: string; action: Play } | null {
  const context = { championGone: facts.championGone ?? false };
  const top = facts.signals[0];
  if (top && top.priority <= 3) {
    // Among the most urgent class, a play about the person on screen comes first.
    const own = facts.signals.find((s) => s.priority === top.priority && isAbout(s, facts.focusContactId));
    const chosen = own ?? top;
    return { reason: chosen.reason, action: chosen.action };
  }

  const atRisk = [...facts.deals].filter((d) => d.risks.length > 0).sort((a, b) => (b.amount ?? 0) - (a.amount ?? 0))[0];
  if (atRisk) {
    const risk = atRisk.risks[0]!;
    return { reason: `"${atRisk.name}": ${risk.reason}`, action: addressPlay(playFor(risk.kind, settings, context), facts.cast, null, atRisk.owner) };
  }

  if (top) return { reason: top.reason, action: top.action };

  if (!facts.hasAccount) return null;
  const reengage = () => addressPlay(playFor('no_recent_activity', settings, context), facts.cast, null);
  if (!facts.lastTouchAt) return { reason: 'No activity recorded with this account yet', action: reengage() };
  const quiet = daysBetween(facts.lastTouchAt, now);
  if (quiet > settings.deals.noActivityDays) {
    return { reason: `No activity in ${plural(quiet, 'day')} (last touch ${dayOf(facts.lastTouchAt)})`, action: reengage() };
  }
  return null;
}
