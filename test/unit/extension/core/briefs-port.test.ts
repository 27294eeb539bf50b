/**
 * The BriefsPort on an in-memory IndexedDB: a cached brief answers `from: 'cache'` with its
 * `asOf`; a server answer is stored and then served from the cache; with the server down (or not
 * connected) the cached brief comes back with its age instead of an error; with nothing cached,
 * the error comes back.
 */
import 'fake-indexeddb/auto';
import { Dexie } from 'dexie';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Brief, BriefRef } from '../../../../shared/brief.ts';
import type { Api } from '../../../../extension/core/background/api.ts';
import { createBriefsPort } from '../../../../extension/core/background/briefs-port.ts';
import { readBrief, settleCacheWrites, storeBrief } from '../../../../extension/core/background/cache.ts';
import { closeSignalhouseDb, DB_NAME } from '../../../../extension/core/background/db.ts';
import { fail, ok } from '../../../../extension/core/protocol.ts';
import { contactBrief } from './contact-brief.ts';

const T0 = Date.parse('2025-03-03T09:00:00Z');
const HOUR = 60 * 60_000;
const jane: BriefRef = { kind: 'linkedin', profileUrl: 'https://www.linkedin.com/in/Jane-Doe/' };
const nobody: BriefRef = { kind: 'linkedin', profileUrl: 'https://www.linkedin.com/in/nobody/' };

/** A brief about no contact; the title tells versions apart. */
const brief = (title: string): Brief => ({ ...contactBrief('ct_1', null), contact: null, warnings: [title] });

const apiAnswering = (briefs: Api['briefs']) => ({ briefs: vi.fn(briefs) }) as unknown as Api & { briefs: ReturnType<typeof vi.fn> };
const port = (at: number) => createBriefsPort({ now: () => new Date(at) });

afterEach(async () => {
  await settleCacheWrites();
  closeSignalhouseDb();
  await Dexie.delete(DB_NAME);
});

describe('from cache', () => {
  it('answers the cached brief with asOf = when it was fetched, and null where nothing is cached', async () => {
    await storeBrief('linkedin:jane-doe', brief('v1'), T0);
    const answer = await port(T0 + HOUR).getBriefs({ refs: [jane, nobody], from: 'cache' }, null);
    expect(answer).toEqual(ok({ briefs: [{ brief: brief('v1'), asOf: new Date(T0).toISOString(), source: 'cache' }, null] }));
  });
});

describe('from server', () => {
  it('stores each answer (null as the not-in-CRM marker) and a later cache read serves it', async () => {
    const api = apiAnswering(async () => ok({ briefs: [brief('fresh'), null] }));
    const answer = await port(T0).getBriefs({ refs: [jane, nobody], from: 'server' }, api);
    const asOf = new Date(T0).toISOString();
    expect(answer).toEqual(ok({ briefs: [{ brief: brief('fresh'), asOf, source: 'server' }, { brief: null, asOf, source: 'server' }] }));
    expect(api.briefs).toHaveBeenCalledTimes(1);
    expect((await readBrief('linkedin:nobody', T0))?.brief).toEqual({ notInCrm: true, suggestions: [], warnings: [] });

    const later = await port(T0 + HOUR).getBriefs({ refs: [jane, nobody], from: 'cache' }, null);
    expect(later).toEqual(ok({ briefs: [{ brief: brief('fresh'), asOf, source: 'cache' }, { brief: null, asOf, source: 'cache' }] }));
  });

  it('with the server down, answers the cached brief marked with its age instead of an error', async () => {
    await storeBrief('linkedin:jane-doe', brief('old'), T0);
    const api = apiAnswering(async () => fail('offline', 'The server could not be reached.'));
    const answer = await port(T0 + 3 * HOUR).getBriefs({ refs: [jane, nobody], from: 'server' }, api);
    expect(answer).toEqual(ok({ briefs: [{ brief: brief('old'), asOf: new Date(T0).toISOString(), source: 'cache' }, null] }));
  });

  it('not connected: the cached brief; nothing cached: the error', async () => {
    await storeBrief('linkedin:jane-doe', brief('old'), T0);
    const cached = await port(T0).getBriefs({ refs: [jane], from: 'server' }, null);
    expect(cached.ok && cached.value.briefs[0]?.source).toBe('cache');
    expect(await port(T0).getBriefs({ refs: [nobody], from: 'server' }, null)).toMatchObject({ ok: false, error: { kind: 'not_connected' } });
    const down = apiAnswering(async () => fail('offline', 'The server could not be reached.'));
    expect(await port(T0).getBriefs({ refs: [nobody], from: 'server' }, down)).toMatchObject({ ok: false, error: { kind: 'offline' } });
  });

  it('an unauthorized token is an error even with a cached brief: the rep must reconnect', async () => {
    await storeBrief('linkedin:jane-doe', brief('old'), T0);
    const api = apiAnswering(async () => fail('unauthorized', 'The token was not accepted.'));
    expect(await port(T0).getBriefs({ refs: [jane], from: 'server' }, api)).toMatchObject({ ok: false, error: { kind: 'unauthorized' } });
  });
});

describe('forgetting reaches the open tabs', () => {
  it("tells its caller after forgetting some briefs or all of them, so tabs drop what they remember", async () => {
    const told: string[] = [];
    const briefs = createBriefsPort({ now: () => new Date(0), onForgot: async () => void told.push('forgot') });
    await briefs.forget?.([{ kind: 'linkedin', profileUrl: 'https://www.linkedin.com/in/jane-doe/' }]);
    await briefs.forgetAll?.();
    expect(told).toEqual(['forgot', 'forgot']);
  });
});
