/**
 * The background's side of the sites' modes and the side panel's "This page":
 * - answers each every-page script's one question per page load (`readSiteModeRequest`: a raw
 *   message, core/site-modes.ts says why) from memory (core/background/site-modes.ts);
 * - broadcasts each change of a site's mode to every tab (the open pages follow it) and to the
 *   extension's pages (the options page shows it), as the connection's changes are;
 * - forgets a tab's subject when the tab closes or goes to another page (tab-subjects.ts).
 */
import { readSiteModeRequest, siteModeChanged, SITE_MODE_REQUEST, type SiteMode } from '../../core/site-modes.ts';
import type { SiteModes } from '../../core/background/site-modes.ts';
import type { TabSubjects } from '../../core/background/tab-subjects.ts';
import { broadcastToTabs, type BroadcastApis } from './connection-broadcast.ts';

/** The parts of `browser.runtime` the answer needs (the fake browser's in tests). */
export interface ModeQuestions {
  onMessage: {
    addListener(callback: (message: unknown, sender: unknown, sendResponse: (answer: unknown) => void) => boolean | undefined): void;
  };
}

/**
 * @example answerSiteModeQuestions(browser.runtime, siteModes)
 */
export function answerSiteModeQuestions(runtime: ModeQuestions, modes: Pick<SiteModes, 'modeOf'>): void {
  runtime.onMessage.addListener((message, _sender, sendResponse) => {
    const site = readSiteModeRequest(message);
    if (site === null) return undefined;
    modes.modeOf(site).then(
      (mode) => sendResponse({ type: SITE_MODE_REQUEST, site, mode }),
      // No answer the page can read: it goes on as `on` (core/page/site-mode.ts).
      () => sendResponse(null),
    );
    // The answer comes after this listener returns: keep the channel open for it.
    return true;
  });
}

/**
 * Sends `site`'s new mode everywhere; never rejects (most tabs have no listener).
 *
 * @example createSiteModes({ ..., onChange: (site, mode) => void broadcastSiteMode(browser, site, mode) })
 */
export async function broadcastSiteMode(apis: BroadcastApis, site: string, mode: SiteMode): Promise<void> {
  await broadcastToTabs(apis, siteModeChanged(site, mode));
}

/** The tab events "This page" follows (no permission needed for either). */
export interface TabEvents {
  onRemoved: { addListener(callback: (tabId: number) => void): void };
  onUpdated: { addListener(callback: (tabId: number, change: { url?: string; status?: string }) => void): void };
}

/**
 * Forgets a tab's subject when the tab closes or leaves the page; `forgotten(tabId)` is told when it did.
 *
 * @example followTabs(browser.tabs, tabSubjects, (tabId) => noteSidePanel(tabId))
 */
export function followTabs(tabs: TabEvents, subjects: Pick<TabSubjects, 'closed' | 'updated'>, forgotten: (tabId: number) => void = () => undefined): void {
  const then = (tabId: number, done: Promise<boolean>) => void done.then((did) => did && forgotten(tabId)).catch(() => undefined);
  tabs.onRemoved.addListener((tabId) => then(tabId, subjects.closed(tabId)));
  tabs.onUpdated.addListener((tabId, change) => then(tabId, subjects.updated(tabId, change)));
}
