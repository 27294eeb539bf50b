/**
 * Answers the every-page script asked at document start, waiting in this isolated world for the
 * panel bundle's runner to take them (core/page/early-briefs.ts, core/page/early-join.ts). Each is
 * taken once, and only within `maxAgeMs` of being asked: older, the runner asks as usual.
 *
 * @example
 * const shelf = earlyAnswers('signalhouse.early-briefs');
 * shelf.put(key, browser.runtime.sendMessage(question).catch(() => null));
 * shelf.take(key); // that promise, once
 */
import { worldMap } from './world-map.ts';

/** How long an early answer waits for the runner that takes it (ms): one page load's start. */
const EARLY_MS = 5_000;

export interface EarlyAnswers {
  put(key: string, answer: Promise<unknown>): void;
  /** The answer put under `key`, once; undefined when none waits (or it waited too long). */
  take(key: string): Promise<unknown> | undefined;
}

/** The shelf named `name` (shared by the every-page script and the bundle through `worldMap`). */
export function earlyAnswers(name: string, maxAgeMs = EARLY_MS): EarlyAnswers {
  const shelf = () => worldMap<string, { answer: Promise<unknown>; at: number }>(name);
  return {
    put: (key, answer) => void shelf().set(key, { answer, at: performance.now() }),
    take(key) {
      const waiting = shelf().get(key);
      shelf().delete(key);
      return waiting && performance.now() - waiting.at <= maxAgeMs ? waiting.answer : undefined;
    },
  };
}
