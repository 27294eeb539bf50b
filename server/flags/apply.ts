/**
 * Writing an accepted flag's value to the record it flags. Only the fields of
 * FLAG_WRITABLE_FIELDS, each parsed to its column's type. Contacts and accounts record the
 * value's provenance (`field_sources`: source `flag`, refreshed now) so the brief shows where it
 * came from and how fresh it is; deals keep no provenance, but a stage, amount or close-date change
 * is written to `deal_history` like any other, so risk rules see it. Every write forgets the
 * account's persisted intelligence, so the next brief shows the new value.
 */
import type { DB } from '../db/connect.ts';
import type { FlagEntity } from '../../shared/flag.ts';
import { markAccountIntelStale } from '../briefs/snapshot.ts';
import { parseFieldSources } from '../intel/freshness.ts';
import { nameKey } from '../identity/normalize.ts';

export type ApplyResult = { ok: true } | { ok: false; status: 404 | 422; field: string; message: string };

type Parsed = { ok: true; value: string | number } | { ok: false; message: string };

const text = (max: number) => (raw: string): Parsed => (raw.length <= max ? { ok: true, value: raw } : { ok: false, message: `at most ${max} characters` });

const number = (options: { integer: boolean }) => (raw: string): Parsed => {
  // "1,200" and "1 200" are how people write numbers; anything else is not one.
  const cleaned = raw.replace(/[,\s_]/g, '');
  if (!/^\d+(\.\d+)?$/.test(cleaned)) return { ok: false, message: 'a number of zero or more' };
  const value = Number(cleaned);
  if (!Number.isFinite(value) || (options.integer && !Number.isInteger(value))) return { ok: false, message: 'a whole number' };
  return { ok: true, value };
};

const yearMonth = (raw: string): Parsed =>
  /^\d{4}-(0[1-9]|1[0-2])$/.test(raw) ? { ok: true, value: raw } : { ok: false, message: 'a month as YYYY-MM' };

const calendarDate = (raw: string): Parsed => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(raw)) return { ok: false, message: 'a date as YYYY-MM-DD' };
  const at = new Date(`${raw}T00:00:00Z`);
  return !Number.isNaN(at.getTime()) && at.toISOString().slice(0, 10) === raw ? { ok: true, value: raw } : { ok: false, message: 'a date as YYYY-MM-DD' };
};

/** API field → column and how its value is read. */
const COLUMNS = {
  contact: {
    name: { column: 'name', parse: text(200) },
    title: { column: 'title', parse: text(200) },
    tenureStart: { column: 'tenure_start', parse: yearMonth },
    seniority: { column: 'seniority', parse: text(100) },
    department: { column: 'department', parse: text(100) },
    location: { column: 'location', parse: text(200) },
  },
  account: {
    name: { column: 'name', parse: text(200) },
    industry: { column: 'industry', parse: text(200) },
    employees: { column: 'employees', parse: number({ integer: true }) },
    revenue: { column: 'revenue', parse: number({ integer: false }) },
    funding: { column: 'funding', parse: text(500) },
    location: { column: 'location', parse: text(200) },
    description: { column: 'description', parse: text(2000) },
  },
  deal: {
    amount: { column: 'amount', parse: number({ integer: false }) },
    stage: { column: 'stage', parse: text(100) },
    closeDate: { column: 'close_date', parse: calendarDate },
    nextStep: { column: 'next_step', parse: text(500) },
  },
} as const;

type Spec = { column: string; parse: (raw: string) => Parsed };

function specOf(entity: FlagEntity, field: string): Spec | undefined {
  const specs: Record<string, Spec> = COLUMNS[entity];
  return Object.hasOwn(specs, field) ? specs[field] : undefined;
}

const notFound = (entity: FlagEntity): ApplyResult => ({ ok: false, status: 404, field: 'entityId', message: `the flagged ${entity} no longer exists` });

