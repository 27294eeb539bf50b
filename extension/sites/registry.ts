/**
 * The site registry: one import line per site. Everything the build and the tools need about
 * the sites is derived from it, so adding a site edits no other file:
 * - wxt.config.ts: each site's two content scripts (`sites/<id>/page.ts` on every page of the
 *   site, `sites/<id>/bundle.ts` on the pages it serves), the bundles' web-accessible resources,
 *   and the host permissions (`hostPermissions`);
 * - `npm run size`: one row per content script (`sizeRows`);
 * - the e2e harness and `bench:panel`: the hosts served from fixtures (`servedHosts`).
 * Read in Node only (build and tools); the browser never loads this file.
 */
import { registeredSites, type SiteManifest } from './site-manifest.ts';

import './linkedin/manifest.ts';
import './gmail/manifest.ts';
import './calendar/manifest.ts';
import './meet/manifest.ts';
import './zoom/manifest.ts';
import './contract-test/manifest.ts';

export type { SiteManifest };

/**
 * Hosts of the surfaces coming next (Gmail, Calendar, Meet, Zoom), declared now so a later
 * release that serves them adds no permission: Chrome disables an updated extension that asks
 * for new hosts until the rep accepts them, team by team.
 */
export const COMING_HOSTS: readonly string[] = [
  'https://mail.google.com/*',
  'https://calendar.google.com/*',
  'https://meet.google.com/*',
  'https://zoom.us/*',
  'https://*.zoom.us/*',
];

/** Whether test-only sites are built (the e2e build sets WXT_TEST_SITES=1; production never does). */
export function testSitesWanted(env: Record<string, string | undefined> = process.env): boolean {
  return env.WXT_TEST_SITES === '1';
}

/**
 * The sites a build includes: production sites, plus test-only ones when `withTestSites`.
 *
 * @example sitesFor(false).map((s) => s.id) // ['linkedin']
 */
export function sitesFor(withTestSites: boolean): SiteManifest[] {
  return registeredSites().filter((site) => withTestSites || !site.testOnly);
}

/** One content script the build adds for a site (wxt.config.ts turns each into an entrypoint). */
export interface SiteContentScript {
  /** The entrypoint's name: `content-scripts/<name>.js`. */
  name: string;
  /** The source, relative to `extension/`. */
  input: string;
  matches: string[];
  /** The panel bundle: web-accessible, so the every-page script can import it after in-page navigation. */
  lazy: boolean;
  /**
   * `runtime`: built, but not in the manifest's content scripts (a bundle with no `bundleMatches`,
   * which the every-page script always imports itself: Gmail's, whose threads live in the hash).
   */
  registration?: 'runtime';
}

/**
 * The content scripts of `sites`: the every-page script and the panel bundle of each.
 *
 * @example contentScriptsOf(sitesFor(false))[1] // { name: 'linkedin-panel', input: 'sites/linkedin/bundle.ts', matches: [...], lazy: true }
 */
export function contentScriptsOf(sites: readonly SiteManifest[]): SiteContentScript[] {
  return sites.flatMap((site) => [
    { name: site.id, input: `sites/${site.id}/page.ts`, matches: site.matches, lazy: false },
    {
      name: `${site.id}-panel`,
      input: `sites/${site.id}/bundle.ts`,
      matches: site.bundleMatches,
      lazy: true,
      ...(site.bundleMatches.length === 0 ? { registration: 'runtime' as const } : {}),
    },
  ]);
}

/** The manifest's web-accessible resources for the lazy bundles: loadable from the site's pages only. */
export function lazyBundleResources(sites: readonly SiteManifest[]): { resources: string[]; matches: string[] }[] {
  return sites.map((site) => ({ resources: [`content-scripts/${site.id}-panel.js`], matches: site.matches }));
}

/** The manifest's host permissions: every site built, and every coming surface. */
export function hostPermissions(sites: readonly SiteManifest[]): string[] {
  return [...new Set([...sites.flatMap((site) => site.matches), ...COMING_HOSTS])];
}

/** The size report's rows: per site, the every-page script and its lazy bundle. */
export function sizeRows(sites: readonly SiteManifest[]): { site: string; contentScript: string; lazyBundles: string[] }[] {
  return sites.map((site) => ({ site: site.name, contentScript: `content-scripts/${site.id}.js`, lazyBundles: [`content-scripts/${site.id}-panel.js`] }));
}

/** The hosts the e2e suite and the bench serve fixtures at, by site id. */
export function servedHosts(sites: readonly SiteManifest[]): Record<string, string[]> {
  return Object.fromEntries(sites.map((site) => [site.id, site.servedHosts]));
}
