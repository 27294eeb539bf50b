import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeHarness, type Harness } from '../harness.ts';
import { startHubSpot, type HubSpotFake } from '../../../fakes/hubspot.ts';
import { connectCrm } from '../../../../server/crm/connections.ts';
import { syncCrm, type SyncOptions } from '../../../../server/crm/sync.ts';
import { runImport } from '../../../../server/ingest/csv/run.ts';
import { jsonRowsSource } from '../../../../server/ingest/csv/read.ts';
import { contactsImporter } from '../../../../server/ingest/csv/entities/contacts.ts';
import { erasePerson } from '../../../../server/admin/erase.ts';
import { FAST, KEY, fastCallEnv, sharedClock } from './crm-test-kit.ts';
import { databaseText } from './secret-grep.ts';

const TOKEN = 'pat-na1-pull-test';
let h: Harness;
let hub: HubSpotFake;
let clock: ReturnType<typeof sharedClock>;

beforeEach(async () => {
  h = await makeHarness();
  clock = sharedClock();
  hub = await startHubSpot({ token: TOKEN, now: clock.now, searchCap: 10_000 });
  await connectCrm(h.db.kysely, h.teamA, { provider: 'hubspot', token: TOKEN, baseUrl: hub.url }, KEY, null, clock.now());
});
afterEach(async () => {
  await hub.close();
  await h.close();
});

const sync = (extra: Partial<SyncOptions> = {}) =>
  syncCrm(h.db.kysely, { teamId: h.teamA, provider: 'hubspot', key: KEY, now: clock.now(), callEnv: fastCallEnv(), pacing: FAST, ...extra });

/** Seeds a small portal: an owner who is our admin, two companies, a contact each, a deal. */
function seedPortal(prefix: string) {
  hub.owners = [{ id: '77', email: 'admin@a.test', firstName: 'Ada', lastName: 'Min', archived: false }];
  const acme = hub.put('companies', { name: `${prefix} Acme`, domain: `${prefix}-acme.test`, numberofemployees: '120', hubspot_owner_id: '77' });
  const globex = hub.put('companies', { name: `${prefix} Globex`, domain: `${prefix}-globex.test`, annualrevenue: '5000000' });
  const ana = hub.put('contacts', { firstname: 'Ana', lastname: `${prefix}Lind`, email: `ana@${prefix}-acme.test`, jobtitle: 'VP Sales', associatedcompanyid: acme.id });
  const bo = hub.put('contacts', { firstname: 'Bo', lastname: `${prefix}Ek`, email: `bo@${prefix}-globex.test`, associatedcompanyid: globex.id });
  const deal = hub.put('deals', { dealname: `${prefix} Acme renewal`, dealstage: 'contractsent', amount: '42000', closedate: '2026-12-15T00:00:00.000Z', hs_manual_forecast_category: 'COMMIT', hubspot_owner_id: '77' });
  hub.associate('deals', deal.id, 'companies', acme.id, 5);
  return { acme, globex, ana, bo, deal };
}

const account = (externalId: string) => h.db.kysely.selectFrom('accounts').selectAll().where('team_id', '=', h.teamA).where('external_id', '=', externalId).executeTakeFirst();
const contact = (externalId: string) => h.db.kysely.selectFrom('contacts').selectAll().where('team_id', '=', h.teamA).where('external_id', '=', externalId).executeTakeFirst();

