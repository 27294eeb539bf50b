/**
 * The brief cache on an in-memory IndexedDB: stale-while-revalidate (cached first, fresh after;
 * the cached one stays with its age when the server is down), eviction by age then LRU size, and
 * erasure of every brief that mentions a forgotten contact.
 */
import 'fake-indexeddb/auto';
import { Dexie } from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import type { Brief } from '../../../../shared/brief.ts';
import {
  briefWithRevalidation,
  evictBriefs,
  forgetAccounts,
  forgetContacts,
  forgetDeals,
  isNotInCrm,
  readBrief,
  settleCacheWrites,
  storeBrief,
  type NotInCrm,
} from '../../../../extension/core/background/cache.ts';
import { closeSignalhouseDb, DB_NAME, signalhouseDb } from '../../../../extension/core/background/db.ts';
import { contactBrief, field } from './contact-brief.ts';

const T0 = Date.parse('2025-03-03T09:00:00Z');
const MIN = 60_000;
const DAY = 24 * 60 * MIN;

const brief = (contactId: string, title: string, extra: Partial<Brief> = {}) => contactBrief(contactId, title, extra);
const titleOf = (value: Brief | NotInCrm) => (isNotInCrm(value) ? null : value.contact?.title.value);

afterEach(async () => {
  closeSignalhouseDb();
  await Dexie.delete(DB_NAME);
});

