/**
 * The activity outbox: a touch a rep logs is committed to IndexedDB first ("Saved"), then
 * delivered by `flushOutbox` ("Synced" on the server's ack). It survives service-worker and
 * browser restarts; nothing is deleted automatically but `synced` items older than 30 days, and a
 * `held` item its sender cancels before its hold ends (a Gmail send the rep undid:
 * `cancelHeld`). Background only; times are epoch milliseconds passed in by the caller.
 */
import { Dexie } from 'dexie';
import { ActivityInput } from '../../../shared/activity.ts';
import { signalhouseDb, type OutboxItem, type OutboxState } from './db.ts';

export { flushOutbox, OUTBOX_BATCH_SIZE, type FlushReport, type SendActivities } from './outbox-flush.ts';
export { backoffDelayMs, retryCeilingMs } from './outbox-schedule.ts';
export type { OutboxItem, OutboxState } from './db.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * An activity as a surface logs it. The outbox gives it its client UUID unless the sender made one
 * (then a repeated message with that id is the same touch, not a second one).
 */
export type NewActivity = Omit<ActivityInput, 'id'> & { id?: string | undefined; about?: string | undefined };

export interface Enqueued {
  item: OutboxItem;
  /** The same touch (same natural key) was already in the outbox: that item is returned, no second one is made. */
  alreadySaved: boolean;
}

/**
 * Saves an activity for delivery. Resolves only after the IndexedDB transaction has committed:
 * that is when the UI may say "Saved". Throws (and saves nothing) when the activity is invalid.
 *
 * @example
 * const { item } = await enqueueActivity({ type: 'linkedin_message', occurredAt: new Date().toISOString(), contactId, surface: 'linkedin' }, Date.now());
 * reply({ saved: true, id: item.id });
 */
export async function enqueueActivity(input: NewActivity, now: number, { notBefore }: { notBefore?: number | undefined } = {}): Promise<Enqueued> {
  // The id exists before the commit, so every later send of this item carries the same one and
  // the server can answer a replay with `duplicate`.
  const { about, ...logged } = input;
  const activity = ActivityInput.parse({ ...logged, id: logged.id ?? crypto.randomUUID() });
  // A hold already over when the item is saved is no hold: it is queued as any other.
  const held = notBefore !== undefined && notBefore > now;
  const item: OutboxItem = {
    id: activity.id,
    activity,
    ...(about ? { about } : {}),
    ...(activity.naturalKey === undefined ? {} : { naturalKey: activity.naturalKey }),
    state: held ? 'held' : 'queued',
    attempts: 0,
    nextAttemptAt: held ? notBefore : now,
    ...(held ? { notBefore } : {}),
    lastError: null,
    savedAt: now,
    syncedAt: null,
    result: null,
  };
  const db = signalhouseDb();
  // Dexie resolves a transaction's promise on the IndexedDB `complete` event, i.e. after the commit.
  return db.transaction('rw', db.outbox, async () => {
    // A sender's own id seen again (a message retried after a lost answer): the touch is already saved.
    const sameId = input.id === undefined ? undefined : await db.outbox.get(item.id);
    if (sameId) return { item: sameId, alreadySaved: true };
    if (item.naturalKey !== undefined) {
      const same = await db.outbox
        .where('naturalKey')
        .equals(item.naturalKey)
        .filter((other) => other.state !== 'needs_attention')
        .first();
      if (same) return { item: same, alreadySaved: true };
    }
    await db.outbox.add(item);
    return { item, alreadySaved: false };
  });
}

/**
 * Puts items a dead service worker left `sending` back in the queue, due at once. Call on every
 * background start, before the first flush.
 *
 * @example browser.runtime.onStartup.addListener(() => recoverOutbox(Date.now()))
 */
export async function recoverOutbox(now: number): Promise<number> {
  const db = signalhouseDb();
  return db.transaction('rw', db.outbox, () =>
    db.outbox
      .where('state')
      .equals('sending')
      .modify((item) => {
        item.state = 'queued';
        item.nextAttemptAt = now;
      }),
  );
}

/**
 * The server answers again (the rep connected, or a request just reached it): every queued item is
 * due now, also those waiting out a backoff, so touches logged while it was away arrive without
 * waiting for the next alarm. Attempts are kept, so a server that fails again backs off further.
 * Held items keep their hold: the server answering says nothing about Gmail's undo window.
 * Returns how many items are queued (0: nothing to flush).
 *
 * @example if (await dueWaitingNow(Date.now())) await flushOutbox(send, Date.now(), Math.random)
 */
export async function dueWaitingNow(now: number): Promise<number> {
  const db = signalhouseDb();
  return db.transaction('rw', db.outbox, async () => {
    const queued = db.outbox.where('[state+nextAttemptAt]').between(['queued', Dexie.minKey], ['queued', Dexie.maxKey], true, true);
    const count = await queued.count();
    if (count > 0) {
      await db.outbox
        .where('[state+nextAttemptAt]')
        .between(['queued', now], ['queued', Dexie.maxKey], false, true)
        .modify((item) => {
          item.nextAttemptAt = now;
        });
    }
    return count;
  });
}

