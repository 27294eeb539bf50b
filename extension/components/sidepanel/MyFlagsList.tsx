/**
 * "My flags": what the rep said was wrong and what became of it ("Open", "Accepted: CTO — updated",
 * "Declined — the profile is stale"), newest first, as text. The list is one tab stop so a keyboard
 * user reaches the outcomes without a pointer.
 */
import type { Flag } from '../../../shared/flag.ts';
import type { ProblemInfo } from '../../core/protocol.ts';
import { humanize } from '../format.ts';
import { problemText } from './DigestView.tsx';
import { LIST } from './ListGroup.tsx';

export interface MyFlagsListProps {
  /** Null until the first answer. */
  flags: Flag[] | null;
  problem: ProblemInfo | null;
}

/** A flag's outcome in words. */
export function flagOutcome(flag: Pick<Flag, 'status' | 'resolution'>): string {
  const note = flag.resolution?.note ? ` — ${flag.resolution.note}` : '';
  switch (flag.status) {
    case 'open':
      return 'Open';
    case 'resolved':
      return `Accepted${flag.resolution?.value ? `: ${flag.resolution.value}` : ''}${note}`;
    case 'rejected':
      return `Declined${note}`;
  }
}

/**
 * @example <MyFlagsList flags={answer.value.flags} problem={null} />
 */
export function MyFlagsList({ flags, problem }: MyFlagsListProps) {
  if (!flags) return <p className="m-0 text-slate-500 dark:text-slate-400">{problem ? problemText(problem) : 'Loading your flags…'}</p>;
  return (
    <div className="flex flex-col gap-[6px]" data-list="my-flags">
      {problem ? <p className="m-0 text-rose-700 dark:text-rose-300" role="alert">{problemText(problem)}</p> : null}
      {flags.length === 0 ? <p className="m-0 text-slate-500 dark:text-slate-400">You have not flagged anything.</p> : null}
      <ul className={LIST} tabIndex={0} aria-label="Your flags and their outcomes">
        {flags.map((flag) => (
          <li key={flag.id} className="rounded-[4px] bg-white dark:bg-slate-900 px-[6px] py-[3px] text-slate-800 dark:text-slate-200" data-flag-status={flag.status}>
            <span className="font-semibold">{`${humanize(flag.entity)} · ${flag.field}`}</span>
            <span className="block text-slate-600 dark:text-slate-300">{`“${flag.problem}”${flag.suggestedValue ? ` (suggested: ${flag.suggestedValue})` : ''}`}</span>
            <span className="block" data-flag-outcome>
              {flagOutcome(flag)}
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}
