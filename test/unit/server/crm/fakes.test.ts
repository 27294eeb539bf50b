/**
 * The CRM fakes speak the shapes the connectors rely on (docs/crm.md): if a fake drifts from the
 * reference, these fail before a connector test passes against the wrong thing.
 */
import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHubSpot, type HubSpotFake } from '../../../fakes/hubspot.ts';
import { startSalesforce, type SalesforceFake } from '../../../fakes/salesforce.ts';
import { jwtAssertion } from '../../../../server/crm/salesforce/jwt.ts';

const TOKEN = 'pat-na1-fake';
let hub: HubSpotFake;
let sf: SalesforceFake;
const { privateKey, publicKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
const PEM = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

beforeAll(async () => {
  hub = await startHubSpot({ token: TOKEN, searchCap: 50, perTenSeconds: 1000, uniqueProperties: {} });
  sf = await startSalesforce({ clientId: 'cid', username: 'sync@acme.test', publicKey, batchSize: 3, timeoutAboveRows: 10, externalIds: { Task: ['Signalhouse_Activity_Id__c'] } });
});
afterAll(async () => {
  await hub.close();
  await sf.close();
});

const hs = (path: string, init: RequestInit = {}) =>
  fetch(`${hub.url}${path}`, { ...init, headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json', ...(init.headers as Record<string, string>) } });

describe('the HubSpot fake', () => {
  it('lists with after-paging and associations, and searches by modification time up to its cap', async () => {
    for (let i = 0; i < 60; i += 1) hub.put('companies', { name: `Co ${i}`, domain: `co${i}.test` });
    const contact = hub.put('contacts', { email: 'a@co0.test' });
    hub.associate('contacts', contact.id, 'companies', hub.all('companies')[0]!.id, 279);
    const list = (await (await hs('/crm/v3/objects/contacts?limit=100&associations=companies')).json()) as { results: Array<{ associations: unknown }>; paging?: unknown };
    expect(list.paging).toBeUndefined();
    expect(list.results[0]!.associations).toEqual({ companies: { results: [{ id: hub.all('companies')[0]!.id, type: 'contact_to_company' }] } });
    const page1 = (await (await hs('/crm/objects/2026-03/companies?limit=50')).json()) as { paging: { next: { after: string } } };
    expect(page1.paging.next.after).toBe(hub.all('companies')[49]!.id);

    const search = (after: string) =>
      hs('/crm/v3/objects/companies/search', {
        method: 'POST',
        body: JSON.stringify({ filterGroups: [{ filters: [{ propertyName: 'hs_lastmodifieddate', operator: 'GTE', value: '0' }] }], sorts: [{ propertyName: 'hs_object_id', direction: 'ASCENDING' }], limit: 25, after }),
      });
    const first = (await (await search('0')).json()) as { total: number; results: unknown[]; paging: { next: { after: string } } };
    expect(first).toMatchObject({ total: 60, paging: { next: { after: '25' } } });
    expect((await search('25')).status).toBe(200);
    const capped = await search('50');
    expect(capped.status).toBe(400);
    expect(await capped.json()).toMatchObject({ status: 'error', category: 'VALIDATION_ERROR' });
  });

  it('answers 429 with the policy name and rate headers, and refuses a batch upsert by a property that is not unique', async () => {
    hub.faults.add({ path: '/crm/v3/owners', status: 429, headers: { 'Retry-After': '1' }, body: { status: 'error', errorType: 'RATE_LIMIT', policyName: 'TEN_SECONDLY_ROLLING' } });
    expect((await hs('/crm/v3/owners')).status).toBe(429);
    expect((await hs('/crm/v3/owners')).status).toBe(200);
    const upsert = await hs('/crm/v3/objects/notes/batch/upsert', { method: 'POST', body: JSON.stringify({ inputs: [{ idProperty: 'signalhouse_activity_id', id: 'x', properties: {} }] }) });
    expect(upsert.status).toBe(400);
    expect(await upsert.json()).toMatchObject({ category: 'VALIDATION_ERROR' });
    expect((await fetch(`${hub.url}/crm/v3/owners`)).status).toBe(401);
  });

  it('creates an engagement with its associations, and can drop the connection after storing it', async () => {
    const contact = hub.all('contacts')[0]!;
    hub.faults.add({ method: 'POST', path: '/crm/v3/objects/notes', drop: 'after' });
    const body = JSON.stringify({ properties: { hs_timestamp: '2026-11-23T09:00:00Z', hs_note_body: 'hi' }, associations: [{ to: { id: contact.id }, types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 202 }] }] });
    await expect(hs('/crm/v3/objects/notes', { method: 'POST', body })).rejects.toThrow();
    expect(hub.all('notes')).toHaveLength(1);
    expect(hub.associated('notes', hub.all('notes')[0]!.id, 'contacts')).toEqual([{ id: contact.id, typeId: 202 }]);
  });
});

describe('the Salesforce fake', () => {
  const token = async () => {
    const response = await fetch(`${sf.url}/services/oauth2/token`, {
      method: 'POST',
      body: new URLSearchParams({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion: jwtAssertion({ clientId: 'cid', username: 'sync@acme.test', loginUrl: sf.url, privateKey: PEM }, new Date()) }),
    });
    return (await response.json()) as { access_token: string; instance_url: string };
  };

  it('grants a token for a JWT signed with the right key only', async () => {
    expect((await token()).instance_url).toBe(sf.url);
    const other = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const bad = await fetch(`${sf.url}/services/oauth2/token`, {
      method: 'POST',
      body: new URLSearchParams({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion: jwtAssertion({ clientId: 'cid', username: 'sync@acme.test', loginUrl: sf.url, privateKey: other }, new Date()) }),
    });
    expect(await bad.json()).toMatchObject({ error: 'invalid_grant' });
  });

  it('pages a query by nextRecordsUrl, times out a wide window, and expires sessions', async () => {
    for (let i = 0; i < 7; i += 1) sf.put('Account', { Name: `Acct ${i}` });
    const { access_token } = await token();
    const get = (path: string) => fetch(`${sf.url}${path}`, { headers: { authorization: `Bearer ${access_token}` } });
    const since = new Date(Date.now() - 3_600_000).toISOString();
    const until = new Date(Date.now() + 3_600_000).toISOString();
    let page = (await (await get(`/services/data/v66.0/query?q=${encodeURIComponent(`SELECT Id, Name FROM Account WHERE SystemModstamp >= ${since} AND SystemModstamp < ${until}`)}`)).json()) as { done: boolean; nextRecordsUrl?: string; records: unknown[]; totalSize: number };
    const seen = [...page.records];
    while (!page.done) {
      page = (await (await get(page.nextRecordsUrl!)).json()) as typeof page;
      seen.push(...page.records);
    }
    expect(seen).toHaveLength(7);
    expect(seen[0]).toMatchObject({ attributes: { type: 'Account' }, Name: 'Acct 0' });
    for (let i = 7; i < 12; i += 1) sf.put('Account', { Name: `Acct ${i}` });
    const wide = await get(`/services/data/v66.0/query?q=${encodeURIComponent('SELECT Id FROM Account WHERE SystemModstamp >= 2020-01-01T00:00:00Z')}`);
    expect(await wide.json()).toEqual([{ message: expect.any(String), errorCode: 'QUERY_TIMEOUT' }]);
    sf.expireSessions();
    const expired = await get('/services/data/v66.0/query?q=SELECT+Id+FROM+Account');
    expect(expired.status).toBe(401);
    expect(await expired.json()).toEqual([{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }]);
  });

  it('upserts by external id once, and reports a bad reference per record in a collection', async () => {
    const { access_token } = await token();
    const patch = (path: string, body: unknown) =>
      fetch(`${sf.url}${path}`, { method: 'PATCH', headers: { authorization: `Bearer ${access_token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const first = await patch('/services/data/v66.0/sobjects/Task/Signalhouse_Activity_Id__c/act-1', { Subject: 'Call' });
    expect(first.status).toBe(201);
    const again = await patch('/services/data/v66.0/sobjects/Task/Signalhouse_Activity_Id__c/act-1', { Subject: 'Call' });
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ success: true, created: false });
    const collection = await patch('/services/data/v66.0/composite/sobjects/Task/Signalhouse_Activity_Id__c', {
      allOrNone: false,
      records: [
        { attributes: { type: 'Task' }, Signalhouse_Activity_Id__c: 'act-2', Subject: 'Note' },
        { attributes: { type: 'Task' }, Signalhouse_Activity_Id__c: 'act-3', Subject: 'Note', WhoId: '003RO0000999999AAA' },
      ],
    });
    expect(await collection.json()).toEqual([
      { id: expect.stringMatching(/^00T/), success: true, errors: [], created: true },
      { success: false, errors: [{ statusCode: 'INVALID_CROSS_REFERENCE_KEY', message: expect.any(String), fields: ['WhoId'] }] },
    ]);
    expect(sf.all('Task')).toHaveLength(2);
  });
});