/**
 * When the earliest queued item is due or the earliest hold ends (epoch ms), or null when nothing
 * waits: where the background sets its `browser.alarms` alarm.
 *
 * @example const at = await nextWakeAt(); if (at !== null) browser.alarms.create('outbox', { when: Math.max(at, Date.now() + 1000) });
 */
export async function nextWakeAt(): Promise<number | null> {
  const times = (await Promise.all([firstDue('queued'), firstDue('held')])).flatMap((at) => (at === null ? [] : [at]));
  return times.length > 0 ? Math.min(...times) : null;
}

/**
 * When the earliest hold ends (epoch ms), or null when nothing is held: where the background's
 * in-life timer flushes (entrypoints/background/alarms.ts says why an alarm alone is late).
 *
 * @example const end = await nextHoldEndAt();
 */
export function nextHoldEndAt(): Promise<number | null> {
  return firstDue('held');
}

async function firstDue(state: OutboxState): Promise<number | null> {
  const first = await signalhouseDb()
    .outbox.where('[state+nextAttemptAt]')
    .between([state, Dexie.minKey], [state, Dexie.maxKey], true, true)
    .first();
  return first?.nextAttemptAt ?? null;
}

/** What a cancel did: `cancelled` (deleted, never sent), `hold_over` (its hold had ended or it was never held: nothing changed), `unknown`. */
export type CancelOutcome = { outcome: 'cancelled'; item: null } | { outcome: 'hold_over'; item: OutboxItem } | { outcome: 'unknown'; item: null };

/**
 * Cancels a `held` item while its hold lasts: it is deleted and never sent. Once the hold has
 * ended (the time passed, even if no flush took it yet: Gmail has sent the mail by then), or for an
 * item that was never held, nothing changes and the answer says so with the item as it is.
 *
 * @example (await cancelHeld(id, Date.now())).outcome // 'cancelled'
 */
export async function cancelHeld(id: string, now: number): Promise<CancelOutcome> {
  const db = signalhouseDb();
  // One transaction with the flush's claim (also rw on outbox): a cancel and a claim never both win.
  return db.transaction('rw', db.outbox, async (): Promise<CancelOutcome> => {
    const item = await db.outbox.get(id);
    if (!item) return { outcome: 'unknown', item: null };
    if (item.state !== 'held' || item.nextAttemptAt <= now) return { outcome: 'hold_over', item };
    await db.outbox.delete(id);
    return { outcome: 'cancelled', item: null };
  });
}

/**
 * The rep's "retry": a `needs_attention` item (or one waiting out a backoff) is due again now,
 * with its attempt count reset. Returns false when the item is unknown, sending or synced, or
 * held: a hold is not skipped (the rep may still undo the send in Gmail).
 *
 * @example await retryItem(item.id, Date.now()) && (await flushOutbox(send, Date.now(), Math.random))
 */
export async function retryItem(id: string, now: number): Promise<boolean> {
  const db = signalhouseDb();
  return db.transaction('rw', db.outbox, async () => {
    const item = await db.outbox.get(id);
    if (!item || (item.state !== 'needs_attention' && item.state !== 'queued')) return false;
    await db.outbox.put({ ...item, state: 'queued', attempts: 0, nextAttemptAt: now, lastError: null, result: null });
    return true;
  });
}

export interface OutboxListing {
  /** Held, waiting or in flight, oldest first. */
  queued: OutboxItem[];
  /** Rejected by the server (conflict, invalid): the rep decides, oldest first. */
  needsAttention: OutboxItem[];
  /** Delivered, newest first, at most `sentLimit`. */
  sent: OutboxItem[];
}

/**
 * The side panel's view of the outbox.
 *
 * @example const { queued, needsAttention, sent } = await listOutbox();
 */
export async function listOutbox(options: { sentLimit?: number } = {}): Promise<OutboxListing> {
  const db = signalhouseDb();
  return db.transaction('r', db.outbox, async () => ({
    queued: await db.outbox.where('state').anyOf(['held', 'queued', 'sending']).sortBy('savedAt'),
    needsAttention: await db.outbox.where('state').equals('needs_attention').sortBy('savedAt'),
    sent: await db.outbox
      .orderBy('syncedAt')
      .reverse()
      .limit(options.sentLimit ?? 50)
      .toArray(),
  }));
}

/**
 * Deletes `synced` items acknowledged more than `maxAgeDays` ago, the only automatic deletion.
 *
 * @example await pruneSynced(Date.now()) // 12
 */
export async function pruneSynced(now: number, maxAgeDays = 30): Promise<number> {
  const db = signalhouseDb();
  return db.transaction('rw', db.outbox, () =>
    db.outbox
      .where('syncedAt')
      .below(now - maxAgeDays * DAY_MS)
      .filter((item) => item.state === 'synced')
      .delete(),
  );
}
