/**
 * Opening one brief in the side panel, the way the LinkedIn panel does: the cached brief at once
 * (with its "as of"), then the server's. Opening another, or going back, makes the earlier
 * request's answers land nowhere, so a slow answer never paints over a newer choice.
 */
import { useCallback, useRef, useState } from 'react';
import type { BriefRef } from '../../../shared/brief.ts';
import type { OpenedBriefState } from '../../components/sidepanel/OpenedBrief.tsx';
import type { sendMessage } from '../../core/messaging.ts';

export type Send = typeof sendMessage;

const NO_ANSWER = { kind: 'unavailable', message: 'No answer from the extension.' } as const;

/**
 * @example
 * const { opened, open, close } = useOpenedBrief(sendMessage, refreshRecent);
 * open({ contactId: 'ct_1' }, 'Jane Doe');
 */
export function useOpenedBrief(send: Send, onLoaded?: () => void) {
  const [opened, setOpened] = useState<OpenedBriefState | null>(null);
  const current = useRef(0);

  const open = useCallback(
    async (ref: BriefRef, label: string) => {
      const mine = ++current.current;
      const stillMine = () => current.current === mine;
      setOpened({ status: 'loading', label });

      const cached = await send('getBriefs', { refs: [ref], from: 'cache' }).catch(() => null);
      if (!stillMine()) return;
      const hit = cached?.ok ? cached.value.briefs[0] : null;
      if (hit?.brief) setOpened({ status: 'brief', label, brief: hit.brief, asOf: hit.asOf, offline: false });

      const fresh = await send('getBriefs', { refs: [ref], from: 'server' }).catch(() => null);
      if (!stillMine()) return;
      if (!fresh?.ok) {
        const problem = fresh?.error ?? NO_ANSWER;
        // The cached brief stays, marked offline when the server was the problem.
        if (hit?.brief) setOpened({ status: 'brief', label, brief: hit.brief, asOf: hit.asOf, offline: problem.kind === 'offline' });
        else setOpened({ status: 'problem', label, problem });
        return;
      }
      const dated = fresh.value.briefs[0];
      if (dated?.brief) setOpened({ status: 'brief', label, brief: dated.brief, asOf: dated.asOf, offline: dated.source === 'cache' });
      else setOpened({ status: 'gone', label });
      onLoaded?.();
    },
    [send, onLoaded],
  );

  const close = useCallback(() => {
    current.current++;
    setOpened(null);
  }, []);

  return { opened, open, close };
}
