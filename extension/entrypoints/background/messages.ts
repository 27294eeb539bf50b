/**
 * Registers one listener per message of the contract; each goes through `dispatch` (validation,
 * sender check, no throw across the boundary).
 */
import { browser } from '#imports';
import { dispatch, type Handlers } from '../../core/background/handlers.ts';
import { onMessage } from '../../core/messaging.ts';
import { PAYLOADS, type MessageName } from '../../core/protocol.ts';

/**
 * @example setupMessages(createHandlers({ connection, now: () => new Date() }));
 */
export function setupMessages(handlers: Handlers): void {
  const extensionBaseUrl = browser.runtime.getURL('/');
  for (const name of Object.keys(PAYLOADS) as MessageName[]) {
    onMessage(name, (message) => dispatch(handlers, name, message.data, message.sender, extensionBaseUrl));
  }
}
