/**
 * What RevOps should re-enrich: every provenance-carrying value of a team (accounts' and
 * contacts' `field_sources`, technologies in use) counted per source against that source's
 * refresh cadence and the stale age, plus the most overdue values by name.
 *
 * Rows are read a page at a time in id order (keyset) and aggregated here with the pure rules of
 * intel/freshness.ts, so the same code runs on SQLite and PostgreSQL and memory stays bounded by
 * the page size and `limit`, not by the team's size.
 *
 * @example
 * const report = await freshnessReport(db, teamId, settings, now, 50);
 * report.sources.find((s) => s.source === 'intent')?.due; // intent values older than a day
 */
import type { DB } from '../db/connect.ts';
import { cadenceDaysFor, daysOverdue, isStale, parseFieldSources, type Provenance } from '../intel/freshness.ts';
import type { IntelSettings } from '../intel/settings.ts';

const PAGE = 500;
/** The bucket of values whose provenance names no source; they follow the `default` cadence. */
const NO_SOURCE = 'unknown';

export interface SourceFreshness {
  source: string;
  cadenceDays: number;
  /** Values carrying this source in their provenance. */
  fields: number;
  /** Older than the source's cadence. */
  due: number;
  /** Older than the stale age (staleAfterDays). */
  stale: number;
  /** Without a readable refreshedAt: never due nor stale, but worth knowing about. */
  unknownAge: number;
  oldestRefreshedAt: string | null;
}

export interface OverdueValue {
  entity: 'account' | 'contact';
  id: string;
  name: string;
  /** The column, or `technologies.<name>` for a technology in use. */
  field: string;
  source: string;
  refreshedAt: string;
  daysOverdue: number;
}

export interface FreshnessReport {
  staleAfterDays: number;
  sources: SourceFreshness[];
  /** How many values are due in all; `overdue` lists the first `limit` of them. */
  dueTotal: number;
  overdue: OverdueValue[];
}

interface Value {
  entity: OverdueValue['entity'];
  id: string;
  name: string;
  field: string;
  provenance: Provenance;
}

/** Folds values into per-source counts and a bounded most-overdue list. */
function aggregator(settings: IntelSettings, now: Date, limit: number) {
  const bySource = new Map<string, SourceFreshness>();
  let overdue: OverdueValue[] = [];
  let dueTotal = 0;
  // Most overdue first; ties in a stable order so pages of the report do not shuffle.
  const order = (a: OverdueValue, b: OverdueValue) =>
    b.daysOverdue - a.daysOverdue || a.entity.localeCompare(b.entity) || a.id.localeCompare(b.id) || a.field.localeCompare(b.field);
  const trim = () => {
    overdue.sort(order);
    overdue = overdue.slice(0, limit);
  };
  return {
    add({ provenance, ...value }: Value) {
      const source = typeof provenance.source === 'string' && provenance.source.trim() ? provenance.source.trim() : NO_SOURCE;
      const refreshedAt = typeof provenance.refreshedAt === 'string' && !Number.isNaN(Date.parse(provenance.refreshedAt)) ? provenance.refreshedAt : null;
      let entry = bySource.get(source);
      if (!entry) {
        entry = { source, cadenceDays: cadenceDaysFor(source, settings), fields: 0, due: 0, stale: 0, unknownAge: 0, oldestRefreshedAt: null };
        bySource.set(source, entry);
      }
      entry.fields++;
      if (refreshedAt === null) {
        entry.unknownAge++;
        return;
      }
      if (entry.oldestRefreshedAt === null || Date.parse(refreshedAt) < Date.parse(entry.oldestRefreshedAt)) entry.oldestRefreshedAt = refreshedAt;
      if (isStale(refreshedAt, settings, now)) entry.stale++;
      const days = daysOverdue({ source, refreshedAt }, settings, now);
      if (days === null) return;
      entry.due++;
      dueTotal++;
      overdue.push({ ...value, source, refreshedAt, daysOverdue: days });
      if (overdue.length >= limit * 2 + PAGE) trim();
    },
    result(): FreshnessReport {
      trim();
      const sources = [...bySource.values()].sort((a, b) => a.source.localeCompare(b.source));
      return { staleAfterDays: settings.staleAfterDays, sources, dueTotal, overdue };
    },
  };
}

/** Calls `visit` with each page of rows ordered by id, until a short page. */
async function pages<R extends { id: string | number }, K extends string | number>(
  pageSize: number,
  read: (after: K | null) => Promise<R[]>,
  visit: (row: R) => void,
): Promise<void> {
  let after: K | null = null;
  for (;;) {
    const rows = await read(after);
    rows.forEach(visit);
    if (rows.length < pageSize) return;
    after = rows[rows.length - 1]!.id as K;
  }
}

/** `pageSize` is the rows read per statement (tests make it tiny to cross page boundaries). */
export async function freshnessReport(
  db: DB,
  teamId: string,
  settings: IntelSettings,
  now: Date,
  limit: number,
  pageSize = PAGE,
): Promise<FreshnessReport> {
  const report = aggregator(settings, now, limit);
  const provenanceOf = (entity: Value['entity']) => (row: { id: string; name: string; field_sources: string }) => {
    for (const [field, provenance] of Object.entries(parseFieldSources(row.field_sources))) {
      if (typeof provenance === 'object' && provenance !== null) report.add({ entity, id: row.id, name: row.name, field, provenance });
    }
  };
  for (const table of ['accounts', 'contacts'] as const) {
    await pages<{ id: string; name: string; field_sources: string }, string>(
      pageSize,
      (after) =>
        db
          .selectFrom(table)
          .select(['id', 'name', 'field_sources'])
          .where('team_id', '=', teamId)
          .$if(after !== null, (q) => q.where('id', '>', after!))
          .orderBy('id')
          .limit(pageSize)
          .execute(),
      provenanceOf(table === 'accounts' ? 'account' : 'contact'),
    );
  }
  // Technologies in use (a removed one is history, nothing to refresh) that say where they came from.
  await pages<{ id: number; account_id: string; account_name: string; name: string; source: string | null; refreshed_at: string | null }, number>(
    pageSize,
    (after) =>
      db
        .selectFrom('technologies as t')
        .innerJoin('accounts as a', (j) => j.onRef('a.id', '=', 't.account_id').onRef('a.team_id', '=', 't.team_id'))
        .select(['t.id', 't.account_id', 'a.name as account_name', 't.name', 't.source', 't.refreshed_at'])
        .where('t.team_id', '=', teamId)
        .where('t.removed_at', 'is', null)
        .$if(after !== null, (q) => q.where('t.id', '>', after!))
        .orderBy('t.id')
        .limit(pageSize)
        .execute(),
    (t) => {
      if (t.source === null && t.refreshed_at === null) return;
      report.add({
        entity: 'account',
        id: t.account_id,
        name: t.account_name,
        field: `technologies.${t.name}`,
        provenance: { source: t.source, refreshedAt: t.refreshed_at },
      });
    },
  );
  return report.result();
}
