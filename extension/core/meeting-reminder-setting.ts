/**
 * The rep's pre-meeting notification setting (issue 13): minutes before a meeting, 0 = off. Read
 * by the background's reminders and written by the options page, so it lives on both sides.
 */
export const REMINDER_MINUTES_KEY = 'meetingReminderMinutes';
export const DEFAULT_REMINDER_MINUTES = 10;
