/**
 * The page loads the worker's prefetches follow (join-prefetch.ts, profile-prefetch.ts): each URL
 * a tab starts loading, heard from `tabs.onUpdated` before the page's content scripts run.
 */

/** `browser.tabs.onUpdated` (no permission needed; the URL is named for the manifest's hosts). */
export interface PageLoadEvents {
  onUpdated: { addListener(callback: (tabId: number, change: { url?: string; status?: string }, tab?: { url?: string }) => void): void };
}

/**
 * Calls `onLoad` for each page a tab starts loading (`status: 'loading'`, once a load: with the new
 * URL, or the tab's for a reload; a hash change or in-page navigation loads nothing).
 *
 * @example followPageLoads(browser.tabs, (tabId, href) => void prefetch(tabId, href))
 */
export function followPageLoads(tabs: PageLoadEvents, onLoad: (tabId: number, href: string) => void): void {
  tabs.onUpdated.addListener((tabId, change, tab) => {
    const href = change.status === 'loading' ? (change.url ?? tab?.url) : undefined;
    if (href) onLoad(tabId, href);
  });
}
