/**
 * The sites this build ships, for the background (each site's mode, the options page's "Sites"):
 * written into the bundle at build time by wxt.config.ts from the site registry
 * (extension/sites/registry.ts, which the browser never loads), so no list of sites is written by
 * hand here. Outside a build (unit tests) there are none; tests pass their own.
 *
 * Also the e2e build's stand-in for managed storage: Chromium reads an extension's policy from
 * machine-wide files only (/etc/chromium/policies/managed), which a test cannot write per browser.
 * In a test build only (WXT_TEST_SITES=1, never a production build: `isTestBuild()` is the
 * constant false there, so the stand-in is never read), `storage.local`'s `test:managedPolicy` overrides the managed area.
 */
import type { ManagedArea } from './connection.ts';
import type { ShippedSite } from './site-modes.ts';

declare const __SIGNALHOUSE_SITES__: ShippedSite[] | undefined;

export { isTestBuild } from '../test-build.ts';

/** The shipped sites, in registry order. */
export function shippedSites(): ShippedSite[] {
  return typeof __SIGNALHOUSE_SITES__ === 'undefined' ? [] : __SIGNALHOUSE_SITES__;
}

/** The storage.local key the e2e build reads as its managed policy. */
export const TEST_POLICY_KEY = 'test:managedPolicy';

/**
 * The e2e build's managed area: the real one (still read, so the suite keeps Chromium's slow first
 * read that first-connect.e2e.ts and the bench live with), overridden key by key by
 * `storage.local[TEST_POLICY_KEY]`.
 */
export function testManagedArea(local: { get(keys: string[]): Promise<Record<string, unknown>> }, managed: ManagedArea | undefined): ManagedArea {
  return {
    async get() {
      const [real, stand] = await Promise.all([managed?.get().catch(() => ({})) ?? {}, local.get([TEST_POLICY_KEY])]);
      return { ...real, ...((stand[TEST_POLICY_KEY] ?? {}) as Record<string, unknown>) };
    },
  };
}
