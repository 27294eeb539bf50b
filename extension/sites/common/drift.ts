/**
 * Selector drift, by name: which of a page's required selectors match nothing. The site contract's
 * feature files report these names (never page content) and show the limited panel.
 */
import { queryFirst, type Selectors } from './dom.ts';

/** Required selectors of one page kind, by the name a drift report carries (`gmail.thread.subject`). */
export type RequiredSelectors = Readonly<Record<string, Selectors>>;

/**
 * The names whose every fallback matches nothing under `root`, in declaration order.
 *
 * @example missingSelectors(document, { 'gmail.thread.subject': ['h2.hP'] }) // ['gmail.thread.subject'] on a renamed page
 */
export function missingSelectors(root: ParentNode, required: RequiredSelectors): string[] {
  return Object.entries(required)
    .filter(([, selectors]) => {
      try {
        return queryFirst(root, selectors) === null;
      } catch {
        return true; // a selector the engine refuses matches nothing
      }
    })
    .map(([name]) => name);
}
