/**
 * A recommended action ("play"): what to do, on which channel, by whom.
 */
import type { Play } from '../../shared/brief.ts';

const CHANNEL_LABELS: Record<Play['channel'], string> = {
  call: 'Call',
  email: 'Email',
  linkedin: 'LinkedIn',
  meeting: 'Meeting',
  task: 'Task',
};

/**
 * @example
 * <PlayLine play={{ text: 'Send the pricing one-pager', channel: 'email', who: 'Account owner' }} />
 */
export function PlayLine({ play }: { play: Play }) {
  return (
    <p className="m-0 text-slate-800 dark:text-slate-200">
      <span aria-hidden="true">→ </span>
      {play.text}
      <span className="text-slate-500 dark:text-slate-400">{` (${CHANNEL_LABELS[play.channel]} · ${play.who})`}</span>
      {play.target?.kind === 'find' ? <span className="block text-[12px] text-slate-600 dark:text-slate-300">{play.target.how}</span> : null}
    </p>
  );
}
