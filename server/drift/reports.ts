/**
 * Selector drift reports: the extension's tallies of selectors that stopped matching, added up per
 * team, site, page kind, selector, extension version, UTC day and reporting user (migration 0011),
 * and the admin's view of them grouped by site, selector and version.
 *
 * Counts are added, so a request retried after its answer was lost counts twice: accepted, because
 * a count only says how often a selector fails (an order of magnitude), while what an admin acts on
 * (which selector, which version, since which day, how many reps) is exact under any retry.
 * docs/api.md, "Drift reports".
 *
 * @example
 * await recordDriftReports(db, { teamId, userId }, reports, now);
 * const { reports } = await driftSummaries(db, teamId, '2026-11-04');
 */
import { sql } from 'kysely';
import type { DB } from '../db/connect.ts';
import type { DriftReport, DriftSite, DriftSummary } from '../../shared/drift.ts';

/** Adds each report's count to its row (one per key and user), creating the row on first sight. */
export async function recordDriftReports(db: DB, by: { teamId: string; userId: string }, reports: readonly DriftReport[], now: Date): Promise<void> {
  const at = now.toISOString();
  // Reports repeating a key within one request are added up first: a single upsert statement may
  // not touch the same row twice (PostgreSQL refuses it).
  const merged = new Map<string, DriftReport>();
  for (const report of reports) {
    const key = [report.site, report.pageKind, report.selector, report.extensionVersion, report.day].join('\0');
    const seen = merged.get(key);
    merged.set(key, seen ? { ...seen, count: seen.count + report.count } : report);
  }
  const rows = [...merged.values()].map((r) => ({
    team_id: by.teamId,
    site: r.site,
    page_kind: r.pageKind,
    selector: r.selector,
    extension_version: r.extensionVersion,
    day: r.day,
    user_id: by.userId,
    count: r.count,
    first_seen_at: at,
    last_seen_at: at,
  }));
  await db
    .insertInto('drift_reports')
    .values(rows)
    .onConflict((oc) =>
      oc.columns(['team_id', 'site', 'page_kind', 'selector', 'extension_version', 'day', 'user_id']).doUpdateSet((eb) => ({
        count: sql<number>`${eb.ref('drift_reports.count')} + ${eb.ref('excluded.count')}`,
        last_seen_at: eb.ref('excluded.last_seen_at'),
      })),
    )
    .execute();
}

/**
 * The team's reports for `sinceDay` and later, one per site, selector and extension version, most
 * recently failing first (then the most failures), at most `limit`.
 */
export async function driftSummaries(db: DB, teamId: string, sinceDay: string, options: { site?: DriftSite; limit?: number } = {}): Promise<DriftSummary[]> {
  let scope = db.selectFrom('drift_reports').where('team_id', '=', teamId).where('day', '>=', sinceDay);
  if (options.site) scope = scope.where('site', '=', options.site);
  const groups = await scope
    .select((eb) => [
      'site',
      'selector',
      'extension_version',
      eb.fn.sum<number>('count').as('total'),
      eb.fn.min<string>('day').as('first_day'),
      eb.fn.max<string>('day').as('last_day'),
      eb.fn.min<string>('first_seen_at').as('first_seen_at'),
      eb.fn.max<string>('last_seen_at').as('last_seen_at'),
      eb.fn.count<number>('user_id').distinct().as('reporters'),
    ])
    .groupBy(['site', 'selector', 'extension_version'])
    .orderBy('last_day', 'desc')
    .orderBy('total', 'desc')
    .orderBy('site')
    .orderBy('selector')
    .orderBy('extension_version')
    .limit(options.limit ?? 200)
    .execute();
  if (!groups.length) return [];
  // The page kinds of the groups shown, in a second query: listing them in the first would need a
  // string aggregate, which the two dialects spell differently.
  const kinds = await scope.select(['site', 'selector', 'extension_version', 'page_kind']).distinct().execute();
  const kindsOf = new Map<string, string[]>();
  for (const k of kinds) {
    const key = `${k.site}\0${k.selector}\0${k.extension_version}`;
    kindsOf.set(key, [...(kindsOf.get(key) ?? []), k.page_kind]);
  }
  return groups.map((g) => ({
    site: g.site as DriftSite,
    selector: g.selector,
    extensionVersion: g.extension_version,
    pageKinds: (kindsOf.get(`${g.site}\0${g.selector}\0${g.extension_version}`) ?? []).sort(),
    count: Number(g.total),
    firstDay: g.first_day,
    lastDay: g.last_day,
    firstSeenAt: g.first_seen_at,
    lastSeenAt: g.last_seen_at,
    reporters: Number(g.reporters),
  }));
}
