/**
 * Where a correction sent from the panel stands: sending, sent, or failed with why. Announced
 * politely to screen readers; the text is ours or the extension's message, rendered as text.
 */

export interface SendState {
  status: 'sending' | 'sent' | 'failed';
  /** Why it failed, as the extension explains it. */
  detail?: string | undefined;
}

const TEXT = { sending: 'Sending…', sent: 'Sent for review', failed: 'Not sent' } as const;

/**
 * @example
 * <SendStatus state={{ status: 'failed', detail: 'The server could not be reached.' }} />
 */
export function SendStatus({ state, sentText }: { state: SendState | undefined; sentText?: string }) {
  if (!state) return null;
  const text = state.status === 'sent' && sentText ? sentText : TEXT[state.status];
  return (
    <span
      role="status"
      aria-live="polite"
      data-send-status={state.status}
      className={`text-[12px] ${state.status === 'failed' ? 'text-red-700 dark:text-red-300' : 'text-slate-600 dark:text-slate-300'}`}
    >
      {state.status === 'failed' && state.detail ? `${text}: ${state.detail}` : text}
    </span>
  );
}
