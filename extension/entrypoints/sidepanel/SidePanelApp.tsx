/**
 * The side panel: the connection above five tabs (issue 11; SidePanelTabs.tsx): This page (the brief of the active tab's page), Today (the
 * pre-call package of a meeting a reminder's click named, or today's next meetings; then the digest: tasks, then lines by priority class), Search (accounts and contacts, and the briefs viewed recently), Review (the review queue, the rep's flags
 * with their outcomes, pages that could not be read) and Outbox. `/` focuses the search. Everything comes from the background through the message contract;
 * the components below render what it answered, as text.
 */
import { useCallback, useEffect, useState } from 'react';
import { browser } from 'wxt/browser';
import type { DirectorySearch } from '../../../shared/directory.ts';
import { ConnectionHeader } from '../../components/sidepanel/ConnectionHeader.tsx';
import { DirectoryResults } from '../../components/sidepanel/DirectoryResults.tsx';
import { DigestView } from '../../components/sidepanel/DigestView.tsx';
import { DirectorySearchForm } from '../../components/sidepanel/DirectorySearchForm.tsx';
import { PanelPart } from '../../components/sidepanel/ListGroup.tsx';
import { DriftList } from '../../components/sidepanel/DriftList.tsx';
import { NextMeetings, OpenedMeeting } from '../../components/sidepanel/MeetingsPart.tsx';
import { MyFlagsList } from '../../components/sidepanel/MyFlagsList.tsx';
import { OpenedBrief } from '../../components/sidepanel/OpenedBrief.tsx';
import { OutboxList } from '../../components/sidepanel/OutboxList.tsx';
import { RecentList } from '../../components/sidepanel/RecentList.tsx';
import { ReviewQueueList } from '../../components/sidepanel/ReviewQueueList.tsx';
import { SidePanelTabs, type SidePanelTab } from '../../components/sidepanel/SidePanelTabs.tsx';
import { gcalMeetingKey } from '../../../shared/meetings.ts';
import { onConnectionStatus, type RuntimeMessages } from '../../core/connection-status.ts';
import { sendMessage } from '../../core/messaging.ts';
import type { ConnectionView, OutboxItemView, ProblemInfo, RecentBrief } from '../../core/protocol.ts';
import { useDriftReports } from './use-drift-reports.ts';
import { useMeetingPackage, useNextMeetings } from './use-meetings.ts';
import { useMyFlags } from './use-my-flags.ts';
import { useOpenedBrief, type Send } from './use-opened-brief.ts';
import { usePolling } from './use-polling.ts';
import { useThisPage, type ActiveTabs } from './use-this-page.ts';
import { useToday } from './use-today.ts';

/** How often the outbox and the recent list are read again: a Dexie read in the background, cheap. */
export const REFRESH_MS = 2_000;

type SearchState = { status: 'idle' } | { status: 'searching'; q: string } | { status: 'done'; q: string; results: DirectorySearch } | { status: 'failed'; q: string; problem: ProblemInfo };

export interface SidePanelAppProps {
  send?: Send;
  /** The options page's URL (an extension URL). */
  optionsUrl: string;
  refreshMs?: number;
  /** How often the digest and the review queue are read again (use-today.ts's defaults otherwise). */
  todayMs?: { digestMs?: number; reviewMs?: number };
  /** How often "My flags" is read again (use-my-flags.ts's default otherwise). */
  flagsMs?: number;
  /** How often today's next meetings are read again (use-meetings.ts's default otherwise). */
  meetingsMs?: number;
  /** Where the background's connection broadcasts arrive (the fake browser's in tests). */
  runtime?: RuntimeMessages | undefined;
  /** The browser's tabs, for "This page" (the fake browser's in tests). */
  tabs?: ActiveTabs | undefined;
}

