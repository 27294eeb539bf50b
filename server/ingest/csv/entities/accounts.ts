/**
 * Accounts: the target-account list (PRODUCT.md). Upserted by `external_id`, or by a domain when
 * the row has no external id (and an account found by domain adopts the row's external id).
 * Domains are added, never removed; a domain owned by another account rejects the row; a free-mail
 * domain is left out with a warning (the rest of the row is imported).
 * Stage and tier changes are written to `account_history`, as intelligence's own changes are.
 */
import { z } from 'zod';
import { Stage } from '../../../../shared/brief.ts';
import { importId } from '../ids.ts';
import type { AccountHistoryTable, AccountRow } from '../../../db/schema.ts';
import type { Insertable } from 'kysely';
import { BatchChanges } from '../changes.ts';
import { choice, decimal, domainList, email, integer, provenanceColumns, required, text } from '../cells.ts';
import { accountsByExternalId, accountsById, assignChanged, defined, domainOwners, insertMany, usersByEmail } from '../lookups.ts';
import { keepingFlagCorrections, withProvenance } from '../provenance.ts';
import type { EntityImporter, RowOutcome } from '../types.ts';
import { markAccountIntelStale } from '../../../briefs/snapshot.ts';

/** Firmographics: the values whose source and age a brief shows. */
const ENRICHED = ['industry', 'employees', 'location', 'country', 'revenue', 'funding', 'description'] as const;

const AccountColumns = z.object({
  external_id: text(200).optional(),
  name: required(text(300)),
  domains: domainList().optional(),
  tier: choice(['1', '2', '3']).transform(Number).optional(),
  stage: choice(Stage.options).optional(),
  territory: text(200).optional(),
  owner_email: email().optional(),
  industry: text(200).optional(),
  employees: integer(0, 10_000_000).optional(),
  location: text(300).optional(),
  country: text(100).optional(),
  revenue: decimal(0).optional(),
  funding: text(300).optional(),
  description: text(5000).optional(),
  ...provenanceColumns,
});

const AccountCsvRow = AccountColumns.superRefine((row, ctx) => {
  if (!row.external_id && !row.domains?.company.length) {
    const why = row.domains?.freeMail.length ? ' (a free-mail domain does not count)' : '';
    ctx.addIssue({ code: 'custom', path: ['external_id'], message: `needs a value (or a company domain${why}), so a re-import finds this account again` });
  }
}).transform(({ domains, ...row }) => ({ ...row, domains: domains?.company, freeMailDomains: domains?.freeMail ?? [] }));
type AccountCsvRow = z.output<typeof AccountCsvRow>;

/**
 * @example await runImport(db, accountsImporter, source, { teamId, now }) // accounts upserted by external_id
 */
