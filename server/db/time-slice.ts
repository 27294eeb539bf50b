/**
 * Long work in a server worker, cut into slices. SQLite's calls are synchronous, so a loop of
 * queries (an import, a digest built on request) holds the worker's event loop until it ends, and
 * every request queued behind it waits as long. `pause()` gives the loop a turn once a slice's time
 * has passed since the last turn; `null` slices never pause (a CLI, a process of its own).
 *
 * @example
 * const slice = new TimeSlice(5);
 * for (const id of ids) { await work(id); await slice.pause(); }
 */
import { setImmediate as nextTurn } from 'node:timers/promises';

/** Measured on the scale data (`npm run bench:soak`): p99 ≤ 50 ms per route needs waits well under it. */
export const SERVER_SLICE_MS = 5;

export class TimeSlice {
  private started = performance.now();
  constructor(readonly ms: number | null = SERVER_SLICE_MS) {}

  /** A turn for the loop when this slice is used up. */
  async pause(): Promise<void> {
    if (this.ms === null || performance.now() - this.started < this.ms) return;
    await this.turn();
  }

  /** A turn for the loop now (before a transaction, so it starts a slice of its own). */
  async turn(): Promise<void> {
    if (this.ms === null) return;
    await nextTurn();
    this.started = performance.now();
  }
}
