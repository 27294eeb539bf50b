/**
 * Talking points for an email (issue 12's compose card): two or three lines a rep may insert in
 * the body, each from one of the account's current signals (already ranked by the intel rules,
 * server/intel/priorities.ts) or its open deals' worst risk, each with that signal's reason. Pure.
 *
 * The line itself is plain, generic text (it goes into an email to the customer): the specifics
 * (who was hired, how many pricing visits, which topic) are the reason the rep reads, not words
 * put in the customer's inbox; a signal of a kind with no line here gives no point.
 */
import type { DealView, Signal } from '../../shared/brief.ts';
import type { TalkingPoint } from '../../shared/compose.ts';

/** The most points a card shows. */
export const MAX_TALKING_POINTS = 3;

/** One line per signal kind worth raising with the customer; the account's name where it helps. */
const LINES: Record<string, (account: string) => string> = {
  exec_hire: (account) => `Congratulations on the new leadership hire at ${account}: happy to help them hit the ground running.`,
  funding: (account) => `Congratulations on the funding round; an exciting time for ${account}.`,
  pricing_visits: (account) => `Happy to walk you through pricing and which plan fits ${account} best.`,
  demo_request: () => 'Glad to set up the demo you asked about: which times work for you this week?',
  trial_signup: () => 'I saw your team started a trial: happy to help you get the most out of it.',
  intent_surge: () => 'Several teams like yours are looking into this right now; happy to share what we have seen work.',
  acquisition: (account) => `Congratulations on the acquisition news at ${account}.`,
  job_change: () => 'Congratulations on the new role!',
  meeting_request: () => 'Thanks for reaching out about a meeting: which times work for you?',
};

/** Deal risks worth a line: the rep asks, the customer answers. */
const RISK_LINE = (deal: DealView) => `Quick check on ${deal.name}: is there anything holding things up on your side?`;
const RISKS_WORTH_ASKING = new Set(['close_date_passed', 'stalled', 'no_recent_activity', 'close_date_slipped', 'no_next_step']);

/**
 * Up to three points for `accountName`: the highest-ranked signals with a line, and the first open
 * deal's most telling risk when one is worth asking about (it takes the third place).
 *
 * @example talkingPoints('Initech', signals, deals) // [{ kind: 'exec_hire', text: 'Congratulations on …', reason: 'New VP Sales Dana Reyes hired 2 days ago' }, …]
 */
export function talkingPoints(accountName: string, signals: readonly Signal[], openDeals: readonly DealView[]): TalkingPoint[] {
  const fromSignals: TalkingPoint[] = [];
  const kinds = new Set<string>();
  for (const signal of signals) {
    const line = LINES[signal.kind];
    // One point per kind: three pricing-visit signals are one thing to say.
    if (!line || kinds.has(signal.kind)) continue;
    kinds.add(signal.kind);
    fromSignals.push({ kind: signal.kind, text: line(accountName), reason: signal.reason });
  }
  const risky = openDeals.flatMap((deal) => deal.risks.filter((risk) => RISKS_WORTH_ASKING.has(risk.kind)).map((risk) => ({ deal, risk })))[0];
  const fromRisk: TalkingPoint[] = risky ? [{ kind: 'deal_risk', text: RISK_LINE(risky.deal), reason: `${risky.deal.name}: ${risky.risk.reason}` }] : [];
  return [...fromSignals.slice(0, MAX_TALKING_POINTS - fromRisk.length), ...fromRisk];
}
