/**
 * Connection settings: Server URL and Token, a Connect button that tests both through the
 * background, then who the token belongs to (user, team, server version) or why it failed.
 * The token is sent once and never shown again: the background answers only whether one is set.
 * The page follows the connection's state as the background broadcasts it (a token refused or
 * expired while browsing, the server away), in the same words as the panels. Below, each site's
 * mode (SitesSection.tsx), meeting reminders and whether sent emails are logged.
 */
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { browser } from 'wxt/browser';
import { connectionWords, formatDay } from '../../components/connection-words.ts';
import { onConnectionStatus, type RuntimeMessages } from '../../core/connection-status.ts';
import { sendMessage } from '../../core/messaging.ts';
import type { ConnectionView, ProblemInfo } from '../../core/protocol.ts';
import { SitesSection } from './SitesSection.tsx';
import { MeetingReminderSection, type ReminderStorage } from './MeetingReminderSection.tsx';
import { LogSentSection } from './LogSentSection.tsx';

/** What a rep reads for each failure: what happened, then the server's or background's detail. */
const FAILURE_TITLES: Partial<Record<ProblemInfo['kind'], string>> = {
  offline: 'Server unreachable',
  unauthorized: 'Wrong token',
  token_expired: 'Token expired',
  not_signalhouse: 'Not a Signalhouse server',
  invalid: 'Check the form',
  server: 'The server failed',
  rejected: 'The server refused',
};

/** What the rep reads under a failure's title: an expired token says when, and what to do. */
function failureText(problem: ProblemInfo): string {
  if (problem.kind !== 'token_expired') return problem.message;
  const day = formatDay(problem.expiredAt);
  return `${day ? `This token expired on ${day}` : 'This token has expired'}: ask your admin for a new one, then paste it here and Connect.`;
}

export interface OptionsPageProps {
  send?: typeof sendMessage;
  /** Where the background's connection broadcasts arrive (the fake browser's in tests). */
  runtime?: RuntimeMessages | undefined;
}

