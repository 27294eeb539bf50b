/**
 * Day arithmetic on ISO-8601 UTC strings, the form every time in the database takes. The clock is
 * always a parameter (`now`), never read here.
 *
 * @example
 * daysBefore(new Date('2026-11-23T09:00:00Z'), 7) // '2026-11-16T09:00:00.000Z'
 */

const DAY_MS = 86_400_000;

/** `now` minus whole days, as the ISO string the database compares against. */
export const daysBefore = (now: Date, n: number) => new Date(now.getTime() - n * DAY_MS).toISOString();

export const daysAfter = (now: Date, n: number) => new Date(now.getTime() + n * DAY_MS).toISOString();

/** Whole days from `from` to `to`, rounded down (negative when `to` is earlier). */
export const daysBetween = (from: string | Date, to: string | Date) =>
  Math.floor((new Date(to).getTime() - new Date(from).getTime()) / DAY_MS);

/** `2026-11-23T09:00:00.000Z` → `2026-11-23`: how dates appear in reasons. */
export const dayOf = (iso: string) => iso.slice(0, 10);

/** 1 → "1st", 3 → "3rd", 12 → "12th": reasons read like a person wrote them. */
export function ordinal(n: number): string {
  const tens = n % 100;
  if (tens >= 11 && tens <= 13) return `${n}th`;
  return `${n}${({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[n % 10] ?? 'th'}`;
}

/** "1 visit", "2 visits"; irregular plurals passed in ("1 reply", "2 replies"). */
export const plural = (n: number, word: string, many = `${word}s`) => `${n} ${n === 1 ? word : many}`;
