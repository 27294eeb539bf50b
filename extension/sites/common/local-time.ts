/**
 * Wall-clock times the pages print (Calendar's event times, Gmail's message dates) as ISO times
 * with the browser's offset. Pages print in the account's zone; the readers assume it is the
 * browser's (both products' default).
 */

const pad = (n: number) => String(Math.abs(n)).padStart(2, '0');

/**
 * A wall-clock time in the browser's zone as ISO with its offset: `2026-12-08T10:00:00-05:00`;
 * `undefined` for a date that does not exist (30 February).
 */
export function localIso(year: number, month: number, day: number, minutes = 0): string | undefined {
  const date = new Date(year, month - 1, day, Math.floor(minutes / 60), minutes % 60);
  if (date.getFullYear() !== year || date.getMonth() !== month - 1 || date.getDate() !== day) return undefined;
  const offset = -date.getTimezoneOffset();
  const zone = `${offset >= 0 ? '+' : '-'}${pad(Math.trunc(offset / 60))}:${pad(offset % 60)}`;
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}:00${zone}`;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** 1-12 for an English month name or abbreviation ("Dec", "December", "Sept."), else undefined. */
export function monthOf(word: string): number | undefined {
  if (!/^[a-z]+\.?$/i.test(word)) return undefined;
  const index = MONTHS.indexOf(word.slice(0, 3).toLowerCase());
  return index >= 0 ? index + 1 : undefined;
}
