/**
 * Per-field provenance (`field_sources`): which source last set an enrichment value, and when it
 * was refreshed. A re-import of the same values from the same source leaves it alone, so importing
 * one file twice changes nothing; a `refreshed_at` column says exactly when the data was refreshed.
 */

export type FieldSources = Record<string, { source: string; refreshedAt: string; replaced?: string | null }>;

export interface RowProvenance {
  source: string;
  /** From the row's `refreshed_at`; null means "now, if anything changed". */
  refreshedAt: string | null;
}

/**
 * The new `field_sources` JSON after a row set `fields` (those whose value the row gave), or null
 * when it is unchanged. `changed` lists the fields whose value actually changed.
 *
 * @example
 * withProvenance('{}', ['industry'], new Set(['industry']), { source: 'import:accounts', refreshedAt: null }, now)
 * // '{"industry":{"source":"import:accounts","refreshedAt":"2026-11-23T09:00:00.000Z"}}'
 */
export function withProvenance(
  current: string,
  fields: readonly string[],
  changed: ReadonlySet<string>,
  provenance: RowProvenance,
  now: Date,
): string | null {
  if (fields.length === 0) return null;
  const sources = parseSources(current);
  let dirty = false;
  for (const field of fields) {
    const before = sources[field];
    const keep = !changed.has(field) && before?.source === provenance.source && provenance.refreshedAt === null;
    if (keep) continue;
    const refreshedAt = provenance.refreshedAt ?? now.toISOString();
    if (before?.source === provenance.source && before.refreshedAt === refreshedAt) continue;
    sources[field] = { source: provenance.source, refreshedAt };
    dirty = true;
  }
  return dirty ? JSON.stringify(sources) : null;
}

function parseSources(text: string): FieldSources {
  try {
    const parsed = JSON.parse(text) as unknown;
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as FieldSources) : {};
  } catch {
    return {};
  }
}

/**
 * The row's values without those that would undo an admin's correction. A field set from an
 * accepted flag (server/flags/apply.ts) remembers the value it replaced; an import bringing back
 * exactly that value is the CRM not updated yet, so the correction stays. Any other value is newer
 * information and is written as usual. `companions` names columns derived from a field (a name's
 * `name_key`) that stay with it. Answers the values to write and the fields kept.
 *
 * @example
 * keepingFlagCorrections({ title: 'VP Eng' }, '{"title":{"source":"flag","refreshedAt":"…","replaced":"VP Eng"}}')
 * // { values: { title: undefined }, kept: ['title'] }
 */
export function keepingFlagCorrections<V extends Record<string, unknown>>(
  values: V,
  fieldSources: string,
  companions: Readonly<Record<string, readonly string[]>> = {},
): { values: V; kept: string[] } {
  const sources = parseSources(fieldSources);
  const kept = Object.keys(values).filter((field) => {
    const source = sources[field];
    const incoming = values[field];
    return source?.source === 'flag' && typeof source.replaced === 'string' && incoming !== undefined && incoming !== null && String(incoming) === source.replaced;
  });
  if (kept.length === 0) return { values, kept };
  const out: Record<string, unknown> = { ...values };
  for (const field of kept) for (const column of [field, ...(companions[field] ?? [])]) out[column] = undefined;
  return { values: out as V, kept };
}
