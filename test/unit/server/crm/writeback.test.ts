import crypto from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeHarness, type Harness } from '../harness.ts';
import { startHubSpot, type HubSpotFake } from '../../../fakes/hubspot.ts';
import { startSalesforce, type SalesforceFake } from '../../../fakes/salesforce.ts';
import { connectCrm } from '../../../../server/crm/connections.ts';
import { syncCrm, type SyncOptions } from '../../../../server/crm/sync.ts';
import { erasePerson } from '../../../../server/admin/erase.ts';
import { FAST, KEY, fastCallEnv, sharedClock } from './crm-test-kit.ts';

const TOKEN = 'pat-na1-writeback';
let h: Harness;
let clock: ReturnType<typeof sharedClock>;

beforeEach(async () => {
  h = await makeHarness();
  clock = sharedClock();
  h.clock.now = clock.at;
});
afterEach(() => h.close());

/** Logs one activity as the rep, through the API the extension uses. */
async function logActivity(fields: Record<string, unknown>) {
  const id = crypto.randomUUID();
  const response = await h.request('POST', '/v1/activities', { json: { activities: [{ id, type: 'note', occurredAt: '2026-11-23T08:30:00.000Z', surface: 'sidepanel', ...fields }] } });
  expect(response.status).toBe(200);
  expect((await response.json()).results[0].status).toBe('created');
  return id;
}
const localId = async (table: 'contacts' | 'deals', externalId: string) =>
  (await h.db.kysely.selectFrom(table).select('id').where('team_id', '=', h.teamA).where('external_id', '=', externalId).executeTakeFirstOrThrow()).id;
const writes = () => h.db.kysely.selectFrom('crm_writes').selectAll().orderBy('created_at').execute();

