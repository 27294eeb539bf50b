/**
 * What this tab was shown a moment ago, kept in the content script's memory (never in storage)
 * so the same answer paints again without a round trip to the service worker: a Gmail thread the
 * rep opens again, a second compose window to the same person, a LinkedIn profile revisited
 * in-page. The round trip itself is what a warm panel waits for while the browser is busy with
 * the navigation (docs/benchmarks.md: 5-8 ms for the message to reach the worker), not the work.
 *
 * A memory is a first paint, never the last word: whoever recalls it still asks as before and
 * repaints with the answer. What keeps it honest:
 * - entries live `maxAgeMs` at most (a minute for the panels), the newest `maxEntries`;
 * - every memory in the tab forgets everything when the background says the rep's data must go:
 *   the connection ends (Disconnect, a refused or expired token) or the brief cache forgot
 *   something (a Disconnect, another rep, an erasure or a CRM deletion, the e2e build's cold
 *   start): `FORGET_MESSAGE`, broadcast to every tab like the connection's status.
 *
 * @example
 * const recent = tabMemory<RecipientContext>({ maxAgeMs: 60_000, maxEntries: 50 });
 * recent.remember('dana@initech.example', context);
 * recent.recall('dana@initech.example'); // context, for a minute
 */
import { readConnectionMessage, type RuntimeMessages } from '../connection-status.ts';

/** The message the background broadcasts when its brief cache forgot anything. */
export const FORGET_MESSAGE = 'signalhouse:forget-recent';

export interface TabMemory<T> {
  recall(key: string): T | undefined;
  remember(key: string, value: T): void;
  forget(key: string): void;
  forgetAll(): void;
}

/** Every memory made here, so one broadcast empties them all. */
const memories = new Set<TabMemory<unknown>>();

/** @example tabMemory<PanelMemory>({ maxAgeMs: 60_000, maxEntries: 16 }) */
export function tabMemory<T>({ maxAgeMs, maxEntries, now = () => performance.now() }: { maxAgeMs: number; maxEntries: number; now?: () => number }): TabMemory<T> {
  // A Map keeps insertion order: re-inserting on remember makes the first key the oldest.
  const entries = new Map<string, { value: T; at: number }>();
  const memory: TabMemory<T> = {
    recall(key) {
      const entry = entries.get(key);
      if (!entry) return undefined;
      if (now() - entry.at > maxAgeMs) {
        entries.delete(key);
        return undefined;
      }
      return entry.value;
    },
    remember(key, value) {
      entries.delete(key);
      entries.set(key, { value, at: now() });
      while (entries.size > maxEntries) entries.delete(entries.keys().next().value!);
    },
    forget: (key) => void entries.delete(key),
    forgetAll: () => entries.clear(),
  };
  memories.add(memory as TabMemory<unknown>);
  return memory;
}

/** Empties every memory of this tab. */
export function forgetAllTabMemories(): void {
  for (const memory of memories) memory.forgetAll();
}

/** Whether `message` tells this tab to forget what it remembers. */
export function forgetsTabMemory(message: unknown): boolean {
  if (typeof message === 'object' && message !== null && (message as { type?: unknown }).type === FORGET_MESSAGE) return true;
  const status = readConnectionMessage(message);
  // Offline or connecting keeps the rep's data (the worker keeps its cache then too).
  return status !== null && (status.state === 'not_connected' || status.state === 'token_refused' || status.state === 'token_expired');
}

let following = false;

/**
 * Listens, for the life of the content script, for what makes the tab's memories forget. Called
 * by every feature that remembers; only the first call adds the listener.
 *
 * @example followForgetting(browser.runtime)
 */
export function followForgetting(runtime: RuntimeMessages): void {
  if (following) return;
  following = true;
  runtime.onMessage.addListener((message: unknown): void => {
    if (forgetsTabMemory(message)) forgetAllTabMemories();
  });
}
