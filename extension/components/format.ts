/**
 * Pure formatters for the panel: ages, tenure, money, labels. `now` is always a parameter,
 * so the same brief renders the same text in tests and on the page.
 */
import type { BuyingRole, ForecastCategory } from '../../shared/brief.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * How long ago an ISO time was, in the shortest unit a rep reads at a glance.
 *
 * @example
 * formatAge('2026-01-01T00:00:00Z', new Date('2026-04-05T00:00:00Z')) // '3 mo ago'
 */
export function formatAge(iso: string | null | undefined, now: Date): string | undefined {
  if (!iso) return undefined;
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return undefined;
  const ms = now.getTime() - at;
  if (ms < MINUTE) return 'just now';
  if (ms < HOUR) return `${Math.floor(ms / MINUTE)} min ago`;
  if (ms < DAY) return `${Math.floor(ms / HOUR)} h ago`;
  const days = Math.floor(ms / DAY);
  if (days < 30) return `${days} d ago`;
  const months = Math.floor(days / 30.44);
  if (months < 12) return `${months} mo ago`;
  return `${Math.floor(days / 365.25)} yr ago`;
}

/**
 * Tenure in the current role from its `YYYY-MM` start.
 *
 * @example
 * formatTenure('2021-07', new Date('2024-09-10T00:00:00Z')) // 'since 2021-07 (3 yrs)'
 */
export function formatTenure(start: string | null | undefined, now: Date): string | undefined {
  if (!start) return undefined;
  const m = /^(\d{4})-(\d{2})/.exec(start);
  if (!m) return `since ${start}`;
  const months = (now.getUTCFullYear() - Number(m[1])) * 12 + (now.getUTCMonth() + 1 - Number(m[2]));
  if (months < 0) return `since ${m[1]}-${m[2]}`;
  if (months < 12) return `since ${m[1]}-${m[2]} (${months} mo)`;
  const years = Math.floor(months / 12);
  return `since ${m[1]}-${m[2]} (${years} ${years === 1 ? 'yr' : 'yrs'})`;
}

/**
 * Money without Intl for the currencies a CRM mostly holds: the first Intl format a page builds
 * pays for Intl's set-up (10-40 ms on a loaded machine; measured by bench:panel's join rows, it was
 * most of the pre-call package's first render), so these are written as Intl writes them ('en',
 * no decimals, halves away from zero, a no-break space after a code; test/unit/extension/components/format.test.ts compares the
 * two) and any other currency goes to Intl, whose formats are kept once built.
 */
const MONEY_SYMBOLS: Readonly<Record<string, string>> = { USD: '$', EUR: '€', GBP: '£', JPY: '¥', CAD: 'CA$', AUD: 'A$', INR: '₹', BRL: 'R$', SEK: 'SEK\u00a0', NOK: 'NOK\u00a0', DKK: 'DKK\u00a0', CHF: 'CHF\u00a0' };
const moneyFormats = new Map<string, Intl.NumberFormat>();
const MAX_MONEY_FORMATS = 32;

function moneyFormat(currency: string): Intl.NumberFormat {
  let format = moneyFormats.get(currency);
  if (!format) {
    format = new Intl.NumberFormat('en', { style: 'currency', currency, maximumFractionDigits: 0 });
    if (moneyFormats.size < MAX_MONEY_FORMATS) moneyFormats.set(currency, format);
  }
  return format;
}

/** `amount` as Intl's 'en' currency format writes it, for the currencies in MONEY_SYMBOLS; undefined for the rest. */
function knownMoney(amount: number, currency: string): string | undefined {
  const symbol = MONEY_SYMBOLS[currency];
  if (symbol === undefined || !Number.isFinite(amount) || Math.abs(amount) >= 1e15) return undefined;
  const negative = amount < 0 || Object.is(amount, -0);
  const digits = String(Math.round(Math.abs(amount))).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${negative ? '-' : ''}${symbol}${digits}`;
}

/**
 * An amount in its currency; a currency code Intl does not know falls back to "amount CODE".
 *
 * @example
 * formatMoney(48000, 'USD') // '$48,000'
 */
export function formatMoney(amount: number | null, currency: string): string | undefined {
  if (amount === null) return undefined;
  try {
    return knownMoney(amount, currency) ?? moneyFormat(currency).format(amount);
  } catch {
    // A CRM can hold any string in a currency column; Intl throws a RangeError on unknown codes.
    return `${new Intl.NumberFormat('en').format(amount)} ${currency}`;
  }
}

/**
 * A large count for reading at a glance.
 *
 * @example
 * formatCompact(12_500_000) // '12.5M'
 */
export function formatCompact(value: number): string {
  return new Intl.NumberFormat('en', { notation: 'compact', maximumFractionDigits: 1 }).format(value);
}

/** The day part of an ISO date or time, e.g. '2026-06-30'. */
export function formatDay(iso: string | null | undefined): string | undefined {
  if (!iso) return undefined;
  return /^\d{4}-\d{2}-\d{2}/.exec(iso)?.[0] ?? iso;
}

const SOURCE_LABELS: Record<string, string> = {
  crm: 'CRM',
  linkedin: 'LinkedIn',
  enrichment: 'Enrichment',
  intent: 'Intent',
  technographics: 'Technographics',
  csv: 'CSV import',
  webhook: 'Webhook',
  manual: 'Manual',
};

/**
 * The name of a data source as a rep knows it.
 *
 * @example
 * sourceLabel('crm') // 'CRM'
 */
export function sourceLabel(source: string | null | undefined): string {
  if (!source) return 'unknown source';
  return SOURCE_LABELS[source.toLowerCase()] ?? source;
}

/**
 * A confidence in 0..1 as one word.
 *
 * @example
 * confidenceWord(0.62) // 'low'
 */
export function confidenceWord(confidence: number): 'high' | 'medium' | 'low' {
  if (confidence >= 0.9) return 'high';
  if (confidence >= 0.7) return 'medium';
  return 'low';
}

/** Below this a match is shown with "confirm?", whatever its method. */
export const CONFIRM_BELOW = 0.7;

export const ROLE_LABELS: Record<BuyingRole, string> = {
  decision_maker: 'Decision maker',
  champion: 'Champion',
  influencer: 'Influencer',
  blocker: 'Blocker',
  user: 'User',
  other: 'Other',
};

export const FORECAST_LABELS: Record<ForecastCategory, string> = {
  commit: 'Commit',
  best_case: 'Best case',
  pipeline: 'Pipeline',
  omitted: 'Omitted',
};

/**
 * A snake_case machine word as words: 'meeting_booked' → 'Meeting booked'.
 *
 * @example
 * humanize('pricing_page_visits') // 'Pricing page visits'
 */
export function humanize(word: string): string {
  const spaced = word.replace(/[_-]+/g, ' ').trim();
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}

/**
 * "as of" time for a cached brief, in the reader's locale.
 *
 * @example
 * formatAsOf('2026-04-05T09:30:00Z', new Date('2026-04-05T10:00:00Z'))
 * // 'as of Apr 5, 2026, 9:30 AM (30 min ago)' in en-US and UTC
 */
export function formatAsOf(asOf: string, now: Date): string {
  const at = new Date(asOf);
  if (Number.isNaN(at.getTime())) return `as of ${asOf}`;
  const time = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' }).format(at);
  const age = formatAge(asOf, now);
  return age ? `as of ${time} (${age})` : `as of ${time}`;
}
