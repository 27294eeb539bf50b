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
import { runPage } from './feature-runner.ts';
import { loadBundle, provideBundle } from './lazy-bundle.ts';
import { followSiteMode, type ModeChannel } from './site-mode.ts';
import { benchMark } from './bench-marks.ts';

/** What a site's panel bundle gives its every-page script. */
export interface SiteBundleApi {
  /** Runs the site's page features for the page at `url` in `mode` until `signal` aborts. */
  runPage(ctx: ContentScriptContext, signal: AbortSignal, url: URL, mode: PageMode): void;
  /** Runs the site's `acrossPages` features (Gmail's compose windows) until `signal` aborts: in-page navigation does not end them. */
  runAcrossPages(ctx: ContentScriptContext, signal: AbortSignal, mode: PageMode): void;
}

/**
 * Wakes a site's across-pages features on any page of the site, served or not: calls `start` once
 * the page shows what they live on (Gmail: a compose window), then stops watching. Written in the
 * site's `page.ts`, so only that site's every-page script carries it.
 */
export type Wake = (signal: AbortSignal, start: () => void) => void;

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
 * runs the site's page features there; with `wake`, starts its across-pages features too once the
 * page shows what they live on; with `early`, asks what the URL alone allows beside the mode's
 * question when the document loads on a served page (LinkedIn: the profile's cached brief,
 * core/page/early-briefs.ts). Failures are swallowed on purpose: a broken panel must not break
 * the host page, and errors may hold personal data.
 *
 * A page is what `site.pageKey` says: the same key is the same page (nothing restarts), a new one
 * aborts the previous page's signal first. Written here in a few lines rather than with the
 * feature runner, whose element lifetimes and feature lists only the panel bundle needs: this
 * script is on every page of the site (its budget: 3 kB gzip, `npm run size`).
 *
 * @example export default sitePageScript(linkedin, isServedPage);
 */
export function sitePageScript(site: Site, served: (url: URL) => boolean, wake?: Wake, early?: (url: URL) => void) {
  return defineContentScript({
    // The manifest's matches come from sites/registry.ts (wxt.config.ts); these are never read.
    matches: [],
    runAt: 'document_start',
    main(ctx) {
      // Beside the mode's question, not after it: a profile's cached brief is then one round trip
      // to the service worker away when the panel starts (core/page/early-briefs.ts).
      const here = new URL(location.href);
      if (early && served(here)) early(here);
      const bundle = () => loadBundle<SiteBundleApi>(`${site.id}-panel`);
      void followSiteMode(site.id, { signal: ctx.signal, channel: runtimeChannel }, (mode, signal) => {
        let page: AbortController | undefined;
        let key: string | undefined;
        const visit = (url: URL) => {
          let next = url.href;
          let serves = false;
          try {
            next = site.pageKey(url);
            serves = served(url);
          } catch {
            // A predicate that throws serves nothing; the page key falls back to the whole URL.
          }
          if (next === key || signal.aborted) return;
          key = next;
          page?.abort();
          const life = (page = new AbortController()).signal;
          if (serves) void bundle().then((api) => life.aborted || api.runPage(ctx, life, url, mode), () => undefined);
        };
        signal.addEventListener('abort', () => page?.abort(), { once: true });
        // WXT's watcher compares whole URLs, so hash changes arrive too; the page key decides.
        ctx.addEventListener(window, 'wxt:locationchange', (event) => visit(event.newUrl));
        visit(new URL(location.href));
        // Across-pages features add to the page: never in side-panel-only mode.
        if (wake && mode === 'on') wake(signal, () => void bundle().then((api) => signal.aborted || api.runAcrossPages(ctx, signal, mode), () => undefined));
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
      benchMark('bundle');
      const of = (acrossPages: boolean) => features.of<ContentScriptContext>(site.id).filter((feature) => Boolean(feature.acrossPages) === acrossPages);
      provideBundle<SiteBundleApi>(`${site.id}-panel`, {
        runPage: (ctx, signal, url, mode) => (benchMark('run-page'), runPage({ context: ctx, mode }, of(false), signal, url)),
        runAcrossPages: (ctx, signal, mode) => runPage({ context: ctx, mode }, of(true), signal, new URL(location.href)),
      });
    },
  });
}
