/**
 * Gmail's printed dates, in English: the message header's `span.g3[title]` ("Tue, Dec 8, 2026,
 * 10:04 AM", "20 Aug 2025, 13:19") and the list's ("Thu, Dec 4, 2014 at 2:02 PM"). Localised
 * titles in other languages give nothing: the message id carries the time anyway (`timeOfId`).
 */
import { localIso, monthOf } from '../common/local-time.ts';

/**
 * A printed date as ISO in the browser's zone, or `undefined`.
 *
 * @example parseMailDate('Thu, Dec 4, 2014 at 2:02 PM') // '2014-12-04T14:02:00+00:00' (in UTC)
 */
export function parseMailDate(title: string): string | undefined {
  const text = title.replace(/\s+/g, ' ').trim();
  const monthFirst = /\b([A-Za-z]{3,9})\.? (\d{1,2}),? (\d{4})\b/.exec(text);
  const dayFirst = /\b(\d{1,2}) ([A-Za-z]{3,9})\.?,? (\d{4})\b/.exec(text);
  const parts = monthFirst ? { month: monthOf(monthFirst[1]!), day: Number(monthFirst[2]), year: Number(monthFirst[3]), rest: text.slice(monthFirst.index + monthFirst[0].length) } : undefined;
  const alt = dayFirst ? { month: monthOf(dayFirst[2]!), day: Number(dayFirst[1]), year: Number(dayFirst[3]), rest: text.slice(dayFirst.index + dayFirst[0].length) } : undefined;
  const date = parts?.month ? parts : alt?.month ? alt : undefined;
  if (!date?.month) return undefined;
  const time = /\b(\d{1,2}):(\d{2})(?:\s*([AaPp])\.?\s*[Mm]\.?)?/.exec(date.rest);
  if (!time) return undefined;
  let hours = Number(time[1]);
  const minutes = Number(time[2]);
  if (time[3]) {
    if (hours < 1 || hours > 12) return undefined;
    hours = (hours % 12) + (time[3].toLowerCase() === 'p' ? 12 : 0);
  }
  if (hours > 23 || minutes > 59) return undefined;
  return localIso(date.year, date.month, date.day, hours * 60 + minutes);
}
