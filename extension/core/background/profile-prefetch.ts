/**
 * A LinkedIn profile's brief asked of the server as soon as a tab starts loading the profile
 * (issue 11: the cold panel within 60 ms of the name). The every-page script already asks the
 * brief cache at document start and, on a miss, the worker then asks the server
 * (early-briefs-messages.ts); but the content scripts run 60-110 ms after the page's first byte
 * (docs/benchmarks.md), and the worker hears of the load from `tabs.onUpdated` well before that.
 * So at the load's start the worker reads its cache for the refs the URL names and, on a miss,
 * starts the server's answer for that tab (early-server-briefs.ts), which the panel's own ask then
 * takes. A warm profile (every brief saved) asks nothing here: the panel paints the cache's copy.
 *
 * What goes to the server is what the page's panel sends a moment later (the profile URL's refs),
 * only where LinkedIn's mode is `on` (off and side-panel-only show no panel on the page) and only
 * when connected. `tabs.onUpdated` names the URL for the hosts the manifest has already: no new
 * permission (join-prefetch.ts says why not `webNavigation`).
 */
import type { BriefRef } from '../../../shared/brief.ts';
import { profileRefsFromUrl } from '../../sites/linkedin/routes.ts';
import type { SiteMode } from '../site-modes.ts';
import { followPageLoads, type PageLoadEvents } from './page-loads.ts';

export interface ProfilePrefetchDeps {
  modeOf(site: string): Promise<SiteMode>;
  /** Whether the worker's brief cache holds a brief for every one of `refs`. */
  cacheHolds(refs: BriefRef[], url: string): Promise<boolean>;
  /** Starts the server's answer for the panel of `tabId` (early-server-briefs.ts), unless one waits already. */
  start(tabId: number, refs: BriefRef[], url: string): void;
}

/**
 * Starts the server's answer for the profile `href` loading in `tabId`; answers whether it did.
 *
 * @example await prefetchProfile(7, 'https://www.linkedin.com/in/jane-doe/', deps) // true on a cache miss
 */
export async function prefetchProfile(tabId: number, href: string, deps: ProfilePrefetchDeps): Promise<boolean> {
  let refs: BriefRef[];
  try {
    refs = profileRefsFromUrl(new URL(href));
  } catch {
    return false;
  }
  if (refs.length === 0) return false;
  if ((await deps.modeOf('linkedin').catch(() => 'off' as const)) !== 'on') return false;
  if (await deps.cacheHolds(refs, href).catch(() => true)) return false;
  deps.start(tabId, refs, href);
  return true;
}

/**
 * Prefetches each profile a tab starts loading (`status: 'loading'`: a direct load or a reload;
 * LinkedIn's in-page navigation loads nothing, and its panel asks at once anyway).
 *
 * @example followProfilePages(browser.tabs, { modeOf, cacheHolds, start })
 */
export function followProfilePages(tabs: PageLoadEvents, deps: ProfilePrefetchDeps): void {
  followPageLoads(tabs, (tabId, href) => void prefetchProfile(tabId, href, deps).catch(() => undefined));
}
