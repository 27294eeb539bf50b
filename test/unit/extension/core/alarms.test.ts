/**
 * The background's alarms with WXT's fake browser and an in-memory IndexedDB: start-up recovers
 * and flushes at once, the `outbox-flush` alarm is set at `nextWakeAt()` (never sooner than
 * Chrome's 30 s) and cleared when nothing waits, an `onAlarm` of that name flushes, and
 * `cache-evict` runs eviction and pruning every 6 h without being pushed back by a worker restart.
 */
import 'fake-indexeddb/auto';
import { Dexie } from 'dexie';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { closeSignalhouseDb, DB_NAME, signalhouseDb } from '../../../../extension/core/background/db.ts';
import { enqueueActivity, nextWakeAt } from '../../../../extension/core/background/outbox.ts';
import {
  CACHE_ALARM,
  HOUSEKEEPING_PERIOD_MINUTES,
  MIN_ALARM_DELAY_MS,
  OUTBOX_ALARM,
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