describe('writing activities back to HubSpot', () => {
  let hub: HubSpotFake;
  beforeEach(async () => {
    hub = await startHubSpot({ token: TOKEN, now: clock.now });
    await connectCrm(h.db.kysely, h.teamA, { provider: 'hubspot', token: TOKEN, baseUrl: hub.url }, KEY, null, clock.now());
    hub.owners = [{ id: '88', email: 'rep@a.test', firstName: 'R', lastName: 'Ep', archived: false }];
  });
  afterEach(() => hub.close());
  const sync = (extra: Partial<SyncOptions> = {}) => syncCrm(h.db.kysely, { teamId: h.teamA, provider: 'hubspot', key: KEY, now: clock.now(), callEnv: fastCallEnv(), pacing: FAST, ...extra });

  async function portal() {
    const acme = hub.put('companies', { name: 'Acme', domain: 'acme-wb.test' });
    const ana = hub.put('contacts', { firstname: 'Ana', lastname: 'Lind', email: 'ana@acme-wb.test', associatedcompanyid: acme.id });
    const bo = hub.put('contacts', { firstname: 'Bo', lastname: 'Ek', email: 'bo@acme-wb.test', associatedcompanyid: acme.id });
    const deal = hub.put('deals', { dealname: 'Acme deal', dealstage: 'qualifiedtobuy' });
    hub.associate('deals', deal.id, 'companies', acme.id, 5);
    clock.tick(60_000);
    expect((await sync()).status).toBe('ok');
    return { acme, ana, bo, deal };
  }

  it('queues an activity in the transaction that records it and writes it once, with its contact, company and deal', async () => {
    const p = await portal();
    const id = await logActivity({ type: 'call', subject: 'Intro call', body: 'Talked pricing', contactId: await localId('contacts', p.ana.id), dealId: await localId('deals', p.deal.id) });
    expect(await writes()).toMatchObject([{ activity_id: id, state: 'pending' }]);
    clock.tick(60_000);
    const run = await sync();
    expect(run).toMatchObject({ status: 'ok', tally: { written: 1 } });
    const calls = hub.all('calls');
    expect(calls).toHaveLength(1);
    expect(calls[0]!.properties).toMatchObject({ signalhouse_activity_id: id, hs_call_title: 'Intro call', hs_call_body: 'Talked pricing', hubspot_owner_id: '88', hs_timestamp: '2026-11-23T08:30:00.000Z' });
    expect(hub.associated('calls', calls[0]!.id, 'contacts')).toEqual([{ id: p.ana.id, typeId: 194 }]);
    expect(hub.associated('calls', calls[0]!.id, 'companies')).toEqual([{ id: p.acme.id, typeId: 182 }]);
    expect(hub.associated('calls', calls[0]!.id, 'deals')).toEqual([{ id: p.deal.id, typeId: 206 }]);
    expect(await writes()).toMatchObject([{ state: 'sent', crm_id: calls[0]!.id, crm_type: 'calls' }]);
    clock.tick(60_000);
    await sync();
    expect(hub.all('calls')).toHaveLength(1);
    // A LinkedIn message becomes a communication.
    await logActivity({ type: 'linkedin_message', body: 'Thanks for connecting', contactId: await localId('contacts', p.ana.id) });
    await sync();
    expect(hub.all('communications')[0]!.properties).toMatchObject({ hs_communication_channel_type: 'LINKEDIN_MESSAGE', hs_communication_body: 'Thanks for connecting' });
  });

  it('never writes twice when the answer to a create is lost: it looks for the activity id before trying again', async () => {
    const p = await portal();
    await logActivity({ type: 'email', subject: 'Proposal', contactId: await localId('contacts', p.ana.id) });
    hub.faults.add({ method: 'POST', path: '/crm/v3/objects/emails', drop: 'after' });
    await sync();
    expect(hub.all('emails')).toHaveLength(1);
    expect(await writes()).toMatchObject([{ state: 'unknown' }]);
    // Too soon to trust search: left alone.
    await sync();
    expect(hub.faults.log.filter((r) => r.path.endsWith('/emails/search'))).toHaveLength(0);
    clock.tick(120_000);
    await sync();
    expect(hub.all('emails')).toHaveLength(1);
    expect(await writes()).toMatchObject([{ state: 'sent', crm_id: hub.all('emails')[0]!.id }]);
  });

  it('keeps the rest of a run when one write is refused, and retries the refused one next run', async () => {
    const p = await portal();
    await logActivity({ subject: 'first', contactId: await localId('contacts', p.ana.id) });
    clock.tick(1000);
    h.clock.now = clock.at;
    await logActivity({ subject: 'second', contactId: await localId('contacts', p.bo.id) });
    hub.faults.add({ method: 'POST', path: '/crm/v3/objects/notes', status: 400, body: { status: 'error', message: 'Property values were not valid', category: 'VALIDATION_ERROR' } });
    const run = await sync();
    expect(run.tally).toMatchObject({ written: 1, writeFailures: 1 });
    expect((await writes()).map((w) => [w.state, w.attempts])).toEqual([
      ['pending', 1],
      ['sent', 0],
    ]);
    const status = await h.request('GET', '/v1/admin/crm', { token: h.admin.token });
    expect((await status.json()).connections[0]).toMatchObject({ pendingWrites: 1, failedWrites: 0 });
    await sync();
    expect(hub.all('notes').map((n) => n.properties.hs_note_body).sort()).toEqual(['first', 'second']);
  });

  it('never writes an activity of a person erased after it was logged', async () => {
    const p = await portal();
    const bo = await localId('contacts', p.bo.id);
    await logActivity({ subject: 'about Bo', contactId: bo });
    await erasePerson(h.db.kysely, h.teamA, { contactId: bo }, null, clock.now());
    await sync();
    expect(hub.all('notes')).toEqual([]);
    expect(await writes()).toMatchObject([{ state: 'skipped' }]);
  });

  it('says a write landed when its lost answer was for a person erased since, and sends nothing more', async () => {
    const p = await portal();
    const bo = await localId('contacts', p.bo.id);
    await logActivity({ subject: 'about Bo', contactId: bo });
    hub.faults.add({ method: 'POST', path: '/crm/v3/objects/notes', drop: 'after' });
    await sync();
    await erasePerson(h.db.kysely, h.teamA, { contactId: bo }, null, clock.now());
    clock.tick(120_000);
    await sync();
    expect(hub.all('notes')).toHaveLength(1);
    expect(await writes()).toMatchObject([{ state: 'sent', crm_id: hub.all('notes')[0]!.id, last_error: 'written before the person was erased' }]);
  });
});

