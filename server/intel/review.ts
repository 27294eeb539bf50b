/**
 * The review queue's rules: which of an account's facts belong in the weekly review, and the line
 * a rep reads for each. Pure: an account's computed intelligence, the settings and the clock in,
 * review items out. The handbook's sentence for a dormant Tier 1 account is kept word for word:
 * "No activity on <account> in the past 14 days. Last touchpoint: <date, type>. Intent status:
 * <current>. Suggested action: <play>."
 *
 * @example
 * dormantItem(intel, DEFAULT_SETTINGS, now)?.text
 * // 'No activity on Acme in the past 14 days. Last touchpoint: 2026-10-30, meeting by Dana Reyes. Intent status: …'
 */
import type { AccountView, DealView, Intent, Play, Signal, Touch } from '../../shared/brief.ts';
import type { ReviewAccount, ReviewItem } from '../../shared/review.ts';
import { addressPlay, type Cast } from './address.ts';
import { playFor } from './plays.ts';
import type { IntelSettings } from './settings.ts';
import type { StatusProposal } from './status.ts';
import { dayOf, daysBefore, daysBetween, plural } from './time.ts';

/** What the rules read of an account's intelligence (server/briefs/account-intel.ts has it all). */
export interface ReviewInput {
  /** What the status rules would change but may not (the value was set by hand). */
  status?: { suggestions: readonly StatusProposal[] };
  account: Pick<AccountView, 'id' | 'name' | 'tier' | 'stage' | 'owner' | 'history'>;
  lastTouch: Touch | null;
  intent: Intent;
  /** Ranked, most urgent first. */
  signals: readonly Signal[];
  openDeals: readonly DealView[];
  /** The account's champion has left and none remains: no suggested play asks the champion. */
  championGone?: boolean;
  /** Who is who at the account: whom the plays picked here are addressed to (absent: nobody but the owner). */
  cast?: Cast;
}

/** The account's cast, or one with only its owner when the input has none. */
const castOf = (input: ReviewInput): Cast => input.cast ?? { accountName: input.account.name, owner: input.account.owner, people: [] };

/** A kind's play addressed to the account's people. */
const addressedPlay = (input: ReviewInput, kind: string, settings: IntelSettings, dealOwner: Cast['owner'] = null): Play =>
  addressPlay(playFor(kind, settings, { championGone: input.championGone ?? false }), castOf(input), null, dealOwner);

const reviewAccount = ({ account }: ReviewInput): ReviewAccount => ({
  id: account.id,
  name: account.name,
  tier: account.tier,
  stage: account.stage,
  owner: account.owner,
});

/** "2026-10-30, meeting by Dana Reyes", or "none recorded". */
export function touchText(touch: Touch | null): string {
  if (!touch) return 'none recorded';
  const type = touch.type.replace(/_/g, ' ');
  return `${dayOf(touch.at)}, ${type}${touch.by ? ` by ${touch.by}` : ''}`;
}

/**
 * The account's intent in a few words: surging topics first (score at or above the threshold),
 * else the strongest current topic, plus first-party visits in the last 30 days.
 */
export function intentStatus(intent: Intent, settings: IntelSettings): string {
  const parts: string[] = [];
  const surging = intent.topics.filter((t) => t.score >= settings.intent.surgeThreshold);
  const topic = (t: Intent['topics'][number]) => `${t.topic} (${Math.round(t.score)}, ${t.trend})`;
  if (surging.length > 0) parts.push(`surging on ${surging.slice(0, 2).map(topic).join(' and ')}`);
  else if (intent.topics[0]) parts.push(`researching ${topic(intent.topics[0])}, under the surge threshold of ${settings.intent.surgeThreshold}`);
  const { visits30d, pricing30d } = intent.firstParty;
  if (visits30d > 0) parts.push(`${visits30d} site visit${visits30d === 1 ? '' : 's'} in 30 days${pricing30d > 0 ? ` (${pricing30d} on pricing)` : ''}`);
  return parts.length > 0 ? parts.join('; ') : 'none';
}

/** The play for the account's most urgent current signal, else the re-engagement play. */
export function suggestedPlay(input: ReviewInput, settings: IntelSettings): Play {
  return input.signals[0]?.action ?? addressedPlay(input, 'no_recent_activity', settings);
}

/** The play as a line reads it: the person is in the text, or said after it when the play needs someone found. */
export const playText = (play: Play) => (play.target?.kind === 'find' ? `${play.text} (${play.channel}; ${play.target.how})` : `${play.text} (${play.channel}, ${play.who})`);

/** Whether the account has had no activity for the dormancy window at `now`. */
export function isDormant(lastTouch: Touch | null, settings: IntelSettings, now: Date): boolean {
  return !lastTouch || lastTouch.at < daysBefore(now, settings.review.dormantDays);
}