export function SidePanelApp({ send = sendMessage, optionsUrl, refreshMs = REFRESH_MS, todayMs, flagsMs, meetingsMs, runtime, tabs }: SidePanelAppProps) {
  const [connection, setConnection] = useState<ConnectionView | 'checking' | 'unknown'>('checking');
  const [search, setSearch] = useState<SearchState>({ status: 'idle' });
  const [recent, setRecent] = useState<RecentBrief[]>([]);
  const [outbox, setOutbox] = useState<OutboxItemView[]>([]);
  const [retrying, setRetrying] = useState<ReadonlySet<string>>(new Set());

  // A failed read keeps the last list: the panel shows what it knew rather than going blank.
  const refreshRecent = useCallback(async () => {
    const answer = await send('getRecentBriefs', {}).catch(() => null);
    if (answer?.ok) setRecent(answer.value.items);
  }, [send]);
  const refreshOutbox = useCallback(async () => {
    const answer = await send('getOutbox').catch(() => null);
    if (answer?.ok) setOutbox(answer.value.items);
  }, [send]);
  const refreshConnection = useCallback(async () => {
    const answer = await send('getConnection').catch(() => null);
    setConnection(answer?.ok ? answer.value : 'unknown');
  }, [send]);

  usePolling(refreshOutbox, refreshMs);
  usePolling(refreshRecent, refreshMs);
  // Connecting happens in the options tab: the header catches up without a reload, at once from
  // the background's broadcast of the change, and from the poll should a broadcast be missed.
  usePolling(refreshConnection, refreshMs * 5);
  useEffect(() => {
    const ended = new AbortController();
    // Outside an extension (component tests without a fake) there is no runtime: the poll alone follows.
    const messages = runtime ?? (browser?.runtime as unknown as RuntimeMessages | undefined);
    if (messages) onConnectionStatus(messages, ended.signal, () => void refreshConnection());
    return () => ended.abort();
  }, [runtime, refreshConnection]);

  const { opened, open, close } = useOpenedBrief(send, refreshRecent);
  // Today first; "This page" once a page's subject arrives, unless the rep already picked a tab.
  const [tab, setTab] = useState<SidePanelTab>('Today');
  const [picked, setPicked] = useState(false);
  const chooseTab = useCallback((next: SidePanelTab) => {
    setPicked(true);
    setTab(next);
  }, []);
  const today = useToday(send, todayMs);
  const myFlags = useMyFlags(send, flagsMs);
  const drift = useDriftReports(send, refreshMs);
  // Outside an extension (component tests without a fake) there are no tabs: "This page" stays empty.
  const thisPage = useThisPage(
    send,
    tabs ?? (browser?.tabs as unknown as ActiveTabs | undefined),
    refreshMs,
    runtime ?? (browser?.runtime as unknown as RuntimeMessages | undefined),
  );

  useEffect(() => {
    if (thisPage && !picked) setTab('This page');
  }, [thisPage, picked]);

  // A reminder's click names a meeting: Today shows its package, whatever tab was in front.
  const meeting = useMeetingPackage(
    send,
    runtime ?? (browser?.runtime as unknown as RuntimeMessages | undefined),
    useCallback(() => chooseTab('Today'), [chooseTab]),
  );
  const nextMeetings = useNextMeetings(send, meetingsMs);

  async function runSearch(q: string) {
    close();
    setSearch({ status: 'searching', q });
    const answer = await send('searchDirectory', { q }).catch(() => null);
    if (!answer) return setSearch({ status: 'failed', q, problem: { kind: 'unavailable', message: 'No answer from the extension.' } });
    setSearch(answer.ok ? { status: 'done', q, results: answer.value } : { status: 'failed', q, problem: answer.error });
  }

  async function retry(id: string) {
    setRetrying((s) => new Set(s).add(id));
    const answer = await send('retryOutboxItem', { id }).catch(() => null);
    // The item as the background re-queued it ("Saved"); the next refresh shows what the server said.
    if (answer?.ok) setOutbox((items) => items.map((item) => (item.id === id ? answer.value : item)));
    else await refreshOutbox();
    setRetrying((s) => {
      const next = new Set(s);
      next.delete(id);
      return next;
    });
  }

  const now = new Date();
  const needsAttention = outbox.filter((item) => item.state === 'needs_attention').length;
  return (
    <main className="flex h-screen flex-col gap-[10px] p-[10px] text-[13px] leading-[18px]">
      <ConnectionHeader connection={connection} optionsUrl={optionsUrl} />
      <SidePanelTabs
        selected={tab}
        onSelect={chooseTab}
        badges={{ Outbox: needsAttention }}
        searchField={findSearchField}
        panels={{
          'This page': thisPage ? (
            <PanelPart title="This page">
              <OpenedBrief state={thisPage.brief} now={now} title={`This page: ${thisPage.brief.label}`} />
            </PanelPart>
          ) : (
            <p className="m-0 text-slate-600 dark:text-slate-300">Open a profile on a site Signalhouse serves to see its brief here.</p>
          ),
          Today: meeting.opened ? (
            <OpenedMeeting opened={meeting.opened} now={now} onBack={meeting.close} />
          ) : (
            <>
              <NextMeetings meetings={nextMeetings} onOpen={(ref) => meeting.open(gcalMeetingKey(ref.eventId, ref.start), ref)} />
              <PanelPart title="Today">
                <DigestView dated={today.digest.dated} problem={today.digest.problem} now={now} busy={today.busy} onDecide={(key, state) => void today.decide(key, state)} />
              </PanelPart>
            </>
          ),
          Search: (
            <>
              <PanelPart title="Search">
                <DirectorySearchForm busy={search.status === 'searching'} onSearch={(q) => void runSearch(q)} />
                {opened ? null : <SearchOutcome search={search} onOpen={(ref, label) => void open(ref, label)} />}
              </PanelPart>
              {opened ? (
                <OpenedBrief state={opened} now={now} onBack={close} />
              ) : (
                <PanelPart title="Recent">
                  <RecentList items={recent} now={now} onOpen={(ref, label) => void open(ref, label)} />
                </PanelPart>
              )}
            </>
          ),
          Review: (
            <>
              <PanelPart title="Review queue">
                <ReviewQueueList dated={today.review.dated} problem={today.review.problem} now={now} />
              </PanelPart>
              <PanelPart title="My flags">
                <MyFlagsList flags={myFlags.flags} problem={myFlags.problem} />
              </PanelPart>
              {drift && drift.length > 0 ? (
                <PanelPart title="Pages Signalhouse could not read">
                  <DriftList reports={drift} />
                </PanelPart>
              ) : null}
            </>
          ),
          Outbox: (
            <PanelPart title="Outbox">
              <OutboxList items={outbox} now={now} onRetry={(id) => void retry(id)} retrying={retrying} />
            </PanelPart>
          ),
        }}
      />
    </main>
  );
}

/** The Search tab's field, for `/` (this page's own document). */
function findSearchField(): HTMLInputElement | null {
  return document.querySelector<HTMLInputElement>('form[role="search"] input[type="search"]');
}

function SearchOutcome({ search, onOpen }: { search: SearchState; onOpen: Parameters<typeof DirectoryResults>[0]['onOpen'] }) {
  switch (search.status) {
    case 'idle':
      return null;
    case 'searching':
      return <p className="m-0 text-slate-500 dark:text-slate-400" role="status">{`Searching for ${search.q}…`}</p>;
    case 'failed':
      return (
        <p className="m-0 text-rose-700 dark:text-rose-300" role="alert">
          {search.problem.kind === 'not_connected' ? 'Connect to a server in the settings to search.' : `Search failed: ${search.problem.message}`}
        </p>
      );
    case 'done':
      return <DirectoryResults results={search.results} onOpen={onOpen} />;
  }
}
