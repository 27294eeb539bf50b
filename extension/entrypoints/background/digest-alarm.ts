/**
 * The digest poll: `digest-poll`, every 15 minutes, fetches the rep's digest and raises its new
 * alerts (core/background/digest-alerts.ts); so does every worker start (unless the stored copy is recent)
 * and every successful Connect. A click on one of those notifications opens the side panel.
 *
 * Listeners are registered synchronously, before any await, so the browser finds them when an
 * alarm or a click wakes a fresh worker.
 */
import { DIGEST_NOTIFICATION_PREFIX } from '../../core/background/digest-alerts.ts';
import type { AlarmsArea } from './alarms.ts';

export const DIGEST_ALARM = 'digest-poll';
export const DIGEST_POLL_MINUTES = 15;
/** A worker start polls only when the stored digest is older than this. */
export const STARTUP_MIN_AGE_MS = 5 * 60_000;

/** The part of `browser.notifications` this file uses. */
export interface NotificationClicks {
  onClicked: { addListener(callback: (id: string) => void): void };
  clear(id: string): Promise<boolean>;
}

export interface DigestAlarmDeps {
  alarms: AlarmsArea;
  notifications: NotificationClicks;
  /** One poll; `minAgeMs` skips it when the stored digest is younger. */
  poll: (minAgeMs?: number) => Promise<unknown>;
  /** Opens the side panel; called synchronously in the click handler (Chrome wants the gesture). */
  openPanel: () => void;
}

/**
 * @example setupDigestAlarm({ alarms: browser.alarms, notifications: browser.notifications, poll, openPanel });
 */
export function setupDigestAlarm({ alarms, notifications, poll, openPanel }: DigestAlarmDeps): { ready: Promise<void> } {
  alarms.onAlarm.addListener((alarm): Promise<unknown> | undefined => (alarm.name === DIGEST_ALARM ? poll().catch(() => undefined) : undefined));
  notifications.onClicked.addListener((id) => {
    if (!id.startsWith(DIGEST_NOTIFICATION_PREFIX)) return;
    openPanel();
    void notifications.clear(id).catch(() => undefined);
  });
  const ready = (async () => {
    // Created once: re-creating it on every worker start would push the next poll back each time.
    if (!(await alarms.get(DIGEST_ALARM))) await alarms.create(DIGEST_ALARM, { delayInMinutes: DIGEST_POLL_MINUTES, periodInMinutes: DIGEST_POLL_MINUTES });
    await poll(STARTUP_MIN_AGE_MS);
  })().catch(() => undefined);
  return { ready };
}

/** A Connect handler that polls once the connection succeeded: a new rep's alerts arrive at once. */
export function pollAfterConnect<T extends { ok: boolean }, P>(connect: (payload: P) => Promise<T>, poll: () => Promise<unknown>) {
  return async (payload: P): Promise<T> => {
    const answer = await connect(payload);
    if (answer.ok) void poll().catch(() => undefined);
    return answer;
  };
}
