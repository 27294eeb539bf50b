/**
 * Storing what a CRM sent, through the import path that exists (validation, erasure refusal,
 * flag corrections, per-field provenance `crm:<provider>` dated by the CRM's modification time).
 *
 * A field goes to the import only when its CRM value changed since the value last seen
 * (`crm_records.seen`), never because it differs from ours: an unchanged CRM value does not
 * overwrite a newer CSV value or an accepted correction, while a changed one wins. A required
 * column the CRM did not change (a name) is sent as the value we hold now, which changes nothing.
 * A blank CRM value changes nothing. A row the import refuses (an erased person, a bad value) is
 * not remembered as seen, so its next change is sent whole.
 */
import type { DB } from '../db/connect.ts';
import { runImport } from '../ingest/csv/run.ts';
import { jsonRowsSource } from '../ingest/csv/read.ts';
import { accountsImporter } from '../ingest/csv/entities/accounts.ts';
import { contactsImporter } from '../ingest/csv/entities/contacts.ts';
import { dealsImporter } from '../ingest/csv/entities/deals.ts';
import type { EntityImporter, RowError } from '../ingest/csv/types.ts';
import { inSlices } from '../ingest/csv/lookups.ts';
import { writeTombstones } from '../db/tombstones.ts';
import type { CrmRecordsTable } from '../db/schema.ts';

export type CrmObject = CrmRecordsTable['object'];

/** One CRM record mapped to our import columns (without external_id, source and refreshed_at). */
export interface PulledRecord {
  crmId: string;
  /** The CRM's modification time, ISO. */
  modifiedAt: string;
  values: Record<string, string | undefined>;
}

export interface StoreContext {
  db: DB;
  teamId: string;
  provider: string;
  now: Date;
}

export interface StoreTally {
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
  /** The first refusals, as `<object> <crm id>: <column> <message>` (no values: they may be personal). */
  errors: string[];
}

export const emptyTally = (): StoreTally => ({ created: 0, updated: 0, unchanged: 0, rejected: 0, errors: [] });

const IMPORTERS: Record<CrmObject, EntityImporter<unknown>> = {
  account: accountsImporter as EntityImporter<unknown>,
  contact: contactsImporter as EntityImporter<unknown>,
  deal: dealsImporter as EntityImporter<unknown>,
};
const TABLES = { account: 'accounts', contact: 'contacts', deal: 'deals' } as const;
/** Columns the import needs in every row, sent as held when the CRM did not change them. */
const REQUIRED: Record<CrmObject, string[]> = { account: ['name'], contact: ['name'], deal: ['name', 'account_external_id'] };
/** Deals carry no per-field provenance columns (their history is deal_history). */
const PROVENANCE: Record<CrmObject, boolean> = { account: true, contact: true, deal: false };

type Seen = Record<string, string | undefined>;

async function knownRecords(ctx: StoreContext, object: CrmObject, ids: string[]) {
  const rows = await inSlices(ids, (slice) =>
    ctx.db
      .selectFrom('crm_records')
      .selectAll()
      .where('team_id', '=', ctx.teamId)
      .where('provider', '=', ctx.provider)
      .where('object', '=', object)
      .where('crm_id', 'in', slice)
      .execute(),
  );
  return new Map(rows.map((r) => [r.crm_id, r]));
}

/** Our current rows by external id: their id and name (and a deal's account's external id). */
async function localRows(ctx: StoreContext, object: CrmObject, externalIds: string[]) {
  const table = TABLES[object];
  const rows = await inSlices(externalIds, (slice) =>
    ctx.db
      .selectFrom(table)
      .select(['id', 'name', 'external_id'])
      .where('team_id', '=', ctx.teamId)
      .where('external_id', 'in', slice)
      .execute(),
  );
  return new Map(rows.map((r) => [r.external_id!, r]));
}

/** How many rejected records a run names in its errors (the count goes on; crm-status shows the first ones). */
const MAX_NAMED_ERRORS = 50;

/** Keeps a rejection's message while there is room, so every pull names its refusals the same way. */
export function noteError(tally: Pick<StoreTally, 'errors'>, message: string): void {
  if (tally.errors.length < MAX_NAMED_ERRORS) tally.errors.push(message);
}

