/**
 * Automatic stage and tier updates (PRODUCT.md "Accounts, tiers, stages"): what the rules would
 * change about an account's status, and why, in the words the stage history keeps.
 *
 * - A reply or a meeting request in the last `engagedWithinDays` moves identified/awareness → engaged.
 * - A meeting held in the last `evaluatingWithinDays` with another one scheduled moves
 *   identified/awareness/engaged → evaluating (a discovery call happened, a second is booked).
 * - A current intent surge (our topic, score ≥ `promoteSurge`) with ICP fit ≥ `promoteFit` promotes
 *   the account to `promoteTier` when its tier is lower or unset.
 *
 * Rules only move forward (never back a stage, never demote) and never touch negotiating or
 * closed. A value set by hand (stage_set_by / tier_set_by: a user id or 'import') is never
 * overwritten: the rule's move becomes a suggestion for the review queue instead. A value a rule
 * set (`rule:<name>`) or never set (null) may move. Pure: facts, settings and the clock in.
 *
 * @example
 * statusRules({ stage: 'awareness', tier: 2, stageSetBy: null, tierSetBy: null, events, activities, icpFit }, settings, now)
 * // { changes: [{ kind: 'stage', from: 'awareness', to: 'engaged', rule: 'rule:meeting-requested', reason: 'meeting requested on 2026-11-20 → engaged' }], suggestions: [] }
 */
import type { Score, Stage } from '../../shared/brief.ts';
import type { ActivityFact, EventFact } from './facts.ts';
import { isOurTopic, latestTopicScores } from './intent.ts';
import type { IntelSettings } from './settings.ts';
import { dayOf, daysBefore } from './time.ts';

export interface StatusInput {
  stage: Stage;
  tier: 1 | 2 | 3 | null;
  stageSetBy: string | null;
  tierSetBy: string | null;
  /** Newest first, as gathered. */
  events: readonly EventFact[];
  activities: readonly ActivityFact[];
  /** Null when no ideal customer profile is set: no fit, no promotion. */
  icpFit: Pick<Score, 'score'> | null;
}

export interface StatusProposal {
  kind: 'stage' | 'tier';
  from: string | null;
  to: string;
  /** `rule:<name>`: what account_history.changed_by and accounts.*_set_by record. */
  rule: string;
  reason: string;
}

/** `changes` the job applies; `suggestions` would overwrite a value set by hand, so a person decides. */
export interface StatusDecision {
  changes: StatusProposal[];
  suggestions: StatusProposal[];
}

const ORDER: readonly Stage[] = ['identified', 'awareness', 'engaged', 'evaluating', 'negotiating', 'closed'];
const rank = (stage: Stage) => ORDER.indexOf(stage);

/** Set by a person (a user id) or an import; null and `rule:*` are not. */
export const isSetByHand = (setBy: string | null) => setBy !== null && setBy !== '' && !setBy.startsWith('rule:');

const newest = <T extends { occurredAt: string }>(items: readonly T[]) => items.reduce<T | null>((a, b) => (!a || b.occurredAt > a.occurredAt ? b : a), null);
const soonest = <T extends { occurredAt: string }>(items: readonly T[]) => items.reduce<T | null>((a, b) => (!a || b.occurredAt < a.occurredAt ? b : a), null);

function stageProposal(input: StatusInput, settings: IntelSettings, now: Date): StatusProposal | null {
  const until = now.toISOString();
  const current = rank(input.stage);
  if (current < rank('evaluating')) {
    const since = daysBefore(now, settings.status.evaluatingWithinDays);
    const meetings = input.activities.filter((a) => a.type === 'meeting');
    const held = newest(meetings.filter((m) => m.occurredAt >= since && m.occurredAt <= until));
    const next = soonest(meetings.filter((m) => m.occurredAt > until));
    if (held && next) {
      return { kind: 'stage', from: input.stage, to: 'evaluating', rule: 'rule:meeting-held-next-scheduled', reason: `meeting held on ${dayOf(held.occurredAt)} and another scheduled for ${dayOf(next.occurredAt)} → evaluating` };
    }
  }
  if (current < rank('engaged')) {
    const since = daysBefore(now, settings.status.engagedWithinDays);
    const recent = input.events.filter((e) => e.occurredAt >= since && e.occurredAt <= until);
    const request = newest(recent.filter((e) => e.kind === 'meeting_request'));
    if (request) return { kind: 'stage', from: input.stage, to: 'engaged', rule: 'rule:meeting-requested', reason: `meeting requested on ${dayOf(request.occurredAt)} → engaged` };
    const reply = newest(recent.filter((e): e is Extract<EventFact, { kind: 'reply' }> => e.kind === 'reply'));
    if (reply) return { kind: 'stage', from: input.stage, to: 'engaged', rule: 'rule:replied', reason: `reply by ${reply.data.channel} on ${dayOf(reply.occurredAt)} → engaged` };
  }
  return null;
}

function tierProposal(input: StatusInput, settings: IntelSettings, now: Date): StatusProposal | null {
  const { promoteSurge, promoteFit, promoteTier } = settings.status;
  if (input.tier !== null && input.tier <= promoteTier) return null;
  if (!input.icpFit || input.icpFit.score < promoteFit) return null;
  const oldestWeek = dayOf(daysBefore(now, settings.intent.freshDays));
  const surge = latestTopicScores(input.events)
    .filter((t) => t.score >= promoteSurge && t.week >= oldestWeek && t.occurredAt <= now.toISOString() && isOurTopic(t.topic, settings))
    .sort((a, b) => b.score - a.score || (a.topic < b.topic ? -1 : 1))[0];
  if (!surge) return null;
  return {
    kind: 'tier',
    from: input.tier === null ? null : String(input.tier),
    to: String(promoteTier),
    rule: 'rule:intent-surge-fit',
    reason: `surge ${Math.round(surge.score)} on ${surge.topic} and ICP fit ${input.icpFit.score} → Tier ${promoteTier}`,
  };
}

export function statusRules(input: StatusInput, settings: IntelSettings, now: Date): StatusDecision {
  const decision: StatusDecision = { changes: [], suggestions: [] };
  const stage = stageProposal(input, settings, now);
  if (stage) (isSetByHand(input.stageSetBy) ? decision.suggestions : decision.changes).push(stage);
  const tier = tierProposal(input, settings, now);
  if (tier) (isSetByHand(input.tierSetBy) ? decision.suggestions : decision.changes).push(tier);
  return decision;
}
