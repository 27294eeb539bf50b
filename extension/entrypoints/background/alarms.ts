/**
 * The background's alarms: `outbox-flush`, set from the outbox's `nextWakeAt()`, delivers queued
 * activities; `cache-evict`, every 6 hours, evicts old briefs and prunes long-synced items.
 *
 * A service worker dies when idle, so timers cannot carry a retry: only an alarm wakes it. The
 * `onAlarm` listener is registered synchronously in `setupAlarms`, before any await, so the
 * browser finds it when an alarm wakes a fresh worker.
 *
 * But an alarm fires no sooner than 30 s after it is created (a packed extension's minimum), so
 * one re-created for a time less than 30 s away fires late: a Gmail send held for Gmail's undo
 * window (~35 s, outbox.ts `held`) would wait up to 30 s more whenever other traffic re-set the
 * alarm meanwhile. Two rules keep such a time: an alarm already set for the wanted time (or after
 * it, but no later than a new one could fire) is kept, not re-created (re-creating would push it
 * back); and while the worker lives, an `OutboxTimer` flushes at the due time itself. The alarm
 * stays the durable wake: a worker that died (the rep closed every tab) is woken by it, and a
 * worker restart finds the held item in IndexedDB and schedules again.
 */
import { nextHoldEndAt, nextWakeAt, recoverOutbox } from '../../core/background/outbox.ts';

export const OUTBOX_ALARM = 'outbox-flush';
export const CACHE_ALARM = 'cache-evict';
/** Chrome fires an alarm no sooner than 30 s after it is set; an earlier `when` is only a warning. */
export const MIN_ALARM_DELAY_MS = 30_000;
export const HOUSEKEEPING_PERIOD_MINUTES = 6 * 60;

/** The part of `browser.alarms` this file uses (the fake browser's in tests). */
export interface AlarmsArea {
  create(name: string, info: { when?: number; delayInMinutes?: number; periodInMinutes?: number }): Promise<void>;
  get(name: string): Promise<{ name: string; scheduledTime?: number } | undefined>;
  clear(name: string): Promise<boolean>;
  onAlarm: { addListener(callback: (alarm: { name: string }) => unknown): void };
}

export interface AlarmDeps {
  alarms: AlarmsArea;
  /** Delivers due outbox items (and may set the wake alarm itself). */
  flush: () => Promise<unknown>;
  /** Evicts old and least-recently-used briefs. */
  evict: () => Promise<unknown>;
  /** Deletes long-synced outbox items. */
  prune: () => Promise<unknown>;
  now?: () => number;
  /** The in-life timer that flushes at the due time (`outboxTimer`); none in tests that do not need it. */
  timer?: OutboxTimer;
}

/** Flushes the outbox when a hold ends, while the worker lives; one pending at a time. */
export interface OutboxTimer {
  /** Replaces the pending flush with one at `at` (epoch ms), or none (`null`, or a time already past). */
  set(at: number | null): void;
}

/**
 * An `OutboxTimer` on the worker's own timers: they die with the worker (the alarm covers that),
 * and a time far beyond the worker's idle life (30 s) is left to the alarm alone. Only holds set
 * it: retries keep the alarm's pace, and a time already past sets nothing (a flush that could not
 * send, not connected, leaves items due: a timer would spin).
 *
 * @example const timer = outboxTimer(() => outbox.flush()); timer.set(Date.now() + 4_000);
 */
export function outboxTimer(flush: () => Promise<unknown>, now: () => number = Date.now, timers: Pick<typeof globalThis, 'setTimeout' | 'clearTimeout'> = globalThis): OutboxTimer {
  let pending: ReturnType<typeof setTimeout> | undefined;
  return {
    set(at) {
      if (pending !== undefined) timers.clearTimeout(pending);
      pending = undefined;
      if (at === null || at <= now() || at - now() > TIMER_HORIZON_MS) return;
      pending = timers.setTimeout(
        () => {
          pending = undefined;
          void flush().catch(() => undefined);
        },
        at - now(),
      );
    },
  };
}

/** Beyond this, a worker left idle is gone before its timer would fire: the alarm alone wakes it. */
const TIMER_HORIZON_MS = 5 * 60_000;

/**
 * Sets (or clears) the `outbox-flush` alarm at the earliest queued item's due time (or held item's
 * end), keeping an alarm already set between that time and the earliest a new one could fire; and
 * the in-life `timer` at the earliest hold's end, when given.
 *
 * @example await scheduleOutboxWake(browser.alarms, Date.now, timer) // alarm at nextWakeAt(), ≥ 30 s ahead
 */
export async function scheduleOutboxWake(alarms: AlarmsArea, now: () => number = Date.now, timer?: OutboxTimer): Promise<void> {
  const at = await nextWakeAt();
  if (timer) timer.set(await nextHoldEndAt());
  if (at === null) {
    await alarms.clear(OUTBOX_ALARM);
    return;
  }
  const when = Math.max(at, now() + MIN_ALARM_DELAY_MS);
  const set = await alarms.get(OUTBOX_ALARM);
  // Still ahead, not before the due time and no later than a new one would fire: keep it. One set
  // earlier than due is replaced: it would fire for nothing, and the alarm set then would be later still.
  const scheduled = set?.scheduledTime;
  if (scheduled !== undefined && scheduled > now() && scheduled >= at && scheduled <= when) return;
  await alarms.create(OUTBOX_ALARM, { when });
}

/**
 * Registers the alarm listener, then recovers items a dead worker left `sending`, flushes at once
 * and schedules. `ready` settles when that start-up work is done (tests await it).
 *
 * @example setupAlarms({ alarms: browser.alarms, flush: () => outbox.flush(), evict: () => evictBriefs(Date.now()), prune: () => pruneSynced(Date.now()) });
 */
export function setupAlarms({ alarms, flush, evict, prune, now = Date.now, timer }: AlarmDeps): { ready: Promise<void> } {
  const flushAndSchedule = async () => {
    await flush().catch(() => undefined);
    await scheduleOutboxWake(alarms, now, timer);
  };
  const housekeeping = async () => {
    // Each on its own: a failed eviction must not keep the outbox from being pruned.
    await Promise.allSettled([evict(), prune()]);
  };

  // The returned promise is ignored by the browser; a test's fake trigger awaits it.
  alarms.onAlarm.addListener((alarm): Promise<void> | undefined => {
    if (alarm.name === OUTBOX_ALARM) return flushAndSchedule();
    if (alarm.name === CACHE_ALARM) return housekeeping();
    return undefined;
  });

  const ready = (async () => {
    await recoverOutbox(now());
    // Created once: re-creating a periodic alarm on every worker start would push it back each time.
    if (!(await alarms.get(CACHE_ALARM))) await alarms.create(CACHE_ALARM, { delayInMinutes: 1, periodInMinutes: HOUSEKEEPING_PERIOD_MINUTES });
    await flushAndSchedule();
  })().catch(() => undefined);
  return { ready };
}
