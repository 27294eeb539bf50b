/**
 * What the build knows of a site: its line in the registry (`registerSite` in
 * `sites/<site>/manifest.ts`). Pure data, read in Node by wxt.config.ts, `npm run size`, the
 * bench and the e2e harness; nothing here runs in the browser.
 */

export interface SiteManifest {
  /** The folder under `extension/sites/` and the content scripts' names (`<id>.js`, `<id>-panel.js`). */
  id: string;
  /** The site's name in words (the size report's rows). */
  name: string;
  /** Every page the every-page script runs on (manifest matches; host permissions). */
  matches: string[];
  /** The pages the panel bundle is injected on at document start (a subset of `matches`). */
  bundleMatches: string[];
  /** Hosts the e2e suite and the bench serve fixtures at (context.route). */
  servedHosts: string[];
  /** Built only into test builds (WXT_TEST_SITES=1): never in a production manifest. */
  testOnly?: boolean;
}

const registered: SiteManifest[] = [];

/**
 * Adds a site to the registry; called once by each `sites/<site>/manifest.ts`.
 *
 * @example registerSite({ id: 'linkedin', name: 'LinkedIn', matches: [...], bundleMatches: [...], servedHosts: ['www.linkedin.com'] })
 */
export function registerSite(site: SiteManifest): void {
  if (!/^[a-z][a-z0-9-]*$/.test(site.id)) throw new Error(`site id ${site.id} is not a folder name`);
  if (registered.some((known) => known.id === site.id)) throw new Error(`site ${site.id} is registered twice`);
  registered.push(site);
}

/** Every registered site, test-only ones included, in registry order. */
export function registeredSites(): readonly SiteManifest[] {
  return registered;
}