describe('stale-while-revalidate', () => {
  it('paints the cached brief at once, then the fresh one, and keeps the fresh one', async () => {
    await storeBrief('linkedin:jane-doe', brief('ct_1', 'VP Sales'), T0);
    let release!: (b: Brief) => void;
    const server = new Promise<Brief>((resolve) => (release = resolve));

    const { cached, fresh } = await briefWithRevalidation('linkedin:jane-doe', () => server, T0 + 5 * MIN);
    // The server has not answered yet, and the panel already has something to paint.
    expect(titleOf(cached!.brief)).toBe('VP Sales');
    expect(cached!.fetchedAt).toBe(T0);
    expect(cached!.ageMs).toBe(5 * MIN);

    release(brief('ct_1', 'Chief Revenue Officer'));
    const next = await fresh;
    expect(next.status).toBe('fresh');
    if (next.status !== 'fresh') return;
    expect(titleOf(next.brief)).toBe('Chief Revenue Officer');
    expect(next.fetchedAt).toBe(T0 + 5 * MIN);

    const later = await readBrief('linkedin:jane-doe', T0 + 6 * MIN);
    expect(titleOf(later!.brief)).toBe('Chief Revenue Officer');
    expect(later!.fetchedAt).toBe(T0 + 5 * MIN);
  });

  it('with the server down keeps the cached brief, marked with its age', async () => {
    await storeBrief('linkedin:jane-doe', brief('ct_1', 'VP Sales'), T0);
    const { cached, fresh } = await briefWithRevalidation(
      'linkedin:jane-doe',
      () => Promise.reject(new TypeError('Failed to fetch')),
      T0 + 3 * DAY,
    );
    expect(titleOf(cached!.brief)).toBe('VP Sales');
    const next = await fresh;
    expect(next).toMatchObject({ status: 'failed', error: 'Failed to fetch', cached: { fetchedAt: T0, ageMs: 3 * DAY } });
    // Nothing was lost or overwritten by the failure.
    expect((await readBrief('linkedin:jane-doe', T0 + 3 * DAY))!.fetchedAt).toBe(T0);
  });

  it('a miss paints nothing, then the fresh answer, which may be "not in CRM" with suggestions', async () => {
    const notInCrm: NotInCrm = {
      notInCrm: true,
      suggestions: [{ contactId: 'ct_9', name: 'Jane Doe', confidence: 0.6, explanation: 'name and company: confirm?' }],
      warnings: [],
    };
    const { cached, fresh } = await briefWithRevalidation('linkedin:someone', async () => notInCrm, T0);
    expect(cached).toBeNull();
    expect(await fresh).toEqual({ status: 'fresh', brief: notInCrm, fetchedAt: T0 });
    const hit = await readBrief('linkedin:someone', T0 + MIN);
    expect(isNotInCrm(hit!.brief)).toBe(true);
  });

  it('shares one request between concurrent panels, and skips it while the cache is younger than freshForMs', async () => {
    let calls = 0;
    const fetcher = async () => {
      calls++;
      return brief('ct_1', 'VP Sales');
    };
    const [a, b] = await Promise.all([briefWithRevalidation('k', fetcher, T0), briefWithRevalidation('k', fetcher, T0)]);
    await Promise.all([a.fresh, b.fresh]);
    expect(calls).toBe(1);

    const young = await briefWithRevalidation('k', fetcher, T0 + 10_000, { freshForMs: 30_000 });
    expect((await young.fresh).status).toBe('skipped');
    expect(calls).toBe(1);
  });

  it('does not hand a request with more of the page (the current company) the answer to one by the URL alone still in flight', async () => {
    const url = { kind: 'linkedin' as const, profileUrl: 'https://www.linkedin.com/in/ravikumaran/' };
    const full = { ...url, name: 'Ravi Kumaran', company: 'Tata Consultancy Services' };
    let release!: () => void;
    const slow = new Promise<void>((resolve) => (release = resolve));
    const byUrl = await briefWithRevalidation('k', async () => (await slow, brief('ct_1', 'by URL')), T0, { ref: url });
    const byPage = await briefWithRevalidation('k', async () => brief('ct_1', 'with the page'), T0 + 1, { ref: full });
    release();
    const [first, second] = await Promise.all([byUrl.fresh, byPage.fresh]);
    expect(first.status === 'fresh' && titleOf(first.brief)).toBe('by URL');
    expect(second.status === 'fresh' && titleOf(second.brief)).toBe('with the page');
    // The same ref twice still shares one request.
    let calls = 0;
    const counted = async () => (calls++, brief('ct_1', 'again'));
    const [a, b] = await Promise.all([briefWithRevalidation('k2', counted, T0, { ref: full }), briefWithRevalidation('k2', counted, T0, { ref: full })]);
    await Promise.all([a.fresh, b.fresh]);
    expect(calls).toBe(1);
  });

  it('never lets an older answer replace a newer one', async () => {
    await storeBrief('k', brief('ct_1', 'new'), T0 + MIN);
    await storeBrief('k', brief('ct_1', 'old'), T0);
    expect(titleOf((await readBrief('k', T0 + 2 * MIN))!.brief)).toBe('new');
  });

  it('drops a row that no longer fits the Brief schema (written by an older version) and reads it as a miss', async () => {
    await signalhouseDb().briefs.put({
      key: 'k',
      value: { shape: 'from an older version' } as unknown as Brief,
      fetchedAt: T0,
      lastUsedAt: T0,
      bytes: 10,
      contactIds: [],
    });
    expect(await readBrief('k', T0)).toBeNull();
    expect(await signalhouseDb().briefs.count()).toBe(0);
  });
});

describe('eviction', () => {
  it('drops briefs fetched more than 14 days ago', async () => {
    await storeBrief('old', brief('ct_1', 'a'), T0 - 15 * DAY);
    await storeBrief('recent', brief('ct_2', 'b'), T0 - 13 * DAY);
    const report = await evictBriefs(T0);
    expect(report).toMatchObject({ expired: 1, evicted: 0 });
    expect(await signalhouseDb().briefs.toCollection().primaryKeys()).toEqual(['recent']);
  });

  it('then drops the least recently used until the rest fit the size budget', async () => {
    for (const [i, key] of ['a', 'b', 'c', 'd'].entries()) await storeBrief(key, brief(`ct_${i}`, 'x'), T0 + i * MIN);
    // Reading `a` and `b` makes them recent; `c` is now the least recently used, then `d`.
    await readBrief('a', T0 + 10 * MIN);
    await readBrief('b', T0 + 11 * MIN);
    await settleCacheWrites();
    const one = (await signalhouseDb().briefs.get('a'))!.bytes;
    expect(one).toBeGreaterThan(500);

    const report = await evictBriefs(T0 + 12 * MIN, { maxBytes: 2 * one + 10 });
    expect(report).toEqual({ expired: 0, evicted: 2, bytes: 2 * one });
    expect((await signalhouseDb().briefs.toCollection().primaryKeys()).sort()).toEqual(['a', 'b']);
  });

  it('leaves everything when under budget', async () => {
    await storeBrief('a', brief('ct_1', 'x'), T0);
    expect(await evictBriefs(T0 + MIN)).toMatchObject({ expired: 0, evicted: 0 });
    expect(await signalhouseDb().briefs.count()).toBe(1);
  });
});

