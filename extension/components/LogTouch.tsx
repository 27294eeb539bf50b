/**
 * One-click logging of a LinkedIn touch, with the outbox's word on it: "Saved" once it is committed
 * locally, "Synced" once the server acknowledged it, "Needs attention" when the server refused it.
 */
import type { ActivityType } from '../../shared/activity.ts';
import { BUTTON } from './buttons.ts';

/** The LinkedIn touches a rep logs from a profile. */
export type LinkedInTouchType = Extract<ActivityType, 'linkedin_message' | 'linkedin_connection' | 'linkedin_inmail' | 'linkedin_note'>;

export const LINKEDIN_TOUCHES: ReadonlyArray<{ type: LinkedInTouchType; label: string }> = [
  { type: 'linkedin_message', label: 'Message' },
  { type: 'linkedin_connection', label: 'Connection request' },
  { type: 'linkedin_inmail', label: 'InMail' },
  { type: 'linkedin_note', label: 'Note' },
];

/** The outbox state of the last logged touch, as the background reports it. */
export type TouchState =
  | { status: 'saving'; type: LinkedInTouchType }
  | { status: 'saved'; type: LinkedInTouchType }
  | { status: 'synced'; type: LinkedInTouchType }
  | { status: 'needs_attention'; type: LinkedInTouchType; detail?: string };

const STATUS_TEXT = {
  saving: 'Saving…',
  saved: 'Saved',
  synced: 'Synced',
  needs_attention: 'Needs attention',
} as const;

const STATUS_TONE = {
  saving: 'text-slate-500',
  saved: 'text-slate-700',
  synced: 'text-emerald-700',
  needs_attention: 'font-semibold text-rose-700',
} as const;

export interface LogTouchProps {
  onLog: (type: LinkedInTouchType) => void;
  state?: TouchState | undefined;
}

/**
 * @example
 * <LogTouch onLog={(type) => logActivity(type)} state={{ status: 'saved', type: 'linkedin_message' }} />
 */
export function LogTouch({ onLog, state }: LogTouchProps) {
  const label = state ? LINKEDIN_TOUCHES.find((t) => t.type === state.type)?.label : undefined;
  return (
    <div className="flex flex-col gap-[4px]" data-control="log-touch">
      <div className="flex flex-wrap items-center gap-[4px]" role="group" aria-label="Log a LinkedIn touch">
        <span className="text-slate-500">Log:</span>
        {LINKEDIN_TOUCHES.map((touch) => (
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
