/**
 * Reads the event times Calendar prints, in English: the details dialog's line
 * ("Tuesday, December 8⋅10:00 – 11:00am", "Tuesday, 8 December 2026⋅15:00 – 16:00",
 * "Tuesday, December 8, 3:00pm – Wednesday, December 9, 4:00pm", "Thursday, December 10" for a
 * whole day) and the edit page's date and time fields ("Dec 8, 2026", "10:00am").
 *
 * Calendar prints wall-clock time in the calendar's time zone and leaves out the current year.
 * These readers assume that zone is the browser's (Calendar's default) and that a missing year is
 * `now`'s; a line they cannot read gives nothing rather than a guess. Other languages give nothing:
 * the event then still has its id and guests, and the recurring instance's start from its id.
 */

import { localIso, monthOf } from '../common/local-time.ts';

export { localIso };

/** A calendar day and, when known, a wall-clock time. */
interface WallTime {
  year?: number;
  month: number;
  day: number;
  minutes?: number;
}

/** The times an event line names: ISO with the browser's offset. */
export interface EventTimes {
  start: string;
  end?: string;
  allDay: boolean;
}

/** "December 8", "8 December 2026", "Dec 8, 2026", "Tuesday, December 8": the date in a piece of text. */
function dateIn(text: string): Omit<WallTime, 'minutes'> | undefined {
  const monthFirst = /\b([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(\d{4}))?\b/.exec(text);
  const dayFirst = /\b(\d{1,2})\s+([A-Za-z]{3,9})\.?(?:,?\s+(\d{4}))?\b/.exec(text);
  for (const [match, monthWord, dayText] of [
    [monthFirst, monthFirst?.[1], monthFirst?.[2]],
    [dayFirst, dayFirst?.[2], dayFirst?.[1]],
  ] as const) {
    if (!match || !monthWord || !dayText) continue;
    const month = monthOf(monthWord);
    const day = Number(dayText);
    if (!month || day < 1 || day > 31) continue;
    const date: Omit<WallTime, 'minutes'> = { month, day };
    if (match[3]) date.year = Number(match[3]);
    return date;
  }
  return undefined;
}

/** "3pm", "3:00pm", "10:30 AM", "15:00": minutes after midnight and whether a meridiem was given. */
function timeIn(text: string): { minutes: number; meridiem?: 'am' | 'pm' } | undefined {
  const match = /\b(\d{1,2})(?::(\d{2}))?\s*([ap])\.?\s*m\b\.?|\b(\d{1,2}):(\d{2})\b/i.exec(text);
  if (!match) return undefined;
  if (match[4] !== undefined) {
    const hours = Number(match[4]);
    const minutes = Number(match[5]);
    return hours < 24 && minutes < 60 ? { minutes: hours * 60 + minutes } : undefined;
  }
  const hours = Number(match[1]);
  const minutes = Number(match[2] ?? 0);
  if (hours < 1 || hours > 12 || minutes > 59) return undefined;
  const meridiem = match[3]!.toLowerCase() === 'a' ? 'am' : 'pm';
  return { minutes: (hours % 12) * 60 + (meridiem === 'pm' ? 720 : 0) + minutes, meridiem };
}

/** "3:00" with no meridiem, read as the end's half of the day ("3:00 – 4:00pm" is 3pm). */
function bareTime(text: string, endMeridiem: 'am' | 'pm' | undefined): number | undefined {
  const match = /\b(\d{1,2})(?::(\d{2}))?\b/.exec(text);
  if (!match || !endMeridiem) return undefined;
  const hours = Number(match[1]);
  const minutes = Number(match[2] ?? 0);
  if (hours < 1 || hours > 12 || minutes > 59) return undefined;
  return (hours % 12) * 60 + (endMeridiem === 'pm' ? 720 : 0) + minutes;
}

function isoOf(wall: WallTime, now: Date): string | undefined {
  return localIso(wall.year ?? now.getFullYear(), wall.month, wall.day, wall.minutes ?? 0);
}

/**
 * Reads the details dialog's time line; `undefined` when it is not one this reader knows.
 *
 * @example parseWhenLine('Tuesday, December 8⋅10:00 – 11:00am', new Date('2026-12-04'))
 * // { start: '2026-12-08T10:00:00-05:00', end: '2026-12-08T11:00:00-05:00', allDay: false } (in New York)
 */
export function parseWhenLine(line: string, now: Date): EventTimes | undefined {
  const text = line.replace(/\s+/g, ' ').trim();
  if (!text) return undefined;
  const [datePart = '', timePart] = text.split(/\s*[⋅·]\s*/);
  const sides = (timePart ?? datePart).split(/\s+[–—-]\s+|\s*[–—]\s*/);
  if (timePart === undefined) {
    // No "⋅": a whole day ("Thursday, December 10"), whole days ("December 10 – 11, 2026") or
    // a timed event over several days ("December 8, 3:00pm – December 9, 4:00pm").
    const startDate = dateIn(sides[0] ?? '');
    if (!startDate) return undefined;
    const startTime = timeIn(sides[0] ?? '');
    const endText = sides[1];
    let endDate = endText ? dateIn(endText) : undefined;
    if (endText && !endDate && /^\d{1,2}(?:,\s*(\d{4}))?$/.test(endText.trim())) {
      const [dayText, yearText] = endText.split(',').map((s) => s.trim());
      endDate = { month: startDate.month, day: Number(dayText), ...(yearText ? { year: Number(yearText) } : {}) };
      if (!startDate.year && endDate.year) startDate.year = endDate.year;
    }
    const endTime = endText ? timeIn(endText) : undefined;
    if (startTime) {
      const start = isoOf({ ...startDate, minutes: startTime.minutes }, now);
      const end = endDate && endTime ? isoOf({ ...endDate, minutes: endTime.minutes }, now) : undefined;
      return start ? { start, ...(end ? { end } : {}), allDay: false } : undefined;
    }
    const start = isoOf(startDate, now);
    if (!start) return undefined;
    // Whole days: the end is the morning after the last day, as the Calendar API counts it.
    const last = endDate ?? startDate;
    const endDay = new Date(last.year ?? startDate.year ?? now.getFullYear(), last.month - 1, last.day + 1);
    const end = localIso(endDay.getFullYear(), endDay.getMonth() + 1, endDay.getDate());
    return { start, ...(end ? { end } : {}), allDay: true };
  }
  const date = dateIn(datePart);
  if (!date || sides.length !== 2) return undefined;
  const endTime = timeIn(sides[1]!);
  // "3:00 – 4:00pm": a start without am/pm shares the end's; with neither, both are 24-hour.
  const startParsed = timeIn(sides[0]!);
  const startTime = startParsed?.meridiem || !endTime?.meridiem ? startParsed?.minutes : bareTime(sides[0]!, endTime.meridiem);
  if (startTime === undefined || !endTime) return undefined;
  const start = isoOf({ ...date, minutes: startTime }, now);
  // An end before the start ("11:00pm – 12:30am") is on the next day.
  const endDay = endTime.minutes <= startTime ? new Date((date.year ?? now.getFullYear()), date.month - 1, date.day + 1) : undefined;
  const end = endDay
    ? localIso(endDay.getFullYear(), endDay.getMonth() + 1, endDay.getDate(), endTime.minutes)
    : isoOf({ ...date, minutes: endTime.minutes }, now);
  return start ? { start, ...(end ? { end } : {}), allDay: false } : undefined;
}

/**
 * Reads the edit page's start and end fields ("Dec 8, 2026" + "10:00am"); a missing end date is
 * the start date; no times means a whole-day event.
 */
export function parseDateTimeFields(fields: { startDate?: string; startTime?: string; endDate?: string; endTime?: string }, now: Date): EventTimes | undefined {
  const startDate = fields.startDate ? dateIn(fields.startDate) : undefined;
  if (!startDate) return undefined;
  const endDate = (fields.endDate ? dateIn(fields.endDate) : undefined) ?? startDate;
  const startTime = fields.startTime ? timeIn(fields.startTime) : undefined;
  const endTime = fields.endTime ? timeIn(fields.endTime) : undefined;
  if (!startTime) {
    const start = isoOf(startDate, now);
    const endDay = new Date(endDate.year ?? now.getFullYear(), endDate.month - 1, endDate.day + 1);
    const end = localIso(endDay.getFullYear(), endDay.getMonth() + 1, endDay.getDate());
    return start ? { start, ...(end ? { end } : {}), allDay: true } : undefined;
  }
  const start = isoOf({ ...startDate, minutes: startTime.minutes }, now);
  const end = endTime ? isoOf({ ...endDate, minutes: endTime.minutes }, now) : undefined;
  return start ? { start, ...(end ? { end } : {}), allDay: false } : undefined;
}
