/**
 * "What changed since we last met" (issue 13): everything at an account since the last meeting
 * logged with it (new signals, stage and deal changes, new stakeholders, intent moves, job
 * changes), newest first, each with its reason, and two or three questions for the agenda from
 * those changes and the open deals' risks.
 *
 * Reads the account's persisted intelligence (its signals and open deals, server/briefs/parts.ts)
 * and four small indexed reads: the last meeting, the stage history, the deals' history and the
 * contacts added. The questions are pure (`questionsFor`).
 */
import { MAX_CHANGES, SINCE_DEFAULT_DAYS, type AccountChange, type ChangeKind, type SinceLastMeeting } from '../../shared/meetings.ts';
import type { DealView, Signal } from '../../shared/brief.ts';
import { briefPartsFor } from '../briefs/parts.ts';
import type { OpenedDatabase } from '../db/connect.ts';
import { knownAtOf } from '../intel/facts.ts';
import { dayOf } from '../intel/time.ts';

/** Signal kinds by the change they are; deal movement is read from the deals' history instead (one line each). */
const SIGNAL_CHANGE: Record<string, ChangeKind | null> = {
  intent_surge: 'intent',
  job_change: 'job',
  champion_left: 'job',
  departure: 'job',
  exec_hire: 'job',
  deal_stage_moved: null,
  close_date_slipped: null,
  deal_stalled: null,
};

const ROLE_WORDS: Record<string, string> = { decision_maker: 'decision maker', champion: 'champion', influencer: 'influencer', blocker: 'blocker', user: 'user' };

interface ChangeWithSource extends AccountChange {
  /** What the questions are drawn from (a signal's kind, `stage`, `deal:<field>`, `stakeholder`). */
  source: string;
  subject?: string;
}

/**
 * What changed at `accountId` (of `teamId`) since the last meeting logged before `before`;
 * null when the account is not the team's.
 */
