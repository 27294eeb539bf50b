/**
 * A CRM deletion tombstones the record (issue 14): it leaves briefs (by id, by LinkedIn profile, by
 * email), resolution, search and the owner's digest book, and every rep's cache through
 * `/v1/changes` and the brief's null answer (the digest book skips it too); nothing is erased, and a record the CRM restores is
 * shown again. Both dialects.
 */
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
  ({ h, hub, clock, close } = await connectedHubSpot('pat-na1-deleted'));
  hub.owners = [{ id: '88', email: 'rep@a.test', firstName: 'R', lastName: 'Ep', archived: false }];
});
afterEach(() => close());

const sync = async () => {
  clock.tick(60_000);
  const result = await syncCrm(h.db.kysely, { teamId: h.teamA, provider: 'hubspot', key: KEY, now: clock.now(), callEnv: fastCallEnv(), pacing: FAST });
  expect(result.status).toBe('ok');
  return result;
};
const idOf = async (table: 'contacts' | 'accounts', externalId: string) =>
  (await h.db.kysely.selectFrom(table).select('id').where('team_id', '=', h.teamA).where('external_id', '=', externalId).executeTakeFirstOrThrow()).id;
const post = async (url: string, json: unknown) => (await h.request('POST', url, { json })).json();
const profile = { kind: 'linkedin', profileUrl: 'https://www.linkedin.com/in/vera-gone/' };
const email = { kind: 'email', address: 'vera@gone-co.test' };

/** What a rep sees of Vera and her company across briefs, resolution and search. */
async function seen(contactId: string, accountId: string) {
  const briefs = (await post('/v1/briefs', { refs: [profile, email, { contactId }, { accountId }] })) as { briefs: unknown[] };
  const resolved = JSON.stringify(await post('/v1/resolve', { refs: [profile, email] }));
  const search = JSON.stringify(await (await h.request('GET', '/v1/accounts?q=Gone')).json());
  const people = JSON.stringify(await (await h.request('GET', '/v1/accounts?q=Vera')).json());
  return {
    briefs: briefs.briefs.map((b) => b !== null),
    resolved: resolved.includes(contactId) || resolved.includes(accountId),
    searchAccount: search.includes(accountId),
    searchContact: people.includes(contactId),
  };
}

describe('a record the CRM deleted', () => {
  it('leaves briefs, resolution and search, is not erased, and comes back when the CRM restores it', async () => {
    const company = hub.put('companies', { name: 'Gone Co', domain: 'gone-co.test', hubspot_owner_id: '88' });
    const vera = hub.put('contacts', { firstname: 'Vera', lastname: 'Gone', email: 'vera@gone-co.test', hs_linkedin_url: 'https://www.linkedin.com/in/vera-gone/', associatedcompanyid: company.id });
    await sync();
    const [contactId, accountId] = [await idOf('contacts', vera.id), await idOf('accounts', company.id)];
    expect(await seen(contactId, accountId)).toEqual({ briefs: [true, true, true, true], resolved: true, searchAccount: true, searchContact: true });

    hub.archive('contacts', vera.id);
    hub.archive('companies', company.id);
    expect((await sync()).tally.deleted).toBe(2);
    expect(await seen(contactId, accountId)).toEqual({ briefs: [false, false, false, false], resolved: false, searchAccount: false, searchContact: false });
    // Every rep's cache drops both through /v1/changes.
    const changes = JSON.stringify(await (await h.request('GET', '/v1/changes?since=0')).json());
    expect(changes).toContain(contactId);
    expect(changes).toContain(accountId);
    // Tombstoned, not erased: the rows and the person's email are still held.
    expect(await h.db.kysely.selectFrom('contact_emails').select('email').where('contact_id', '=', contactId).execute()).toEqual([{ email: 'vera@gone-co.test' }]);

    // Restored in HubSpot (an undo in its recycle bin): seen again.
    hub.put('companies', { name: 'Gone Co' }, company.id);
    hub.put('contacts', { firstname: 'Vera' }, vera.id);
    await sync();
    expect(await seen(contactId, accountId)).toEqual({ briefs: [true, true, true, true], resolved: true, searchAccount: true, searchContact: true });
  });
});
