/**
 * The daily digest as the rep reads it: today's tasks first, then the lines grouped by priority
 * class, each with its reason, the recommended action, and Done / Dismiss. A dismissed line leaves
 * the list; a done one stays, marked. All CRM strings render as text.
 */
import { expiredText } from './OpenedBrief.tsx';
import type { PriorityClass } from '../../../shared/brief.ts';
import { PRIORITY_LABELS } from '../../../shared/priority.ts';
import type { DigestLine, DigestTask } from '../../../shared/digest.ts';
import type { DatedDigest, ProblemInfo } from '../../core/protocol.ts';
import { BUTTON } from '../buttons.ts';
import { formatAge } from '../format.ts';
import { AsOfLine } from './AsOfLine.tsx';
import { LIST, ListGroup } from './ListGroup.tsx';

export type LineDecision = 'acted' | 'dismissed';

export interface DigestViewProps {
  dated: DatedDigest | null;
  /** Why the latest read failed, when it did (shown above what is still known). */
  problem: ProblemInfo | null;
  now: Date;
  /** Lines whose Done or Dismiss is on its way, shown disabled. */
  busy?: ReadonlySet<string>;
  onDecide: (key: string, state: LineDecision) => void;
}

const CLASSES: PriorityClass[] = [1, 2, 3];

/**
 * @example
 * <DigestView dated={answer.value.dated} problem={null} now={new Date()} onDecide={(key, state) => send('setSignalState', { key, state })} />
 */
export function DigestView({ dated, problem, now, busy, onDecide }: DigestViewProps) {
  if (!dated) return <p className="m-0 text-slate-500 dark:text-slate-400">{problem ? problemText(problem) : 'Loading today’s digest…'}</p>;
  const { digest, asOf, source } = dated;
  const lines = digest.lines.filter((l) => l.state !== 'dismissed');
  return (
    <div className="flex flex-col gap-[8px]" data-list="digest">
      <AsOfLine asOf={asOf} source={source} now={now} />
      {problem ? <p className="m-0 text-rose-700 dark:text-rose-300" role="alert">{problemText(problem)}</p> : null}
      <TaskList tasks={digest.tasks} />
      {lines.length === 0 ? <p className="m-0 text-slate-500 dark:text-slate-400">{`Nothing new on your accounts since ${formatAge(digest.since, now) ?? digest.since}.`}</p> : null}
      {CLASSES.map((priority) => {
        const group = lines.filter((l) => l.priority === priority);
        return group.length > 0 ? (
          <ListGroup key={priority} title={PRIORITY_LABELS[priority]} count={group.length}>
            {group.map((line) => (
              <DigestRow key={line.key} line={line} now={now} busy={busy?.has(line.key) ?? false} onDecide={onDecide} />
            ))}
          </ListGroup>
        ) : null;
      })}
      {digest.omitted > 0 ? <p className="m-0 text-[12px] leading-[16px] text-slate-500 dark:text-slate-400">{`${digest.omitted} less urgent ${digest.omitted === 1 ? 'line' : 'lines'} left out to keep it short.`}</p> : null}
    </div>
  );
}

function TaskList({ tasks }: { tasks: DigestTask[] }) {
  return (
    <section aria-label="Today’s tasks">
      <h3 className="m-0 mb-[4px] text-[12px] leading-[16px] font-semibold uppercase tracking-[0.5px] text-slate-600 dark:text-slate-300">Today’s tasks</h3>
      {tasks.length === 0 ? (
        <p className="m-0 text-slate-500 dark:text-slate-400">No tasks for today.</p>
      ) : (
        <ol className={`${LIST} list-decimal`}>
          {tasks.map((task) => (
            <li key={`${task.account.id} ${task.signalKey ?? ''}`} className="ml-[18px] rounded-[4px] bg-white dark:bg-slate-900 px-[6px] py-[3px]" data-task>
              <span className="block font-medium text-slate-900 dark:text-slate-100">{task.text}</span>
              <span className="block text-[12px] leading-[16px] text-slate-600 dark:text-slate-300">{task.reason}</span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

function DigestRow({ line, now, busy, onDecide }: { line: DigestLine; now: Date; busy: boolean; onDecide: (key: string, state: LineDecision) => void }) {
  const done = line.state === 'acted';
  const what = `${line.account.name}: ${line.reason}`;
  return (
    <li className="rounded-[4px] bg-white dark:bg-slate-900 px-[6px] py-[3px]" data-digest-line={line.state} data-alert={line.alert ? 'true' : undefined}>
      <div className="flex items-baseline gap-[6px]">
        <span className="min-w-0 flex-1">
          <span className="font-medium text-slate-900 dark:text-slate-100">{line.account.name}</span>
          {line.alert ? <span className="ml-[4px] rounded-[3px] bg-rose-100 dark:bg-rose-950 px-[4px] text-[11px] font-semibold text-rose-800 dark:text-rose-300">Alert</span> : null}
        </span>
        <span className="shrink-0 text-[12px] leading-[16px] text-slate-500 dark:text-slate-400">{formatAge(line.occurredAt, now)}</span>
      </div>
      <p className="m-0 text-slate-800 dark:text-slate-200">{line.reason}</p>
      <p className="m-0 text-[12px] leading-[16px] text-slate-600 dark:text-slate-300">{`→ ${line.action.text} (${line.action.channel}, ${line.action.who})`}</p>
      {done ? (
        <p className="m-0 text-[12px] leading-[16px] text-emerald-700 dark:text-emerald-300">Done</p>
      ) : (
        <div className="mt-[2px] flex gap-[6px]">
          <button type="button" className={BUTTON} disabled={busy} aria-label={`Done: ${what}`} onClick={() => onDecide(line.key, 'acted')}>
            Done
          </button>
          <button type="button" className={BUTTON} disabled={busy} aria-label={`Dismiss: ${what}`} onClick={() => onDecide(line.key, 'dismissed')}>
            Dismiss
          </button>
        </div>
      )}
    </li>
  );
}

/** A failed read in words a rep can act on. */
export function problemText(problem: ProblemInfo): string {
  if (problem.kind === 'not_connected') return 'Connect to a server in the settings to see your digest.';
  if (problem.kind === 'offline') return 'The server could not be reached.';
  if (problem.kind === 'unauthorized') return 'The token was refused: open the settings and paste a new token.';
  if (problem.kind === 'token_expired') return expiredText(problem.expiredAt);
  return problem.message;
}
