/**
 * The rep's pre-meeting notification setting (issue 13): minutes before a meeting, 0 = off. Read
 * by the background's reminders and written by the options page, so it lives on both sides.
 */
export const REMINDER_MINUTES_KEY = 'meetingReminderMinutes';
export const DEFAULT_REMINDER_MINUTES = 10;

/**
 * The background's broadcast after a reminder's click (`{ type: MEETING_REQUESTED }`): a side panel
 * already open takes the request at once (`takeMeetingRequest`) and shows that meeting's package.
 */
export const MEETING_REQUESTED = 'signalhouse:meeting-requested';
