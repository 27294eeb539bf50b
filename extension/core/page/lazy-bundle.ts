/**
 * Lazily loaded feature bundles: a feature's heavy code (React, the panel components, Tailwind)
 * is built as its own content script (`content-scripts/<name>.js`) that the manifest injects only
 * on the URLs it serves, so the content script every page of a site loads stays tiny.
 *
 * WXT builds each content script as one IIFE and folds `import()` into it, so the split has to
 * be two entrypoints. When the browser did not inject the bundle (the page was reached by
 * in-page navigation), it is loaded with `import(runtime.getURL(...))`, which Chromium and
 * Firefox allow for web-accessible resources; the module is evaluated in the content script's
 * isolated world (extension APIs available, page scripts cannot see its globals). An IIFE has no
 * exports, so the bundle hands its API over through that world's `globalThis` either way.
 */
import { browser, type PublicPath } from 'wxt/browser';
import { worldMap } from './world-map.ts';

/** A lazily loaded bundle: `<site>-panel`, built from `extension/sites/<site>/bundle.ts` (sites/registry.ts). */
export type BundleName = `${string}-panel`;

/** Where bundles leave their API (a symbol-keyed map: nothing else in the isolated world collides). */
const shelf = () => worldMap<BundleName, unknown>('signalhouse.lazy-bundles');

/**
 * Called by a bundle when it is evaluated: makes `api` available to `loadBundle(name)`.
 *
 * @example provideBundle('linkedin-panel', { runPage })
 */
export function provideBundle<T>(name: BundleName, api: T): void {
  shelf().set(name, api);
}

/**
 * The API of the bundle `content-scripts/<name>.js`: the one the browser
 * injected, or else the bundle imported once (the module cache keeps it for the page's life).
 *
 * @example const { runPage } = await loadBundle<SiteBundleApi>('linkedin-panel');
 */
export async function loadBundle<T>(name: BundleName): Promise<T> {
  const loaded = shelf();
  // Content scripts injected at document start all run in one task, in an order the manifest
  // does not promise: give the injected bundle that task before fetching a second copy.
  if (!loaded.has(name)) await new Promise((resolve) => setTimeout(resolve, 0));
  // A content script's file is not in WXT's list of public paths, though the manifest makes it web-accessible.
  if (!loaded.has(name)) await import(/* @vite-ignore */ browser.runtime.getURL(`/content-scripts/${name}.js` as PublicPath));
  if (!loaded.has(name)) throw new Error(`bundle ${name} did not provide its API`);
  return loaded.get(name) as T;
}