/**
 * The field's provenance after a correction: from a flag, now, and the value it replaced, so an
 * import bringing that old value back leaves the correction alone (ingest/csv/provenance.ts
 * `keepingFlagCorrections`) while a new value from the CRM still wins.
 */
function withFlagProvenance(current: string, column: string, at: string, replaced: unknown): string {
  const before = replaced === null || replaced === undefined ? null : String(replaced);
  return JSON.stringify({ ...parseFieldSources(current), [column]: { source: 'flag', refreshedAt: at, replaced: before } });
}

/**
 * Writes `raw` to the flagged field, inside the caller's transaction.
 *
 * @example await applyFlagValue(trx, teamId, { entity: 'contact', entityId: 'ct_1', field: 'title' }, 'CTO', now) // { ok: true }
 */
export async function applyFlagValue(
  db: DB,
  teamId: string,
  target: { entity: FlagEntity; entityId: string; field: string },
  raw: string,
  now: Date,
): Promise<ApplyResult> {
  const spec = specOf(target.entity, target.field);
  if (!spec) return { ok: false, status: 422, field: 'value', message: `${target.field} cannot be written from a flag; change it in the CRM and accept without a value` };
  const parsed = spec.parse(raw);
  if (!parsed.ok) return { ok: false, status: 422, field: 'value', message: `${target.field}: ${parsed.message}` };
  const at = now.toISOString();
  const { entityId } = target;

  if (target.entity === 'contact') {
    const row = await db.selectFrom('contacts').selectAll().where('team_id', '=', teamId).where('id', '=', entityId).executeTakeFirst();
    if (!row) return notFound('contact');
    const value = String(parsed.value);
    await db
      .updateTable('contacts')
      .set({
        [spec.column]: value,
        ...(spec.column === 'name' ? { name_key: nameKey(value) } : {}),
        field_sources: withFlagProvenance(row.field_sources, spec.column, at, row[spec.column as keyof typeof row]),
        updated_at: at,
      })
      .where('team_id', '=', teamId)
      .where('id', '=', entityId)
      .execute();
    // Stakeholder names and titles live in the account's snapshot.
    await markAccountIntelStale(db, teamId, [row.account_id]);
    return { ok: true };
  }

  if (target.entity === 'account') {
    const row = await db.selectFrom('accounts').selectAll().where('team_id', '=', teamId).where('id', '=', entityId).executeTakeFirst();
    if (!row) return notFound('account');
    await db
      .updateTable('accounts')
      .set({ [spec.column]: parsed.value, field_sources: withFlagProvenance(row.field_sources, spec.column, at, row[spec.column as keyof typeof row]), updated_at: at })
      .where('team_id', '=', teamId)
      .where('id', '=', entityId)
      .execute();
    await markAccountIntelStale(db, teamId, [entityId]);
    return { ok: true };
  }

  const deal = await db.selectFrom('deals').selectAll().where('team_id', '=', teamId).where('id', '=', entityId).executeTakeFirst();
  if (!deal) return notFound('deal');
  const before = deal[spec.column as 'amount' | 'stage' | 'close_date' | 'next_step'];
  await db
    .updateTable('deals')
    .set({ [spec.column]: parsed.value, ...(spec.column === 'stage' && before !== parsed.value ? { stage_changed_at: at } : {}), updated_at: at })
    .where('team_id', '=', teamId)
    .where('id', '=', entityId)
    .execute();
  if (spec.column !== 'next_step' && before !== parsed.value) {
    await db
      .insertInto('deal_history')
      .values({
        team_id: teamId,
        deal_id: entityId,
        field: spec.column as 'amount' | 'stage' | 'close_date',
        from_value: before === null ? null : String(before),
        to_value: String(parsed.value),
        changed_at: at,
      })
      .execute();
  }
  await markAccountIntelStale(db, teamId, [deal.account_id]);
  return { ok: true };
}
