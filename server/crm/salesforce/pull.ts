/**
 * Pulling from Salesforce: Accounts, Contacts and Opportunities by `SystemModstamp` (indexed) in
 * closed-open windows `[from, to)` (a `>` boundary drops rows that share a timestamp), read with
 * `queryAll` so a deleted row arrives in the same window and is tombstoned. A window that answers
 * `QUERY_TIMEOUT` is halved and tried again (one connector logged the timeout and reported success:
 * we shrink, and fail loudly below a minute); after a success the next window may double again. The
 * cursor moves to a window's end once all of it is stored.
 */
import type { SalesforceClient, SfRecord } from './client.ts';
import { isQueryTimeout } from './client.ts';
import { saveCursors, type RunContext } from '../run-context.ts';
import { noteError, storeRecords, tombstoneRecords, type CrmObject, type PulledRecord } from '../store.ts';
import { inSlices } from '../../ingest/csv/lookups.ts';

const SETTLE_MS = 30_000;
const LOOKBACK_MS = 60_000;
const MIN_WINDOW_MS = 60_000;
const EPOCH = '1970-01-01T00:00:00Z';

interface Spec {
  object: CrmObject;
  type: string;
  fields: string[];
}

const SPECS: Spec[] = [
  { object: 'account', type: 'Account', fields: ['Id', 'Name', 'Website', 'NumberOfEmployees', 'AnnualRevenue', 'OwnerId', 'SystemModstamp', 'IsDeleted'] },
  { object: 'contact', type: 'Contact', fields: ['Id', 'FirstName', 'LastName', 'Email', 'Title', 'AccountId', 'OwnerId', 'SystemModstamp', 'IsDeleted'] },
  {
    object: 'deal',
    type: 'Opportunity',
    fields: ['Id', 'Name', 'AccountId', 'StageName', 'Amount', 'CloseDate', 'ForecastCategoryName', 'NextStep', 'OwnerId', 'SystemModstamp', 'IsDeleted'],
  },
];

