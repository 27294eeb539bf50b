/**
 * Signals: raw facts that are worth a rep's attention, each with a reason (its numbers) and a
 * recommended action. This file composes the rules — first-party, organisational, intent, deal
 * movement — attaches each kind's priority class and play, and ranks the result.
 *
 * @example
 * deriveSignals(facts, DEFAULT_SETTINGS, new Date('2026-11-23T09:00:00Z'))
 * // [{ kind: 'pricing_visits', priority: 1, reason: 'Visited pricing 3 times in the last 7 days, latest today', action: {…}, … }, …]
 */
import type { Signal } from '../../shared/brief.ts';
import type { AccountFacts, SignalDraft } from './facts.ts';
import { isOurTopic, latestTopicScores } from './intent.ts';
import { addressPlay, castOf, leftOf, subjectOf, type Cast } from './address.ts';
import { playFor } from './plays.ts';
import { priorityOf, rankSignals } from './priorities.ts';
import type { IntelSettings } from './settings.ts';
import { engagementSignals, visitSignals } from './signals-first-party.ts';
import { dealSignals } from './signals-deals.ts';
import { championGone, eventTriggerSignals, jobChangeSignals, technologySignals } from './signals-org.ts';
import { dayOf, daysBefore } from './time.ts';

/** Third-party intent: our topics whose latest (current) weekly score is at or above the threshold. */
export function intentSignals(facts: AccountFacts, settings: IntelSettings, now: Date): SignalDraft[] {
  const { surgeThreshold, freshDays } = settings.intent;
  const oldestWeek = dayOf(daysBefore(now, freshDays));
  const out: SignalDraft[] = [];
  for (const t of latestTopicScores(facts.events)) {
    if (t.score < surgeThreshold || t.week < oldestWeek || !isOurTopic(t.topic, settings)) continue;
    const prev = t.previousScore;
    const was = prev === null ? 'new that week' : prev === t.score ? 'as the week before' : `${prev < t.score ? 'up' : 'down'} from ${prev} the week before`;
    out.push({
      kind: 'intent_surge',
      // What happened in a rep's words; the numbers stay, with what they are compared to.
      reason: `Researching "${t.topic}" more than usual: intent score ${t.score} in the week of ${t.week} (we flag ${surgeThreshold} and up), ${was}`,
      occurredAt: t.occurredAt,
      knownAt: t.knownAt,
      contactId: t.contactId,
    });
  }
  return out;
}

/** Every signal for the account, unranked. */
export function signalDrafts(facts: AccountFacts, settings: IntelSettings, now: Date): SignalDraft[] {
  return [
    ...visitSignals(facts, settings, now),
    ...engagementSignals(facts, settings, now),
    ...eventTriggerSignals(facts, settings, now),
    ...technologySignals(facts, settings, now),
    ...jobChangeSignals(facts, now),
    ...intentSignals(facts, settings, now),
    ...dealSignals(facts, settings, now),
  ];
}

/** What addressing a signal's play reads: who is who at the account, who left, whether the champion has gone. */
export interface AddressContext {
  cast: Cast;
  /** The account's contacts, for the signal's own person (the visitor, the replier). */
  people: AccountFacts['contacts'];
  /** Contacts who left (a departure, or the page shows them elsewhere): never addressed. */
  left: ReadonlySet<string>;
  /** The account's champion has left and none remains: no play asks the champion. */
  championGone: boolean;
}

/** The addressing context of an account's facts. */
export function addressContextOf(facts: AccountFacts, owner: Cast['owner']): AddressContext {
  return { cast: castOf(facts, owner), people: facts.contacts, left: leftOf(facts), championGone: championGone(facts) };
}

/** Drafts given their priority class and a play addressed to a person of the account (none asking a champion who has gone). */
export function signalsOf(drafts: readonly SignalDraft[], accountId: string, settings: IntelSettings, context: AddressContext): Signal[] {
  return drafts.map(
    (d): Signal => ({
      kind: d.kind,
      priority: priorityOf(d.kind),
      reason: d.reason,
      action: addressPlay(playFor(d.kind, settings, context), context.cast, subjectOf(d.contactId, d.who, context.people, context.left, d.whoTitle ?? null)),
      occurredAt: d.occurredAt,
      knownAt: d.knownAt && d.knownAt > d.occurredAt ? d.knownAt : d.occurredAt,
      accountId,
      contactId: d.contactId,
    }),
  );
}

/** The brief's signals: derived, given their class and play, ranked and capped. */
export function deriveSignals(facts: AccountFacts, settings: IntelSettings, now: Date, owner: Cast['owner'] = null): Signal[] {
  const signals = signalsOf(signalDrafts(facts, settings, now), facts.accountId, settings, addressContextOf(facts, owner));
  return rankSignals(signals, { limit: settings.limits.signals, focusContactId: facts.focusContactId });
}
