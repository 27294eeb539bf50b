/**
 * The play library: for each signal or risk kind, the recommended action (what to do, on which
 * channel, whom to reach by role). Intelligence without an action prompt changes no behaviour, so
 * every signal gets one. Admins override any play in settings (`plays.<kind>`); the defaults are
 * here. A play is a template until address.ts names the person (or says how to find one): `{who}`
 * in its text becomes that person.
 *
 * @example
 * playFor('pricing_visits', DEFAULT_SETTINGS)
 * // { text: 'Call {who} today; reference the pricing evaluation …', channel: 'call', who: 'Champion' }
 */
import type { PlayTemplate as Play } from '../../shared/brief.ts';
import type { SignalKind } from './priorities.ts';
import type { IntelSettings } from './settings.ts';

export type RiskKind =
  | 'stalled'
  | 'no_next_step'
  | 'no_recent_activity'
  | 'single_threaded'
  | 'competitor_mentioned'
  | 'champion_left'
  | 'close_date_slipped'
  | 'close_date_passed';

/** `who` is whom to reach, by role; address.ts turns it into a person of the account. */
export const DEFAULT_PLAYS: Record<SignalKind | RiskKind, Play> = {
  pricing_visits: { text: 'Call {who} today; reference the pricing evaluation and offer a tailored quote', channel: 'call', who: 'Champion' },
  demo_request: { text: 'Follow up with {who} within the hour and offer two demo slots', channel: 'call', who: 'Visitor' },
  trial_signup: { text: 'Offer {who} onboarding help; ask what a successful trial looks like', channel: 'email', who: 'Trial user' },
  reply: { text: 'Answer {who} today and propose a meeting with a concrete agenda', channel: 'email', who: 'Replier' },
  meeting_request: { text: 'Confirm the meeting with {who} and send an agenda; invite a second stakeholder', channel: 'email', who: 'Requester' },
  meeting_scheduled: { text: 'Prepare: review stakeholders, open deals and recent signals; confirm the agenda with {who}', channel: 'meeting', who: 'Attendees' },
  funding: { text: 'Congratulate {who} and connect the round to their growth plans; ask what it funds', channel: 'email', who: 'Economic buyer' },
  exec_hire: { text: 'Reach {who} in their first 90 days with a point of view on their priorities', channel: 'linkedin', who: 'New executive' },
  champion_left: { text: 'Ask {who} who now owns the project and rebuild the relationship; follow the old champion to their new company', channel: 'call', who: 'Economic buyer' },
  job_change: { text: 'Confirm the move with {who}; if they joined a new company, open a conversation there and find the successor here', channel: 'linkedin', who: 'Contact' },
  competitor_added: { text: 'Position against the competitor with {who}; ask what drove the choice and where it falls short', channel: 'call', who: 'Champion' },
  competitor_dropped: { text: 'Reach {who} now: they dropped a competitor and are likely choosing a replacement', channel: 'call', who: 'Decision maker' },
  acquisition: { text: 'Ask {who} how the acquisition changes their plans and who decides now', channel: 'email', who: 'Champion' },
  intent_surge: { text: 'Send {who} content on the surging topic and ask for a short call', channel: 'email', who: 'Decision maker' },
  site_engagement: { text: 'Review which pages they read and decide whether to reach out', channel: 'task', who: 'Account owner' },
  tech_added: { text: 'Check whether the new tool changes the fit or opens an integration angle', channel: 'task', who: 'Account owner' },
  tech_removed: { text: 'Check whether the removal opens a gap we fill', channel: 'task', who: 'Account owner' },
  departure: { text: 'Update the stakeholder map and check whether the leaver touched our deal', channel: 'task', who: 'Account owner' },
  news: { text: 'Read the news and use it as a reason to reach out if relevant', channel: 'task', who: 'Account owner' },
  deal_stage_moved: { text: 'Confirm the next step that goes with the new stage', channel: 'task', who: 'Deal owner' },
  close_date_slipped: { text: 'Re-qualify the timeline with {who}: ask what changed and what the new decision date depends on', channel: 'call', who: 'Champion' },
  close_date_passed: { text: 'Update the close date after asking {who} where the decision stands', channel: 'call', who: 'Champion' },
  deal_stalled: { text: 'Agree a dated next step with {who} or re-qualify the deal', channel: 'call', who: 'Champion' },
  stalled: { text: 'Agree a dated next step with {who} or re-qualify the deal', channel: 'call', who: 'Champion' },
  no_next_step: { text: 'Record a next step with a date and an owner', channel: 'task', who: 'Deal owner' },
  no_recent_activity: { text: 'Re-engage {who} with a relevant reason to talk (a signal, news, a customer story)', channel: 'email', who: 'Champion' },
  single_threaded: { text: 'Multi-thread: ask {who} to introduce the economic buyer and one more stakeholder', channel: 'email', who: 'Champion' },
  competitor_mentioned: { text: 'Arm {who} with a comparison and a customer reference', channel: 'email', who: 'Champion' },
};

