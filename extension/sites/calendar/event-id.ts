/**
 * Calendar's event ids: the `data-eventid` / `eid` value (unpadded base64 of
 * `"<event id> <calendar id>"`, host-pages.md §3), the instance id of a recurring event
 * (`<recurring event id>_<original start>`, the Calendar API's instance id form: `_20261208T150000Z`
 * for a timed instance, `_20261210` for an all-day one) and the natural key of a logged meeting.
 */
import { decodeBase64Text } from '../common/dom.ts';

/** What an `eid` names. `recurringEventId` and `originalStart` only for an instance of a recurring event. */
export interface CalendarEventId {
  eventId: string;
  /** The calendar the event was opened from: the owner's address for a primary calendar. */
  calendarId?: string;
  recurringEventId?: string;
  /** When this instance was scheduled to start: ISO UTC (`2026-12-08T15:00:00Z`), or a date for all-day instances. */
  originalStart?: string;
}

const INSTANCE = /^(.+)_(\d{8})(?:T(\d{6})Z)?$/;

/**
 * Splits an event id into its recurring event and the instance's original start.
 *
 * @example instanceOf('7gd0ft1ig3b5k8s0m2o4q6u8v0_20261208T150000Z') // { recurringEventId: '7gd0…v0', originalStart: '2026-12-08T15:00:00Z' }
 */
export function instanceOf(eventId: string): { recurringEventId: string; originalStart: string } | undefined {
  const match = INSTANCE.exec(eventId);
  if (!match) return undefined;
  const [, base, day, time] = match as unknown as [string, string, string, string | undefined];
  const date = `${day.slice(0, 4)}-${day.slice(4, 6)}-${day.slice(6, 8)}`;
  const originalStart = time ? `${date}T${time.slice(0, 2)}:${time.slice(2, 4)}:${time.slice(4, 6)}Z` : date;
  if (Number.isNaN(Date.parse(time ? originalStart : `${date}T00:00:00Z`))) return undefined;
  return { recurringEventId: base, originalStart };
}

/**
 * Decodes a `data-eventid` or `eid`; `undefined` when it is not one (task chips `tasks_…`/`ttb_…`
 * are not events, and anything that does not decode to an id is refused).
 *
 * @example decodeEventId('NHE4azJtOXYw…') // { eventId: '4q8k2m9v0c1s5h7l3n6p0r2t4u', calendarId: 'casey.morgan@northwind.example' }
 */
export function decodeEventId(eid: string | null | undefined): CalendarEventId | undefined {
  if (!eid || /^(?:tasks_|ttb_)/.test(eid)) return undefined;
  const text = decodeBase64Text(eid);
  if (!text) return undefined;
  const [eventId, calendarId, ...rest] = text.trim().split(' ');
  if (!eventId || rest.length > 0 || !/^[A-Za-z0-9_@.-]{5,1024}$/.test(eventId)) return undefined;
  const id: CalendarEventId = { eventId };
  if (calendarId && /^[^\s]+@[^\s]+$/.test(calendarId)) id.calendarId = calendarId.toLowerCase();
  const instance = instanceOf(eventId);
  if (instance) Object.assign(id, instance);
  return id;
}

/**
 * The natural key of a meeting logged from Calendar, Meet or Zoom for a calendar event (issue 13):
 * `gcal:<event id>:<start>`, start in UTC to the second, so each instance of a recurring event
 * is its own meeting and the same instance logged from two pages (or two time zones) is one.
 *
 * @example calendarMeetingKey('4q8k2m9v0c1s5h7l3n6p0r2t4u', '2026-12-08T10:00:00-05:00') // 'gcal:4q8k2m9v0c1s5h7l3n6p0r2t4u:2026-12-08T15:00:00Z'
 */
export function calendarMeetingKey(eventId: string, start: string): string {
  const time = Date.parse(start);
  if (Number.isNaN(time)) throw new RangeError(`not a start time: ${start}`);
  return `gcal:${eventId}:${new Date(time).toISOString().replace(/\.\d{3}Z$/, 'Z')}`;
}
