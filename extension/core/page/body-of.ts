/**
 * Waiting for a document's body: content scripts start at document start, before the host
 * page's HTML has one, and a panel needs it as its anchor.
 */

/**
 * Resolves once `doc` has a body, or at once when `signal` aborts.
 *
 * @example await bodyOf(document, signal); // then mount on document.body
 */
export function bodyOf(doc: Document, signal: AbortSignal): Promise<void> {
  if (doc.body || signal.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      observer.disconnect();
      resolve();
    };
    const observer = new MutationObserver(() => {
      if (doc.body) done();
    });
    observer.observe(doc, { childList: true, subtree: true });
    signal.addEventListener('abort', done, { once: true });
  });
}
