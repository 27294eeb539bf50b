/**
 * The two content scripts every site has, written once (the site's `page.ts` and `bundle.ts` call
 * these; `sites/registry.ts` puts them in the manifest with the site's matches):
 * - the EVERY-PAGE script: tiny (the runner, the site's page key and served-page predicate, no
 *   React), it watches navigation and, on a page the site serves, hands the page to the bundle;
 * - the PANEL BUNDLE (`<site>-panel`): React, the components and the site's features, which
 *   registered themselves (`features.add`). Injected by the browser on served URLs at document
 *   start, or imported at run time after in-page navigation (core/page/lazy-bundle.ts).
 * The every-page script first asks the site's mode (core/page/site-mode.ts): `off` loads nothing,
 * `side-panel-only` runs only the features that add nothing to the page.
 */
import { defineContentScript, type ContentScriptContext } from '#imports';
import { browser } from 'wxt/browser';
import type { PageMode, Site } from './contract.ts';
import { features } from './features.ts';
import { pageHostOf, runFeatures, runPage } from './feature-runner.ts';
import { loadBundle, provideBundle } from './lazy-bundle.ts';
import { followSiteMode, type ModeChannel } from './site-mode.ts';

/** What a site's panel bundle gives its every-page script. */
export interface SiteBundleApi {
  /** Runs the site's features for the page at `url` in `mode` until `signal` aborts. */
  runPage(ctx: ContentScriptContext, signal: AbortSignal, url: URL, mode: PageMode): void;
}

/** The mode's messages through the extension's runtime (raw: core/site-modes.ts says why). */
const runtimeChannel: ModeChannel = {
  ask: (message) => browser.runtime.sendMessage(message),
  listen(signal, listener) {
    // Returns nothing: a broadcast needs no answer, and returning true would hold the channel open.
    const receive = (message: unknown): void => listener(message);
    browser.runtime.onMessage.addListener(receive);
    signal.addEventListener('abort', () => browser.runtime.onMessage.removeListener(receive), { once: true });
  },
};

/**
 * The every-page script of `site`: on each page it serves (`served`), loads the panel bundle and
 * runs the site's features there. Failures are swallowed on purpose: a broken panel must not
 * break the host page, and errors may hold personal data.
 *
 * @example export default sitePageScript(linkedin, isServedPage);
 */
export function sitePageScript(site: Site, served: (url: URL) => boolean) {
  return defineContentScript({
    // The manifest's matches come from sites/registry.ts (wxt.config.ts); these are never read.
    matches: [],
    runAt: 'document_start',
    main(ctx) {
      const host = pageHostOf(ctx);
      void followSiteMode(site.id, { signal: ctx.signal, channel: runtimeChannel }, (mode, signal) => {
        runFeatures(
          { ...host, signal, mode, onLocationChange: (listener) => host.onLocationChange((url) => (signal.aborted ? undefined : listener(url))) },
          [
            {
              id: `${site.id}-bundle`,
              site: site.id,
              include: [served],
              modes: ['on', 'side-panel-only'],
              async init({ signal: pageSignal, url, context }) {
                const bundle = await loadBundle<SiteBundleApi>(`${site.id}-panel`);
                if (!pageSignal.aborted) bundle.runPage(context, pageSignal, url, mode);
              },
            },
          ],
          { pageKey: site.pageKey },
        );
      });
    },
  });
}

/**
 * The panel bundle of `site`: import the site's feature files before calling it.
 *
 * @example import '../../features/linkedin-profile-panel.tsx'; export default siteBundleScript(linkedin);
 */
export function siteBundleScript(site: Site) {
  return defineContentScript({
    matches: [],
    runAt: 'document_start',
    main() {
      provideBundle<SiteBundleApi>(`${site.id}-panel`, {
        runPage: (ctx, signal, url, mode) => runPage({ context: ctx, mode }, features.of<ContentScriptContext>(site.id), signal, url),
      });
    },
  });
}
