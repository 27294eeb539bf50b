/**
 * The side panel's "My flags": read from the server (through the background) when the panel opens,
 * when it becomes visible again, and every `intervalMs` while it stays open, since an admin resolves
 * flags elsewhere. A failed read keeps the last list and says why.
 */
import { useCallback, useState } from 'react';
import type { Flag } from '../../../shared/flag.ts';
import type { ProblemInfo } from '../../core/protocol.ts';
import type { Send } from './use-opened-brief.ts';
import { usePolling } from './use-polling.ts';

/** Resolutions are an admin's hand work: a minute is soon enough to see one. */
export const MY_FLAGS_REFRESH_MS = 60_000;

const NO_ANSWER: ProblemInfo = { kind: 'unavailable', message: 'No answer from the extension.' };

/**
 * @example const { flags, problem } = useMyFlags(sendMessage);
 */
export function useMyFlags(send: Send, intervalMs = MY_FLAGS_REFRESH_MS) {
  const [state, setState] = useState<{ flags: Flag[] | null; problem: ProblemInfo | null }>({ flags: null, problem: null });
  const refresh = useCallback(async () => {
    const answer = await send('getMyFlags', {}).catch(() => null);
    if (answer?.ok) setState({ flags: answer.value.flags, problem: null });
    else setState((s) => ({ flags: s.flags, problem: answer?.error ?? NO_ANSWER }));
  }, [send]);
  usePolling(refresh, intervalMs);
  return state;
}
