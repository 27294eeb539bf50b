/**
 * Selector drift reports: when a selector a feature requires stops matching on a page it should
 * serve, the extension keeps a tally and sends it here (`POST /v1/drift-reports`); admins read
 * the team's (`GET /v1/admin/drift-reports`). A report is censored by construction: every field is
 * an enum, a short lowercase name, a version, a date or a number, so no page content (a name, a
 * title, an email address, a URL) can travel in one.
 *
 * @example
 * DriftReportsRequest.parse({ reports: [{ site: 'linkedin', pageKind: 'profile', selector: 'profile.name',
 *   extensionVersion: '0.4.1', day: '2026-12-04', count: 3 }] })
 */
import { z } from 'zod';

/**
 * The sites the extension ships. A test-only site (one the e2e build adds) is not one: the
 * extension keeps no drift report for it, so adding one edits nothing here.
 */
export const DriftSite = z.enum(['linkedin', 'gmail', 'calendar', 'meet', 'zoom']);
export type DriftSite = z.infer<typeof DriftSite>;

/** Names the extension gives its page kinds and selectors: lowercase, no spaces, never text from the page. */
export const PAGE_KIND_PATTERN = /^[a-z0-9][a-z0-9._-]{0,39}$/;
export const SELECTOR_NAME_PATTERN = /^[a-z0-9][a-z0-9._-]{0,79}$/;
/** `1.2.3`, `1.2.3.4` or `1.2.3-beta.1`: what a manifest version or package version looks like. */
export const EXTENSION_VERSION_PATTERN = /^\d{1,9}(\.\d{1,9}){1,3}([-+][0-9A-Za-z.-]+)?$/;

/** How far back a report may be dated: older tallies are dropped by the extension, refused here. */
export const DRIFT_MAX_AGE_DAYS = 30;
/** Reports per request, and a report's count (a tally of one day, one selector). */
export const MAX_DRIFT_REPORTS = 50;
export const MAX_DRIFT_COUNT = 10_000;

export const DriftPageKind = z.string().regex(PAGE_KIND_PATTERN, 'a page kind name: a-z, 0-9, ".", "_" or "-", up to 40 characters');
export const DriftSelector = z.string().regex(SELECTOR_NAME_PATTERN, 'a selector name: a-z, 0-9, ".", "_" or "-", up to 80 characters');

export const DriftReport = z.strictObject({
  site: DriftSite,
  pageKind: DriftPageKind,
  selector: DriftSelector,
  extensionVersion: z.string().max(32).regex(EXTENSION_VERSION_PATTERN, 'a version like 1.2.3'),
  /** The UTC day the selector failed to match. */
  day: z.iso.date(),
  /** How many times it failed that day since the last report. */
  count: z.number().int().min(1).max(MAX_DRIFT_COUNT),
});
export type DriftReport = z.infer<typeof DriftReport>;

/** `POST /v1/drift-reports`. Days are also checked against the server's clock (`driftDayProblem`). */
export const DriftReportsRequest = z.strictObject({ reports: z.array(DriftReport).min(1).max(MAX_DRIFT_REPORTS) });
export type DriftReportsRequest = z.infer<typeof DriftReportsRequest>;

export const DriftReportsAnswer = z.strictObject({ accepted: z.number().int().min(0) });
export type DriftReportsAnswer = z.infer<typeof DriftReportsAnswer>;

/**
 * A clock ahead of the server's by this much may already be on the next UTC day: allowed, so a
 * tally sent at midnight is not refused whole for a few minutes of skew.
 */
export const DRIFT_CLOCK_ALLOWANCE_MS = 15 * 60_000;

/**
 * Why a report's day cannot be taken at `now`, or null: a day that has not begun (beyond the
 * clock allowance) or is more than DRIFT_MAX_AGE_DAYS before today (UTC). The extension uses it to
 * drop tallies the server would refuse.
 *
 * @example driftDayProblem('2026-12-06', new Date('2026-12-04T10:00:00Z')) // 'in the future'
 */
export function driftDayProblem(day: string, now: Date): string | null {
  const start = Date.parse(`${day}T00:00:00.000Z`);
  if (Number.isNaN(start)) return 'not a date';
  if (start > now.getTime() + DRIFT_CLOCK_ALLOWANCE_MS) return 'in the future';
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  if (start < today - DRIFT_MAX_AGE_DAYS * 86_400_000) return `older than ${DRIFT_MAX_AGE_DAYS} days`;
  return null;
}

/** One group of the admin's view: a selector of a site failing under one extension version. */
export const DriftSummary = z.strictObject({
  site: DriftSite,
  selector: z.string(),
  extensionVersion: z.string(),
  /** The page kinds it failed on, sorted. */
  pageKinds: z.array(z.string()),
  /** Failures reported, all days and reps together. */
  count: z.number().int().min(0),
  /** The first and last UTC day it was reported for. */
  firstDay: z.string(),
  lastDay: z.string(),
  /** When the server first and last received a report of it. */
  firstSeenAt: z.string(),
  lastSeenAt: z.string(),
  /** How many of the team's users reported it. */
  reporters: z.number().int().min(0),
});
export type DriftSummary = z.infer<typeof DriftSummary>;

/** `GET /v1/admin/drift-reports`: most recently failing first. */
export const DriftSummaries = z.strictObject({ since: z.string(), reports: z.array(DriftSummary) });
export type DriftSummaries = z.infer<typeof DriftSummaries>;