export function OptionsPage({ send = sendMessage, runtime }: OptionsPageProps) {
  const ids = { url: useId(), token: useId(), help: useId() };
  const [view, setView] = useState<ConnectionView | null>(null);
  const [serverUrl, setServerUrl] = useState('');
  const [token, setToken] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ProblemInfo | null>(null);
  /** The rep typed a URL: a late answer from the background must not put the saved one back over it. */
  const typedUrl = useRef(false);

  useEffect(() => {
    const ended = new AbortController();
    const refresh = () =>
      void send('getConnection')
        .then((answer) => {
          if (ended.signal.aborted) return;
          if (!answer.ok) return setProblem(answer.error);
          setView(answer.value);
          if (!typedUrl.current) setServerUrl(answer.value.serverUrl);
        })
        .catch(() => undefined);
    refresh();
    const messages = runtime ?? (browser?.runtime as unknown as RuntimeMessages | undefined);
    if (messages) onConnectionStatus(messages, ended.signal, refresh);
    return () => ended.abort();
  }, [send, runtime]);

  async function connect(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setProblem(null);
    const answer = await send('connect', {
      ...(view?.serverUrlPinned ? {} : { serverUrl }),
      ...(token.trim() ? { token } : {}),
    }).catch((): null => null);
    setBusy(false);
    if (!answer) return setProblem({ kind: 'server', message: 'The extension did not answer; reload it and try again.' });
    if (!answer.ok) return setProblem(answer.error);
    setView(answer.value);
    typedUrl.current = false;
    setServerUrl(answer.value.serverUrl);
    setToken('');
  }

  async function disconnect() {
    const answer = await send('disconnect');
    if (answer.ok) setView(answer.value);
    else setProblem(answer.error);
  }

  const connected = view?.hasToken && view.user;
  // A saved token the server refused since, or a server away: said above who it belonged to.
  const standing =
    view?.hasToken && view.state !== 'connected' && !problem ? connectionWords({ state: view.state, serverUrl: view.serverUrl, expiredAt: view.expiredAt }, { place: 'options', saved: true }) : null;
  return (
    <main className="mx-auto max-w-lg p-6 font-sans">
      <h1 className="text-xl font-semibold">Signalhouse</h1>
      <p className="mt-1 text-sm text-slate-600 dark:text-slate-300">Connect the extension to your team’s Signalhouse server.</p>

      <form className="mt-6 space-y-4" onSubmit={connect} aria-busy={busy}>
        {!view?.serverUrlHidden && (
          <div>
            <label htmlFor={ids.url} className="block text-sm font-medium">
              Server URL
            </label>
            <input
              id={ids.url}
              name="serverUrl"
              // Text, not url: `localhost:8787` is accepted and normalised by the background.
              type="text"
              inputMode="url"
              autoComplete="url"
              required
              readOnly={view?.serverUrlPinned ?? false}
              aria-describedby={view?.serverUrlPinned ? ids.help : undefined}
              value={serverUrl}
              onChange={(e) => {
                typedUrl.current = true;
                setServerUrl(e.target.value);
              }}
              className="mt-1 w-full rounded border border-slate-300 dark:border-slate-600 px-3 py-2 text-sm read-only:bg-slate-100 focus:outline-none focus:ring-2 focus:ring-blue-500"
            />
            {view?.serverUrlPinned && (
              <p id={ids.help} className="mt-1 text-xs text-slate-500 dark:text-slate-400">
                Set by your administrator.
              </p>
            )}
          </div>
        )}
        <div>
          <label htmlFor={ids.token} className="block text-sm font-medium">
            Token
          </label>
          <input
            id={ids.token}
            name="token"
            type="password"
            autoComplete="off"
            spellCheck={false}
            placeholder={view?.hasToken ? 'A token is saved; leave empty to keep it' : 'shk_…'}
            value={token}
            onChange={(e) => setToken(e.target.value)}
            className="mt-1 w-full rounded border border-slate-300 dark:border-slate-600 px-3 py-2 text-sm focus:outline-none focus:ring-2 focus:ring-blue-500"
          />
        </div>
        <div className="flex gap-2">
          <button
            type="submit"
            disabled={busy}
            className="rounded bg-blue-600 px-4 py-2 text-sm font-medium text-white hover:bg-blue-700 focus:outline-none focus:ring-2 focus:ring-blue-500 focus:ring-offset-2 disabled:opacity-60"
          >
            {busy ? 'Connecting…' : 'Connect'}
          </button>
          {view?.hasToken && (
            <button
              type="button"
              onClick={disconnect}
              className="rounded border border-slate-300 dark:border-slate-600 px-4 py-2 text-sm hover:bg-slate-100 dark:hover:bg-slate-800 focus:outline-none focus:ring-2 focus:ring-blue-500"
            >
              Disconnect
            </button>
          )}
        </div>
      </form>

      {problem && (
        <div role="alert" className="mt-6 rounded border border-red-300 dark:border-red-800 bg-red-50 dark:bg-red-950 p-3 text-sm text-red-900 dark:text-red-200">
          <p className="font-medium">{FAILURE_TITLES[problem.kind] ?? 'Could not connect'}</p>
          <p className="mt-1">{failureText(problem)}</p>
        </div>
      )}

      <section role="status" aria-live="polite" className="mt-6 text-sm">
        {standing && (
          <p className="mb-2 rounded border border-amber-300 dark:border-amber-700 bg-amber-50 dark:bg-amber-950 p-3 text-amber-900 dark:text-amber-200" data-connection={view?.state}>
            {standing.text}
          </p>
        )}
        {connected && view.user && (
          <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 rounded border border-green-300 dark:border-green-800 bg-green-50 dark:bg-green-950 p-3">
            <dt className="font-medium">User</dt>
            <dd>
              {view.user.name} ({view.user.email})
            </dd>
            <dt className="font-medium">Team</dt>
            <dd>{view.team?.name ?? '—'}</dd>
            <dt className="font-medium">Server version</dt>
            <dd>{view.serverVersion ?? '—'}</dd>
          </dl>
        )}
        {!view && !problem && <p className="text-slate-500 dark:text-slate-400">Checking the connection…</p>}
        {view && !view.hasToken && !problem && <p className="text-slate-600 dark:text-slate-300">{view.state === 'connecting' ? 'Connecting to your Signalhouse server…' : 'Not connected.'}</p>}
      </section>

      <SitesSection send={send} runtime={runtime} />
      <MeetingReminderSection storage={browser.storage.local as unknown as ReminderStorage} />
      <LogSentSection storage={browser.storage.local as unknown as ReminderStorage} />
    </main>
  );
}
