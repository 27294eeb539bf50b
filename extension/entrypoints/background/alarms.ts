/**
 * The background's alarms: `outbox-flush`, set from the outbox's `nextWakeAt()`, delivers queued
 * activities; `cache-evict`, every 6 hours, evicts old briefs and prunes long-synced items.
 *
 * A service worker dies when idle, so timers cannot carry a retry: only an alarm wakes it. The
 * `onAlarm` listener is registered synchronously in `setupAlarms`, before any await, so the
 * browser finds it when an alarm wakes a fresh worker.
 */
import { nextWakeAt, recoverOutbox } from '../../core/background/outbox.ts';

export const OUTBOX_ALARM = 'outbox-flush';
export const CACHE_ALARM = 'cache-evict';
/** Chrome fires an alarm no sooner than 30 s after it is set; an earlier `when` is only a warning. */
export const MIN_ALARM_DELAY_MS = 30_000;
export const HOUSEKEEPING_PERIOD_MINUTES = 6 * 60;

/** The part of `browser.alarms` this file uses (the fake browser's in tests). */
export interface AlarmsArea {
  create(name: string, info: { when?: number; delayInMinutes?: number; periodInMinutes?: number }): Promise<void>;
  get(name: string): Promise<{ name: string } | undefined>;
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
}

/**
 * Sets (or clears) the `outbox-flush` alarm at the earliest queued item's due time.
 *
 * @example await scheduleOutboxWake(browser.alarms, Date.now) // alarm at nextWakeAt(), ≥ 30 s ahead
 */
export async function scheduleOutboxWake(alarms: AlarmsArea, now: () => number = Date.now): Promise<void> {
  const at = await nextWakeAt();
  if (at === null) {
    await alarms.clear(OUTBOX_ALARM);
    return;
  }
  await alarms.create(OUTBOX_ALARM, { when: Math.max(at, now() + MIN_ALARM_DELAY_MS) });
}

/**
 * Registers the alarm listener, then recovers items a dead worker left `sending`, flushes at once
 * and schedules. `ready` settles when that start-up work is done (tests await it).
 *
 * @example setupAlarms({ alarms: browser.alarms, flush: () => outbox.flush(), evict: () => evictBriefs(Date.now()), prune: () => pruneSynced(Date.now()) });
 */
export function setupAlarms({ alarms, flush, evict, prune, now = Date.now }: AlarmDeps): { ready: Promise<void> } {
  const flushAndSchedule = async () => {
    await flush().catch(() => undefined);
    await scheduleOutboxWake(alarms, now);
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
