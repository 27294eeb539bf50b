/**
 * The digest poll's wiring: the alarm is created once (not pushed back by every worker start),
 * fires a poll; a worker start polls with the minimum age; a click on a digest notification opens
 * the panel synchronously and clears it, another extension notification is left alone; a
 * successful Connect polls, a failed one does not. Opening the panel falls back to a tab.
 */
import { describe, expect, it, vi } from 'vitest';
import { DIGEST_NOTIFICATION_PREFIX } from '../../../../extension/core/background/digest-alerts.ts';
import type { AlarmsArea } from '../../../../extension/entrypoints/background/alarms.ts';
import { DIGEST_ALARM, pollAfterConnect, setupDigestAlarm, STARTUP_MIN_AGE_MS } from '../../../../extension/entrypoints/background/digest-alarm.ts';
import { openSidePanel } from '../../../../extension/entrypoints/background/side-panel.ts';

function fakeAlarms(existing: string[] = []) {
  const listeners: ((a: { name: string }) => unknown)[] = [];
  const created: string[] = [];
  const area: AlarmsArea = {
    create: async (name) => void created.push(name),
    get: async (name) => (existing.includes(name) ? { name } : undefined),
    clear: async () => true,
    onAlarm: { addListener: (cb) => void listeners.push(cb) },
  };
  return { area, created, fire: (name: string) => Promise.all(listeners.map((l) => l({ name }))) };
}

function fakeNotifications() {
  let click: ((id: string) => void) | undefined;
  const cleared: string[] = [];
  return { cleared, click: (id: string) => click?.(id), area: { onClicked: { addListener: (cb: (id: string) => void) => void (click = cb) }, clear: async (id: string) => (cleared.push(id), true) } };
}

describe('setupDigestAlarm', () => {
  it('creates the alarm once, polls at start with the minimum age and on each alarm', async () => {
    const alarms = fakeAlarms();
    const poll = vi.fn(async () => 0);
    await setupDigestAlarm({ alarms: alarms.area, notifications: fakeNotifications().area, poll, openPanel: () => undefined }).ready;
    expect(alarms.created).toEqual([DIGEST_ALARM]);
    expect(poll).toHaveBeenCalledWith(STARTUP_MIN_AGE_MS);
    await alarms.fire('outbox-flush');
    expect(poll).toHaveBeenCalledTimes(1);
    await alarms.fire(DIGEST_ALARM);
    expect(poll).toHaveBeenCalledTimes(2);

    const restarted = fakeAlarms([DIGEST_ALARM]);
    await setupDigestAlarm({ alarms: restarted.area, notifications: fakeNotifications().area, poll, openPanel: () => undefined }).ready;
    expect(restarted.created).toEqual([]);
  });

  it('opens the panel on a click on a digest notification, synchronously, and clears it', () => {
    const notifications = fakeNotifications();
    const openPanel = vi.fn();
    setupDigestAlarm({ alarms: fakeAlarms([DIGEST_ALARM]).area, notifications: notifications.area, poll: async () => 0, openPanel });
    notifications.click('something-else');
    expect(openPanel).not.toHaveBeenCalled();
    notifications.click(`${DIGEST_NOTIFICATION_PREFIX}k1`);
    expect(openPanel).toHaveBeenCalledTimes(1);
    expect(notifications.cleared).toEqual([`${DIGEST_NOTIFICATION_PREFIX}k1`]);
  });
});

describe('pollAfterConnect', () => {
  it('polls after a successful Connect only', async () => {
    const poll = vi.fn(async () => 0);
    await pollAfterConnect(async () => ({ ok: false }), poll)({});
    expect(poll).not.toHaveBeenCalled();
    expect(await pollAfterConnect(async () => ({ ok: true }), poll)({})).toEqual({ ok: true });
    expect(poll).toHaveBeenCalledTimes(1);
  });
});

describe('openSidePanel', () => {
  it('Chrome: opens the panel in the current window, in the same tick', () => {
    const open = vi.fn(async () => undefined);
    const create = vi.fn(async () => undefined);
    openSidePanel({ sidePanel: { open }, windows: { WINDOW_ID_CURRENT: -2 }, tabs: { create } }, 'sidepanel.html');
    expect(open).toHaveBeenCalledWith({ windowId: -2 });
    expect(create).not.toHaveBeenCalled();
  });

  it('opens the panel page in a tab when the browser refuses or has no panel', async () => {
    const create = vi.fn(async () => undefined);
    openSidePanel({ sidePanel: { open: async () => Promise.reject(new Error('needs a user gesture')) }, tabs: { create } }, 'sidepanel.html');
    await new Promise((r) => setTimeout(r, 0));
    expect(create).toHaveBeenCalledWith({ url: 'sidepanel.html' });
    const create2 = vi.fn(async () => undefined);
    openSidePanel({ tabs: { create: create2 } }, 'sidepanel.html');
    expect(create2).toHaveBeenCalledTimes(1);
  });
});