describe('forgetContacts (erasure tombstones)', () => {
  it('removes every brief mentioning the contact: as the person, a stakeholder, a signal or a suggestion', async () => {
    await storeBrief('linkedin:erased', brief('ct_x', 'x'), T0);
    await storeBrief('email:x@acme.com', brief('ct_x', 'x'), T0);
    await storeBrief(
      'account:ac_1',
      brief('ct_2', 'y', { stakeholders: [{ contactId: 'ct_x', name: 'X', title: null, role: null, lastTouch: null }] }),
      T0,
    );
    await storeBrief(
      'linkedin:signal',
      brief('ct_3', 'y', {
        signals: [
          {
            kind: 'pricing_visit',
            priority: 1,
            reason: 'Visited pricing',
            action: { text: 'Call', channel: 'call', who: 'AE' },
            occurredAt: '2025-03-01T00:00:00Z',
            knownAt: '2025-03-01T00:00:00Z',
            accountId: 'ac_1',
            contactId: 'ct_x',
          },
        ],
      }),
      T0,
    );
    await storeBrief(
      'linkedin:lookalike',
      { notInCrm: true, suggestions: [{ contactId: 'ct_x', name: 'X', confidence: 0.5, explanation: 'name' }], warnings: [] },
      T0,
    );
    await storeBrief('contact:ct_x', brief('ct_x', 'x'), T0);
    await storeBrief('linkedin:other', brief('ct_4', 'z'), T0);

    expect(await forgetContacts(['ct_x'])).toBe(6);
    expect(await signalhouseDb().briefs.toCollection().primaryKeys()).toEqual(['linkedin:other']);
    // Nor do they live on in the worker's memory of briefs it stored or read lately.
    for (const key of ['linkedin:erased', 'email:x@acme.com', 'account:ac_1', 'linkedin:signal']) expect(await readBrief(key, T0)).toBeNull();
    expect(await readBrief('linkedin:other', T0)).not.toBeNull();
  });

  it('does not write back an answer fetched before the erasure', async () => {
    let release!: (b: Brief) => void;
    const { fresh } = await briefWithRevalidation('linkedin:erased', () => new Promise<Brief>((r) => (release = r)), T0);
    await forgetContacts(['ct_x']);
    release(brief('ct_x', 'x'));
    await fresh;
    expect(await readBrief('linkedin:erased', T0)).toBeNull();
  });
});

describe('forgetContacts: what a read kept in memory', () => {
  it('drops a colleague’s brief read by contact id that names the erased person as a stakeholder, from memory too', async () => {
    await storeBrief('contact:ct_2', brief('ct_2', 'y', { stakeholders: [{ contactId: 'ct_x', name: 'X', title: null, role: null, lastTouch: null }] }), T0);
    expect(await readBrief('contact:ct_2', T0)).not.toBeNull();
    await forgetContacts(['ct_x']);
    expect(await signalhouseDb().briefs.count()).toBe(0);
    expect(await readBrief('contact:ct_2', T0)).toBeNull();
  });

  it('drops a brief whose next step names the erased person, and lets no panel share a request in flight from before', async () => {
    const next = {
      reason: 'Champion went quiet',
      action: { text: 'Call Erik', channel: 'call' as const, who: 'Erik', target: { kind: 'contact' as const, contactId: 'ct_x', name: 'Erik', role: null, title: null } },
      about: { kind: 'someone-else' as const, contactId: 'ct_x', name: 'Erik', role: null, title: null, who: 'Erik, champion at Acme' },
    };
    await storeBrief('linkedin:next', brief('ct_2', 'y', { nextBestAction: next }), T0);
    let release!: (b: Brief) => void;
    const flight = await briefWithRevalidation('linkedin:asking', () => new Promise<Brief>((r) => (release = r)), T0);
    expect(await forgetContacts(['ct_x'])).toBe(1);
    expect(await readBrief('linkedin:next', T0)).toBeNull();
    // A panel asking after the erasure asks the server again rather than sharing the answer from before it.
    let asked = false;
    const after = await briefWithRevalidation('linkedin:asking', async () => ((asked = true), brief('ct_3', 'z')), T0);
    expect(after.fresh).not.toBe(flight.fresh);
    await after.fresh;
    expect(asked).toBe(true);
    release(brief('ct_x', 'x'));
    await flight.fresh;
  });
});

