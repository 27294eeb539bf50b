/**
 * The worker starts a join page's package request as soon as a tab's URL is a Meet or Zoom join
 * page (issue 13: the package on screen within 100 ms of navigation start), so the answer waits in
 * the worker (join-packages.ts) for the page's content script, which only asks once the page has
 * started parsing and the panel bundle has run.
 *
 * `tabs.onUpdated` names the URL for hosts the extension has host permissions for (Meet's and
 * Zoom's are in the manifest already): no new permission. `webNavigation.onBeforeNavigate` would
 * name it a little earlier, but that permission warns at install ("Read your browsing history").
 *
 * What goes to the server is what the page itself would send: the conference id from the URL (never
 * Zoom's `pwd`), and only where the site's mode is `on` (a rep who turned the site off, or to the
 * side panel only, gets no package on the page, so nothing is asked).
 */
import type { ConferenceId } from '../../../shared/meetings.ts';
import { meetConferenceFromUrl } from '../../sites/meet/routes.ts';
import { zoomConferenceFromUrl } from '../../sites/zoom/routes.ts';
import type { SiteMode } from '../site-modes.ts';
import type { Api } from './api.ts';
import type { JoinPackages } from './join-packages.ts';
import { followPageLoads, type PageLoadEvents } from './page-loads.ts';

/**
 * The conference a join page's URL names, read as the page features read it (`sites/meet`,
 * `sites/zoom`); undefined for any other page (Meet's lookup pages name theirs on the page only).
 *
 * @example joinConferenceOf(new URL('https://acme.zoom.us/j/81234567890?pwd=x')) // { site: 'zoom', conference: { provider: 'zoom', id: '81234567890' } }
 */
export function joinConferenceOf(url: URL): { site: 'meet' | 'zoom'; conference: ConferenceId } | undefined {
  const meet = meetConferenceFromUrl(url);
  if (meet) return { site: 'meet', conference: meet };
  const zoom = zoomConferenceFromUrl(url);
  return zoom ? { site: 'zoom', conference: zoom } : undefined;
}

export interface PrefetchDeps {
  packages: Pick<JoinPackages, 'prefetch' | 'forgetTab'>;
  /** The connected server's client, or null. */
  api(): Promise<Pick<Api, 'meetingPackage'> | null>;
  modeOf(site: string): Promise<SiteMode>;
}

/**
 * Starts the package request for the join page `href` in `tabId`; answers whether it did.
 *
 * @example await prefetchJoinPackage(7, 'https://meet.google.com/abc-defg-hij', deps) // true
 */
export async function prefetchJoinPackage(tabId: number, href: string, deps: PrefetchDeps): Promise<boolean> {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return false;
  }
  const join = joinConferenceOf(url);
  if (!join) return false;
  if ((await deps.modeOf(join.site).catch(() => 'off' as const)) !== 'on') return false;
  const api = await deps.api().catch(() => null);
  if (!api) return false;
  // The answer waits in `packages` for the page's asks; a failure is not kept.
  deps.packages.prefetch(tabId, join.conference, api);
  return true;
}

/** The tab events the prefetch follows (`browser.tabs`; no permission needed for either). */
export interface JoinTabEvents extends PageLoadEvents {
  onRemoved: { addListener(callback: (tabId: number) => void): void };
}

/**
 * Prefetches each join page a tab starts loading (`status: 'loading'`, once a load: with the new
 * URL, or the tab's for a reload; a hash change loads nothing); forgets a closed tab's answers.
 *
 * @example followJoinPages(browser.tabs, { packages, api, modeOf: (site) => siteModes.modeOf(site) })
 */
export function followJoinPages(tabs: JoinTabEvents, deps: PrefetchDeps): void {
  followPageLoads(tabs, (tabId, href) => void prefetchJoinPackage(tabId, href, deps));
  tabs.onRemoved.addListener((tabId) => deps.packages.forgetTab(tabId));
}
