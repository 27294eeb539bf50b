/**
 * Tells every open panel and extension page where the connection stands, each time it changes
 * (core/background/connection.ts reports the changes): to every tab's content scripts (`tabs.sendMessage`)
 * and to the extension's own pages (`runtime.sendMessage`: the options page, the side panel).
 *
 * Every tab, not a URL-filtered list: filtering needs the `tabs` permission or host permissions
 * for each site, and a tab without our content script just refuses the message. Changes are rare
 * (a Connect, a token refused, the server going away or coming back), so this costs nothing.
 * The message holds the state, the server URL and an expiry date: no token, no person.
 */
import { connectionMessage } from '../../core/connection-status.ts';
import { FORGET_MESSAGE } from '../../core/page/tab-memory.ts';
import type { ConnectionStatus } from '../../core/protocol.ts';

/** The parts of the browser APIs this file uses (the fake browser's in tests). */
export interface BroadcastApis {
  tabs: {
    query(query: Record<string, never>): Promise<Array<{ id?: number | undefined }>>;
    sendMessage(tabId: number, message: unknown): Promise<unknown>;
  };
  runtime: { sendMessage(message: unknown): Promise<unknown> };
}

/**
 * Sends `status` everywhere; never rejects (no listener is the usual answer of most tabs).
 *
 * @example createConnection({ ..., onStatus: (status) => void broadcastConnection(browser, status) })
 */
export async function broadcastConnection(apis: BroadcastApis, status: ConnectionStatus): Promise<void> {
  await broadcastToTabs(apis, connectionMessage(status));
}

/**
 * Tells every tab to drop what its panels remember (core/page/tab-memory.ts): the brief cache
 * forgot something (a Disconnect, another rep, an erasure, a correction), so no tab may paint it
 * again from its own memory. Carries nothing but its type.
 *
 * @example briefs.forgetAll = async () => { await forgetAllBriefs(); await broadcastForgetRecent(browser) }
 */
export async function broadcastForgetRecent(apis: BroadcastApis): Promise<void> {
  await broadcastToTabs(apis, { type: FORGET_MESSAGE });
}

/** Sends `message` to the extension's pages and every tab; never rejects (most tabs have no listener). */
export async function broadcastToTabs(apis: BroadcastApis, message: unknown): Promise<void> {
  const tabs = await apis.tabs.query({}).catch(() => []);
  await Promise.allSettled([
    apis.runtime.sendMessage(message),
    ...tabs.flatMap((tab) => (tab.id === undefined ? [] : [apis.tabs.sendMessage(tab.id, message)])),
  ]);
}
