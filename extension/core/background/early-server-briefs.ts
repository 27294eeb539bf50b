/**
 * A profile's brief asked of the server by the worker itself at page load, for the panel that asks
 * a moment later. The every-page script asks the brief cache beside the site's mode
 * (core/page/early-briefs.ts); for a site that is `on`, the worker then also asks the server by
 * the URL's refs at once, which the panel would do itself only once the mode is known and its
 * bundle runs (one round trip to the worker and the bundle's start later). The panel's own ask
 * (`getBriefs` from the server, the same refs, the same tab) then takes this answer instead of
 * asking again: a cold panel no longer waits for the mode before its server request leaves.
 *
 * Memory only, keyed by tab and refs, taken once, for SHARED_MS at most; a failure is not kept.
 * Forgotten on Disconnect and when another rep or server connects (`clear`).
 *
 * @example
 * const early = createEarlyServerBriefs(Date.now);
 * early.start(tabId, refs, dispatch(handlers, 'getBriefs', { refs, from: 'server' }, …));
 * early.take(tabId, refs); // that answer, once
 */
import type { BriefRef } from '../../../shared/brief.ts';
import type { BriefsAnswer, Result } from '../protocol.ts';

/** How long the worker's early answer waits for the panel (ms): one page load's start. */
export const SHARED_MS = 5_000;

export interface EarlyServerBriefs {
  start(tabId: number, refs: readonly BriefRef[], answer: Promise<Result<BriefsAnswer>>): void;
  /** Whether an answer for exactly these refs waits for this tab (the load's prefetch and the every-page script's miss start one between them). */
  waits(tabId: number, refs: readonly BriefRef[]): boolean;
  /** The answer started for exactly these refs in this tab, once; undefined when none waits. */
  take(tabId: number | undefined, refs: readonly BriefRef[]): Promise<Result<BriefsAnswer>> | undefined;
  clear(): void;
}

export function createEarlyServerBriefs(now: () => number): EarlyServerBriefs {
  const waiting = new Map<string, { at: number; answer: Promise<Result<BriefsAnswer>> }>();
  const keyOf = (tabId: number, refs: readonly BriefRef[]) => `${tabId} ${JSON.stringify(refs)}`;
  const dropOld = () => {
    const at = now();
    for (const [key, entry] of waiting) if (at - entry.at >= SHARED_MS || at < entry.at) waiting.delete(key);
  };
  return {
    start(tabId, refs, answer) {
      const key = keyOf(tabId, refs);
      const entry = { at: now(), answer };
      waiting.set(key, entry);
      const drop = () => waiting.get(key) === entry && waiting.delete(key);
      // A failure (offline, refused) is not handed on: the panel's own ask tries again.
      void answer.then((result) => result.ok || drop(), drop);
    },
    waits(tabId, refs) {
      dropOld();
      return waiting.has(keyOf(tabId, refs));
    },
    take(tabId, refs) {
      if (tabId === undefined) return undefined;
      dropOld();
      const key = keyOf(tabId, refs);
      const entry = waiting.get(key);
      waiting.delete(key);
      return entry?.answer;
    },
    clear: () => waiting.clear(),
  };
}
