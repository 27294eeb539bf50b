/**
 * The changes follow's wiring: the `changes-follow` alarm is created once (not pushed back by
 * every worker start) and fires a follow; a worker start follows with the minimum age; other
 * alarms do not follow.
 */
import { describe, expect, it, vi } from 'vitest';
import type { AlarmsArea } from '../../../../extension/entrypoints/background/alarms.ts';
import { CHANGES_ALARM, CHANGES_FOLLOW_MINUTES, CHANGES_STARTUP_MIN_AGE_MS, setupChangesAlarm } from '../../../../extension/entrypoints/background/changes-alarm.ts';

function fakeAlarms(existing: string[] = []) {
  const listeners: ((a: { name: string }) => unknown)[] = [];
  const created: { name: string; info: unknown }[] = [];
  const area: AlarmsArea = {
    create: async (name, info) => void created.push({ name, info }),
    get: async (name) => (existing.includes(name) ? { name } : undefined),
    clear: async () => true,
    onAlarm: { addListener: (cb) => void listeners.push(cb) },
  };
  return { area, created, fire: (name: string) => Promise.all(listeners.map((l) => l({ name }))) };
}

describe('setupChangesAlarm', () => {
  it('creates the periodic alarm once, follows at start with the minimum age and on each of its alarms', async () => {
    const alarms = fakeAlarms();
    const follow = vi.fn(async () => ({ status: 'up-to-date' }));
    await setupChangesAlarm({ alarms: alarms.area, follow }).ready;
    expect(alarms.created).toEqual([{ name: CHANGES_ALARM, info: { delayInMinutes: CHANGES_FOLLOW_MINUTES, periodInMinutes: CHANGES_FOLLOW_MINUTES } }]);
    expect(follow).toHaveBeenCalledWith({ minAgeMs: CHANGES_STARTUP_MIN_AGE_MS });
    await alarms.fire('cache-evict');
    expect(follow).toHaveBeenCalledTimes(1);
    await alarms.fire(CHANGES_ALARM);
    expect(follow).toHaveBeenCalledTimes(2);
    expect(follow).toHaveBeenLastCalledWith();

    const restarted = fakeAlarms([CHANGES_ALARM]);
    await setupChangesAlarm({ alarms: restarted.area, follow }).ready;
    expect(restarted.created).toEqual([]);
  });
});
