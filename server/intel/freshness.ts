/**
 * Field provenance → what a rep sees: the value, its source, when it was refreshed, and whether
 * it is stale. A rep must never trust a stale number without seeing that it is stale, so the
 * server decides `stale` once and every surface shows the same thing.
 *
 * Provenance comes from the `field_sources` JSON of accounts and contacts:
 * `{ "<column>": { "source": "clearbit", "refreshedAt": "2026-05-01T00:00:00.000Z" } }`.
 * A field with no provenance has an unknown age: it is shown without a source and not marked stale.
 * Separately, each source has a refresh cadence (settings.freshness.cadenceDays: intent daily,
 * firmographics quarterly): a value older than its cadence is due for re-enrichment (refreshDue),
 * which is RevOps' to-do list, while stale stays the one age rule the rep sees.
 *
 * @example
 * fieldWithProvenance('Fintech', { source: 'crm', refreshedAt: '2026-01-01T00:00:00Z' }, DEFAULT_SETTINGS, now)
 * // { value: 'Fintech', source: 'crm', refreshedAt: '2026-01-01T00:00:00Z', stale: true } when now is 2026-11-23
 */
import type { Field } from '../../shared/brief.ts';
import type { IntelSettings } from './settings.ts';

export interface Provenance {
  source?: string | null;
  refreshedAt?: string | null;
}

const DAY_MS = 86_400_000;

/** True when `refreshedAt` is known and older than the stale window. */
export function isStale(refreshedAt: string | null | undefined, settings: IntelSettings, now: Date): boolean {
  if (!refreshedAt) return false;
  const at = Date.parse(refreshedAt);
  if (Number.isNaN(at)) return false;
  return now.getTime() - at > settings.staleAfterDays * DAY_MS;
}

/**
 * The cadence of a source: its own entry, else the entry of its family before a colon
 * (`import:accounts` → `import`), else `default`. Matched case-insensitively because importers
 * and admins spell sources differently.
 */
export function cadenceDaysFor(source: string | null | undefined, settings: IntelSettings): number {
  const cadences = settings.freshness.cadenceDays;
  const byLowerName = new Map(Object.entries(cadences).map(([name, days]) => [name.toLowerCase(), days]));
  const name = (source ?? '').trim().toLowerCase();
  return byLowerName.get(name) ?? byLowerName.get(name.split(':')[0]!) ?? cadences.default;
}

/**
 * Whole days a value is past its source's cadence, or null when it is not due (or of unknown age:
 * like `isStale`, a value without a readable `refreshedAt` is never called due).
 */
export function daysOverdue(provenance: Provenance, settings: IntelSettings, now: Date): number | null {
  const at = typeof provenance.refreshedAt === 'string' ? Date.parse(provenance.refreshedAt) : Number.NaN;
  if (Number.isNaN(at)) return null;
  const pastCadence = now.getTime() - at - cadenceDaysFor(provenance.source, settings) * DAY_MS;
  return pastCadence > 0 ? Math.floor(pastCadence / DAY_MS) : null;
}

/** True when the value is older than its source's refresh cadence. */
export function refreshDue(provenance: Provenance, settings: IntelSettings, now: Date): boolean {
  return daysOverdue(provenance, settings, now) !== null;
}

export function fieldWithProvenance<T>(
  value: T | null | undefined,
  provenance: Provenance | undefined,
  settings: IntelSettings,
  now: Date,
): Field<T> {
  const refreshedAt = typeof provenance?.refreshedAt === 'string' ? provenance.refreshedAt : null;
  return {
    value: value ?? null,
    source: typeof provenance?.source === 'string' ? provenance.source : null,
    refreshedAt,
    // An empty field cannot mislead anyone; only a value can be stale.
    stale: value !== null && value !== undefined && isStale(refreshedAt, settings, now),
  };
}

export type FieldSources = Record<string, Provenance>;

/** Parses a `field_sources` column; a malformed one means "no provenance", never an error. */
export function parseFieldSources(json: string | null | undefined): FieldSources {
  if (!json || json === '{}') return {};
  try {
    const value: unknown = JSON.parse(json);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as FieldSources) : {};
  } catch {
    return {};
  }
}

/**
 * A builder bound to one record's provenance: `field('industry', row.industry)`. Looks the
 * field up by column name, then by its camelCase spelling (importers may write either).
 */
export function fieldsOf(sources: FieldSources, settings: IntelSettings, now: Date) {
  return <T>(column: string, value: T | null | undefined): Field<T> => {
    const provenance = sources[column] ?? sources[column.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase())];
    return fieldWithProvenance(value, provenance, settings, now);
  };
}
