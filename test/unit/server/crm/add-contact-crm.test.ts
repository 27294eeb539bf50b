/**
 * "Add as contact" reaches the CRM (issue 14): a contact a rep added from a page (`POST
 * /v1/contacts`) is queued in the write-back outbox in the transaction that adds it, created in
 * HubSpot or Salesforce once, with our id as its back-reference and its company, and linked back
 * (its CRM id), so the next pull updates it rather than importing a second one and an activity
 * logged on it is associated with it. Both dialects.
 */
import crypto from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeHarness, type Harness } from '../harness.ts';
import { startHubSpot, type HubSpotFake } from '../../../fakes/hubspot.ts';
import { startSalesforce, type SalesforceFake } from '../../../fakes/salesforce.ts';
import { connectCrm } from '../../../../server/crm/connections.ts';
import { syncCrm, type SyncOptions } from '../../../../server/crm/sync.ts';
import { FAST, KEY, fastCallEnv, sharedClock } from './crm-test-kit.ts';

const TOKEN = 'pat-na1-add-contact';
let h: Harness;
let clock: ReturnType<typeof sharedClock>;

beforeEach(async () => {
  h = await makeHarness();
  clock = sharedClock();
  h.clock.now = clock.at;
});
afterEach(() => h.close());

async function addContact(accountId: string) {
  const response = await h.request('POST', '/v1/contacts', {
    json: {
      id: crypto.randomUUID(),
      accountId,
      name: 'Erik van Holm',
      title: 'Head of Data',
      email: 'erik@acme-add.test',
      linkedinUrl: 'https://www.linkedin.com/in/erik-holm/',
      page: { site: 'linkedin', url: 'https://www.linkedin.com/in/erik-holm/' },
    },
  });
  expect(response.status).toBe(201);
  return ((await response.json()) as { contactId: string }).contactId;
}
const accountId = async (externalId: string) =>
  (await h.db.kysely.selectFrom('accounts').select('id').where('team_id', '=', h.teamA).where('external_id', '=', externalId).executeTakeFirstOrThrow()).id;
const contactRows = () => h.db.kysely.selectFrom('contacts').select(['id', 'external_id', 'title']).where('team_id', '=', h.teamA).orderBy('id').execute();
const writes = () => h.db.kysely.selectFrom('crm_writes').selectAll().orderBy('created_at').execute();
async function logNote(contactId: string) {
  const id = crypto.randomUUID();
  const response = await h.request('POST', '/v1/activities', { json: { activities: [{ id, type: 'note', body: 'Met at the booth', occurredAt: '2026-11-23T08:30:00.000Z', surface: 'sidepanel', contactId }] } });
  expect((await response.json()).results[0].status).toBe('created');
  return id;
}