/** A review item for an account of a reviewed tier that went dark; null when it did not. */
export function dormantItem(input: ReviewInput, settings: IntelSettings, now: Date): ReviewItem | null {
  const { account, lastTouch } = input;
  if (account.tier === null || !settings.review.tiers.includes(account.tier)) return null;
  if (!isDormant(lastTouch, settings, now)) return null;
  const days = settings.review.dormantDays;
  const status = intentStatus(input.intent, settings);
  const play = suggestedPlay(input, settings);
  const quiet = lastTouch ? daysBetween(lastTouch.at, now) : null;
  return {
    kind: 'dormant_account',
    account: reviewAccount(input),
    text: `No activity on ${account.name} in the past ${plural(days, 'day')}. Last touchpoint: ${touchText(lastTouch)}. Intent status: ${status}. Suggested action: ${playText(play)}.`,
    reason: quiet === null ? `Tier ${account.tier} account with no recorded activity` : `Tier ${account.tier} account quiet for ${plural(quiet, 'day')}`,
    lastTouch,
    intentStatus: status,
    suggestedAction: play,
    at: lastTouch?.at ?? null,
  };
}

/** The account's class-4 signals ("for review"): never alerts, so the queue is where they are seen. */
export function reviewSignalItems(input: ReviewInput, settings: IntelSettings): ReviewItem[] {
  const status = intentStatus(input.intent, settings);
  return input.signals
    .filter((s) => s.priority === 4)
    .map((s) => ({
      kind: 'review_signal' as const,
      account: reviewAccount(input),
      text: `${input.account.name}: ${s.reason}. Suggested action: ${playText(s.action)}.`,
      reason: s.reason,
      lastTouch: input.lastTouch,
      intentStatus: status,
      suggestedAction: s.action,
      at: s.occurredAt,
    }));
}

/** Manager view: the account's stage changes within the window, newest first. */
export function stageMovedItems(input: ReviewInput, settings: IntelSettings, now: Date): ReviewItem[] {
  const since = daysBefore(now, settings.review.stageMovedDays);
  const status = intentStatus(input.intent, settings);
  return input.account.history
    .filter((h) => h.kind === 'stage' && h.at >= since)
    .sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0))
    .map((h) => {
      const move = `${h.from ?? 'none'} → ${h.to}`;
      const play = suggestedPlay(input, settings);
      return {
        kind: 'stage_moved' as const,
        account: reviewAccount(input),
        text: `${input.account.name} moved ${move} on ${dayOf(h.at)}${h.reason ? ` (${h.reason})` : ''}, by ${h.by}. Suggested action: ${playText(play)}.`,
        reason: `Stage moved ${move}${h.reason ? `: ${h.reason}` : ''}`,
        lastTouch: input.lastTouch,
        intentStatus: status,
        suggestedAction: play,
        at: h.at,
      };
    });
}

/** Manager view: every open deal with at least one risk; the action answers its first risk. */
export function dealAtRiskItems(input: ReviewInput, settings: IntelSettings): ReviewItem[] {
  const status = intentStatus(input.intent, settings);
  return input.openDeals
    .filter((d) => d.risks.length > 0)
    .map((d) => {
      const play = addressedPlay(input, d.risks[0]!.kind, settings, d.owner);
      return {
        kind: 'deal_at_risk' as const,
        account: reviewAccount(input),
        text: `${d.name} (${d.stage}) at risk: ${d.risks.map((r) => r.reason).join('; ')}. Suggested action: ${playText(play)}.`,
        reason: d.risks.map((r) => r.reason).join('; '),
        lastTouch: input.lastTouch,
        intentStatus: status,
        suggestedAction: play,
        at: d.closeDate,
        deal: { id: d.id, name: d.name, risks: d.risks },
      };
    });
}

/**
 * A stage or tier the rules would set but a person set the current one: never overwritten
 * silently, so the owner decides here.
 */
export function statusSuggestionItems(input: ReviewInput, settings: IntelSettings, now: Date): ReviewItem[] {
  const status = intentStatus(input.intent, settings);
  return (input.status?.suggestions ?? []).map((s) => {
    const what = s.kind === 'tier' ? `Tier ${s.from ?? 'none'} → Tier ${s.to}` : `${s.from ?? 'none'} → ${s.to}`;
    const play = addressPlay({ text: `Confirm or decline the ${s.kind} change in the CRM`, channel: 'task', who: 'Account owner' }, castOf(input), null);
    return {
      kind: 'status_suggestion' as const,
      account: reviewAccount(input),
      text: `${input.account.name}: the rules suggest ${s.kind} ${what} (${s.reason}); the current ${s.kind} was set by hand, so it is not changed. Suggested action: ${playText(play)}.`,
      reason: s.reason,
      lastTouch: input.lastTouch,
      intentStatus: status,
      suggestedAction: play,
      at: now.toISOString(),
    };
  });
}