/** Imports one page of CRM records (all of one object) and remembers what was seen. */
export async function storeRecords(ctx: StoreContext, object: CrmObject, records: readonly PulledRecord[], tally: StoreTally): Promise<void> {
  if (records.length === 0) return;
  // The last version of each record in the page wins (a record edited between two pages arrives twice).
  const latest = new Map<string, PulledRecord>();
  for (const record of records) {
    const before = latest.get(record.crmId);
    if (!before || before.modifiedAt <= record.modifiedAt) latest.set(record.crmId, record);
  }
  const known = await knownRecords(ctx, object, [...latest.keys()]);
  const local = await localRows(ctx, object, [...latest.keys()]);
  const rows: Record<string, string | undefined>[] = [];
  const sent: PulledRecord[] = [];
  const quiet: PulledRecord[] = [];
  for (const record of latest.values()) {
    const stored = known.get(record.crmId);
    // Already stored at this modification time (an overlapping window): nothing new.
    if (stored && !stored.deleted_at && stored.modified_at >= record.modifiedAt) {
      tally.unchanged += 1;
      continue;
    }
    const seen: Seen = stored && local.has(record.crmId) ? (JSON.parse(stored.seen) as Seen) : {};
    const changed = Object.keys(record.values).filter((k) => record.values[k] !== undefined && record.values[k] !== '' && record.values[k] !== seen[k]);
    if (stored && local.has(record.crmId) && changed.length === 0) {
      quiet.push(record);
      tally.unchanged += 1;
      continue;
    }
    const row: Record<string, string | undefined> = { external_id: record.crmId };
    for (const field of changed) row[field] = record.values[field];
    for (const field of REQUIRED[object]) {
      if (row[field] !== undefined) continue;
      row[field] = field === 'name' ? (local.get(record.crmId)?.name ?? record.values[field]) : (seen[field] ?? record.values[field]);
    }
    if (PROVENANCE[object]) {
      row.source = `crm:${ctx.provider}`;
      row.refreshed_at = record.modifiedAt;
    }
    rows.push(row);
    sent.push(record);
  }

  const rejected = new Set<number>();
  if (rows.length) {
    const outcome = await runImport(ctx.db, IMPORTERS[object], jsonRowsSource(rows), { teamId: ctx.teamId, now: ctx.now, sliceMs: null, batchSize: 500 });
    if (!outcome.ok) throw new Error(`the ${object} rows were refused as a whole: ${describe(outcome.rejection.errors[0])}`);
    const { summary, errors } = outcome.report;
    tally.created += summary.created;
    tally.updated += summary.updated;
    tally.unchanged += summary.unchanged;
    tally.rejected += summary.rejected;
    for (const error of errors) {
      rejected.add(error.row - 2);
      noteError(tally, `${object} ${sent[error.row - 2]?.crmId ?? '?'}: ${error.column} ${error.message}`);
    }
  }

  const stored = sent.filter((_, index) => !rejected.has(index));
  const ids = await localRows(ctx, object, [...stored, ...quiet].map((r) => r.crmId));
  // A record the CRM deleted and then restored is shown again.
  const restored = [...stored, ...quiet].filter((r) => known.get(r.crmId)?.deleted_at).map((r) => ids.get(r.crmId)?.id).filter((id): id is string => !!id);
  if (restored.length) await ctx.db.updateTable(TABLES[object]).set({ crm_deleted_at: null }).where('team_id', '=', ctx.teamId).where('id', 'in', restored).execute();
  const upserts = [...stored, ...quiet].map((record) => ({
    team_id: ctx.teamId,
    provider: ctx.provider,
    object,
    crm_id: record.crmId,
    local_id: ids.get(record.crmId)?.id ?? null,
    seen: JSON.stringify(record.values),
    modified_at: record.modifiedAt,
    deleted_at: null,
  }));
  for (let i = 0; i < upserts.length; i += 200) {
    await ctx.db
      .insertInto('crm_records')
      .values(upserts.slice(i, i + 200))
      .onConflict((oc) =>
        oc.columns(['team_id', 'provider', 'object', 'crm_id']).doUpdateSet((eb) => ({
          local_id: eb.ref('excluded.local_id'),
          seen: eb.ref('excluded.seen'),
          modified_at: eb.ref('excluded.modified_at'),
          deleted_at: null,
        })),
      )
      .execute();
  }
}

const describe = (error: RowError | undefined) => (error ? `${error.column} ${error.message}` : 'unknown');

/**
 * The CRM deleted these records: each one we hold is tombstoned (every rep's cache drops it via
 * `/v1/changes`) and marked deleted here. Nothing is erased: a CRM deletion is not an erasure request.
 */
export async function tombstoneRecords(ctx: StoreContext, object: CrmObject, crmIds: readonly string[]): Promise<number> {
  const known = await knownRecords(ctx, object, [...crmIds]);
  const live = [...known.values()].filter((r) => !r.deleted_at);
  if (live.length === 0) return 0;
  const at = ctx.now.toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    for (const record of live) {
      await trx
        .updateTable('crm_records')
        .set({ deleted_at: at })
        .where('team_id', '=', ctx.teamId)
        .where('provider', '=', ctx.provider)
        .where('object', '=', object)
        .where('crm_id', '=', record.crm_id)
        .execute();
    }
    const tombs = live.filter((r) => r.local_id).map((r) => ({ team_id: ctx.teamId, entity: object, entity_id: r.local_id!, at }));
    await writeTombstones(trx, tombs);
    // Briefs, resolution, search and digests skip it from now on; the row and its history stay.
    const ids = tombs.map((t) => t.entity_id);
    for (let i = 0; i < ids.length; i += 500) {
      await trx.updateTable(TABLES[object]).set({ crm_deleted_at: at }).where('team_id', '=', ctx.teamId).where('id', 'in', ids.slice(i, i + 500)).execute();
    }
  });
  return live.length;
}
