/**
 * The background's alarms with WXT's fake browser and an in-memory IndexedDB: start-up recovers
 * and flushes at once, the `outbox-flush` alarm is set at `nextWakeAt()` (never sooner than
 * Chrome's 30 s) and cleared when nothing waits, an `onAlarm` of that name flushes, and
 * `cache-evict` runs eviction and pruning every 6 h without being pushed back by a worker restart.
 * A held Gmail send goes out at its hold's end: the alarm set for it is not pushed back by other
 * traffic, a timer flushes on time while the worker lives, and a worker restart still delivers it.
 */
import 'fake-indexeddb/auto';
import { Dexie } from 'dexie';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { closeSignalhouseDb, DB_NAME, signalhouseDb } from '../../../../extension/core/background/db.ts';
import { enqueueActivity, flushOutbox, nextWakeAt } from '../../../../extension/core/background/outbox.ts';
import type { ActivityInput } from '../../../../shared/activity.ts';
import {
  CACHE_ALARM,
  HOUSEKEEPING_PERIOD_MINUTES,
  MIN_ALARM_DELAY_MS,
  OUTBOX_ALARM,
  outboxTimer,
  scheduleOutboxWake,
  setupAlarms,
} from '../../../../extension/entrypoints/background/alarms.ts';

const T0 = Date.parse('2025-03-03T09:00:00Z');
const MIN = 60_000;
const touch = { type: 'linkedin_message', occurredAt: '2025-03-03T08:59:00Z', contactId: 'ct_1', surface: 'linkedin' } as const;

function setup() {
  const flush = vi.fn(async () => undefined);
  const evict = vi.fn(async () => undefined);
  const prune = vi.fn(async () => undefined);
  const { ready } = setupAlarms({ alarms: fakeBrowser.alarms, flush, evict, prune, now: () => T0 });
  return { flush, evict, prune, ready };
}

beforeEach(() => fakeBrowser.reset());
afterEach(async () => {
  closeSignalhouseDb();
  await Dexie.delete(DB_NAME);
});

describe('outbox-flush', () => {
  it('on start: recovers items left sending, flushes at once, and sets the alarm at nextWakeAt()', async () => {
    const { item } = await enqueueActivity(touch, T0 + 10 * MIN);
    await signalhouseDb().outbox.update(item.id, { state: 'sending' });
    const { flush, ready } = setup();
    await ready;
    expect(flush).toHaveBeenCalledTimes(1);
    // Recovered: queued again and due at start-up time, so the alarm waits Chrome's minimum.
    expect(await nextWakeAt()).toBe(T0);
    expect((await fakeBrowser.alarms.get(OUTBOX_ALARM))?.scheduledTime).toBe(T0 + MIN_ALARM_DELAY_MS);
  });

  it('an item waiting out a backoff sets the alarm exactly at its due time', async () => {
    await enqueueActivity(touch, T0);
    await signalhouseDb().outbox.toCollection().modify({ nextAttemptAt: T0 + 7 * MIN });
    const { ready } = setup();
    await ready;
    expect((await fakeBrowser.alarms.get(OUTBOX_ALARM))?.scheduledTime).toBe(await nextWakeAt());
    expect(await nextWakeAt()).toBe(T0 + 7 * MIN);
  });

  it('nothing queued: no alarm', async () => {
    await fakeBrowser.alarms.create(OUTBOX_ALARM, { when: T0 });
    const { ready } = setup();
    await ready;
    expect(await fakeBrowser.alarms.get(OUTBOX_ALARM)).toBeUndefined();
  });

  it('an onAlarm named outbox-flush flushes; another name does not', async () => {
    const { flush, evict, ready } = setup();
    await ready;
    flush.mockClear();
    await fakeBrowser.alarms.onAlarm.trigger({ name: 'something-else', scheduledTime: T0, persistAcrossSessions: false });
    expect(flush).not.toHaveBeenCalled();
    await fakeBrowser.alarms.onAlarm.trigger({ name: OUTBOX_ALARM, scheduledTime: T0, persistAcrossSessions: false });
    expect(flush).toHaveBeenCalledTimes(1);
    expect(evict).not.toHaveBeenCalled();
  });
});

describe('cache-evict', () => {
  it('is created once, every 6 h, and runs eviction and pruning', async () => {
    const first = setup();
    await first.ready;
    const alarm = await fakeBrowser.alarms.get(CACHE_ALARM);
    expect(alarm?.periodInMinutes).toBe(HOUSEKEEPING_PERIOD_MINUTES);
    await fakeBrowser.alarms.onAlarm.trigger({ name: CACHE_ALARM, scheduledTime: T0, persistAcrossSessions: false });
    expect(first.evict).toHaveBeenCalledTimes(1);
    expect(first.prune).toHaveBeenCalledTimes(1);

    // A restarted worker finds the alarm and leaves it alone instead of pushing it back.
    const second = setup();
    await second.ready;
    expect((await fakeBrowser.alarms.get(CACHE_ALARM))?.scheduledTime).toBe(alarm?.scheduledTime);
  });
});

