/**
 * Signals, most urgent first: the priority class in words, why it fired, and what to do about it.
 */
import type { Signal } from '../../shared/brief.ts';
import { PRIORITY_LABELS } from '../../shared/priority.ts';
import { formatAge } from './format.ts';
import { PlayLine } from './PlayLine.tsx';
import { Section, type Fold } from './Section.tsx';

const PRIORITY_TONES = {
  1: 'bg-emerald-100 dark:bg-emerald-950 text-emerald-900 dark:text-emerald-200',
  2: 'bg-sky-100 dark:bg-sky-950 text-sky-900 dark:text-sky-200',
  3: 'bg-violet-100 dark:bg-violet-950 text-violet-900 dark:text-violet-200',
  4: 'bg-slate-100 dark:bg-slate-800 text-slate-700 dark:text-slate-300',
} as const;

/**
 * @example
 * <SignalsSection signals={brief.signals} now={now} />
 */
export function SignalsSection({ signals, now, fold }: { signals: Signal[]; now: Date; fold?: Fold }) {
  const ranked = [...signals].sort((a, b) => a.priority - b.priority || b.occurredAt.localeCompare(a.occurredAt));
  return (
    <Section title="Signals" count={signals.length} summary={ranked[0] ? PRIORITY_LABELS[ranked[0].priority] : undefined} {...fold}>
      {ranked.length === 0 ? (
        <p className="m-0 text-slate-500 dark:text-slate-400">No signals.</p>
      ) : (
        <ul className="m-0 flex list-none flex-col gap-[6px] p-0">
          {ranked.map((signal, i) => (
            <li key={`${signal.kind}-${signal.occurredAt}-${i}`}>
              <span className={`rounded-[3px] px-[4px] text-[11px] font-semibold ${PRIORITY_TONES[signal.priority]}`}>
                {PRIORITY_LABELS[signal.priority]}
              </span>
              <span className="ml-[4px] text-[11px] text-slate-500 dark:text-slate-400">{formatAge(signal.occurredAt, now)}</span>
              <p className="m-0">{signal.reason}</p>
              <PlayLine play={signal.action} />
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}
