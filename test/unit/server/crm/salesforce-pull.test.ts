import crypto from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeHarness, type Harness } from '../harness.ts';
import { startSalesforce, type SalesforceFake } from '../../../fakes/salesforce.ts';
import { connectCrm } from '../../../../server/crm/connections.ts';
import { syncCrm, type SyncOptions } from '../../../../server/crm/sync.ts';
import { FAST, KEY, fastCallEnv, sharedClock } from './crm-test-kit.ts';

const { privateKey, publicKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
const PEM = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
let h: Harness;
let sf: SalesforceFake;
let clock: ReturnType<typeof sharedClock>;

async function start(options: { timeoutAboveRows?: number; batchSize?: number; dailyLimit?: number } = {}) {
  await sf?.close();
  sf = await startSalesforce({ clientId: '3MVG9-test', username: 'sync@acme.test', publicKey, now: clock.now, externalIds: { Task: ['Signalhouse_Activity_Id__c'], Event: ['Signalhouse_Activity_Id__c'] }, ...options });
  await connectCrm(h.db.kysely, h.teamA, { provider: 'salesforce', loginUrl: sf.url, clientId: '3MVG9-test', username: 'sync@acme.test', privateKey: PEM }, KEY, null, clock.now());
}

beforeEach(async () => {
  h = await makeHarness();
  clock = sharedClock('2026-11-20T09:00:00.000Z');
  await start({ batchSize: 2 });
});
afterEach(async () => {
  await sf.close();
  await h.close();
});

const sync = (extra: Partial<SyncOptions> = {}) =>
  syncCrm(h.db.kysely, { teamId: h.teamA, provider: 'salesforce', key: KEY, now: clock.now(), callEnv: fastCallEnv(), pacing: FAST, ...extra });

function seedOrg() {
  const owner = sf.put('User', { Email: 'admin@a.test' });
  const acme = sf.put('Account', { Name: 'Acme SF', Website: 'https://www.acme-sf.test/about', NumberOfEmployees: 250, OwnerId: owner.Id });
  clock.tick(3_600_000);
  const ana = sf.put('Contact', { FirstName: 'Ana', LastName: 'Sf', Email: 'ana@acme-sf.test', Title: 'CFO', AccountId: acme.Id });
  clock.tick(120_000);
  const bo = sf.put('Contact', { FirstName: 'Bo', LastName: 'Sf', Email: 'bo@acme-sf.test', AccountId: acme.Id });
  clock.tick(86_400_000 * 3);
  const opp = sf.put('Opportunity', { Name: 'Acme SF expansion', AccountId: acme.Id, StageName: 'Negotiation', Amount: 99000, CloseDate: '2026-12-31', ForecastCategoryName: 'Best Case', OwnerId: owner.Id });
  clock.tick(60_000);
  return { acme, ana, bo, opp };
}

const local = (table: 'accounts' | 'contacts' | 'deals', externalId: string) =>
  h.db.kysely.selectFrom(table).selectAll().where('team_id', '=', h.teamA).where('external_id', '=', externalId).executeTakeFirst();

describe('pulling from Salesforce', () => {
  it('imports accounts, contacts and opportunities with crm:salesforce provenance, and a second run changes nothing', async () => {
    const o = seedOrg();
    const first = await sync();
    expect(first).toMatchObject({ status: 'ok' });
    expect(first.tally.objects.account.created).toBe(1);
    expect(first.tally.objects.contact.created).toBe(2);
    expect(first.tally.objects.deal.created).toBe(1);
    const acme = (await local('accounts', o.acme.Id))!;
    expect(acme).toMatchObject({ name: 'Acme SF', employees: 250, owner_id: h.admin.id });
    expect(JSON.parse(acme.field_sources).employees.source).toBe('crm:salesforce');
    expect(await local('deals', o.opp.Id)).toMatchObject({ account_id: acme.id, stage: 'negotiation', amount: 99000, forecast_category: 'best_case' });
    expect((await local('contacts', o.ana.Id))!.title).toBe('CFO');
    const domains = await h.db.kysely.selectFrom('account_domains').select('domain').where('account_id', '=', acme.id).execute();
    expect(domains).toEqual([{ domain: 'acme-sf.test' }]);

    clock.tick(60_000);
    const again = await sync();
    for (const object of ['account', 'contact', 'deal'] as const) expect(again.tally.objects[object]).toMatchObject({ created: 0, updated: 0, rejected: 0 });
  });

  it('halves a window that times out, and moves the cursor only past stored windows', async () => {
    await start({ timeoutAboveRows: 1 });
    const o = seedOrg();
    const result = await sync();
    expect(result.status).toBe('ok');
    expect(result.tally.objects.deal.created).toBe(1);
    expect(sf.faults.log.filter((r) => r.status === 400).length).toBeGreaterThan(0);
    const cursors = JSON.parse((await h.db.kysely.selectFrom('crm_connections').select('cursors').executeTakeFirstOrThrow()).cursors);
    expect(Date.parse(cursors.Opportunity.since)).toBe(Math.floor((clock.now().getTime() - 30_000) / 1000) * 1000);
    expect(await local('contacts', o.bo.Id)).toBeDefined();
  });

  it('re-grants once when the session expires mid-run, and fails the run when the new session is refused too', async () => {
    seedOrg();
    sf.faults.add({ path: '/services/data/v66.0/queryAll', status: 401, body: [{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }] });
    const once = await sync();
    expect(once.status).toBe('ok');
    expect(sf.grants).toBe(2);

    clock.tick(60_000);
    sf.put('Account', { Name: 'Late' });
    clock.tick(60_000);
    sf.faults.add({ path: '/services/data/', times: 2, status: 401, body: [{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }] });
    const twice = await sync();
    expect(twice.status).toBe('failed');
    expect(twice.error).toMatch(/INVALID_SESSION_ID/);
  });

  it('stops on REQUEST_LIMIT_EXCEEDED and tombstones what the org deleted', async () => {
    const o = seedOrg();
    await sync();
    clock.tick(60_000);
    sf.remove('Contact', o.bo.Id);
    clock.tick(60_000);
    sf.faults.add({ path: '/services/data/', status: 403, body: [{ message: 'TotalRequests Limit exceeded.', errorCode: 'REQUEST_LIMIT_EXCEEDED' }] });
    expect((await sync()).status).toBe('stopped');
    const next = await sync();
    expect(next).toMatchObject({ status: 'ok', tally: { deleted: 1 } });
    const bo = (await local('contacts', o.bo.Id))!;
    expect(await h.db.kysely.selectFrom('tombstones').select('entity').where('entity_id', '=', bo.id).execute()).toEqual([{ entity: 'contact' }]);
  });

  it("stops a run once the org's API usage reaches 80 % of its daily allocation (Sforce-Limit-Info), and the next run resumes from the cursor", async () => {
    await start({ batchSize: 2, dailyLimit: 100 });
    for (let i = 0; i < 30; i += 1) {
      sf.put('Account', { Name: `Usage ${i}` });
      clock.tick(1000);
    }
    clock.tick(60_000);
    // Other integrations of the org have used 70 of its 100 calls today.
    sf.apiUsage = 70;
    const stopped = await sync();
    expect(stopped.status).toBe('stopped');
    expect(stopped.error).toMatch(/80 % of the org's daily allocation/);
    // It yielded at 80, well before the org's 403: the allocation is shared.
    expect(sf.apiUsage).toBe(80);
    expect(sf.faults.log.some((r) => r.status === 403)).toBe(false);
    const held = await h.db.kysely.selectFrom('accounts').select('name').where('team_id', '=', h.teamA).execute();
    expect(held.length).toBeGreaterThan(0);
    expect(held.length).toBeLessThan(30);

    // A new day: the next run takes up where the stored pages end.
    sf.apiUsage = 0;
    const next = await sync();
    expect(next.status).toBe('ok');
    expect(await h.db.kysely.selectFrom('accounts').select('name').where('team_id', '=', h.teamA).execute()).toHaveLength(30);
    expect(next.tally.objects.account.created).toBe(30 - held.length);
  });
});
