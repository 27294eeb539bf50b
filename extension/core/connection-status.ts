/**
 * The connection's state as it travels from the background to every open panel and page: the
 * message the background broadcasts on each change (`connectionMessage`), how a panel or page
 * reads one (`readConnectionMessage`, checked by hand: a content script gets messages from the
 * extension only, but this module must stay tiny for the panel bundle), and a subscription bound
 * to an `AbortSignal` (`onConnectionStatus`), so a panel stops listening when its page is left.
 *
 * A broadcast, not a long-lived port: an idle MV3 service worker is stopped after 30 s, which
 * would close every port and leave each panel to reopen one (waking the worker for nothing); a
 * change is rare, so the background sends it once to every tab and extension page instead.
 *
 * @example
 * onConnectionStatus(browser.runtime, signal, (status) => { if (status.state === 'connected') askAgain(); });
 */
import type { ConnectionState, ConnectionStatus } from './protocol.ts';

/** The `type` of the broadcast message; distinct from the contract's messages (@webext-core's shape). */
export const CONNECTION_MESSAGE = 'signalhouse:connection-status';

const STATES: ReadonlySet<string> = new Set<ConnectionState>(['not_connected', 'connecting', 'connected', 'token_refused', 'token_expired', 'offline']);

/** The message the background broadcasts for `status`. */
export const connectionMessage = (status: ConnectionStatus) => ({ type: CONNECTION_MESSAGE, status });

/**
 * The status a broadcast carries, or null for any other message.
 *
 * @example readConnectionMessage({ type: CONNECTION_MESSAGE, status }) // status
 */
export function readConnectionMessage(message: unknown): ConnectionStatus | null {
  if (typeof message !== 'object' || message === null) return null;
  const { type, status } = message as { type?: unknown; status?: unknown };
  if (type !== CONNECTION_MESSAGE || typeof status !== 'object' || status === null) return null;
  const { state, serverUrl, expiredAt } = status as Record<string, unknown>;
  if (typeof state !== 'string' || !STATES.has(state) || typeof serverUrl !== 'string') return null;
  if (expiredAt !== null && typeof expiredAt !== 'string') return null;
  return { state: state as ConnectionState, serverUrl, expiredAt };
}

/** The part of `browser.runtime` a subscriber needs. */
export interface RuntimeMessages {
  onMessage: {
    addListener(callback: (message: unknown) => void): void;
    removeListener(callback: (message: unknown) => void): void;
  };
}

/**
 * Calls `listener` with every status the background broadcasts, until `signal` aborts.
 *
 * @example onConnectionStatus(browser.runtime, signal, setStatus)
 */
export function onConnectionStatus(runtime: RuntimeMessages, signal: AbortSignal, listener: (status: ConnectionStatus) => void): void {
  if (signal.aborted) return;
  // Returns nothing: the message needs no answer, and returning true would hold the channel open.
  const receive = (message: unknown): void => {
    const status = readConnectionMessage(message);
    if (status && !signal.aborted) listener(status);
  };
  runtime.onMessage.addListener(receive);
  signal.addEventListener('abort', () => runtime.onMessage.removeListener(receive), { once: true });
}
