/**
 * Pulling from HubSpot: companies, contacts and deals modified since each one's cursor, then the
 * deletions. A window is [cursor − 5 min, run start − 30 s] (search lags writes by seconds; the
 * look-back catches records indexed late), read by ascending `hs_object_id` as a keyset, so the
 * 10,000-result cap of one search never binds however many records share a timestamp. The
 * position inside a window is saved after each stored page, and the cursor moves to the window's
 * end only once the whole window is stored.
 */
import type { HubObject, HubSpotClient } from './client.ts';
import { saveCursors, type RunContext } from '../run-context.ts';
import { noteError, storeRecords, tombstoneRecords, type CrmObject, type PulledRecord } from '../store.ts';
import { inSlices } from '../../ingest/csv/lookups.ts';

const LOOKBACK_MS = 5 * 60_000;
const SETTLE_MS = 30_000;
const EPOCH = '1970-01-01T00:00:00.000Z';

interface WindowCursor {
  since: string;
  window?: { from: string; until: string; afterId: string };
}

interface Spec {
  object: CrmObject;
  type: string;
  modified: string;
  properties: string[];
}

const SPECS: Spec[] = [
  { object: 'account', type: 'companies', modified: 'hs_lastmodifieddate', properties: ['name', 'domain', 'hs_additional_domains', 'numberofemployees', 'annualrevenue', 'hubspot_owner_id'] },
  { object: 'contact', type: 'contacts', modified: 'lastmodifieddate', properties: ['firstname', 'lastname', 'email', 'hs_additional_emails', 'jobtitle', 'hs_linkedin_url', 'associatedcompanyid'] },
  {
    object: 'deal',
    type: 'deals',
    modified: 'hs_lastmodifieddate',
    properties: ['dealname', 'dealstage', 'amount', 'closedate', 'hs_manual_forecast_category', 'hs_next_step', 'hubspot_owner_id'],
  },
];

const FORECAST: Record<string, string> = { COMMIT: 'commit', BEST_CASE: 'best_case', PIPELINE: 'pipeline', OMIT: 'omitted' };
const value = (v: string | null | undefined) => (v === null || v === undefined || v.trim() === '' ? undefined : v.trim());
const list = (...values: Array<string | null | undefined>) =>
  values
    .flatMap((v) => (v ?? '').split(';'))
    .map((v) => v.trim())
    .filter(Boolean)
    .join(';') || undefined;
/** Whole numbers only: HubSpot stores `numberofemployees` as text and may hold "1,200". */
const whole = (v: string | null | undefined) => (v && /^\d+$/.test(v.trim()) ? v.trim() : undefined);
const number = (v: string | null | undefined) => (v && /^\d+(\.\d+)?$/.test(v.trim()) ? v.trim() : undefined);

export interface HubSpotLookups {
  owners: Map<string, string>;
  stages: Map<string, string>;
}

export async function pullHubSpot(client: HubSpotClient, ctx: RunContext, options: { pageSize?: number } = {}): Promise<void> {
  const lookups: HubSpotLookups = { owners: await client.owners(), stages: await client.dealStages() };
  const until = new Date(ctx.now.getTime() - SETTLE_MS).toISOString();
  for (const spec of SPECS) {
    const cursor = (ctx.cursors[spec.type] as WindowCursor | undefined) ?? { since: EPOCH };
    const window = cursor.window ?? { from: new Date(Math.max(0, Date.parse(cursor.since) - LOOKBACK_MS)).toISOString(), until, afterId: '0' };
    if (window.from >= window.until) continue;
    for (;;) {
      const page = await client.search(spec.type, spec.modified, window, spec.properties, options.pageSize ?? 200);
      if (page.results.length === 0) break;
      await storeRecords(ctx, spec.object, await mapPage(client, ctx, spec, page.results, lookups), ctx.tally.objects[spec.object]);
      window.afterId = page.results.at(-1)!.id;
      ctx.cursors[spec.type] = { since: cursor.since, window };
      await saveCursors(ctx.db, ctx);
      if (!page.paging?.next) break;
    }
    ctx.cursors[spec.type] = { since: window.until };
    await saveCursors(ctx.db, ctx);
  }
  for (const spec of SPECS) {
    for await (const ids of client.archivedIds(spec.type)) ctx.tally.deleted += await tombstoneRecords(ctx, spec.object, ids);
  }
}

async function mapPage(client: HubSpotClient, ctx: RunContext, spec: Spec, results: HubObject[], lookups: HubSpotLookups): Promise<PulledRecord[]> {
  const owner = (o: HubObject) => {
    const email = lookups.owners.get(o.properties.hubspot_owner_id ?? '');
    return email && ctx.userEmails.has(email) ? email : undefined;
  };
  const modifiedAt = (o: HubObject) => new Date(o.properties[spec.modified] ?? o.updatedAt).toISOString();
  if (spec.object === 'account') return mapAccounts(results, owner, modifiedAt);
  return mapDependents(client, ctx, spec, results, lookups, owner, modifiedAt);
}

