/**
 * The background's selector-drift reports: kept in `storage.local` (a few rows, no Dexie table
 * for them), one row per site, page kind, selector, extension version and day with a count, and
 * sent to the server (`POST /v1/drift-reports`, shared/drift.ts) in batches of at most 50.
 *
 * Censored by construction: a report holds names the extension's own code wrote
 * (`linkedin.profile.name`), validated against shared/drift.ts's schemas, a version and a day: never a URL,
 * page text or a person. A row is kept after it was sent (the side panel lists it, marked sent)
 * and dropped after `KEEP_DAYS`; a count that grows after a send sends only the difference.
 */
import { DriftPageKind, DriftSelector, DriftSite, MAX_DRIFT_REPORTS, type DriftReport } from '../../../shared/drift.ts';
import type { Api } from './api.ts';
import { ok, type DriftReportsAnswer, type ReportDriftPayload, type Result } from '../protocol.ts';

/** The storage key of the kept rows. */
export const DRIFT_STORAGE_KEY = 'driftReports';
/** Rows older than this many days are dropped (sent or not: the server's picture is the same drift by then). */
export const KEEP_DAYS = 30;
/** At most this many rows are kept: the newest days win. */
export const MAX_KEPT = 200;

/** A kept row: the report and how much of its count the server already has. */
interface KeptDrift extends DriftReport {
  sentCount: number;
}

/** The part of `browser.storage.local` the store needs. */
export interface DriftStorage {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
}

export interface DriftPortDeps {
  storage: DriftStorage;
  /** The extension's version (`runtime.getManifest().version`). */
  version: string;
  now: () => Date;
}

export interface DriftPort {
  record(payload: ReportDriftPayload): Promise<Result<null>>;
  list(): Promise<Result<DriftReportsAnswer>>;
  /** Sends what the server does not have yet; rows stay unsent when it fails. */
  flush(api: Api | null): Promise<void>;
}

const keyOf = (r: Pick<DriftReport, 'site' | 'pageKind' | 'selector' | 'extensionVersion' | 'day'>) =>
  [r.site, r.pageKind, r.selector, r.extensionVersion, r.day].join('|');

/**
 * @example
 * const drift = createDriftPort({ storage: browser.storage.local, version: browser.runtime.getManifest().version, now });
 * await drift.record({ site: 'linkedin', pageKind: 'profile', selectors: ['linkedin.profile.name'] });
 */
export function createDriftPort({ storage, version, now }: DriftPortDeps): DriftPort {
  // One change at a time: two tabs reporting at once must not lose a count.
  let queue: Promise<unknown> = Promise.resolve();
  /**
   * Whether some count may be unsent: unknown when the worker starts (read once), then known, so
   * the flush after every server answer costs no storage read when everything was sent.
   */
  let maybeUnsent = true;
  const serially = <T>(run: () => Promise<T>): Promise<T> => {
    const next = queue.then(run, run);
    queue = next.catch(() => undefined);
    return next;
  };

  async function read(): Promise<KeptDrift[]> {
    const stored = (await storage.get(DRIFT_STORAGE_KEY))[DRIFT_STORAGE_KEY];
    return Array.isArray(stored) ? (stored as KeptDrift[]) : [];
  }

  async function write(rows: KeptDrift[]): Promise<void> {
    const oldest = new Date(now().getTime() - KEEP_DAYS * 86_400_000).toISOString().slice(0, 10);
    const kept = rows
      .filter((row) => row.day >= oldest)
      .sort((a, b) => b.day.localeCompare(a.day))
      .slice(0, MAX_KEPT);
    await storage.set({ [DRIFT_STORAGE_KEY]: kept });
  }

  return {
    record: (payload) =>
      serially(async () => {
        const day = now().toISOString().slice(0, 10);
        const rows = await read();
        for (const selector of new Set(payload.selectors)) {
          // The payload was validated at the boundary; checked again because these names leave the machine
          // (and a test-only site's reports are not kept: the server knows only the sites that ship).
          if (!DriftSite.safeParse(payload.site).success || !DriftPageKind.safeParse(payload.pageKind).success || !DriftSelector.safeParse(selector).success) continue;
          const report = { site: payload.site as DriftSite, pageKind: payload.pageKind, selector, extensionVersion: version, day };
          const known = rows.find((row) => keyOf(row) === keyOf(report));
          if (known) known.count++;
          else rows.push({ ...report, count: 1, sentCount: 0 });
        }
        await write(rows);
        maybeUnsent = true;
        return ok(null);
      }),
    list: () =>
      serially(async () => {
        const rows = await read();
        return ok({
          reports: rows.map(({ sentCount, ...report }) => ({ ...report, sent: sentCount >= report.count })),
        });
      }),
    flush: (api) =>
      serially(async () => {
        if (!api || !maybeUnsent) return;
        const rows = await read();
        const unsent = rows.filter((row) => row.count > row.sentCount);
        let failed = false;
        for (let start = 0; start < unsent.length; start += MAX_DRIFT_REPORTS) {
          const batch = unsent.slice(start, start + MAX_DRIFT_REPORTS);
          const answer = await api.driftReports({
            reports: batch.map(({ sentCount, ...report }) => ({ ...report, count: report.count - sentCount })),
          });
          if (!answer.ok) {
            failed = true;
            break;
          }
          for (const row of batch) row.sentCount = row.count;
        }
        if (unsent.length > 0) await write(rows);
        maybeUnsent = failed;
      }),
  };
}
