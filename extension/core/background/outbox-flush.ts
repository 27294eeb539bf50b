/**
 * Delivering the outbox: due `queued` items go to the server in batches, and every item ends in
 * a state the side panel can show. `created`/`duplicate` are delivered (`synced`), `conflict`/
 * `invalid` wait for the rep (`needs_attention`, never dropped), and a network or server error
 * puts the batch back in the queue with backoff. Each step is its own IndexedDB transaction, so a
 * service worker killed mid-flight leaves items `sending`, which `recoverOutbox` re-queues; the
 * server's idempotency (the same id answers `duplicate`) makes that re-send safe.
 */
import { Dexie } from 'dexie';
import { MAX_ACTIVITIES_PER_BATCH, type ActivityInput, type ActivityResult } from '../../../shared/activity.ts';
import { signalhouseDb, type OutboxItem } from './db.ts';
import { backoffDelayMs } from './outbox-schedule.ts';

/** The server's batch limit for `POST /v1/activities`. */
export const OUTBOX_BATCH_SIZE = MAX_ACTIVITIES_PER_BATCH;

/** Sends one batch and answers one result per item, in order; throws when there is no answer. */
export type SendActivities = (activities: ActivityInput[]) => Promise<ActivityResult[]>;

export interface FlushReport {
  synced: number;
  needsAttention: number;
  /** Items put back in the queue because the server could not be reached or failed. */
  retrying: number;
  /** Why the flush stopped early, when it did. */
  error: string | null;
}

/**
 * Sends every due item, batch after batch, until none is due or the server fails (then the rest
 * waits for the next alarm rather than hammering a server that is down).
 *
 * @example
 * const report = await flushOutbox((items) => api.recordActivities(items), Date.now(), Math.random);
 * await scheduleWake(await nextWakeAt());
 */
export async function flushOutbox(send: SendActivities, now: number, random: () => number): Promise<FlushReport> {
  const report: FlushReport = { synced: 0, needsAttention: 0, retrying: 0, error: null };
  for (;;) {
    const batch = await claimDue(now);
    if (batch.length === 0) return report;
    let results: ActivityResult[];
    try {
      results = await send(batch.map((item) => item.activity));
      if (!answersBatch(batch, results)) throw new Error('The server answered a different number of items, or other ids, than were sent.');
    } catch (error) {
      report.error = error instanceof Error ? error.message : String(error);
      report.retrying += await releaseForRetry(batch, report.error, now, random);
      return report;
    }
    const settled = await settle(batch, results, now);
    report.synced += settled.synced;
    report.needsAttention += settled.needsAttention;
  }
}

/**
 * Marks up to a batch of due items `sending` in one transaction, so no other flush takes them too.
 * Held items whose hold has ended are queued first (due at their `notBefore`, so they go in the
 * order they were due), in the same transaction: a cancel (outbox.ts `cancelHeld`) lands wholly
 * before or after it.
 */
async function claimDue(now: number): Promise<OutboxItem[]> {
  const db = signalhouseDb();
  return db.transaction('rw', db.outbox, async () => {
    await db.outbox
      .where('[state+nextAttemptAt]')
      .between(['held', Dexie.minKey], ['held', now], true, true)
      .modify((item) => {
        item.state = 'queued';
      });
    const due = await db.outbox
      .where('[state+nextAttemptAt]')
      .between(['queued', Dexie.minKey], ['queued', now], true, true)
      .limit(OUTBOX_BATCH_SIZE)
      .toArray();
    const claimed = due.map((item): OutboxItem => ({ ...item, state: 'sending' }));
    await db.outbox.bulkPut(claimed);
    return claimed;
  });
}

/** One result per item, in order; where the server names an id, it is the item's. */
function answersBatch(batch: OutboxItem[], results: ActivityResult[]): boolean {
  return results.length === batch.length && results.every((r, i) => r.id === null || r.id === batch[i]!.id);
}

async function settle(batch: OutboxItem[], results: ActivityResult[], now: number): Promise<{ synced: number; needsAttention: number }> {
  const db = signalhouseDb();
  let synced = 0;
  let needsAttention = 0;
  const updated = batch.map((item, i): OutboxItem => {
    const result = results[i]!;
    if (result.status === 'created' || result.status === 'duplicate') {
      synced++;
      return { ...item, state: 'synced', syncedAt: now, lastError: null, result };
    }
    needsAttention++;
    const detail = typeof result.problem.detail === 'string' ? result.problem.detail : result.problem.title;
    return { ...item, state: 'needs_attention', lastError: detail, result };
  });
  await db.transaction('rw', db.outbox, () => db.outbox.bulkPut(updated));
  return { synced, needsAttention };
}

/** Back to `queued` with one more failed attempt and a jittered delay; only items still `sending`. */
async function releaseForRetry(batch: OutboxItem[], error: string, now: number, random: () => number): Promise<number> {
  const db = signalhouseDb();
  return db.transaction('rw', db.outbox, async () => {
    const current = await db.outbox.bulkGet(batch.map((item) => item.id));
    const released = current
      .filter((item): item is OutboxItem => item?.state === 'sending')
      .map((item): OutboxItem => {
        const attempts = item.attempts + 1;
        return { ...item, state: 'queued', attempts, nextAttemptAt: now + backoffDelayMs(attempts, random), lastError: error };
      });
    await db.outbox.bulkPut(released);
    return released.length;
  });
}