describe('writing activities back to Salesforce', () => {
  const { privateKey, publicKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  const PEM = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  let sf: SalesforceFake;
  beforeEach(async () => {
    sf = await startSalesforce({ clientId: 'cid', username: 'sync@acme.test', publicKey, now: clock.now, externalIds: { Task: ['Signalhouse_Activity_Id__c'], Event: ['Signalhouse_Activity_Id__c'] } });
    await connectCrm(h.db.kysely, h.teamA, { provider: 'salesforce', loginUrl: sf.url, clientId: 'cid', username: 'sync@acme.test', privateKey: PEM }, KEY, null, clock.now());
  });
  afterEach(() => sf.close());
  const sync = () => syncCrm(h.db.kysely, { teamId: h.teamA, provider: 'salesforce', key: KEY, now: clock.now(), callEnv: fastCallEnv(), pacing: FAST });

  it('upserts Tasks and Events by the activity id with WhoId and WhatId, once however often it is sent', async () => {
    const rep = sf.put('User', { Email: 'rep@a.test' });
    const acme = sf.put('Account', { Name: 'Acme SF', Website: 'acme-sfwb.test' });
    const ana = sf.put('Contact', { FirstName: 'Ana', LastName: 'S', Email: 'ana@acme-sfwb.test', AccountId: acme.Id });
    const opp = sf.put('Opportunity', { Name: 'Opp', AccountId: acme.Id, StageName: 'Prospecting' });
    clock.tick(60_000);
    await sync();
    const call = await logActivity({ type: 'call', subject: 'Discovery', contactId: await localId('contacts', ana.Id), dealId: await localId('deals', opp.Id) });
    const meeting = await logActivity({ type: 'meeting', subject: 'Demo', contactId: await localId('contacts', ana.Id) });
    sf.faults.add({ method: 'PATCH', path: '/services/data/v66.0/composite/sobjects/Task', drop: 'after' });
    clock.tick(60_000);
    const run = await sync();
    expect(run.status).toBe('ok');
    expect(sf.all('Task')).toEqual([expect.objectContaining({ Signalhouse_Activity_Id__c: call, Subject: 'Discovery', WhoId: ana.Id, WhatId: opp.Id, OwnerId: rep.Id, TaskSubtype: 'Call', Status: 'Completed' })]);
    expect(sf.all('Event')).toEqual([expect.objectContaining({ Signalhouse_Activity_Id__c: meeting, WhoId: ana.Id, WhatId: acme.Id, StartDateTime: '2026-11-23T08:30:00.000Z' })]);
    clock.tick(60_000);
    await sync();
    expect(sf.all('Task')).toHaveLength(1);
    expect((await writes()).map((w) => w.state)).toEqual(['sent', 'sent']);
  });

  it('keeps the other records of a collection when the org refuses one', async () => {
    const acme = sf.put('Account', { Name: 'Acme SF', Website: 'acme-sfwb2.test' });
    const ana = sf.put('Contact', { LastName: 'Ana', Email: 'ana@acme-sfwb2.test', AccountId: acme.Id });
    const bo = sf.put('Contact', { LastName: 'Bo', Email: 'bo@acme-sfwb2.test', AccountId: acme.Id });
    clock.tick(60_000);
    await sync();
    await logActivity({ subject: 'to Ana', contactId: await localId('contacts', ana.Id) });
    await logActivity({ subject: 'to Bo', contactId: await localId('contacts', bo.Id) });
    // Deleted in the org after our last pull: the Task's WhoId no longer resolves.
    sf.remove('Contact', bo.Id);
    await sync();
    expect(sf.all('Task').map((t) => t.Subject)).toEqual(['to Ana']);
    const states = (await writes()).map((w) => [w.state, w.last_error]);
    expect(states).toContainEqual(['pending', expect.stringMatching(/INVALID_CROSS_REFERENCE_KEY \(WhoId\)/)]);
  });
});
