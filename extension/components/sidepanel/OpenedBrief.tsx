/**
 * One brief opened from the side panel (a search result or a recent one): the same Panel the
 * LinkedIn page shows, with its "as of", or why there is none, and a way back to the lists.
 */
import type { Brief } from '../../../shared/brief.ts';
import type { ProblemInfo } from '../../core/protocol.ts';
import { Panel } from '../Panel.tsx';
import { BUTTON } from '../buttons.ts';
import { formatDay } from '../connection-words.ts';

/** What the opened brief shows; `label` names it while nothing else can. */
export type OpenedBriefState =
  | { status: 'loading'; label: string }
  | { status: 'brief'; label: string; brief: Brief; asOf: string; offline: boolean }
  /** The server knows no one for this ref (erased since, or merged away). */
  | { status: 'gone'; label: string }
  | { status: 'problem'; label: string; problem: ProblemInfo };

const PROBLEM_TEXT: Partial<Record<ProblemInfo['kind'], string>> = {
  not_connected: 'Signalhouse is not connected: open the settings to connect.',
  unauthorized: 'The token was refused: open the settings and paste a new token.',

  offline: 'The server is unreachable and nothing is cached for this record.',
};

/** An expired token, with its date when the server gave one. */
export function expiredText(expiredAt: string | undefined): string {
  const day = formatDay(expiredAt);
  return `${day ? `Your token expired on ${day}` : 'Your token expired'}: ask your admin for a new one, then reconnect in the settings.`;
}

export interface OpenedBriefProps {
  state: OpenedBriefState;
  now: Date;
  /** The way back to the lists; absent where there is nothing to go back to ("This page"). */
  onBack?: (() => void) | undefined;
  /** The section's accessible name. */
  title?: string;
}

/**
 * @example
 * <OpenedBrief state={{ status: 'loading', label: 'Jane Doe' }} now={new Date()} onBack={close} />
 */
export function OpenedBrief({ state, now, onBack, title = 'Brief' }: OpenedBriefProps) {
  return (
    <section aria-label={title} className="flex flex-col gap-[6px]" data-opened={state.status}>
      {onBack ? (
        <div>
          {/* Focus lands here on open, so a keyboard user is where the brief is. */}
          <button type="button" className={BUTTON} onClick={onBack} autoFocus>
            ← Back
          </button>
        </div>
      ) : null}
      {state.status === 'brief' ? (
        <Panel brief={state.brief} now={now} asOf={state.asOf} offline={state.offline} />
      ) : (
        <p className="m-0 rounded-[8px] border border-slate-200 dark:border-slate-700 bg-white dark:bg-slate-900 p-[10px]" role="status">
          {state.status === 'loading'
            ? `Loading ${state.label}…`
            : state.status === 'gone'
              ? `${state.label} is no longer in the CRM.`
              : state.problem.kind === 'token_expired'
                ? expiredText(state.problem.expiredAt)
                : (PROBLEM_TEXT[state.problem.kind] ?? `Could not load ${state.label}: ${state.problem.message}`)}
        </p>
      )}
    </section>
  );
}
