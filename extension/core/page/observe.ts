/**
 * Element lifetimes (the `observe(selector, { signal })` of refined-github and selector-observer):
 * calls `onElement` once for each element matching `selector` while it is in the page, with a
 * signal that aborts when the element goes, stops matching or is replaced by a new one (which
 * then gets its own call), and when `signal` aborts. Several elements at once each live on their own.
 *
 * One MutationObserver per call; each batch of mutations re-reads the matching set once, so a
 * burst of host DOM changes costs one query, not one per change.
 */

export interface ObserveOptions {
  signal: AbortSignal;
  /** Where to watch; default `document`. */
  root?: ParentNode & Node;
}

/**
 * @example
 * observe('div[role="dialog"][aria-label="New Message"]', { signal }, (compose, composeSignal) => showComposePanel(compose, composeSignal));
 */
export function observe(selector: string, { signal, root = document }: ObserveOptions, onElement: (element: Element, signal: AbortSignal) => void): void {
  if (signal.aborted) return;
  const living = new Map<Element, AbortController>();

  const sync = () => {
    if (signal.aborted) return;
    // The selector comes from the site's dated selectors (extension/sites/); this module only
    // decides when an element's life starts and ends.
    // eslint-disable-next-line no-restricted-syntax -- runs a site's selector, written in extension/sites/
    const matching = new Set(root.querySelectorAll(selector));
    for (const [element, life] of living) {
      if (matching.has(element)) continue;
      living.delete(element);
      life.abort();
    }
    for (const element of matching) {
      if (living.has(element)) continue;
      const life = new AbortController();
      living.set(element, life);
      try {
        onElement(element, life.signal);
      } catch {
        // A failing start costs that element's feature, not the watcher.
      }
    }
  };

  // Attributes too: an element that comes to match (a dialog gaining its label) or stops matching.
  const observer = new MutationObserver(sync);
  observer.observe(root, { childList: true, subtree: true, attributes: true });
  signal.addEventListener(
    'abort',
    () => {
      observer.disconnect();
      for (const life of living.values()) life.abort();
      living.clear();
    },
    { once: true },
  );
  sync();
}