describe('Add as contact in HubSpot', () => {
  let hub: HubSpotFake;
  beforeEach(async () => {
    hub = await startHubSpot({ token: TOKEN, now: clock.now });
    await connectCrm(h.db.kysely, h.teamA, { provider: 'hubspot', token: TOKEN, baseUrl: hub.url }, KEY, null, clock.now());
  });
  afterEach(() => hub.close());
  const sync = (extra: Partial<SyncOptions> = {}) => syncCrm(h.db.kysely, { teamId: h.teamA, provider: 'hubspot', key: KEY, now: clock.now(), callEnv: fastCallEnv(), pacing: FAST, ...extra });

  it('creates the contact once with signalhouse_contact_id and its company, and the next pull updates it rather than adding another', async () => {
    const acme = hub.put('companies', { name: 'Acme Add', domain: 'acme-add.test' });
    clock.tick(60_000);
    expect((await sync()).status).toBe('ok');
    const id = await addContact(await accountId(acme.id));
    // Queued in the transaction that added it.
    expect(await writes()).toMatchObject([{ kind: 'contact', activity_id: id, contact_id: id, state: 'pending' }]);

    clock.tick(60_000);
    const run = await sync();
    expect(run).toMatchObject({ status: 'ok', tally: { contactsCreated: 1 } });
    const created = hub.all('contacts');
    expect(created).toHaveLength(1);
    expect(created[0]!.properties).toMatchObject({ signalhouse_contact_id: id, firstname: 'Erik van', lastname: 'Holm', email: 'erik@acme-add.test', jobtitle: 'Head of Data', hs_linkedin_url: 'https://www.linkedin.com/in/erik-holm/' });
    expect(hub.associated('contacts', created[0]!.id, 'companies')).toEqual([{ id: acme.id, typeId: 279 }]);
    expect(await contactRows()).toEqual([{ id, external_id: created[0]!.id, title: 'Head of Data' }]);
    expect(await writes()).toMatchObject([{ kind: 'contact', state: 'sent', crm_id: created[0]!.id }]);

    // An activity on the new contact is associated with it in HubSpot.
    await logNote(id);
    clock.tick(60_000);
    await sync();
    const note = hub.all('notes')[0]!;
    expect(hub.associated('notes', note.id, 'contacts')).toEqual([{ id: created[0]!.id, typeId: 202 }]);

    // An edit in HubSpot arrives on the same contact; nothing is created twice either side.
    clock.tick(60_000);
    hub.put('contacts', { jobtitle: 'Chief Data Officer' }, created[0]!.id);
    clock.tick(60_000);
    await sync();
    expect(hub.all('contacts')).toHaveLength(1);
    expect(await contactRows()).toEqual([{ id, external_id: created[0]!.id, title: 'Chief Data Officer' }]);
  });

  it('never creates it twice when the answer was lost: the next run finds it by signalhouse_contact_id', async () => {
    const acme = hub.put('companies', { name: 'Acme Add', domain: 'acme-add.test' });
    clock.tick(60_000);
    await sync();
    const id = await addContact(await accountId(acme.id));
    hub.faults.add({ method: 'POST', path: '/crm/v3/objects/contacts', drop: 'after' });
    clock.tick(60_000);
    await sync();
    expect(hub.all('contacts')).toHaveLength(1);
    expect(await writes()).toMatchObject([{ state: 'unknown' }]);
    clock.tick(120_000);
    await sync();
    expect(hub.all('contacts')).toHaveLength(1);
    expect(await writes()).toMatchObject([{ state: 'sent', crm_id: hub.all('contacts')[0]!.id }]);
    expect((await contactRows())[0]).toMatchObject({ id, external_id: hub.all('contacts')[0]!.id });
  });
});

describe('Add as contact in Salesforce', () => {
  let sf: SalesforceFake;
  const { privateKey, publicKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  beforeEach(async () => {
    sf = await startSalesforce({
      clientId: '3MVG9-add',
      username: 'sync@acme.test',
      publicKey,
      now: clock.now,
      externalIds: { Contact: ['Signalhouse_Contact_Id__c'], Task: ['Signalhouse_Activity_Id__c'], Event: ['Signalhouse_Activity_Id__c'] },
    });
    await connectCrm(h.db.kysely, h.teamA, { provider: 'salesforce', loginUrl: sf.url, clientId: '3MVG9-add', username: 'sync@acme.test', privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() }, KEY, null, clock.now());
  });
  afterEach(() => sf.close());
  const sync = () => syncCrm(h.db.kysely, { teamId: h.teamA, provider: 'salesforce', key: KEY, now: clock.now(), callEnv: fastCallEnv(), pacing: FAST });

  it('upserts the Contact by Signalhouse_Contact_Id__c with its AccountId, once, and the next pull updates it rather than adding another', async () => {
    const acme = sf.put('Account', { Name: 'Acme Add', Website: 'acme-add.test' });
    clock.tick(60_000);
    expect((await sync()).status).toBe('ok');
    const id = await addContact(await accountId(acme.Id));
    clock.tick(60_000);
    expect(await sync()).toMatchObject({ status: 'ok', tally: { contactsCreated: 1 } });
    const created = sf.all('Contact');
    expect(created).toHaveLength(1);
    expect(created[0]).toMatchObject({ Signalhouse_Contact_Id__c: id, FirstName: 'Erik van', LastName: 'Holm', Email: 'erik@acme-add.test', Title: 'Head of Data', AccountId: acme.Id });
    expect(await contactRows()).toEqual([{ id, external_id: created[0]!.Id, title: 'Head of Data' }]);

    await logNote(id);
    clock.tick(60_000);
    await sync();
    expect(sf.all('Task')[0]).toMatchObject({ WhoId: created[0]!.Id });
    clock.tick(60_000);
    sf.put('Contact', { Title: 'Chief Data Officer' }, created[0]!.Id);
    clock.tick(60_000);
    await sync();
    expect(sf.all('Contact')).toHaveLength(1);
    expect(await contactRows()).toEqual([{ id, external_id: created[0]!.Id, title: 'Chief Data Officer' }]);
    expect(await writes()).toMatchObject([{ kind: 'contact', state: 'sent' }, { kind: 'activity', state: 'sent' }]);
  });
});
