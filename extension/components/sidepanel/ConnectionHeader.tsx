/**
 * The side panel's header: who the extension is connected as, or where the connection stands in
 * words (connecting, token refused or expired, server unreachable) with a way to the settings page.
 */
import type { ConnectionView } from '../../core/protocol.ts';
import { connectionWords } from '../connection-words.ts';

export interface ConnectionHeaderProps {
  /** `checking` until the background answers; `unknown` when it could not say. */
  connection: ConnectionView | 'checking' | 'unknown';
  /** The extension's own options page (an extension URL, never CRM data). */
  optionsUrl: string;
}

const LINK = 'text-sky-700 dark:text-sky-300 underline hover:text-sky-900 dark:hover:text-sky-200 focus-visible:outline-[2px] focus-visible:outline-sky-600';

/**
 * @example
 * <ConnectionHeader connection={view} optionsUrl={browser.runtime.getURL('/options.html')} />
 */
export function ConnectionHeader({ connection, optionsUrl }: ConnectionHeaderProps) {
  const view = typeof connection === 'string' ? null : connection;
  // A token refused or expired, or a server away, is said even though a user is saved.
  const state = view?.state ?? 'connected';
  const connected = view?.hasToken && view.user && (state === 'connected' || state === 'connecting');
  const words = view && !connected && (view.hasToken || state === 'connecting') ? connectionWords({ state, serverUrl: view.serverUrl, expiredAt: view.expiredAt ?? null }, { saved: true }) : null;
  return (
    <header className="flex flex-col gap-[2px] border-b border-slate-200 dark:border-slate-700 pb-[6px]">
      <h1 className="m-0 text-[15px] leading-[20px] font-semibold">Signalhouse</h1>
      <p className="m-0 text-[12px] leading-[16px] text-slate-600 dark:text-slate-300" role="status" data-connection={connected ? 'connected' : view?.hasToken ? state : 'not-connected'}>
        {connection === 'checking' ? (
          'Checking connection…'
        ) : connected ? (
          `Connected as ${view.user?.name ?? ''}${view.team ? ` at ${view.team.name}` : ''}`
        ) : words ? (
          <>
            {words.text}
            {words.openOptions ? (
              <>
                {' · '}
                <a className={LINK} href={optionsUrl} target="_blank" rel="noreferrer">
                  Open settings
                </a>
              </>
            ) : null}
          </>
        ) : (
          <>
            {'Not connected · '}
            <a className={LINK} href={optionsUrl} target="_blank" rel="noreferrer">
              Open settings
            </a>
          </>
        )}
      </p>
    </header>
  );
}
