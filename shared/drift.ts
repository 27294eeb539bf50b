/**
 * Selector drift reports: which named selector of which site stopped matching on which kind of
 * page, with which extension version, on which day, how many times. Censored by construction:
 * names and counts only, never page content, URLs or people. The extension keeps them and sends
 * them in batches to `POST /v1/drift-reports`; admins read them from the server.
 *
 * @example
 * DriftReportsRequest.parse({ reports: [{ site: 'linkedin', pageKind: 'profile', selector: 'linkedin.profile.name', extensionVersion: '0.1.0', day: '2026-12-04', count: 1 }] })
 */
import { z } from 'zod';

/** A selector's (or a site's, or a page kind's) name: lower case, no spaces, no page text. */
export const DriftName = z.string().regex(/^[a-z0-9][a-z0-9._-]{0,79}$/);

/** At most this many reports in one request. */
export const MAX_DRIFT_REPORTS = 50;

export const DriftReport = z.strictObject({
  site: DriftName,
  pageKind: DriftName,
  selector: DriftName,
  extensionVersion: z.string().regex(/^[0-9][0-9A-Za-z.+-]{0,39}$/),
  day: z.iso.date(),
  count: z.number().int().min(1).max(1_000_000),
});
export type DriftReport = z.infer<typeof DriftReport>;

export const DriftReportsRequest = z.strictObject({ reports: z.array(DriftReport).min(1).max(MAX_DRIFT_REPORTS) });
export type DriftReportsRequest = z.infer<typeof DriftReportsRequest>;
