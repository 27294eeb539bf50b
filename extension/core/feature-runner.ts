/**
 * Runs content-script features on the pages they declare, refined-github style: each feature says
 * which URLs it serves and gets an `AbortSignal` per page. In-page navigation (LinkedIn is a
 * single-page app) aborts everything the previous page started, then runs what matches the new URL.
 *
 * The location source is a parameter (`PageHost`), so tests drive navigation without a browser;
 * `pageHostOf(ctx)` adapts WXT's content-script context.
 */
import type { ContentScriptContext } from '#imports';

/** One feature: where it runs and what it starts there. Everything it starts is bound to `signal`. */
export interface Feature {
  id: string;
  /** The feature runs when any predicate accepts the URL. */
  include: ReadonlyArray<(url: URL) => boolean>;
  init(signal: AbortSignal, url: URL): void | Promise<void>;
}

/** Where the runner learns the URL and its changes; `signal` ends the whole content script. */
export interface PageHost {
  readonly signal: AbortSignal;
  currentUrl(): URL;
  /** Calls `listener` with the new URL after each in-page navigation, until `signal` aborts. */
  onLocationChange(listener: (url: URL) => void): void;
}

/** What a failing feature reports; never rethrown, so the host page never sees our errors. */
export type FeatureFailure = (featureId: string, error: unknown) => void;

/** The page a URL shows: a hash or query change (`#experience`, `?trk=`) is the same page. */
const pageKeyOf = (url: URL) => `${url.origin}${url.pathname.replace(/\/+$/, '')}`;

const isAbort = (error: unknown) => error instanceof DOMException && error.name === 'AbortError';

/**
 * Runs the features matching the current URL, and again after each in-page navigation to another
 * page, aborting the previous page's signal first (its panels unmount, its observers disconnect).
 *
 * @example
 * runFeatures(pageHostOf(ctx), [{ id: 'profile-panel', include: [isProfile], init: showPanel }]);
 */
export function runFeatures(host: PageHost, features: readonly Feature[], onFailure: FeatureFailure = () => undefined): void {
  let page: AbortController | undefined;
  let pageKey: string | undefined;

  const start = (url: URL) => {
    const key = pageKeyOf(url);
    if (key === pageKey) return;
    pageKey = key;
    page?.abort();
    if (host.signal.aborted) return;
    page = new AbortController();
    const { signal } = page;
    for (const feature of features) {
      if (!feature.include.some((accepts) => safely(() => accepts(url), false))) continue;
      try {
        void Promise.resolve(feature.init(signal, url)).catch((error: unknown) => {
          if (!isAbort(error)) onFailure(feature.id, error);
        });
      } catch (error) {
        if (!isAbort(error)) onFailure(feature.id, error);
      }
    }
  };

  host.signal.addEventListener('abort', () => page?.abort(), { once: true });
  host.onLocationChange(start);
  start(host.currentUrl());
}

function safely<T>(run: () => T, fallback: T): T {
  try {
    return run();
  } catch {
    return fallback;
  }
}

/**
 * The WXT content-script context as a `PageHost`: `wxt:locationchange` (fired by WXT's own URL
 * watcher, removed when the context is invalidated) and the context's signal.
 *
 * @example runFeatures(pageHostOf(ctx), features)
 */
export function pageHostOf(ctx: ContentScriptContext): PageHost {
  return {
    signal: ctx.signal,
    currentUrl: () => new URL(location.href),
    onLocationChange: (listener) => ctx.addEventListener(window, 'wxt:locationchange', (event) => listener(event.newUrl)),
  };
}
