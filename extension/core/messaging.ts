/**
 * The typed messenger for the extension's one contract (`protocol.ts`). Pages, panels and content
 * scripts call `sendMessage`; only the background calls `onMessage` (through `setupMessages`).
 *
 * @example
 * import { sendMessage } from '../core/messaging.ts';
 * const connection = await sendMessage('getConnection');
 */
import { defineExtensionMessaging } from '@webext-core/messaging';
import type { ProtocolMap } from './protocol.ts';

// `logger: undefined` would fall back to console; payloads can hold personal data, so log nothing.
const silent = { debug() {}, log() {}, warn() {}, error() {} };

export const { sendMessage, onMessage, removeAllListeners } = defineExtensionMessaging<ProtocolMap>({ logger: silent });
