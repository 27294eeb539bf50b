/**
 * Deals: opportunities on accounts, upserted by `external_id`. Changes of stage, close date,
 * amount and forecast category are written to `deal_history` (a slipped close date is a risk).
 */
import type { Insertable } from 'kysely';
import { z } from 'zod';
import { ForecastCategory } from '../../../../shared/brief.ts';
import { importId } from '../ids.ts';
import type { DealHistoryTable, DealRow } from '../../../db/schema.ts';
import { BatchChanges } from '../changes.ts';
import { calendarDate, choice, companyDomain, decimal, email, required, text } from '../cells.ts';
import { accountOf, accountRefs, assignChanged, defined, inSlices, insertMany, usersByEmail } from '../lookups.ts';
import type { EntityImporter, RowOutcome } from '../types.ts';
import { markAccountIntelStale } from '../../../briefs/snapshot.ts';

/** A new deal with no stage column starts here. */
export const DEFAULT_DEAL_STAGE = 'qualification';
const TRACKED = ['stage', 'close_date', 'amount', 'forecast_category'] as const;

/** `Closed Won` and `closed-won` are both `closed_won`, the form the intel settings compare against. */
const dealStage = () =>
  text(60)
    .transform((v) => v.toLowerCase().replace(/[\s-]+/g, '_'))
    .pipe(z.string().regex(/^[\p{L}\p{N}_]+$/u, 'must be a stage name (letters, digits, spaces)'));

const DealCsvRow = z
  .object({
    external_id: required(text(200)),
    account_external_id: text(200).optional(),
    account_domain: companyDomain().optional(),
    name: required(text(300)),
    stage: dealStage().optional(),
    amount: decimal(0).optional(),
    currency: z
      .string()
      .regex(/^[A-Za-z]{3}$/, 'must be a 3-letter currency code')
      .transform((v) => v.toUpperCase())
      .optional(),
    close_date: calendarDate().optional(),
    forecast_category: choice(ForecastCategory.options).optional(),
    next_step: text(1000).optional(),
    competitor: text(200).optional(),
    owner_email: email().optional(),
  })
  .superRefine((row, ctx) => {
    if (!row.account_external_id && !row.account_domain) {
      ctx.addIssue({ code: 'custom', path: ['account_external_id'], message: 'needs a value (or account_domain): a deal belongs to an account' });
    }
  });
type DealCsvRow = z.output<typeof DealCsvRow>;

/**
 * @example await runImport(db, dealsImporter, source, { teamId, now }) // deals upserted by external_id
 */
export const dealsImporter: EntityImporter<DealCsvRow> = {
  entity: 'deals',
  columns: Object.keys(DealCsvRow.shape),
  required: ['external_id', 'name'],
  requiredOneOf: [['account_external_id', 'account_domain']],
  schema: DealCsvRow,
  async write(trx, { teamId, now }, batch) {
    const at = now.toISOString();
    const rows = batch.map((r) => r.value);
    const existing = await inSlices(rows.map((r) => r.external_id), (slice) =>
      trx.selectFrom('deals').selectAll().where('team_id', '=', teamId).where('external_id', 'in', slice).execute(),
    );
    const byExternalId = new Map(existing.map((d) => [d.external_id!, d]));
    const accountsBefore = existing.map((d) => d.account_id);
    const accounts = await accountRefs(trx, teamId, rows.map((r) => ({ externalId: r.account_external_id, domain: r.account_domain })));
    const users = await usersByEmail(trx, teamId, rows.map((r) => r.owner_email).filter(defined));

    const deals = new BatchChanges<DealRow>();
    const history: Insertable<DealHistoryTable>[] = [];

    const outcomes = rows.map((row): RowOutcome => {
      const accountId = accountOf(accounts, row.account_external_id, row.account_domain);
      if (!accountId) {
        const column = row.account_external_id ? 'account_external_id' : 'account_domain';
        return { column, message: 'no account in this team has this value (import accounts first)' };
      }
      const ownerId = row.owner_email ? users.get(row.owner_email) : undefined;
      if (row.owner_email && !ownerId) return { column: 'owner_email', message: 'no user in this team has this email' };

      const values = {
        account_id: accountId,
        name: row.name,
        stage: row.stage,
        amount: row.amount,
        currency: row.currency,
        close_date: row.close_date,
        forecast_category: row.forecast_category,
        next_step: row.next_step,
        competitor: row.competitor,
        owner_id: ownerId,
      };
      const deal = byExternalId.get(row.external_id);
      if (!deal) {
        const created: DealRow = {
          id: importId('deal'),
          crm_deleted_at: null,
          team_id: teamId,
          account_id: accountId,
          external_id: row.external_id,
          name: row.name,
          stage: DEFAULT_DEAL_STAGE,
          amount: null,
          currency: 'USD',
          close_date: null,
          forecast_category: 'pipeline',
          next_step: null,
          competitor: null,
          owner_id: null,
          stage_changed_at: at,
          created_at: at,
          updated_at: at,
        };
        assignChanged(created, values);
        deals.created(created);
        byExternalId.set(row.external_id, created);
        return 'created';
      }

      const before = Object.fromEntries(TRACKED.map((f) => [f, deal[f]]));
      const changed = assignChanged(deal, values);
      if (changed.length === 0) return 'unchanged';
      for (const field of TRACKED) {
        if (!changed.includes(field)) continue;
        const show = (v: unknown) => (v === null || v === undefined ? null : String(v));
        history.push({ team_id: teamId, deal_id: deal.id, field, from_value: show(before[field]), to_value: show(deal[field]), changed_at: at });
      }
      if (changed.includes('stage')) {
        deal.stage_changed_at = at;
        changed.push('stage_changed_at');
      }
      deal.updated_at = at;
      deals.changed(deal, [...changed, 'updated_at']);
      return 'updated';
    });

    await deals.flush(
      (created) => insertMany(created, 500, (slice) => trx.insertInto('deals').values(slice).execute()),
      (row, set) => trx.updateTable('deals').set(set).where('team_id', '=', teamId).where('id', '=', row.id).execute(),
    );
    await insertMany(history, 500, (slice) => trx.insertInto('deal_history').values(slice).execute());
    await markAccountIntelStale(trx, teamId, [...accountsBefore, ...[...byExternalId.values()].map((d) => d.account_id)]);
    return outcomes;
  },
};
