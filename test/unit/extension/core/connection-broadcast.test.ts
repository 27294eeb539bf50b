/**
 * The connection's changes reach every open panel and page (issue 9, item 9): the background
 * sends each status to every tab and to its own pages, whatever most tabs answer; a panel reads
 * only well-formed status messages and stops listening when its page's signal aborts.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { FORGET_MESSAGE } from '../../../../extension/core/page/tab-memory.ts';
import { CONNECTION_MESSAGE, connectionMessage, onConnectionStatus, readConnectionMessage } from '../../../../extension/core/connection-status.ts';
import type { ConnectionStatus } from '../../../../extension/core/protocol.ts';
import { broadcastConnection, broadcastForgetRecent, type BroadcastApis } from '../../../../extension/entrypoints/background/connection-broadcast.ts';

const CONNECTED: ConnectionStatus = { state: 'connected', serverUrl: 'http://127.0.0.1:8787', expiredAt: null };
const EXPIRED: ConnectionStatus = { state: 'token_expired', serverUrl: 'https://signals.acme.com', expiredAt: '2026-11-20T12:00:00.000Z' };

beforeEach(() => fakeBrowser.reset());

describe('broadcastConnection', () => {
  it('sends the status to every tab and to the extension pages, and never rejects when tabs have no listener', async () => {
    const sent: Array<[number | 'pages', unknown]> = [];
    const apis: BroadcastApis = {
      tabs: {
        query: async () => [{ id: 1 }, { id: 2 }, {}, { id: 3 }],
        sendMessage: async (id, message) => {
          sent.push([id, message]);
          if (id !== 2) throw new Error('Could not establish connection. Receiving end does not exist.');
        },
      },
      runtime: {
        sendMessage: async (message) => {
          sent.push(['pages', message]);
          throw new Error('Could not establish connection. Receiving end does not exist.');
        },
      },
    };
    await expect(broadcastConnection(apis, EXPIRED)).resolves.toBeUndefined();
    expect(sent).toEqual([
      ['pages', { type: CONNECTION_MESSAGE, status: EXPIRED }],
      [1, { type: CONNECTION_MESSAGE, status: EXPIRED }],
      [2, { type: CONNECTION_MESSAGE, status: EXPIRED }],
      [3, { type: CONNECTION_MESSAGE, status: EXPIRED }],
    ]);
    // What travels: the state, the server and a date; never a token or a person.
    expect(Object.keys(EXPIRED).sort()).toEqual(['expiredAt', 'serverUrl', 'state']);
  });

  it('still reaches the extension pages when the tabs cannot be listed', async () => {
    const pages = vi.fn(async () => undefined);
    await broadcastConnection({ tabs: { query: () => Promise.reject(new Error('no')), sendMessage: async () => undefined }, runtime: { sendMessage: pages } }, CONNECTED);
    expect(pages).toHaveBeenCalledWith({ type: CONNECTION_MESSAGE, status: CONNECTED });
  });
});

describe('readConnectionMessage', () => {
  it('reads a status message and nothing else', () => {
    expect(readConnectionMessage(connectionMessage(EXPIRED))).toEqual(EXPIRED);
    for (const other of [
      null,
      'connected',
      { type: 'getBriefs', data: {}, timestamp: 1 },
      { type: CONNECTION_MESSAGE },
      { type: CONNECTION_MESSAGE, status: { ...CONNECTED, state: 'hacked' } },
      { type: CONNECTION_MESSAGE, status: { ...CONNECTED, serverUrl: 42 } },
      { type: CONNECTION_MESSAGE, status: { ...CONNECTED, expiredAt: 7 } },
    ]) {
      expect(readConnectionMessage(other), JSON.stringify(other)).toBeNull();
    }
  });
});

describe('onConnectionStatus', () => {
  it('hands each broadcast status to the panel until its page is left', async () => {
    const page = new AbortController();
    const seen: ConnectionStatus[] = [];
    onConnectionStatus(fakeBrowser.runtime, page.signal, (status) => seen.push(status));
    await fakeBrowser.runtime.onMessage.trigger(connectionMessage(CONNECTED), {}, () => undefined);
    await fakeBrowser.runtime.onMessage.trigger({ type: 'something-else' }, {}, () => undefined);
    expect(seen).toEqual([CONNECTED]);
    page.abort();
    await fakeBrowser.runtime.onMessage.trigger(connectionMessage(EXPIRED), {}, () => undefined);
    expect(seen).toEqual([CONNECTED]);
  });
});

describe('broadcastForgetRecent', () => {
  it("tells every tab to drop its panels' memory, with nothing in the message but its type", async () => {
    const sent: Array<[number | 'pages', unknown]> = [];
    const apis: BroadcastApis = {
      tabs: { query: async () => [{ id: 7 }, { id: 8 }], sendMessage: async (id, message) => void sent.push([id, message]) },
      runtime: { sendMessage: async (message) => void sent.push(['pages', message]) },
    };
    await broadcastForgetRecent(apis);
    expect(sent).toEqual([
      ['pages', { type: FORGET_MESSAGE }],
      [7, { type: FORGET_MESSAGE }],
      [8, { type: FORGET_MESSAGE }],
    ]);
  });
});
