import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeHarness, type Harness } from '../harness.ts';
import { addAccount, addContact } from './people.ts';
import { DirectorySearch } from '../../../../shared/directory.ts';

let h: Harness;
beforeAll(async () => {
  h = await makeHarness();
  const k = h.db.kysely;
  await addAccount(k, h.teamA, { id: 'acc_nw', name: 'Northwind Traders', domains: ['northwind.test', 'nwtraders.test'], tier: 1, stage: 'evaluating', ownerId: h.rep.id });
  await addAccount(k, h.teamA, { id: 'acc_gn', name: 'Great Northwind Co', domains: ['greatnorth.test'], tier: 3 });
  await addAccount(k, h.teamA, { id: 'acc_pct', name: '100% Organic_Foods' });
  await addAccount(k, h.teamA, { id: 'acc_or', name: 'Örebro Logistik' });
  await addAccount(k, h.teamA, { id: 'acc_ang', name: 'ÅNGSTRÖM Verken' });
  await addAccount(k, h.teamB, { id: 'acc_b_nw', name: 'Northwind Holdings', domains: ['northwind-holdings.test'] });
  await addContact(k, h.teamA, { id: 'ct_1', name: 'Zoë Ångström', title: 'CFO', accountId: 'acc_nw', emails: ['zoe@northwind.test'], slug: 'zoe-angstrom' });
  await addContact(k, h.teamA, { id: 'ct_2', name: 'Northrop Kell', title: 'Buyer', accountId: 'acc_gn' });
  await addContact(k, h.teamA, { id: 'ct_3', name: 'Alma Zoeller' });
  await addContact(k, h.teamA, { id: 'ct_d1', name: 'Dana Baker' });
  await addContact(k, h.teamA, { id: 'ct_d2', name: 'Aldana Cruz' });
  await addContact(k, h.teamA, { id: 'ct_d3', name: 'Dana Able' });
  await addContact(k, h.teamB, { id: 'ct_b', name: 'Zoë Ångström', emails: ['zoe@northwind.test'] });
});
afterAll(() => h.close());

const search = async (q: string, token?: string) => {
  const res = await h.request('GET', `/v1/accounts?q=${encodeURIComponent(q)}`, token ? { token } : {});
  expect(res.status).toBe(200);
  // The extension parses the answer with the shared schema; so does every test here.
  return DirectorySearch.parse(await res.json());
};

describe('searching accounts and contacts', () => {
  it('finds accounts by any part of the name, case-insensitively, those starting with it first', async () => {
    const { accounts, contacts } = await search('NORTHWIND');
    expect(accounts).toEqual([
      { id: 'acc_nw', name: 'Northwind Traders', domains: ['northwind.test', 'nwtraders.test'], tier: 1, stage: 'evaluating' },
      { id: 'acc_gn', name: 'Great Northwind Co', domains: ['greatnorth.test'], tier: 3, stage: 'engaged' },
    ]);
    expect(contacts).toEqual([]);
  });

  it('folds the case of every letter in account names, not only ASCII', async () => {
    expect((await search('örebro')).accounts.map((a) => a.id)).toEqual(['acc_or']);
    expect((await search('ÖREBRO log')).accounts.map((a) => a.id)).toEqual(['acc_or']);
    expect((await search('ångström')).accounts.map((a) => a.id)).toEqual(['acc_ang']);
    expect((await search('verken')).accounts.map((a) => a.id)).toEqual(['acc_ang']);
  });

  it('finds contacts by name with accents and case folded, with their account', async () => {
    const { contacts } = await search('zoe ang');
    expect(contacts).toEqual([{ id: 'ct_1', name: 'Zoë Ångström', title: 'CFO', accountId: 'acc_nw', accountName: 'Northwind Traders' }]);
    // "Zoe" starts one name and sits inside another: the one it starts comes first.
    expect((await search('ZOE')).contacts.map((c: { id: string }) => c.id)).toEqual(['ct_1', 'ct_3']);
  });

  it('lists names starting with the text before names containing it, within the limit', async () => {
    const ids = async (q: string, limit: number) => {
      const res = await h.request('GET', `/v1/accounts?q=${encodeURIComponent(q)}&limit=${limit}`);
      return DirectorySearch.parse(await res.json()).contacts.map((c) => c.id);
    };
    expect(await ids('dana', 2)).toEqual(['ct_d3', 'ct_d1']);
    expect(await ids('DANA', 10)).toEqual(['ct_d3', 'ct_d1', 'ct_d2']);
    expect(await ids('ldan', 10)).toEqual(['ct_d2']);
  });

  it('answers an exact domain, email or LinkedIn URL with its record first', async () => {
    expect((await search('www.NWTraders.test')).accounts.map((a: { id: string }) => a.id)).toEqual(['acc_nw']);
    const byEmail = await search('Zoe@Northwind.test');
    expect(byEmail.contacts.map((c: { id: string }) => c.id)).toEqual(['ct_1']);
    expect(byEmail.accounts.map((a: { id: string }) => a.id)).toEqual(['acc_nw']);
    expect((await search('https://de.linkedin.com/in/zoe-angstrom/')).contacts.map((c: { id: string }) => c.id)).toEqual(['ct_1']);
  });

  it('takes % and _ literally', async () => {
    expect((await search('100%')).accounts.map((a: { id: string }) => a.id)).toEqual(['acc_pct']);
    expect((await search('100_')).accounts).toEqual([]);
    expect((await search('%')).accounts.map((a: { id: string }) => a.id)).toEqual(['acc_pct']);
  });

  it('never shows another team’s accounts or contacts', async () => {
    const a = await search('northwind');
    expect(a.accounts.map((x: { id: string }) => x.id)).not.toContain('acc_b_nw');
    const b = await search('northwind', h.otherRep.token);
    expect(b.accounts.map((x: { id: string }) => x.id)).toEqual(['acc_b_nw']);
    expect((await search('zoe@northwind.test', h.otherRep.token)).contacts.map((c: { id: string }) => c.id)).toEqual(['ct_b']);
  });

  it('respects the limit and rejects a missing query or unknown parameter', async () => {
    const res = await h.request('GET', '/v1/accounts?q=north&limit=1');
    const body = await res.json();
    expect(body.accounts).toHaveLength(1);
    expect(body.contacts).toHaveLength(1);
    for (const url of ['/v1/accounts', '/v1/accounts?q=%20', '/v1/accounts?q=a&limit=500', '/v1/accounts?q=a&sort=name']) {
      const bad = await h.request('GET', url);
      expect(bad.status, url).toBe(422);
      expect(bad.headers.get('content-type')).toBe('application/problem+json');
    }
  });
});

describe('an account summary', () => {
  it('shows the team’s account with its domains, owner and contact count', async () => {
    const res = await h.request('GET', '/v1/accounts/acc_nw');
    expect(res.status).toBe(200);
    expect((await res.json()).account).toMatchObject({
      id: 'acc_nw',
      name: 'Northwind Traders',
      domains: ['northwind.test', 'nwtraders.test'],
      tier: 1,
      stage: 'evaluating',
      owner: { id: h.rep.id },
      contacts: 1,
      lastTouch: null,
    });
  });

  it('is a 404 with no data for another team’s account', async () => {
    const res = await h.request('GET', '/v1/accounts/acc_b_nw');
    expect(res.status).toBe(404);
    const text = await res.text();
    expect(text).not.toContain('Northwind');
    expect((await h.request('GET', '/v1/accounts/acc_nope')).status).toBe(404);
  });
});
