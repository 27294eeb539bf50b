/**
 * Runs content-script features on the pages they declare, refined-github style: each feature says
 * which URLs it serves and gets an `AbortSignal` per page, or per element for features that live
 * on an element (a compose window, an event dialog). In-page navigation to another page (as the
 * site keys pages: LinkedIn by path, Gmail by path and hash) aborts everything the previous page
 * started, then runs what matches the new URL.
 *
 * The location source is a parameter (`PageHost`), so tests drive navigation without a browser;
 * `pageHostOf(ctx)` adapts WXT's content-script context.
 */
import type { ContentScriptContext } from '#imports';
import type { Feature, PageMode } from './contract.ts';
import { observe } from './observe.ts';

export type { Feature, FeatureRun } from './contract.ts';

/** Where the runner learns the URL and its changes; `signal` ends the whole content script. */
export interface PageHost<Context = unknown> {
  readonly signal: AbortSignal;
  currentUrl(): URL;
  /** Calls `listener` with the new URL after each in-page navigation, until `signal` aborts. */
  onLocationChange(listener: (url: URL) => void): void;
  /** The document element-scoped features watch; absent: `document` (tests pass their own). */
  root?: ParentNode & Node;
  /** Handed to each feature's `init` (WXT's content-script context in the extension). */
  context: Context;
  /** The site's mode (`core/site-modes.ts`); absent: `on`. Features that do not list it do not run. */
  mode?: PageMode | undefined;
}

/** What a failing feature reports; never rethrown, so the host page never sees our errors. */
export type FeatureFailure = (featureId: string, error: unknown) => void;

export interface RunOptions {
  /** The page a URL shows (`Site.pageKey`); default: origin and path, so a hash or query change is the same page. */
  pageKey?: (url: URL) => string;
  onFailure?: FeatureFailure;
}

/** The default page key: a hash or query change (`#experience`, `?trk=`) is the same page. */
export const pathPageKey = (url: URL) => `${url.origin}${url.pathname.replace(/\/+$/, '')}`;

const isAbort = (error: unknown) => error instanceof DOMException && error.name === 'AbortError';

/**
 * Runs the features matching the current URL, and again after each in-page navigation to another
 * page, aborting the previous page's signal first (its panels unmount, its observers disconnect).
 *
 * @example
 * runFeatures(pageHostOf(ctx), [{ id: 'profile-panel', site: 'linkedin', include: [isProfile], init: showPanel }], { pageKey: linkedin.pageKey });
 */
export function runFeatures<Context>(host: PageHost<Context>, features: readonly Feature<Context>[], options: RunOptions = {}): void {
  const pageKeyOf = options.pageKey ?? pathPageKey;
  let page: AbortController | undefined;
  let pageKey: string | undefined;

  const start = (url: URL) => {
    const key = safely(() => pageKeyOf(url), url.href);
    if (key === pageKey) return;
    pageKey = key;
    page?.abort();
    if (host.signal.aborted) return;
    page = new AbortController();
    runPage(host, features, page.signal, url, options.onFailure);
  };

  host.signal.addEventListener('abort', () => page?.abort(), { once: true });
  host.onLocationChange(start);
  start(host.currentUrl());
}

/**
 * Runs, for one page until `signal` aborts, every feature whose predicates accept `url`: a
 * page-scoped feature once, an element-scoped one once per matching element while it is there.
 */
export function runPage<Context>(
  host: Pick<PageHost<Context>, 'root' | 'context' | 'mode'>,
  features: readonly Feature<Context>[],
  signal: AbortSignal,
  url: URL,
  onFailure: FeatureFailure = () => undefined,
): void {
  const mode = host.mode ?? 'on';
  for (const feature of features) {
    if (!(feature.modes ?? ['on']).includes(mode)) continue;
    if (!feature.include.some((accepts) => safely(() => accepts(url), false))) continue;
    const launch = (runSignal: AbortSignal, element?: Element) => {
      try {
        void Promise.resolve(feature.init({ signal: runSignal, url, element, context: host.context, mode })).catch((error: unknown) => {
          if (!isAbort(error)) onFailure(feature.id, error);
        });
      } catch (error) {
        if (!isAbort(error)) onFailure(feature.id, error);
      }
    };
    if (feature.elements) observe(feature.elements, { signal, root: host.root ?? document }, (element, elementSignal) => launch(elementSignal, element));
    else launch(signal);
  }
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
 * watcher, removed when the context is invalidated) and the context's signal. WXT's watcher
 * compares whole URLs, so hash changes arrive too; the site's page key decides what is a new page.
 *
 * @example runFeatures(pageHostOf(ctx), features, { pageKey: site.pageKey })
 */
export function pageHostOf(ctx: ContentScriptContext): PageHost<ContentScriptContext> {
  return {
    signal: ctx.signal,
    currentUrl: () => new URL(location.href),
    onLocationChange: (listener) => ctx.addEventListener(window, 'wxt:locationchange', (event) => listener(event.newUrl)),
    context: ctx,
  };
}
