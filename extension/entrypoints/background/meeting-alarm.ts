/**
 * The pre-meeting reminders' clock: `meeting-reminders`, every minute, raises the notifications
 * due (core/background/meeting-reminders.ts). A click on one opens the side panel. Listeners are
 * registered synchronously, before any await, so an alarm or a click wakes a fresh worker.
 */
import { MEETING_NOTIFICATION_PREFIX } from '../../core/background/meeting-reminders.ts';
import type { AlarmsArea } from './alarms.ts';
import type { NotificationClicks } from './digest-alarm.ts';

export const MEETING_ALARM = 'meeting-reminders';

export interface MeetingAlarmDeps {
  alarms: AlarmsArea;
  notifications: NotificationClicks;
  remind: () => Promise<unknown>;
  /** Opens the side panel; called synchronously in the click handler (Chrome wants the gesture). */
  openPanel: () => void;
}

/** @example setupMeetingAlarm({ alarms: browser.alarms, notifications, remind, openPanel }) */
export function setupMeetingAlarm({ alarms, notifications, remind, openPanel }: MeetingAlarmDeps): { ready: Promise<void> } {
  alarms.onAlarm.addListener((alarm): Promise<unknown> | undefined => (alarm.name === MEETING_ALARM ? remind().catch(() => undefined) : undefined));
  notifications.onClicked.addListener((id) => {
    if (!id.startsWith(MEETING_NOTIFICATION_PREFIX)) return;
    openPanel();
    void notifications.clear(id).catch(() => undefined);
  });
  const ready = (async () => {
    if (!(await alarms.get(MEETING_ALARM))) await alarms.create(MEETING_ALARM, { delayInMinutes: 1, periodInMinutes: 1 });
  })().catch(() => undefined);
  return { ready };
}
