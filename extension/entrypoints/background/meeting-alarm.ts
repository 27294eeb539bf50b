/**
 * The pre-meeting reminders' clock: `meeting-reminders`, every minute, raises the notifications
 * due (core/background/meeting-reminders.ts). A click on one opens that meeting's package in the
 * side panel (`openMeeting` with the reminder's key: core/background/meeting-requests.ts). Listeners
 * are registered synchronously, before any await, so an alarm or a click wakes a fresh worker.
 */
import { MEETING_NOTIFICATION_PREFIX } from '../../core/background/meeting-reminders.ts';
import type { AlarmsArea } from './alarms.ts';
import type { NotificationClicks } from './digest-alarm.ts';

export const MEETING_ALARM = 'meeting-reminders';

export interface MeetingAlarmDeps {
  alarms: AlarmsArea;
  notifications: NotificationClicks;
  remind: () => Promise<unknown>;
  /**
   * Opens the side panel on the meeting `key` names (`gcal:<event id>:<start>`); called
   * synchronously in the click handler (Chrome wants the gesture).
   */
  openMeeting: (key: string) => void;
}

/** @example setupMeetingAlarm({ alarms: browser.alarms, notifications, remind, openMeeting }) */
export function setupMeetingAlarm({ alarms, notifications, remind, openMeeting }: MeetingAlarmDeps): { ready: Promise<void> } {
  alarms.onAlarm.addListener((alarm): Promise<unknown> | undefined => (alarm.name === MEETING_ALARM ? remind().catch(() => undefined) : undefined));
  notifications.onClicked.addListener((id) => {
    if (!id.startsWith(MEETING_NOTIFICATION_PREFIX)) return;
    openMeeting(id.slice(MEETING_NOTIFICATION_PREFIX.length));
    void notifications.clear(id).catch(() => undefined);
  });
  const ready = (async () => {
    if (!(await alarms.get(MEETING_ALARM))) await alarms.create(MEETING_ALARM, { delayInMinutes: 1, periodInMinutes: 1 });
  })().catch(() => undefined);
  return { ready };
}
