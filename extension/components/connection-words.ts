/**
 * What a rep reads for each state of the connection, with the next step: the same words in the
 * LinkedIn panel, the side panel and the options page. Pure: the status in, the words out.
 *
 * @example
 * connectionWords({ state: 'token_expired', serverUrl: 'https://signals.acme.com', expiredAt: '2026-03-03T12:00:00Z' })
 * // { text: 'Your token expired on 3 March 2026: ask your admin for a new one, then reconnect in the extension options.', openOptions: true, tone: 'problem' }
 */
import type { ConnectionState, ConnectionStatus, ProblemInfo } from '../core/protocol.ts';

export interface ConnectionWords {
  text: string;
  /** The next step is on the options page: show a button that opens it. */
  openOptions: boolean;
  /** `wait`: something is under way; `problem`: the rep has something to do or know. */
  tone: 'wait' | 'ok' | 'problem';
}

/** Where the words are read: the options page is itself where the rep reconnects. */
export type WordsPlace = 'panel' | 'options';

/** The host of a server URL, as a rep recognises it (`signals.acme.com`, `127.0.0.1:8787`). */
export function serverHost(serverUrl: string): string {
  try {
    return new URL(serverUrl).host || serverUrl;
  } catch {
    return serverUrl;
  }
}

/** A date as a rep reads it ("3 March 2026"), in the browser's time zone; undefined if unreadable. */
export function formatDay(iso: string | null | undefined): string | undefined {
  if (!iso) return undefined;
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return undefined;
  return at.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric' });
}

/**
 * The words for a connection status. `saved`: the panel shows a saved (cached) copy, which is
 * what an unreachable server leaves the rep with.
 */
export function connectionWords(status: ConnectionStatus, { place = 'panel', saved = false }: { place?: WordsPlace; saved?: boolean } = {}): ConnectionWords {
  const host = serverHost(status.serverUrl);
  const inOptions = place === 'options';
  switch (status.state) {
    case 'connecting':
      return { text: 'Connecting to your Signalhouse server…', openOptions: false, tone: 'wait' };
    case 'connected':
      return { text: `Connected to ${host}.`, openOptions: false, tone: 'ok' };
    case 'not_connected':
      return inOptions
        ? { text: 'Not connected: enter the server URL and the token your admin gave you, then Connect.', openOptions: false, tone: 'problem' }
        : { text: 'Signalhouse is not connected: open the extension options to connect.', openOptions: true, tone: 'problem' };
    case 'token_refused':
      return inOptions
        ? { text: 'The token was refused: paste a new token and Connect.', openOptions: false, tone: 'problem' }
        : { text: 'The token was refused: open the extension options and paste a new token.', openOptions: true, tone: 'problem' };
    case 'token_expired': {
      const day = formatDay(status.expiredAt);
      const expired = day ? `Your token expired on ${day}` : 'Your token expired';
      return inOptions
        ? { text: `${expired}: ask your admin for a new one, then paste it here and Connect.`, openOptions: false, tone: 'problem' }
        : { text: `${expired}: ask your admin for a new one, then reconnect in the extension options.`, openOptions: true, tone: 'problem' };
    }
    case 'offline':
      return {
        text: saved ? `Can't reach the server at ${host}: showing what was saved.` : `Can't reach the server at ${host}, and nothing was saved for this profile yet.`,
        openOptions: false,
        tone: 'problem',
      };
  }
}

/** The connection state a failed request means, or null when the failure is not about the connection. */
export function stateOfProblem(problem: ProblemInfo): ConnectionState | null {
  switch (problem.kind) {
    case 'not_connected':
      return 'not_connected';
    case 'unauthorized':
      return 'token_refused';
    case 'token_expired':
      return 'token_expired';
    case 'offline':
      return 'offline';
    default:
      return null;
  }
}
