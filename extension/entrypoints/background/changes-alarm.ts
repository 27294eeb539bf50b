/**
 * Following the server's changes (core/background/changes.ts) on a clock: `changes-follow`, every
 * 15 minutes, asks `/v1/changes` from the stored cursor and forgets what it lists; so does every
 * worker start (unless a follow reached the end within the last 5 minutes) and every successful
 * Connect (index.ts). An erased person's brief thus leaves every rep's offline copy within about
 * 15 minutes of a connected browser; chrome.alarms allows periods down to 30 s (Chrome 120), so
 * the period is a choice: the same cadence as the digest poll, one small request per quarter hour.
 *
 * The listener is registered synchronously, before any await, so the browser finds it when the
 * alarm wakes a fresh worker. The start-up follow is not awaited by anything a panel waits for.
 */
import type { AlarmsArea } from './alarms.ts';

export const CHANGES_ALARM = 'changes-follow';
export const CHANGES_FOLLOW_MINUTES = 15;
/** A worker start follows only when the last follow to the end is older than this. */
export const CHANGES_STARTUP_MIN_AGE_MS = 5 * 60_000;

export interface ChangesAlarmDeps {
  alarms: AlarmsArea;
  /** One follow (changes.ts `follow`); never rejects. */
  follow: (options?: { minAgeMs?: number }) => Promise<unknown>;
}

/**
 * @example setupChangesAlarm({ alarms: browser.alarms, follow: (o) => changes.follow(o) });
 */
export function setupChangesAlarm({ alarms, follow }: ChangesAlarmDeps): { ready: Promise<void> } {
  alarms.onAlarm.addListener((alarm): Promise<unknown> | undefined => (alarm.name === CHANGES_ALARM ? follow().catch(() => undefined) : undefined));
  const ready = (async () => {
    // Created once: re-creating it on every worker start would push the next follow back each time.
    if (!(await alarms.get(CHANGES_ALARM))) await alarms.create(CHANGES_ALARM, { delayInMinutes: CHANGES_FOLLOW_MINUTES, periodInMinutes: CHANGES_FOLLOW_MINUTES });
    await follow({ minAgeMs: CHANGES_STARTUP_MIN_AGE_MS });
  })().catch(() => undefined);
  return { ready };
}
