/**
 * The side panel's "This page": the brief of what the active tab's page shows, as its page
 * feature told the background (core/background/tab-subjects.ts). Follows tab switches
 * (`tabs.onActivated`) and navigation in the tab (read again every `refreshMs`, a memory read in
 * the background). Each new subject paints the cached brief at once, then the server's; the same
 * subject read again asks nothing more.
 *
 * A page's new subject arrives as the background's note (`TAB_SUBJECT_CHANGED`), so the panel
 * follows at once even while hidden.
 *
 * The active tab's id comes from `tabs.query({ active: true, currentWindow: true })`, which needs
 * no permission in MV3: without `tabs` (or a host permission) the answer only lacks the tab's
 * `url`, `title` and icon, and only the id is used here. Opened in a tab of its own (the
 * notification's fallback, or a test), the panel would be the active tab itself: it then shows the
 * tab used last before it (`lastAccessed`, no permission either).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { OpenedBriefState } from '../../components/sidepanel/OpenedBrief.tsx';
import type { RuntimeMessages } from '../../core/connection-status.ts';
import type { PageSubject } from '../../core/protocol.ts';
import { TAB_SUBJECT_CHANGED } from '../../core/site-modes.ts';
import type { Send } from './use-opened-brief.ts';
import { usePolling } from './use-polling.ts';

/** The parts of `browser.tabs` the hook uses (a fake in tests). */
export interface ActiveTabs {
  query(query: { active: true; currentWindow: true } | Record<string, never>): Promise<Array<{ id?: number | undefined; lastAccessed?: number | undefined }>>;
  getCurrent?(): Promise<{ id?: number | undefined } | undefined>;
  onActivated?: { addListener(callback: () => void): void; removeListener(callback: () => void): void };
}

/** What "This page" shows: nothing (the page shows no one we serve), or a brief's state. */
export type ThisPageState = { subject: PageSubject; brief: OpenedBriefState } | null;

const NO_ANSWER = { kind: 'unavailable', message: 'No answer from the extension.' } as const;

/** The most recently used tab that is not the panel's own (`lastAccessed` needs no permission either). */
function lastOther(all: Array<{ id?: number | undefined; lastAccessed?: number | undefined }>, own: number | undefined): number | undefined {
  let best: { id?: number | undefined; lastAccessed?: number | undefined } | undefined;
  for (const tab of all) if (tab.id !== undefined && tab.id !== own && (tab.lastAccessed ?? 0) >= (best?.lastAccessed ?? 0)) best = tab;
  return best?.id;
}

const keyOf = (tabId: number, subject: PageSubject | null) => (subject ? `${tabId} ${subject.url} ${JSON.stringify(subject.refs)}` : '');

/**
 * @example const thisPage = useThisPage(sendMessage, browser.tabs, 2_000);
 */
export function useThisPage(send: Send, tabs: ActiveTabs | undefined, refreshMs: number, runtime?: RuntimeMessages): ThisPageState {
  const [state, setState] = useState<ThisPageState>(null);
  const shown = useRef('');
  const own = useRef<number | undefined>(undefined);

  const load = useCallback(
    async (subject: PageSubject, key: string) => {
      const stillMine = () => shown.current === key;
      const label = subject.label || 'this page';
      setState({ subject, brief: { status: 'loading', label } });
      const byUrl = subject.urlRefs.length > 0 ? subject.urlRefs : subject.refs;
      const cached = await send('getBriefs', { refs: byUrl, from: 'cache' }).catch(() => null);
      if (!stillMine()) return;
      const hit = cached?.ok ? cached.value.briefs.find((dated) => dated?.brief) : undefined;
      if (hit?.brief) setState({ subject, brief: { status: 'brief', label, brief: hit.brief, asOf: hit.asOf, offline: false } });
      const fresh = await send('getBriefs', { refs: subject.refs.length > 0 ? subject.refs : byUrl, from: 'server' }).catch(() => null);
      if (!stillMine()) return;
      if (!fresh?.ok) {
        const problem = fresh?.error ?? NO_ANSWER;
        if (hit?.brief) setState({ subject, brief: { status: 'brief', label, brief: hit.brief, asOf: hit.asOf, offline: problem.kind === 'offline' } });
        else setState({ subject, brief: { status: 'problem', label, problem } });
        return;
      }
      const dated = fresh.value.briefs.find((d) => d?.brief) ?? null;
      setState({ subject, brief: dated?.brief ? { status: 'brief', label, brief: dated.brief, asOf: dated.asOf, offline: dated.source === 'cache' } : { status: 'gone', label } });
    },
    [send],
  );

  const follow = useCallback(async () => {
    if (!tabs) return;
    if (own.current === undefined) own.current = (await tabs.getCurrent?.().catch(() => undefined))?.id ?? -1;
    const [active] = await tabs.query({ active: true, currentWindow: true }).catch(() => []);
    let tabId = active?.id;
    // The panel in a tab of its own (in front, or in a window of its own): the tab the rep was on last.
    if (tabId === undefined || tabId === own.current) tabId = lastOther(await tabs.query({}).catch(() => []), own.current);
    if (tabId === undefined) return;
    const answer = await send('getTabSubject', { tabId }).catch(() => null);
    if (!answer?.ok) return;
    const key = keyOf(tabId, answer.value.subject);
    if (key === shown.current) return;
    shown.current = key;
    if (answer.value.subject) void load(answer.value.subject, key);
    else setState(null);
  }, [tabs, send, load]);

  const refresh = useCallback(async () => {
    try {
      await follow();
    } catch {
      // A browser without these tab calls (or a background away): "This page" keeps what it showed.
    }
  }, [follow]);

  usePolling(refresh, refreshMs);
  useEffect(() => {
    const activated = () => void refresh();
    // A page told the background what it shows: read it again now, not at the next poll.
    const told = (message: unknown): void => {
      if ((message as { type?: unknown } | null)?.type === TAB_SUBJECT_CHANGED) activated();
    };
    tabs?.onActivated?.addListener(activated);
    runtime?.onMessage.addListener(told);
    return () => {
      tabs?.onActivated?.removeListener(activated);
      runtime?.onMessage.removeListener(told);
    };
  }, [tabs, runtime, refresh]);

  return state;
}
