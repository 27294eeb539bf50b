/**
 * Text reading shared by the LinkedIn layouts: visible text of an element, and the parsing of
 * experience lines ("Jul 2021 - Present · 3 yrs 1 mo", "Novare Potential · Full-time").
 * Pure string work over `textContent`; never HTML.
 */
import type { Selectors } from './selectors.ts';

/** An element's text with whitespace collapsed; `undefined` when there is none. */
export function textOf(el: Element | null | undefined): string | undefined {
  const text = el?.textContent?.replace(/\s+/g, ' ').trim();
  return text ? text : undefined;
}

/** True when `el` sits inside any element matching one of `selectors` (itself included). */
export function isInside(el: Element, selectors: Selectors): boolean {
  return selectors.some((selector) => el.closest(selector) !== null);
}

const MONTHS: Record<string, string> = {
  jan: '01', feb: '02', mar: '03', apr: '04', may: '05', jun: '06',
  jul: '07', aug: '08', sep: '09', oct: '10', nov: '11', dec: '12',
};

// "Jul 2021 - Present · 3 yrs 1 mo", "2019 – Dec 2021", "Feb. 2022 - Present". The part after
// "·" is the duration LinkedIn computes; the end is "Present" (or its translation) while current.
const DATE_RANGE = /^(?:([A-Za-z]{3,9})\.?\s+)?(\d{4})\s*[-–—]\s*([^·]+?)\s*(?:·.*)?$/;

/** What an experience date line says: whether the role is ongoing, and since when (`YYYY-MM`). */
export interface DateRange {
  current: boolean;
  /** Only when the start month is an English month name; a bare year gives no month. */
  since?: string;
}

/**
 * Parses an experience date line; `undefined` when the line is not a date range.
 *
 * @example parseDateRange('Jul 2021 - Present · 3 yrs 1 mo') // { current: true, since: '2021-07' }
 */
export function parseDateRange(line: string): DateRange | undefined {
  const match = DATE_RANGE.exec(line.trim());
  if (!match) return undefined;
  const [, monthName, year, end = ''] = match;
  // A finished role ends in a year ("Dec 2021"); anything else ("Present", "Nu", "heute") is ongoing.
  const current = !/\d{4}/.test(end);
  const month = monthName ? MONTHS[monthName.slice(0, 3).toLowerCase()] : undefined;
  return month ? { current, since: `${year}-${month}` } : { current };
}

/** "Novare Potential · Full-time" → "Novare Potential" (the employment type follows a "·"). */
export function withoutEmploymentType(line: string): string | undefined {
  const company = line.split(' · ')[0]?.trim();
  return company ? company : undefined;
}

/** The current role as the first experience entry states it. */
export interface CurrentRole {
  title?: string;
  company?: string;
  since?: string;
}

/**
 * Reads the current role from the first experience entry's text lines. A single role reads
 * `[title, "Company · Full-time", dates, location]`; a company with grouped roles reads
 * `[company, "Full-time · 5 yrs"]` for the header and `[title, ("Full-time"), dates, location]`
 * for its first (latest) role. Returns `undefined` when that entry has ended: the member then
 * has no current role, and a past title must not be shown as today's.
 */
export function currentRoleFrom(header: readonly string[], firstGroupedRole?: readonly string[]): CurrentRole | undefined {
  const lines = firstGroupedRole ?? header;
  const dateIndex = lines.findIndex((line) => parseDateRange(line) !== undefined);
  const range = dateIndex >= 0 ? parseDateRange(lines[dateIndex]!) : undefined;
  if (range && !range.current) return undefined;
  const role: CurrentRole = {};
  if (dateIndex !== 0 && lines[0]) role.title = lines[0];
  if (range?.since) role.since = range.since;
  // Grouped: the header's first line is the company. Single role: the line between title and
  // dates is the company; without a date line we cannot tell company from location, so skip it.
  const companyLine = firstGroupedRole ? header[0] : dateIndex >= 2 ? lines[1] : undefined;
  const company = companyLine ? withoutEmploymentType(companyLine) : undefined;
  if (company) role.company = company;
  return role;
}