describe('forgetAccounts and forgetDeals (CRM deletions)', () => {
  const account = (id: string) => ({
    id,
    name: id,
    domains: [],
    tier: null,
    stage: 'identified' as const,
    owner: null,
    territory: null,
    industry: field(null),
    employees: field(null),
    location: field(null),
    revenue: field(null),
    funding: field(null),
    description: field(null),
    technologies: [],
    history: [],
    icpFit: null,
    engagement: { score: 0, components: [] },
  });

  it('removes every brief about the account: its own, its people’s, a suggestion or signal naming it, a page’s new employer', async () => {
    await storeBrief('account:ac_gone', brief('ct_1', 'x', { account: account('ac_gone') }), T0);
    await storeBrief('domain:gone.com', brief('ct_1', 'x', { account: account('ac_gone') }), T0);
    await storeBrief('linkedin:person', { ...brief('ct_2', 'y'), match: { contactId: 'ct_2', accountId: 'ac_gone', method: 'linkedin_url', confidence: 1, explanation: 'x' } }, T0);
    await storeBrief('linkedin:lookalike', { notInCrm: true, suggestions: [{ contactId: 'ct_9', accountId: 'ac_gone', name: 'X', confidence: 0.5, explanation: 'name' }], warnings: [] }, T0);
    await storeBrief(
      'linkedin:mover',
      brief('ct_3', 'z', {
        nextBestAction: {
          reason: 'Moved to a customer',
          action: { text: 'Congratulate', channel: 'linkedin', who: 'them' },
          about: { kind: 'this-person' },
          newEmployer: { name: 'Gone Inc', accountId: 'ac_gone' },
        },
      }),
      T0,
    );
    await storeBrief('linkedin:other', brief('ct_4', 'w'), T0);
    // Read once, so they are kept in memory too.
    for (const key of ['account:ac_gone', 'linkedin:person', 'linkedin:other']) await readBrief(key, T0);

    expect(await forgetAccounts(['ac_gone'])).toBe(5);
    expect(await signalhouseDb().briefs.toCollection().primaryKeys()).toEqual(['linkedin:other']);
    for (const key of ['account:ac_gone', 'domain:gone.com', 'linkedin:person', 'linkedin:mover']) expect(await readBrief(key, T0)).toBeNull();
    expect(await readBrief('linkedin:other', T0)).not.toBeNull();
  });

  it('does not write back an answer about the account fetched before its deletion', async () => {
    let release!: (b: Brief) => void;
    const { fresh } = await briefWithRevalidation('account:ac_gone', () => new Promise<Brief>((r) => (release = r)), T0);
    await forgetAccounts(['ac_gone']);
    release(brief('ct_1', 'x', { account: account('ac_gone') }));
    await fresh;
    await settleCacheWrites();
    expect(await readBrief('account:ac_gone', T0)).toBeNull();
  });

  it('removes every brief showing a deleted deal among its open deals', async () => {
    const deal = (id: string) => ({ id, name: id, stage: 'proposal', amount: 1, currency: 'EUR', closeDate: null, forecastCategory: 'pipeline' as const, nextStep: null, owner: null, risks: [] });
    await storeBrief('account:ac_1', brief('ct_1', 'x', { openDeals: [deal('deal_gone'), deal('deal_kept')] }), T0);
    await storeBrief('linkedin:kept', brief('ct_2', 'y', { openDeals: [deal('deal_kept')] }), T0);
    expect(await forgetDeals(['deal_gone'])).toBe(1);
    expect(await signalhouseDb().briefs.toCollection().primaryKeys()).toEqual(['linkedin:kept']);
  });
});