/**
 * What to do instead of a play that asks the champion for something (a call, an intro, a
 * reference) when the account's champion has left and no other remains: go to whoever decides,
 * and find the project's new owner. Keyed by kind; an admin's play addressed to the champion with
 * no entry here gets the general one.
 */
export const WITHOUT_CHAMPION: Partial<Record<SignalKind | RiskKind, Play>> = {
  pricing_visits: { text: 'Call {who} today: the champion has left; reference the pricing evaluation and ask who now leads it', channel: 'call', who: 'Economic buyer' },
  competitor_added: { text: 'Ask {who} what drove the choice and where it falls short; find who replaces the champion', channel: 'call', who: 'Decision maker' },
  acquisition: { text: 'Ask {who} how the acquisition changes their plans and who decides now', channel: 'email', who: 'Economic buyer' },
  close_date_slipped: { text: 'Re-qualify the timeline with {who}: the champion has left; ask who now owns the decision', channel: 'call', who: 'Economic buyer' },
  close_date_passed: { text: 'Ask {who} where the decision stands now the champion has left, then update the close date', channel: 'call', who: 'Economic buyer' },
  deal_stalled: { text: 'Ask {who} who now owns the project and agree a dated next step with them, or re-qualify the deal', channel: 'call', who: 'Economic buyer' },
  stalled: { text: 'Ask {who} who now owns the project and agree a dated next step with them, or re-qualify the deal', channel: 'call', who: 'Economic buyer' },
  no_recent_activity: { text: 'Re-engage {who} with a relevant reason to talk, and find a new champion', channel: 'email', who: 'Economic buyer' },
  single_threaded: { text: 'Multi-thread: reach {who} directly and find a new champion', channel: 'email', who: 'Economic buyer' },
  competitor_mentioned: { text: 'Ask {who} who could champion us now, and arm them with a comparison and a customer reference', channel: 'email', who: 'Economic buyer' },
};

const REBUILD_PLAY: Play = DEFAULT_PLAYS.champion_left;

/** Fallback for a kind with no play (a newer rule, a custom kind): still an action, never none. */
const REVIEW_PLAY: Play = { text: 'Review this and decide whether to act', channel: 'task', who: 'Account owner' };

export interface PlayContext {
  /** The account's champion has left and no other remains (signals-org.ts `championGone`). */
  championGone?: boolean;
}

/**
 * The play for a kind: the admin's override if any, else the default, still a template (address.ts names the person).
 * A play addressed to the champion is never offered once the champion has gone: its
 * `WITHOUT_CHAMPION` counterpart is (the admin's override of that, `plays["<kind>:without_champion"]`, wins).
 */
export function playFor(kind: string, settings: IntelSettings, context: PlayContext = {}): Play {
  const play = settings.plays[kind] ?? (DEFAULT_PLAYS as Record<string, Play>)[kind] ?? REVIEW_PLAY;
  if (context.championGone && play.who.trim().toLowerCase() === 'champion') {
    return settings.plays[`${kind}:without_champion`] ?? (WITHOUT_CHAMPION as Record<string, Play>)[kind] ?? REBUILD_PLAY;
  }
  return play;
}
