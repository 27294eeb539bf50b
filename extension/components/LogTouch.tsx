/**
 * One-click logging of a touch on the host page (the feature says which touches its site offers),
 * with the outbox's word on it: "Saved" once it is committed locally, "Synced" once the server
 * acknowledged it, "Needs attention" when the server refused it.
 */
import type { ActivityType } from '../../shared/activity.ts';
import type { TouchKind } from '../core/page/contract.ts';
import type { TouchState } from '../core/page/panel-runner.ts';
import { BUTTON } from './buttons.ts';

export type { TouchKind, TouchState };

/** The LinkedIn touches a rep logs from a profile. */
export type LinkedInTouchType = Extract<ActivityType, 'linkedin_message' | 'linkedin_connection' | 'linkedin_inmail' | 'linkedin_note'>;

export const LINKEDIN_TOUCHES: ReadonlyArray<TouchKind & { type: LinkedInTouchType }> = [
  { type: 'linkedin_message', label: 'Message' },
  { type: 'linkedin_connection', label: 'Connection request' },
  { type: 'linkedin_inmail', label: 'InMail' },
  { type: 'linkedin_note', label: 'Note' },
];

const STATUS_TEXT = {
  saving: 'Saving…',
  saved: 'Saved',
  synced: 'Synced',
  needs_attention: 'Needs attention',
} as const;

const STATUS_TONE = {
  saving: 'text-slate-500 dark:text-slate-400',
  saved: 'text-slate-700 dark:text-slate-300',
  synced: 'text-emerald-700 dark:text-emerald-300',
  needs_attention: 'font-semibold text-rose-700 dark:text-rose-300',
} as const;

export interface LogTouchProps {
  onLog: (type: ActivityType) => void;
  state?: TouchState | undefined;
  /** The touches this site offers, in order (default: LinkedIn's). */
  touches?: readonly TouchKind[];
  /** The site's name in words, for the group's label ("Log a LinkedIn touch"). */
  siteName?: string;
}

/**
 * @example
 * <LogTouch onLog={(type) => logActivity(type)} state={{ status: 'saved', type: 'linkedin_message' }} />
 */
export function LogTouch({ onLog, state, touches = LINKEDIN_TOUCHES, siteName = 'LinkedIn' }: LogTouchProps) {
  const label = state ? touches.find((t) => t.type === state.type)?.label : undefined;
  return (
    <div className="flex flex-col gap-[4px]" data-control="log-touch">
      <div className="flex flex-wrap items-center gap-[4px]" role="group" aria-label={`Log a ${siteName} touch`}>
        <span className="text-slate-500 dark:text-slate-400">Log:</span>
        {touches.map((touch) => (
          <button key={touch.type} type="button" className={BUTTON} disabled={state?.status === 'saving'} onClick={() => onLog(touch.type)}>
            {touch.label}
          </button>
        ))}
      </div>
      <p className={`m-0 min-h-[16px] text-[12px] leading-[16px] ${state ? STATUS_TONE[state.status] : ''}`} aria-live="polite" data-outbox={state?.status}>
        {state ? `${label ?? 'Touch'}: ${STATUS_TEXT[state.status]}` : ''}
        {state?.status === 'needs_attention' && state.detail ? ` — ${state.detail}` : ''}
      </p>
    </div>
  );
}