const FORECAST: Record<string, string> = { Commit: 'commit', 'Best Case': 'best_case', Pipeline: 'pipeline', Omitted: 'omitted' };
/** SOQL's dateTime literal, to the second. */
const soqlTime = (ms: number) => new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
const text = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : typeof v === 'number' ? String(v) : undefined);
const domainOf = (website: unknown) => {
  const raw = text(website);
  if (!raw) return undefined;
  try {
    return new URL(/^https?:\/\//i.test(raw) ? raw : `https://${raw}`).hostname.replace(/^www\./, '');
  } catch {
    return undefined;
  }
};

export async function pullSalesforce(client: SalesforceClient, ctx: RunContext): Promise<void> {
  const owners = new Map<string, string>();
  for await (const batch of client.query('SELECT Id, Email FROM User')) for (const u of batch) if (typeof u.Email === 'string') owners.set(u.Id, u.Email.toLowerCase());
  const until = Math.floor((ctx.now.getTime() - SETTLE_MS) / 1000) * 1000;
  for (const spec of SPECS) {
    const cursor = (ctx.cursors[spec.type] as { since: string; windowMs?: number } | undefined) ?? { since: EPOCH };
    let from = Math.max(0, Date.parse(cursor.since) - LOOKBACK_MS);
    let size = cursor.windowMs ?? until - from;
    while (from < until) {
      const to = Math.min(until, from + size);
      try {
        await pullWindow(client, ctx, spec, owners, from, to);
      } catch (error) {
        if (!isQueryTimeout(error)) throw error;
        if (to - from <= MIN_WINDOW_MS) throw new Error(`Salesforce ${spec.type} query timed out even on a one-minute window from ${soqlTime(from)}`, { cause: error });
        size = Math.max(MIN_WINDOW_MS, Math.floor((to - from) / 2));
        ctx.cursors[spec.type] = { since: cursor.since, windowMs: size };
        continue;
      }
      from = to;
      ctx.cursors[spec.type] = { since: new Date(to).toISOString(), windowMs: size };
      await saveCursors(ctx.db, ctx);
      size *= 2;
    }
  }
}

async function pullWindow(client: SalesforceClient, ctx: RunContext, spec: Spec, owners: Map<string, string>, from: number, to: number) {
  const soql = `SELECT ${spec.fields.join(', ')} FROM ${spec.type} WHERE SystemModstamp >= ${soqlTime(from)} AND SystemModstamp < ${soqlTime(to)} ORDER BY SystemModstamp, Id`;
  for await (const batch of client.query(soql, { all: true })) {
    const deleted = batch.filter((r) => r.IsDeleted === true).map((r) => r.Id);
    const live = batch.filter((r) => r.IsDeleted !== true);
    await storeRecords(ctx, spec.object, await mapBatch(client, ctx, spec, live, owners), ctx.tally.objects[spec.object]);
    if (deleted.length) ctx.tally.deleted += await tombstoneRecords(ctx, spec.object, deleted);
  }
}

/**
 * A contact's or opportunity's account we do not hold yet (changed after this window, say) is read
 * by id and stored first, so the record arrives with its account instead of being refused or
 * stored without it and never looked at again.
 */
async function ensureAccounts(client: SalesforceClient, ctx: RunContext, ids: string[], owners: Map<string, string>): Promise<Set<string>> {
  const held = async () =>
    new Set(
      (await inSlices(ids, (slice) => ctx.db.selectFrom('accounts').select('external_id').where('team_id', '=', ctx.teamId).where('external_id', 'in', slice).execute())).map((a) => a.external_id!),
    );
  const known = await held();
  const missing = [...new Set(ids.filter((id) => !known.has(id) && /^[A-Za-z0-9]{15,18}$/.test(id)))];
  for (let i = 0; i < missing.length; i += 200) {
    const list = missing.slice(i, i + 200).map((id) => `'${id}'`).join(', ');
    for await (const batch of client.query(`SELECT ${SPECS[0]!.fields.join(', ')} FROM Account WHERE Id IN (${list})`)) {
      await storeRecords(ctx, 'account', await mapBatch(client, ctx, SPECS[0]!, batch, owners), ctx.tally.objects.account);
    }
  }
  return missing.length ? held() : known;
}

async function mapBatch(client: SalesforceClient, ctx: RunContext, spec: Spec, records: SfRecord[], owners: Map<string, string>): Promise<PulledRecord[]> {
  const owner = (r: SfRecord) => {
    const email = owners.get(String(r.OwnerId ?? ''));
    return email && ctx.userEmails.has(email) ? email : undefined;
  };
  const modifiedAt = (r: SfRecord) => new Date(String(r.SystemModstamp).replace(/\+0000$/, 'Z')).toISOString();
  if (spec.object === 'account') {
    return records.map((r) => ({
      crmId: r.Id,
      modifiedAt: modifiedAt(r),
      values: { name: text(r.Name) ?? `Salesforce account ${r.Id}`, domains: domainOf(r.Website), employees: text(r.NumberOfEmployees), revenue: text(r.AnnualRevenue), owner_email: owner(r) },
    }));
  }
  if (spec.object === 'contact') {
    const accountIds = await ensureAccounts(client, ctx, records.map((r) => text(r.AccountId)).filter((v): v is string => !!v), owners);
    return records.map((r) => {
      const accountId = text(r.AccountId);
      return {
        crmId: r.Id,
        modifiedAt: modifiedAt(r),
        values: {
          name: [text(r.FirstName), text(r.LastName)].filter(Boolean).join(' ') || text(r.Email) || `Salesforce contact ${r.Id}`,
          emails: text(r.Email),
          title: text(r.Title),
          account_external_id: accountId && accountIds.has(accountId) ? accountId : undefined,
        },
      };
    });
  }
  await ensureAccounts(client, ctx, records.map((r) => text(r.AccountId)).filter((v): v is string => !!v), owners);
  return records.flatMap((r) => {
    const accountId = text(r.AccountId);
    if (!accountId) {
      ctx.tally.objects.deal.rejected += 1;
      noteError(ctx.tally.objects.deal, `deal ${r.Id}: account_external_id the opportunity has no account in Salesforce`);
      return [];
    }
    return [
      {
        crmId: r.Id,
        modifiedAt: modifiedAt(r),
        values: {
          name: text(r.Name) ?? `Salesforce opportunity ${r.Id}`,
          account_external_id: accountId,
          stage: text(r.StageName),
          amount: text(r.Amount),
          close_date: text(r.CloseDate)?.slice(0, 10),
          forecast_category: FORECAST[String(r.ForecastCategoryName ?? '')],
          next_step: text(r.NextStep),
          owner_email: owner(r),
        },
      },
    ];
  });
}
