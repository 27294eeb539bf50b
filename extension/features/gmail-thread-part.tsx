/**
 * Gmail's own part of the thread panel: what the thread allows (an internal conversation or one
 * with someone on the never-log list offers no logging, and says why).
 */
import type { PanelState } from '../core/page/panel-runner.ts';
import type { ThreadSubject } from '../sites/gmail/thread-subject.ts';

const CARD = 'font-sans w-[340px] rounded-[8px] border border-slate-200 bg-white p-[10px] text-left text-[13px] leading-[18px] text-slate-900 shadow-lg mb-[6px]';

function isThreadSubject(value: unknown): value is ThreadSubject {
  return typeof value === 'object' && value !== null && 'thread' in value && 'external' in value;
}

/**
 * @example <GmailThreadPart state={state} />
 */
export function GmailThreadPart({ state }: { state: PanelState }) {
  const subject = state.subject;
  if (!isThreadSubject(subject) || !subject.thread.messages.length) return null;
  if (subject.internal) {
    return (
      <div className={CARD} data-panel="internal-thread" role="status">
        Internal conversation: everyone is on your team. Nothing to look up or log.
      </div>
    );
  }
  return null;
}