describe('a held Gmail send (its hold ends 35 s after Send)', () => {
  const HOLD_END = T0 + 35_000;
  const sendNothing = async () => [];

  /** Timers the test runs by hand: what was set, and with which delay. */
  function handTimers() {
    const pending: Array<{ run: () => void; delay: number; cleared: boolean }> = [];
    const timers = {
      setTimeout: ((run: () => void, delay: number) => {
        // A timer that ran is gone, as a real one.
        const timer = { run: () => ((timer.cleared = true), run()), delay, cleared: false };
        return pending.push(timer) - 1;
      }) as unknown as typeof setTimeout,
      clearTimeout: ((index: number) => {
        if (pending[index]) pending[index].cleared = true;
      }) as unknown as typeof clearTimeout,
    };
    return { timers, live: () => pending.filter((t) => !t.cleared) };
  }

  it('keeps an alarm already set for the hold’s end: other traffic meanwhile does not push it back 30 s', async () => {
    await enqueueActivity(touch, T0, { notBefore: HOLD_END });
    const { ready } = setup();
    await ready;
    expect((await fakeBrowser.alarms.get(OUTBOX_ALARM))?.scheduledTime).toBe(HOLD_END);
    // A LinkedIn touch logged 20 s later flushes and schedules again.
    await scheduleOutboxWake(fakeBrowser.alarms, () => T0 + 20_000);
    expect((await fakeBrowser.alarms.get(OUTBOX_ALARM))?.scheduledTime).toBe(HOLD_END);
  });

  it('replaces an alarm set before the hold’s end: it would fire for nothing, and the one set then would be later still', async () => {
    await enqueueActivity(touch, T0, { notBefore: HOLD_END });
    await fakeBrowser.alarms.create(OUTBOX_ALARM, { when: T0 + 20_000 });
    await scheduleOutboxWake(fakeBrowser.alarms, () => T0);
    expect((await fakeBrowser.alarms.get(OUTBOX_ALARM))?.scheduledTime).toBe(HOLD_END);
  });

  it('while the worker lives, a timer flushes at the hold’s end, whatever the alarm’s pace; a time already past sets none', async () => {
    await enqueueActivity(touch, T0, { notBefore: HOLD_END });
    const flush = vi.fn(async () => undefined);
    const { timers, live } = handTimers();
    const timer = outboxTimer(flush, () => T0 + 20_000, timers);
    await scheduleOutboxWake(fakeBrowser.alarms, () => T0 + 20_000, timer);
    expect(live().map((t) => t.delay)).toEqual([15_000]);
    live()[0]!.run();
    expect(flush).toHaveBeenCalledTimes(1);

    // Not connected: an item stays due now after a flush; no timer spins on it (the alarm's pace holds).
    timer.set(T0 + 20_000);
    timer.set(T0);
    expect(live()).toEqual([]);
  });

  it('goes out after a worker restart: at start-up when its hold ended while no worker ran, else at the alarm', async () => {
    const server = vi.fn(async (items: ActivityInput[]) => items.map((item) => ({ status: 'created' as const, id: item.id, activity: {} as never })));
    let clock = T0 + 5_000;
    const deps = () => ({ alarms: fakeBrowser.alarms, flush: () => flushOutbox(server, clock, () => 0.5), evict: sendNothing, prune: sendNothing, now: () => clock });
    const { item } = await enqueueActivity(touch, T0, { notBefore: HOLD_END });

    // The worker restarts during the hold: nothing goes, the alarm is at the hold's end.
    closeSignalhouseDb();
    await setupAlarms(deps()).ready;
    expect(server).not.toHaveBeenCalled();
    expect((await fakeBrowser.alarms.get(OUTBOX_ALARM))?.scheduledTime).toBe(HOLD_END);
    clock = HOLD_END;
    await fakeBrowser.alarms.onAlarm.trigger({ name: OUTBOX_ALARM, scheduledTime: HOLD_END, persistAcrossSessions: false });
    expect(server.mock.calls.flat(2).map((a) => a.id)).toEqual([item.id]);

    // Another held send, and no worker until well after its hold: the start-up flush sends it.
    const next = (await enqueueActivity({ ...touch, subject: 'second' }, clock, { notBefore: clock + 35_000 })).item;
    closeSignalhouseDb();
    clock += 120_000;
    await setupAlarms(deps()).ready;
    expect(server.mock.calls.flat(2).map((a) => a.id)).toEqual([item.id, next.id]);
    expect(await fakeBrowser.alarms.get(OUTBOX_ALARM)).toBeUndefined();
  });
});
