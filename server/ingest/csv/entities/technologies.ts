/**
 * Technologies: the tools an account uses (technographics), one row per account and tool name.
 * `removed_at` records a dropped tool; adopting or dropping a competitor is a trigger the intel
 * layer reads from these dates. The row's own source and refreshed-at are its provenance.
 */
import { z } from 'zod';
import type { Selectable } from 'kysely';
import type { TechnologiesTable } from '../../../db/schema.ts';
import { companyDomain, flag, instant, provenanceColumns, required, text } from '../cells.ts';
import { accountOf, accountRefs, assignChanged, inSlices, insertMany } from '../lookups.ts';
import type { EntityImporter, RowOutcome } from '../types.ts';
import { markAccountIntelStale } from '../../../briefs/snapshot.ts';

type TechnologyRow = Selectable<TechnologiesTable>;
type NewTechnology = Omit<TechnologyRow, 'id'>;

const TechnologyCsvRow = z
  .object({
    account_external_id: text(200).optional(),
    account_domain: companyDomain().optional(),
    name: required(text(200)),
    category: text(200).optional(),
    competitor: flag()
      .transform((v) => (v ? 1 : 0))
      .optional(),
    added_at: instant().optional(),
    removed_at: instant().optional(),
    ...provenanceColumns,
  })
  .superRefine((row, ctx) => {
    if (!row.account_external_id && !row.account_domain) {
      ctx.addIssue({ code: 'custom', path: ['account_external_id'], message: 'needs a value (or account_domain): a technology belongs to an account' });
    }
  });
type TechnologyCsvRow = z.output<typeof TechnologyCsvRow>;

const keyOf = (accountId: string, name: string) => `${accountId}\u0000${name}`;

/**
 * @example await runImport(db, technologiesImporter, source, { teamId, now }) // one row per account and tool
 */
export const technologiesImporter: EntityImporter<TechnologyCsvRow> = {
  entity: 'technologies',
  columns: Object.keys(TechnologyCsvRow.shape),
  required: ['name'],
  requiredOneOf: [['account_external_id', 'account_domain']],
  schema: TechnologyCsvRow,
  async write(trx, { teamId, now, defaultSource }, batch) {
    const rows = batch.map((r) => r.value);
    const accounts = await accountRefs(trx, teamId, rows.map((r) => ({ externalId: r.account_external_id, domain: r.account_domain })));
    const accountIds = rows.map((r) => accountOf(accounts, r.account_external_id, r.account_domain)).filter((id): id is string => !!id);
    const stored = await inSlices(accountIds, (slice) =>
      trx.selectFrom('technologies').selectAll().where('team_id', '=', teamId).where('account_id', 'in', slice).execute(),
    );
    const known = new Map<string, TechnologyRow | NewTechnology>(stored.map((t) => [keyOf(t.account_id, t.name), t]));
    const inserts = new Map<string, NewTechnology>();
    const updates = new Map<number, { row: TechnologyRow; fields: Set<string> }>();

    const outcomes = rows.map((row): RowOutcome => {
      const accountId = accountOf(accounts, row.account_external_id, row.account_domain);
      if (!accountId) {
        const column = row.account_external_id ? 'account_external_id' : 'account_domain';
        return { column, message: 'no account in this team has this value (import accounts first)' };
      }
      const key = keyOf(accountId, row.name);
      const values = {
        category: row.category,
        competitor: row.competitor,
        added_at: row.added_at,
        removed_at: row.removed_at,
        source: row.source ?? defaultSource,
        refreshed_at: row.refreshed_at,
      };
      const technology = known.get(key);
      if (!technology) {
        const created: NewTechnology = {
          team_id: teamId,
          account_id: accountId,
          name: row.name,
          category: null,
          competitor: 0,
          added_at: null,
          removed_at: null,
          source: null,
          refreshed_at: now.toISOString(),
          added_known_at: null,
          removed_known_at: null,
        };
        assignChanged(created, values);
        // Known when imported: a competitor adopted last month and imported today is today's news.
        if (created.added_at) created.added_known_at = now.toISOString();
        if (created.removed_at) created.removed_known_at = now.toISOString();
        known.set(key, created);
        inserts.set(key, created);
        return 'created';
      }
      const changed = assignChanged(technology, values);
      if (changed.length === 0) return 'unchanged';
      for (const [date, knownAt] of [['added_at', 'added_known_at'], ['removed_at', 'removed_known_at']] as const) {
        if (changed.includes(date)) {
          technology[knownAt] = technology[date] ? now.toISOString() : null;
          changed.push(knownAt);
        }
      }
      // A changed value without a refreshed_at column was refreshed now.
      if (!row.refreshed_at && technology.refreshed_at !== now.toISOString()) {
        technology.refreshed_at = now.toISOString();
        changed.push('refreshed_at');
      }
      if ('id' in technology) {
        const entry = updates.get(technology.id) ?? { row: technology, fields: new Set<string>() };
        for (const field of changed) entry.fields.add(field);
        updates.set(technology.id, entry);
      }
      return 'updated';
    });

    await insertMany([...inserts.values()], 500, (slice) => trx.insertInto('technologies').values(slice).execute());
    for (const { row, fields } of updates.values()) {
      const set = Object.fromEntries([...fields].map((f) => [f, row[f as keyof TechnologyRow]]));
      await trx.updateTable('technologies').set(set).where('team_id', '=', teamId).where('id', '=', row.id).execute();
    }
    await markAccountIntelStale(trx, teamId, accountIds);
    return outcomes;
  },
};
