/**
 * "What changed since we last met" as the server last answered it, per account and meeting start,
 * kept in the service worker's memory only (never on disk): a package opened again (the same
 * event's dialog, its join page) paints it at once and asks the server beside it, as the brief
 * cache does for briefs (bench:panel's warm package waited for this second request). At most
 * MAX_SINCE_COPIES, each for SINCE_COPY_MS; forgotten with the briefs (Disconnect, another rep).
 *
 * @example
 * const copies = createSinceCopies(() => new Date());
 * copies.put('acc_1', '2026-12-08T10:00:00Z', since);
 * copies.get('acc_1', '2026-12-08T10:00:00Z') // since, for ten minutes
 */
import type { SinceLastMeeting } from '../../../shared/meetings.ts';

export const MAX_SINCE_COPIES = 64;
/** How long a copy is shown before the server's answer (ms): changes since a meeting move slowly. */
export const SINCE_COPY_MS = 10 * 60_000;

export interface SinceCopies {
  get(accountId: string, before: string | undefined): SinceLastMeeting | null;
  put(accountId: string, before: string | undefined, value: SinceLastMeeting): void;
  clear(): void;
}

export function createSinceCopies(now: () => Date): SinceCopies {
  const copies = new Map<string, { value: SinceLastMeeting; at: number }>();
  const keyOf = (accountId: string, before: string | undefined) => `${accountId} ${before ?? ''}`;
  return {
    get(accountId, before) {
      const copy = copies.get(keyOf(accountId, before));
      const age = copy ? now().getTime() - copy.at : Infinity;
      return copy && age >= 0 && age < SINCE_COPY_MS ? copy.value : null;
    },
    put(accountId, before, value) {
      const key = keyOf(accountId, before);
      // Re-inserted: the map's order is the eviction order, oldest first.
      copies.delete(key);
      copies.set(key, { value, at: now().getTime() });
      for (const oldest of copies.keys()) {
        if (copies.size <= MAX_SINCE_COPIES) break;
        copies.delete(oldest);
      }
    },
    clear: () => copies.clear(),
  };
}
