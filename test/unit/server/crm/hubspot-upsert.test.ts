/**
 * HubSpot write-back by batch upsert where the portal has a unique property (issue 14): when
 * `signalhouse_activity_id` has `hasUniqueValue` on an engagement type, that type's activities go
 * 100 a call through batch upsert by it, then their associations in bulk; a lost answer is sent
 * again and still leaves one engagement each. Where the property is not unique, the create +
 * search-before-retry path stays. Both dialects.
 */
import crypto from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Harness } from '../harness.ts';
import type { HubSpotFake } from '../../../fakes/hubspot.ts';
import { syncCrm } from '../../../../server/crm/sync.ts';
import { FAST, KEY, connectedHubSpot, fastCallEnv, sharedClock } from './crm-test-kit.ts';

let h: Harness;
let hub: HubSpotFake;
let clock: ReturnType<typeof sharedClock>;
let close: () => Promise<void>;

beforeEach(async () => {
  ({ h, hub, clock, close } = await connectedHubSpot('pat-na1-upsert', {
    // Notes and calls have the unique property; emails have it without a unique value.
    uniqueProperties: { notes: ['signalhouse_activity_id'], calls: ['signalhouse_activity_id'] },
    customProperties: ['signalhouse_activity_id'],
  }));
});
afterEach(() => close());

const sync = () => syncCrm(h.db.kysely, { teamId: h.teamA, provider: 'hubspot', key: KEY, now: clock.now(), callEnv: fastCallEnv(), pacing: FAST });
const localId = async (table: 'contacts' | 'accounts', externalId: string) =>
  (await h.db.kysely.selectFrom(table).select('id').where('team_id', '=', h.teamA).where('external_id', '=', externalId).executeTakeFirstOrThrow()).id;
async function log(type: string, contactId: string) {
  const id = crypto.randomUUID();
  const response = await h.request('POST', '/v1/activities', { json: { activities: [{ id, type, subject: `A ${type}`, occurredAt: '2026-11-23T08:30:00.000Z', surface: 'sidepanel', contactId }] } });
  expect((await response.json()).results[0].status).toBe('created');
  return id;
}
const requests = (method: string, path: RegExp) => hub.faults.log.filter((r) => r.method === method && path.test(r.path));

describe('HubSpot batch upsert by a unique property', () => {
  it('upserts each engagement type whose signalhouse_activity_id is unique, 100 a call, with associations; other types are created one at a time', async () => {
    const acme = hub.put('companies', { name: 'Acme Up', domain: 'acme-up.test' });
    const ana = hub.put('contacts', { firstname: 'Ana', lastname: 'Up', email: 'ana@acme-up.test', associatedcompanyid: acme.id });
    clock.tick(60_000);
    await sync();
    const contact = await localId('contacts', ana.id);
    const notes = [await log('note', contact), await log('note', contact), await log('note', contact)];
    const call = await log('call', contact);
    const email = await log('email', contact);
    clock.tick(60_000);
    expect(await sync()).toMatchObject({ status: 'ok', tally: { written: 5, writeFailures: 0 } });

    // One upsert for the three notes, one for the call; the email created on its own.
    expect(requests('POST', /\/objects\/notes\/batch\/upsert$/)).toHaveLength(1);
    expect(requests('POST', /\/objects\/calls\/batch\/upsert$/)).toHaveLength(1);
    expect(requests('POST', /\/objects\/(notes|calls)$/)).toHaveLength(0);
    expect(requests('POST', /\/objects\/emails$/)).toHaveLength(1);
    expect(hub.all('notes').map((n) => n.properties.signalhouse_activity_id).sort()).toEqual([...notes].sort());
    for (const note of hub.all('notes')) {
      expect(hub.associated('notes', note.id, 'contacts')).toEqual([{ id: ana.id, typeId: 202 }]);
      expect(hub.associated('notes', note.id, 'companies')).toEqual([{ id: acme.id, typeId: 190 }]);
    }
    expect(hub.all('calls')[0]!.properties.signalhouse_activity_id).toBe(call);
    expect(hub.all('emails')[0]!.properties.signalhouse_activity_id).toBe(email);
    const rows = await h.db.kysely.selectFrom('crm_writes').select(['activity_id', 'state', 'crm_id']).execute();
    expect(rows.every((r) => r.state === 'sent' && r.crm_id)).toBe(true);
  });

  it('sends an upsert whose answer was lost again, and the portal still holds one engagement per activity', async () => {
    const acme = hub.put('companies', { name: 'Acme Up', domain: 'acme-up.test' });
    const ana = hub.put('contacts', { firstname: 'Ana', lastname: 'Up', email: 'ana@acme-up.test', associatedcompanyid: acme.id });
    clock.tick(60_000);
    await sync();
    const contact = await localId('contacts', ana.id);
    const ids = [await log('note', contact), await log('note', contact)];
    // Every try of the upsert is applied and its answer lost: the run gives up, the writes wait.
    hub.faults.add({ method: 'POST', path: '/crm/v3/objects/notes/batch/upsert', drop: 'after', times: 5 });
    clock.tick(60_000);
    expect((await sync()).status).toBe('failed');
    expect(hub.all('notes')).toHaveLength(2);
    clock.tick(60_000);
    expect(await sync()).toMatchObject({ status: 'ok', tally: { written: 2 } });
    expect(hub.all('notes').map((n) => n.properties.signalhouse_activity_id).sort()).toEqual([...ids].sort());
  });
});