export async function sinceLastMeeting(db: OpenedDatabase, teamId: string, accountId: string, before: Date, now: Date): Promise<SinceLastMeeting | null> {
  const parts = await briefPartsFor(db, teamId, { accountId }, now);
  if (!parts?.intel || parts.intel.account.id !== accountId) return null;
  const k = db.kysely;
  const until = before.toISOString();
  const last = await k
    .selectFrom('activities')
    .leftJoin('users', 'users.id', 'activities.user_id')
    .select(['activities.occurred_at', 'activities.subject', 'users.name'])
    .where('activities.team_id', '=', teamId)
    .where('activities.account_id', '=', accountId)
    .where('activities.type', '=', 'meeting')
    .where('activities.occurred_at', '<', until)
    .orderBy('activities.occurred_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  const since = last ? new Date(Date.parse(last.occurred_at)).toISOString() : new Date(before.getTime() - SINCE_DEFAULT_DAYS * 86_400_000).toISOString();
  const nowIso = now.toISOString();
  const after = (at: string) => at > since && at <= nowIso;

  const [stages, dealChanges, contacts] = await Promise.all([
    k.selectFrom('account_history').select(['kind', 'from_value', 'to_value', 'changed_at', 'reason'])
      .where('team_id', '=', teamId).where('account_id', '=', accountId).where('kind', '=', 'stage').where('changed_at', '>', since).execute(),
    k.selectFrom('deal_history').innerJoin('deals', (j) => j.onRef('deals.id', '=', 'deal_history.deal_id').onRef('deals.team_id', '=', 'deal_history.team_id'))
      .select(['deals.name', 'deal_history.field', 'deal_history.from_value', 'deal_history.to_value', 'deal_history.changed_at'])
      .where('deal_history.team_id', '=', teamId).where('deals.account_id', '=', accountId).where('deal_history.changed_at', '>', since).execute(),
    k.selectFrom('contacts').select(['name', 'title', 'buying_role', 'created_at'])
      .where('team_id', '=', teamId).where('account_id', '=', accountId).where('created_at', '>', since).execute(),
  ]);

  const changes: ChangeWithSource[] = [];
  for (const signal of parts.intel.signals) {
    const kind = Object.hasOwn(SIGNAL_CHANGE, signal.kind) ? SIGNAL_CHANGE[signal.kind] : 'signal';
    const at = knownAtOf(signal);
    if (kind && after(at) && signal.occurredAt <= nowIso) changes.push({ kind, at, reason: signal.reason, source: signal.kind });
  }
  for (const row of stages) {
    if (!after(row.changed_at)) continue;
    const why = row.reason ? ` (${row.reason})` : '';
    changes.push({ kind: 'stage', at: row.changed_at, reason: `Stage moved ${row.from_value ? `from ${row.from_value} ` : ''}to ${row.to_value}${why}`, source: 'stage', subject: row.to_value });
  }
  for (const row of dealChanges) {
    if (!after(row.changed_at)) continue;
    changes.push({ kind: 'deal', at: row.changed_at, reason: dealReason(row.name, row.field, row.from_value, row.to_value), source: `deal:${row.field}`, subject: row.name });
  }
  for (const row of contacts) {
    if (!after(row.created_at)) continue;
    const who = [row.title, row.buying_role ? ROLE_WORDS[row.buying_role] : undefined].filter(Boolean).join(', ');
    changes.push({ kind: 'stakeholder', at: row.created_at, reason: `New stakeholder: ${row.name}${who ? `, ${who}` : ''}`, source: 'stakeholder', subject: row.name });
  }
  changes.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
  const kept = changes.slice(0, MAX_CHANGES);
  return {
    accountId,
    lastMeeting: last ? { at: since, by: last.name ?? null, subject: last.subject ?? null } : null,
    since,
    changes: kept.map(({ kind, at, reason }) => ({ kind, at, reason })),
    questions: questionsFor(kept, parts.intel.openDeals, parts.intel.signals),
  };
}

function dealReason(name: string, field: string, from: string | null, to: string | null): string {
  switch (field) {
    case 'stage':
      return `"${name}" moved ${from ? `from ${from} ` : ''}to ${to ?? 'no stage'}`;
    case 'close_date':
      return `Close date of "${name}" ${from ? `moved from ${dayOf(from)} ` : 'set '}to ${to ? dayOf(to) : 'none'}`;
    case 'amount':
      return `Amount of "${name}" changed ${from ? `from ${from} ` : ''}to ${to ?? 'none'}`;
    default:
      return `Forecast of "${name}" changed ${from ? `from ${from} ` : ''}to ${to ?? 'none'}`;
  }
}

/**
 * Two or three questions or agenda points: the open deals' worst risks first (what could lose the
 * deal), then the newest changes, one question per kind of change; a quiet account still gets one.
 *
 * @example questionsFor([{ kind: 'stage', source: 'stage', subject: 'negotiating', … }], [], [])[0] // 'What moved you to negotiating, and what has to happen next?'
 */
export function questionsFor(changes: readonly ChangeWithSource[], deals: readonly DealView[], signals: readonly Signal[]): string[] {
  const out: string[] = [];
  const add = (q: string | undefined) => {
    if (q && !out.includes(q) && out.length < 3) out.push(q);
  };
  // The first open deal's most telling risk: a quiet account is said by the changes, not asked.
  const riskQuestion = deals
    .flatMap((deal) => deal.risks.map((risk) => riskQuestionOf(deal, risk)))
    .find((q): q is string => !!q);
  add(riskQuestion);
  const kinds = new Set<string>();
  for (const change of changes) {
    const question = questionOf(change, signals);
    if (!question || kinds.has(change.source)) continue;
    kinds.add(change.source);
    add(question);
  }
  if (out.length < 2) add('What has changed on your side since we last spoke?');
  if (out.length < 2) add('What would make this quarter a success for you?');
  return out;
}

function riskQuestionOf(deal: DealView, risk: DealView['risks'][number]): string | undefined {
  switch (risk.kind) {
    case 'champion_left':
      return `Who owns "${deal.name}" now that its champion has left?`;
    case 'close_date_passed':
    case 'close_date_slipped':
      return `Is there a firm date for "${deal.name}", and what is holding it?`;
    case 'stalled':
      return `What would it take to move "${deal.name}" past ${deal.stage}?`;
    case 'single_threaded':
      return `Who else should join the conversation on "${deal.name}"?`;
    case 'competitor_mentioned':
      return `${risk.reason}: where do we stand against them?`;
    case 'no_next_step':
      return `Agree the next step for "${deal.name}" before the call ends.`;
    default:
      return undefined;
  }
}

function questionOf(change: ChangeWithSource, signals: readonly Signal[]): string | undefined {
  switch (change.source) {
    case 'stage':
      return `What moved you to ${change.subject ?? 'this stage'}, and what has to happen next?`;
    case 'deal:stage':
      return `"${change.subject}" moved forward: who else needs to be involved now?`;
    case 'deal:close_date':
      return `Is the new close date for "${change.subject}" firm, and what drives it?`;
    case 'stakeholder':
      return `What role will ${change.subject} play in the decision?`;
    case 'intent_surge':
      return `${change.reason}: what is driving the interest?`;
    case 'pricing_visits':
    case 'trial_signup':
    case 'demo_request':
      return 'They are looking at pricing and trying the product: is budget set, and who signs off?';
    case 'competitor_added':
      return `${change.reason}: where does it fit, and what did it not solve?`;
    case 'funding':
      return 'How does the new funding change priorities and timeline?';
    case 'champion_left':
    case 'departure':
      return 'Who takes over from the people who left, and do they know us?';
    case 'job_change':
    case 'exec_hire':
      return 'A new person in a key role: what are their priorities, and can we meet them?';
    default:
      return signals.length > 0 && change.kind === 'signal' ? `${change.reason}: ask what is behind it.` : undefined;
  }
}