describe('pulling from HubSpot', () => {
  it('imports companies, contacts and deals with crm:hubspot provenance, and a second run changes nothing', async () => {
    const p = seedPortal('p1');
    clock.tick(60_000);
    const first = await sync();
    expect(first.status).toBe('ok');
    expect(first.tally.objects.account).toMatchObject({ created: 2, rejected: 0 });
    expect(first.tally.objects.contact).toMatchObject({ created: 2, rejected: 0 });
    expect(first.tally.objects.deal).toMatchObject({ created: 1, rejected: 0 });

    const acme = (await account(p.acme.id))!;
    expect(acme).toMatchObject({ name: 'p1 Acme', employees: 120, owner_id: h.admin.id });
    expect(JSON.parse(acme.field_sources).employees).toEqual({ source: 'crm:hubspot', refreshedAt: p.acme.updatedAt });
    const deal = await h.db.kysely.selectFrom('deals').selectAll().where('external_id', '=', p.deal.id).executeTakeFirstOrThrow();
    expect(deal).toMatchObject({ account_id: acme.id, stage: 'contract_sent', amount: 42000, close_date: '2026-12-15', forecast_category: 'commit', owner_id: h.admin.id });

    const ana = (await contact(p.ana.id))!;
    const response = await h.request('POST', '/v1/briefs', { json: { refs: [{ contactId: ana.id }] } });
    const brief = JSON.stringify((await response.json()).briefs[0]);
    expect(brief).toContain('"VP Sales"');
    expect(brief).toMatch(/"title":\{"value":"VP Sales","source":"crm:hubspot"/);

    const connection = await h.db.kysely.selectFrom('crm_connections').selectAll().executeTakeFirstOrThrow();
    expect(connection).toMatchObject({ last_run_status: 'ok', lease_until: null, last_error: null });
    const before = await h.db.kysely.selectFrom('accounts').select(['id', 'updated_at', 'field_sources']).where('team_id', '=', h.teamA).orderBy('id').execute();
    clock.tick(60_000);
    const second = await sync();
    expect(second.status).toBe('ok');
    for (const object of ['account', 'contact', 'deal'] as const) expect(second.tally.objects[object]).toMatchObject({ created: 0, updated: 0, rejected: 0 });
    expect(await h.db.kysely.selectFrom('accounts').select(['id', 'updated_at', 'field_sources']).where('team_id', '=', h.teamA).orderBy('id').execute()).toEqual(before);
  });

  it('writes a CRM value only when it changed in the CRM: a newer CSV title survives an unrelated CRM edit, a CRM title change wins', async () => {
    const p = seedPortal('p2');
    clock.tick(60_000);
    await sync();
    // A CSV import after the sync sets a newer title.
    const csv = await runImport(h.db.kysely, contactsImporter, jsonRowsSource([{ external_id: p.ana.id, name: 'Ana p2Lind', title: 'Chief Revenue Officer' }]), { teamId: h.teamA, now: clock.now(), sliceMs: null });
    expect(csv.ok).toBe(true);
    // The CRM changes the contact's email only.
    clock.tick(60_000);
    hub.put('contacts', { hs_additional_emails: 'ana.lind@p2-acme.test' }, p.ana.id);
    clock.tick(60_000);
    const edited = await sync();
    expect(edited.tally.objects.contact.updated).toBe(1);
    expect((await contact(p.ana.id))!.title).toBe('Chief Revenue Officer');
    const emails = await h.db.kysely.selectFrom('contact_emails').select('email').where('contact_id', '=', (await contact(p.ana.id))!.id).orderBy('email').execute();
    expect(emails.map((e) => e.email)).toEqual(['ana.lind@p2-acme.test', 'ana@p2-acme.test']);
    // Now the CRM changes the title: it wins, with the CRM's modification time.
    clock.tick(60_000);
    const changed = hub.put('contacts', { jobtitle: 'CEO' }, p.ana.id);
    clock.tick(60_000);
    await sync();
    const ana = (await contact(p.ana.id))!;
    expect(ana.title).toBe('CEO');
    expect(JSON.parse(ana.field_sources).title).toEqual({ source: 'crm:hubspot', refreshedAt: changed.updatedAt });
  });

  it('gets every record when more share one timestamp than one search may return', async () => {
    await hub.close();
    hub = await startHubSpot({ token: TOKEN, now: clock.now, searchCap: 50 });
    await connectCrm(h.db.kysely, h.teamA, { provider: 'hubspot', token: TOKEN, baseUrl: hub.url }, KEY, null, clock.now());
    for (let i = 0; i < 120; i += 1) hub.put('companies', { name: `Capped ${i}`, domain: `capped${i}.test` });
    clock.tick(60_000);
    const result = await sync({ pageSize: 20 });
    expect(result.status).toBe('ok');
    expect(result.tally.objects.account.created).toBe(120);
    expect(hub.faults.log.filter((r) => r.status === 400)).toEqual([]);
  });

  it('rides out a 429 storm and 5xx answers honouring Retry-After, and stops on the daily cap to resume from the cursor', async () => {
    seedPortal('p3');
    hub.faults.add({ path: '/crm/v3/objects/companies/search', times: 3, status: 429, headers: { 'Retry-After': '2' }, body: { status: 'error', errorType: 'RATE_LIMIT', policyName: 'TEN_SECONDLY_ROLLING' } });
    hub.faults.add({ path: '/crm/v3/objects/contacts/search', times: 2, status: 502 });
    clock.tick(60_000);
    const env = fastCallEnv();
    const stormy = await sync({ callEnv: env });
    expect(stormy.status).toBe('ok');
    expect(env.slept.filter((ms) => ms >= 2000)).toHaveLength(3);
    expect(stormy.tally.objects.contact.created).toBe(2);

    clock.tick(60_000);
    hub.put('companies', { name: 'p3 Late' });
    clock.tick(60_000);
    hub.faults.add({ path: '/crm/v3/objects/contacts/search', status: 429, body: { status: 'error', message: 'You have reached your daily limit.', errorType: 'RATE_LIMIT', policyName: 'DAILY' } });
    const capped = await sync();
    expect(capped.status).toBe('stopped');
    expect(capped.tally.objects.account.created).toBe(1);
    const cursors = JSON.parse((await h.db.kysely.selectFrom('crm_connections').select('cursors').executeTakeFirstOrThrow()).cursors);
    expect(cursors.companies.since).toBe(new Date(clock.now().getTime() - 30_000).toISOString());
    clock.tick(60_000);
    const resumed = await sync();
    expect(resumed.status).toBe('ok');
    expect(resumed.tally.objects.account.created).toBe(0);
  });

  it('tombstones a record the CRM deleted without erasing it, and never re-imports an erased person', async () => {
    const p = seedPortal('p4');
    clock.tick(60_000);
    await sync();
    const bo = (await contact(p.bo.id))!;
    hub.archive('contacts', p.bo.id);
    const erased = await erasePerson(h.db.kysely, h.teamA, { contactId: (await contact(p.ana.id))!.id }, null, clock.now());
    expect(erased.status).toBe('erased');
    clock.tick(60_000);
    hub.put('contacts', { jobtitle: 'Head of Sales' }, p.ana.id);
    clock.tick(60_000);
    const result = await sync();
    expect(result.tally.deleted).toBe(1);
    expect(result.tally.objects.contact.rejected).toBe(1);
    expect(result.tally.objects.contact.errors[0]).toMatch(/erased/);
    expect(await contact(p.ana.id)).toBeUndefined();
    const tomb = await h.db.kysely.selectFrom('tombstones').selectAll().where('entity_id', '=', bo.id).execute();
    expect(tomb).toHaveLength(1);
    // Tombstoned, not erased: the record and its email are still held.
    expect(await contact(p.bo.id)).toBeDefined();
    // The erased person is nowhere, not even in what the sync last saw of them.
    const everything = await databaseText(h.db);
    expect(everything).not.toContain('ana@p4-acme.test');
    expect(everything).not.toContain('p4Lind');
  });

  it('brings a deal and a contact with their company when the company changed after the window closed', async () => {
    const acme = hub.put('companies', { name: 'Late Acme', domain: 'late-acme.test' });
    const deal = hub.put('deals', { dealname: 'Late deal' });
    hub.associate('deals', deal.id, 'companies', acme.id, 5);
    const ana = hub.put('contacts', { firstname: 'Ana', lastname: 'Late', email: 'ana@late-acme.test', associatedcompanyid: acme.id });
    clock.tick(60_000);
    // Edited now: past this run's window (it closes 30 s ago).
    hub.put('companies', { name: 'Late Acme Inc' }, acme.id);
    const result = await sync();
    expect(result.tally.objects.deal).toMatchObject({ created: 1, rejected: 0 });
    const held = (await account(acme.id))!;
    expect(held.name).toBe('Late Acme Inc');
    expect((await contact(ana.id))!.account_id).toBe(held.id);
  });

  it('fails the run on a refused token and says so in the connection', async () => {
    await connectCrm(h.db.kysely, h.teamA, { provider: 'hubspot', token: 'pat-na1-wrong-token', baseUrl: hub.url }, KEY, null, clock.now());
    const result = await sync();
    expect(result.status).toBe('failed');
    const connection = await h.db.kysely.selectFrom('crm_connections').selectAll().executeTakeFirstOrThrow();
    expect(connection).toMatchObject({ state: 'failing', last_run_status: 'failed', lease_until: null });
    expect(connection.last_error).toMatch(/401 INVALID_AUTHENTICATION/);
  });
});
