/**
 * The daily digest's rules, pure: the rep's accounts' intelligence, what they did with earlier
 * signals, the settings and the clock in; the ranked, bounded lines and the day's tasks out.
 * - A line is a signal of class 1-3 that became known after `since` (its `knownAt`: the import
 *   or delivery that brought it) and has happened by now. Not its `occurredAt`: a weekly intent
 *   score is dated its Monday and a funding round may be reported days late, and either would
 *   otherwise fall before the previous digest and never be shown. Class 4 waits in the review
 *   queue, and a dismissed signal never comes back.
 * - The first `alerts.dailyBudget` new lines are the day's alerts; the rest wait in the digest.
 * - Tasks: two or three, one per account, from the most urgent lines, then deals at risk, then
 *   Tier 1 accounts gone quiet, so a quiet day still ends in something to do.
 *
 * @example
 * const body = digestOf(accounts, new Map(), DEFAULT_SETTINGS, '2026-11-22T09:00:00.000Z', now);
 * body.tasks.length // 2 or 3 when the rep has accounts with anything to act on
 */
import type { Signal } from '../../shared/brief.ts';
import type { DigestLine, DigestTask, SignalState } from '../../shared/digest.ts';
import type { ReviewAccount } from '../../shared/review.ts';
import { knownAtOf } from './facts.ts';
import { rankSignals } from './priorities.ts';
import { dealAtRiskItems, dormantItem, playText, type ReviewInput } from './review.ts';
import type { IntelSettings } from './settings.ts';

export interface DigestBody {
  lines: DigestLine[];
  omitted: number;
  tasks: DigestTask[];
  alertBudget: number;
  alerts: number;
  readingMinutes: number;
}

const MAX_TASKS = 3;
const WORDS_PER_MINUTE = 200;

/** A signal's identity across digests and briefs: what happened, where, to whom, when. */
export const signalKey = (s: Pick<Signal, 'kind' | 'accountId' | 'contactId' | 'occurredAt'>) =>
  `${s.kind}:${s.accountId}:${s.contactId ?? '-'}:${s.occurredAt}`;

const accountOf = ({ account }: ReviewInput): ReviewAccount => ({
  id: account.id,
  name: account.name,
  tier: account.tier,
  stage: account.stage,
  owner: account.owner,
});

const words = (text: string) => text.split(/\s+/).filter(Boolean).length;

export function digestOf(
  accounts: readonly ReviewInput[],
  states: ReadonlyMap<string, SignalState>,
  settings: IntelSettings,
  since: string,
  now: Date,
): DigestBody {
  const nowIso = now.toISOString();
  const byAccount = new Map(accounts.map((a) => [a.account.id, a]));
  const fresh = accounts.flatMap((a) =>
    a.signals.filter(
      (s) => s.priority <= 3 && knownAtOf(s) > since && knownAtOf(s) <= nowIso && s.occurredAt <= nowIso && states.get(signalKey(s)) !== 'dismissed',
    ),
  );
  const ranked = rankSignals(fresh, { limit: Number.MAX_SAFE_INTEGER });
  const kept = ranked.slice(0, settings.digest.maxLines);
  let alerts = 0;
  const lines: DigestLine[] = kept.map((s) => {
    const key = signalKey(s);
    const state = states.get(key) ?? 'new';
    const alert = state === 'new' && alerts < settings.alerts.dailyBudget;
    if (alert) alerts++;
    return {
      key,
      kind: s.kind,
      priority: s.priority,
      account: accountOf(byAccount.get(s.accountId)!),
      contactId: s.contactId,
      reason: s.reason,
      action: s.action,
      occurredAt: s.occurredAt,
      alert,
      state,
    };
  });
  const tasks = tasksOf(lines, accounts, settings, now);
  const text = [...lines.map((l) => `${l.account.name} ${l.reason} ${l.action.text}`), ...tasks.map((t) => t.text)].join(' ');
  return {
    lines,
    omitted: ranked.length - kept.length,
    tasks,
    alertBudget: settings.alerts.dailyBudget,
    alerts,
    readingMinutes: Math.ceil(words(text) / WORDS_PER_MINUTE),
  };
}

/** Two or three tasks, one per account: urgent lines first, then deals at risk, then quiet Tier 1 accounts. */
function tasksOf(lines: readonly DigestLine[], accounts: readonly ReviewInput[], settings: IntelSettings, now: Date): DigestTask[] {
  const tasks: DigestTask[] = [];
  const taken = new Set<string>();
  const add = (task: DigestTask) => {
    if (tasks.length >= MAX_TASKS || taken.has(task.account.id)) return;
    taken.add(task.account.id);
    tasks.push(task);
  };
  const phrase = (name: string, play: DigestTask['action']) => `${name}: ${playText(play)}`;
  for (const line of lines) {
    if (line.state === 'acted') continue;
    add({ text: phrase(line.account.name, line.action), reason: line.reason, action: line.action, account: line.account, signalKey: line.key });
  }
  const atRisk = accounts.flatMap((a) => dealAtRiskItems(a, settings)).sort((a, b) => (a.at ?? '9999').localeCompare(b.at ?? '9999'));
  for (const item of atRisk) add({ text: phrase(item.account.name, item.suggestedAction), reason: item.reason, action: item.suggestedAction, account: item.account, signalKey: null });
  const quiet = accounts
    .map((a) => dormantItem(a, settings, now))
    .filter((i) => i !== null)
    .sort((a, b) => (a.at ?? '').localeCompare(b.at ?? ''));
  for (const item of quiet) add({ text: phrase(item.account.name, item.suggestedAction), reason: item.reason, action: item.suggestedAction, account: item.account, signalKey: null });
  return tasks;
}
