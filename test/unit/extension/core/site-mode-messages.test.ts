/**
 * The background's side of the sites' modes, on fake browser APIs: the every-page script's question
 * is answered from the modes (its raw message only; other messages are left to their listeners), a
 * change is broadcast to every tab and to the extension's pages, and a tab's subject is forgotten
 * (and the side panel told) when the tab closes or leaves the page.
 */
import { describe, expect, it } from 'vitest';
import { answerSiteModeQuestions, broadcastSiteMode, followTabs, type ModeQuestions, type TabEvents } from '../../../../extension/entrypoints/background/site-mode-messages.ts';
import type { BroadcastApis } from '../../../../extension/entrypoints/background/connection-broadcast.ts';
import { siteModeRequest, SITE_MODE_CHANGED, SITE_MODE_REQUEST } from '../../../../extension/core/site-modes.ts';

describe('site mode messages', () => {
  it('answers a page\'s question with its site\'s mode, keeping the channel open, and leaves other messages alone', async () => {
    let listener: Parameters<ModeQuestions['onMessage']['addListener']>[0] | undefined;
    answerSiteModeQuestions({ onMessage: { addListener: (cb) => (listener = cb) } }, { modeOf: async (site) => (site === 'linkedin' ? 'side-panel-only' : 'on') });
    const answers: unknown[] = [];
    expect(listener!(siteModeRequest('linkedin'), {}, (answer) => answers.push(answer))).toBe(true);
    expect(listener!({ type: 'getBriefs', data: {} }, {}, (answer) => answers.push(answer))).toBeUndefined();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(answers).toEqual([{ type: SITE_MODE_REQUEST, site: 'linkedin', mode: 'side-panel-only' }]);
  });

  it('broadcasts a change to every tab and to the extension\'s pages, whatever refuses it', async () => {
    const sent: Array<[string, unknown]> = [];
    const apis: BroadcastApis = {
      tabs: {
        query: async () => [{ id: 1 }, { id: 2 }, {}],
        sendMessage: async (id, message) => {
          sent.push([`tab ${id}`, message]);
          if (id === 1) throw new Error('Receiving end does not exist');
        },
      },
      runtime: { sendMessage: async (message) => void sent.push(['pages', message]) },
    };
    await broadcastSiteMode(apis, 'linkedin', 'off');
    const message = { type: SITE_MODE_CHANGED, site: 'linkedin', mode: 'off' };
    expect(sent).toEqual([
      ['pages', message],
      ['tab 1', message],
      ['tab 2', message],
    ]);
  });

  it('forgets a tab\'s subject when it closes or leaves, and tells the side panel only when one was forgotten', async () => {
    const removed: Array<(tabId: number) => void> = [];
    const updated: Array<(tabId: number, change: { url?: string; status?: string }) => void> = [];
    const tabs: TabEvents = { onRemoved: { addListener: (cb) => void removed.push(cb) }, onUpdated: { addListener: (cb) => void updated.push(cb) } };
    const told: number[] = [];
    followTabs(tabs, { closed: async (tabId) => tabId === 7, updated: async (_tabId, change) => change.url === 'https://www.linkedin.com/feed/' }, (tabId) => told.push(tabId));
    removed[0]!(7);
    removed[0]!(8);
    updated[0]!(9, { url: 'https://www.linkedin.com/feed/' });
    updated[0]!(9, { status: 'complete' });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(told).toEqual([7, 9]);
  });
});