export const accountsImporter: EntityImporter<AccountCsvRow> = {
  entity: 'accounts',
  columns: Object.keys(AccountColumns.shape),
  required: ['name'],
  schema: AccountCsvRow,
  warningsOf: (row) =>
    row.freeMailDomains.length
      ? [{ column: 'domains', message: `left out ${row.freeMailDomains.join(', ')}: a free-mail domain identifies no company; the account is imported without it` }]
      : [],
  async write(trx, { teamId, now, defaultSource }, batch) {
    const at = now.toISOString();
    const byExternalId = await accountsByExternalId(trx, teamId, batch.map((r) => r.value.external_id).filter(defined));
    const owners = await domainOwners(trx, teamId, batch.flatMap((r) => r.value.domains ?? []));
    const byId = new Map([...byExternalId.values()].map((a) => [a.id, a]));
    for (const [id, account] of await accountsById(trx, teamId, [...owners.values()].filter((id) => !byId.has(id)))) byId.set(id, account);
    const users = await usersByEmail(trx, teamId, batch.map((r) => r.value.owner_email).filter(defined));

    const accounts = new BatchChanges<AccountRow>();
    const newDomains: { team_id: string; domain: string; account_id: string }[] = [];
    const history: Insertable<AccountHistoryTable>[] = [];

    const outcomes = batch.map(({ value: row }): RowOutcome => {
      const ownerId = row.owner_email ? users.get(row.owner_email) : undefined;
      if (row.owner_email && !ownerId) return { column: 'owner_email', message: 'no user in this team has this email' };

      let account = row.external_id ? byExternalId.get(row.external_id) : undefined;
      const domainAccounts = new Set((row.domains ?? []).map((d) => owners.get(d)).filter(defined));
      if (account) {
        if ([...domainAccounts].some((id) => id !== account!.id)) return { column: 'domains', message: 'a domain already belongs to another account' };
      } else if (domainAccounts.size > 1) {
        return { column: 'domains', message: 'these domains belong to different accounts' };
      } else if (domainAccounts.size === 1) {
        account = byId.get([...domainAccounts][0]!)!;
        if (row.external_id && account.external_id && account.external_id !== row.external_id) {
          return { column: 'domains', message: 'a domain already belongs to an account with another external_id' };
        }
      }

      const values = {
        external_id: row.external_id,
        name: row.name,
        tier: row.tier,
        stage: row.stage,
        territory: row.territory,
        owner_id: ownerId,
        ...Object.fromEntries(ENRICHED.map((f) => [f, row[f]])),
      };
      const enriched = ENRICHED.filter((f) => row[f] !== undefined);
      const provenance = { source: row.source ?? defaultSource, refreshedAt: row.refreshed_at ?? null };
      const addDomains = (id: string) => {
        for (const domain of row.domains ?? []) {
          if (owners.has(domain)) continue;
          owners.set(domain, id);
          newDomains.push({ team_id: teamId, domain, account_id: id });
        }
      };

      if (!account) {
        const created: AccountRow = {
          id: importId('acc'),
          crm_deleted_at: null,
          team_id: teamId,
          external_id: null,
          name: row.name,
          tier: null,
          stage: 'identified',
          stage_set_by: row.stage ? 'import' : null,
          tier_set_by: row.tier ? 'import' : null,
          owner_id: null,
          territory: null,
          industry: null,
          employees: null,
          location: null,
          country: null,
          revenue: null,
          funding: null,
          description: null,
          field_sources: '{}',
          last_touch_at: null,
          last_touch_type: null,
          last_touch_by: null,
          created_at: at,
          updated_at: at,
        };
        assignChanged(created, values);
        created.field_sources = withProvenance('{}', enriched, new Set(enriched), provenance, now) ?? '{}';
        accounts.created(created);
        byId.set(created.id, created);
        if (created.external_id) byExternalId.set(created.external_id, created);
        addDomains(created.id);
        return 'created';
      }

      const before = { stage: account.stage, tier: account.tier };
      // A value an admin corrected from a flag is not undone by the CRM sending the old one again.
      const { values: toWrite, kept } = keepingFlagCorrections(values, account.field_sources);
      const changed = assignChanged(account, toWrite);
      const domainsBefore = newDomains.length;
      addDomains(account.id);
      const sources = withProvenance(account.field_sources, enriched.filter((f) => !kept.includes(f)), new Set(changed), provenance, now);
      if (sources !== null) {
        account.field_sources = sources;
        changed.push('field_sources');
      }
      if (changed.length === 0 && newDomains.length === domainsBefore) return 'unchanged';
      for (const kind of ['stage', 'tier'] as const) {
        if (!changed.includes(kind)) continue;
        history.push({
          team_id: teamId,
          account_id: account.id,
          kind,
          from_value: before[kind] === null ? null : String(before[kind]),
          to_value: String(account[kind]),
          changed_at: at,
          changed_by: 'import',
          reason: 'imported',
        });
        account[`${kind}_set_by`] = 'import';
        changed.push(`${kind}_set_by`);
      }
      if (row.external_id) byExternalId.set(row.external_id, account);
      account.updated_at = at;
      accounts.changed(account, [...changed, 'updated_at']);
      return 'updated';
    });

    await accounts.flush(
      (rows) => insertMany(rows, 500, (slice) => trx.insertInto('accounts').values(slice).execute()),
      (row, set) => trx.updateTable('accounts').set(set).where('team_id', '=', teamId).where('id', '=', row.id).execute(),
    );
    await insertMany(newDomains, 1000, (slice) => trx.insertInto('account_domains').values(slice).execute());
    await insertMany(history, 500, (slice) => trx.insertInto('account_history').values(slice).execute());
    await markAccountIntelStale(trx, teamId, byId.keys());
    return outcomes;
  },
};