function mapAccounts(results: HubObject[], owner: (o: HubObject) => string | undefined, modifiedAt: (o: HubObject) => string): PulledRecord[] {
  return results.map((o) => ({
      crmId: o.id,
      modifiedAt: modifiedAt(o),
      values: {
        name: value(o.properties.name) ?? value(o.properties.domain) ?? `HubSpot company ${o.id}`,
        domains: list(o.properties.domain, o.properties.hs_additional_domains),
        employees: whole(o.properties.numberofemployees),
        revenue: number(o.properties.annualrevenue),
        owner_email: owner(o),
      },
    }));
}

/**
 * A contact's or deal's company we do not hold yet (it changed after this run's window closed, or
 * its import is still to come) is read and stored first, so the record arrives with its account
 * instead of being refused or stored without it and never looked at again.
 */
async function ensureAccounts(client: HubSpotClient, ctx: RunContext, ids: string[], owner: (o: HubObject) => string | undefined): Promise<Set<string>> {
  const known = await knownAccounts(ctx, ids);
  const missing = [...new Set(ids.filter((id) => !known.has(id)))];
  if (missing.length) {
    const companies = await client.read('companies', missing, SPECS[0]!.properties);
    const modifiedAt = (o: HubObject) => new Date(o.properties.hs_lastmodifieddate ?? o.updatedAt).toISOString();
    await storeRecords(ctx, 'account', mapAccounts(companies, owner, modifiedAt), ctx.tally.objects.account);
  }
  return knownAccounts(ctx, ids);
}

async function mapDependents(
  client: HubSpotClient,
  ctx: RunContext,
  spec: Spec,
  results: HubObject[],
  lookups: HubSpotLookups,
  owner: (o: HubObject) => string | undefined,
  modifiedAt: (o: HubObject) => string,
): Promise<PulledRecord[]> {
  if (spec.object === 'contact') {
    const companies = await ensureAccounts(client, ctx, results.map((o) => value(o.properties.associatedcompanyid)).filter((v): v is string => !!v), owner);
    return results.map((o) => {
      const p = o.properties;
      const name = [value(p.firstname), value(p.lastname)].filter(Boolean).join(' ') || value(p.email) || `HubSpot contact ${o.id}`;
      const linkedin = value(p.hs_linkedin_url);
      const company = value(p.associatedcompanyid);
      return {
        crmId: o.id,
        modifiedAt: modifiedAt(o),
        values: {
          name,
          emails: list(p.email, p.hs_additional_emails),
          title: value(p.jobtitle),
          linkedin_url: linkedin && /linkedin\.com\/in\//i.test(linkedin) ? linkedin : undefined,
          account_external_id: company && companies.has(company) ? company : undefined,
        },
      };
    });
  }
  const links = await client.associations('deals', 'companies', results.map((o) => o.id));
  const primary = (id: string) => {
    const to = links.get(id) ?? [];
    return (to.find((a) => a.typeId === 5) ?? to[0])?.id;
  };
  await ensureAccounts(client, ctx, results.map((o) => primary(o.id)).filter((v): v is string => !!v), owner);
  return results.flatMap((o) => {
    const p = o.properties;
    // The primary company (type 5) when there is one.
    const company = primary(o.id);
    if (!company) {
      ctx.tally.objects.deal.rejected += 1;
      noteError(ctx.tally.objects.deal, `deal ${o.id}: account_external_id the deal has no company in HubSpot`);
      return [];
    }
    return [
      {
        crmId: o.id,
        modifiedAt: modifiedAt(o),
        values: {
          name: value(p.dealname) ?? `HubSpot deal ${o.id}`,
          account_external_id: company,
          stage: lookups.stages.get(p.dealstage ?? '') ?? value(p.dealstage),
          amount: number(p.amount),
          close_date: value(p.closedate)?.slice(0, 10),
          forecast_category: FORECAST[p.hs_manual_forecast_category ?? ''],
          next_step: value(p.hs_next_step),
          owner_email: owner(o),
        },
      },
    ];
  });
}

/** Which of these CRM company ids we hold as accounts (a contact of an unknown one comes without its account). */
async function knownAccounts(ctx: RunContext, ids: string[]): Promise<Set<string>> {
  const rows = await inSlices(ids, (slice) => ctx.db.selectFrom('accounts').select('external_id').where('team_id', '=', ctx.teamId).where('external_id', 'in', slice).execute());
  return new Set(rows.map((r) => r.external_id!));
}
