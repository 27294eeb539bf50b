/**
 * Lazily loaded feature bundles: a feature's heavy code (React, the panel components, Tailwind)
 * is built as its own unlisted script and loaded into the content script's isolated world only
 * when a page it serves is opened, so the always-loaded content script stays tiny.
 *
 * WXT builds each content script as one IIFE and folds `import()` into it, so the split has to
 * be two entrypoints. The bundle is loaded with `import(runtime.getURL(...))`, which Chromium and
 * Firefox allow for web-accessible resources; the module is evaluated in the content script's
 * isolated world (extension APIs available, page scripts cannot see its globals). An IIFE has no
 * exports, so the bundle hands its API over through that world's `globalThis`.
 */
import { browser } from 'wxt/browser';

/** Where bundles leave their API; a symbol, so nothing else in the isolated world collides. */
const SHELF = Symbol.for('signalhouse.lazy-bundles');

/** Every lazily loaded bundle: the name of its unlisted-script entrypoint (`entrypoints/<name>.ts`). */
export type BundleName = 'linkedin-panel';

type Shelf = Map<BundleName, unknown>;

function shelf(): Shelf {
  const global = globalThis as typeof globalThis & { [SHELF]?: Shelf };
  global[SHELF] ??= new Map();
  return global[SHELF];
}

/**
 * Called by a bundle when it is evaluated: makes `api` available to `loadBundle(name)`.
 *
 * @example provideBundle('linkedin-panel', { showProfilePanel })
 */
export function provideBundle<T>(name: BundleName, api: T): void {
  shelf().set(name, api);
}

/**
 * Loads the bundle built from `entrypoints/<name>.ts` (once per page load: the module cache
 * keeps it) and resolves to the API it provided.
 *
 * @example const { showProfilePanel } = await loadBundle<LinkedInPanelApi>('linkedin-panel');
 */
export async function loadBundle<T>(name: BundleName): Promise<T> {
  const loaded = shelf();
  if (!loaded.has(name)) {
    await import(/* @vite-ignore */ browser.runtime.getURL(`/${name}.js`));
  }
  if (!loaded.has(name)) throw new Error(`bundle ${name} did not provide its API`);
  return loaded.get(name) as T;
}
