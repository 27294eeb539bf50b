/**
 * The correction messages end to end inside the background: `dispatch` → handlers → the typed
 * client → the REAL server app in process, with the real brief cache on fake-indexeddb. An alias
 * makes the cached brief for its ref go away, so the panel's next read shows the chosen person;
 * a flag lands on the server; bad payloads stop at the boundary naming the field.
 */
import 'fake-indexeddb/auto';
import { Dexie } from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { BriefValue } from '../../../../extension/core/background/db.ts';
import { createBriefsPort } from '../../../../extension/core/background/briefs-port.ts';
import { briefWithRevalidation, forgetBriefs, readBrief, settleCacheWrites, storeBrief } from '../../../../extension/core/background/cache.ts';
import { connectionStore } from '../../../../extension/core/background/connection-store.ts';
import { closeSignalhouseDb, DB_NAME } from '../../../../extension/core/background/db.ts';
import { createHandlers, dispatch, type Handlers } from '../../../../extension/core/background/handlers.ts';
import type { MessageName } from '../../../../extension/core/protocol.ts';
import { TEST_NOW, type Harness } from '../../server/harness.ts';
import { connectInProcess, EXTENSION, seededServer } from './in-process-server.ts';

const dana = { kind: 'linkedin', profileUrl: 'https://www.linkedin.com/in/dana-reyes/' } as const;

let h: Harness;
let handlers: Handlers;
let store: ReturnType<typeof connectionStore>;
let n = 0;

seededServer((harness) => (h = harness));
beforeEach(async () => {
  fakeBrowser.reset();
  await h.db.kysely.deleteFrom('aliases').execute();
  await h.db.kysely.deleteFrom('flags').execute();
  const now = () => TEST_NOW;
  const { connection, store: connected } = await connectInProcess(h, `corrections-test-${++n}`, h.rep.token);
  store = connected;
  handlers = createHandlers({ connection, briefs: createBriefsPort({ now }), now });
});
afterEach(async () => {
  await settleCacheWrites();
  store.close();
  closeSignalhouseDb();
  await Dexie.delete(DB_NAME);
});

/** What a content script's message goes through. */
const send = (name: MessageName, data: unknown) => dispatch(handlers, name, data, { url: 'https://www.linkedin.com/in/dana-reyes/' }, EXTENSION);

async function shownFor(from: 'cache' | 'server') {
  const answer = await send('getBriefs', { refs: [dana], from });
  if (!answer.ok) throw new Error(answer.error.message);
  const dated = (answer.value as { briefs: ({ brief: { contact: { id: string } | null; match: { method: string } } | null } | null)[] }).briefs[0];
  return dated ? { contactId: dated.brief?.contact?.id ?? null, method: dated.brief?.match.method ?? null } : null;
}

describe('recordAlias', () => {
  it('records the alias, forgets the cached brief, and the next server read shows the chosen person', async () => {
    expect(await shownFor('server')).toEqual({ contactId: 'ct_dana', method: 'linkedin_url' });
    expect(await shownFor('cache')).toEqual({ contactId: 'ct_dana', method: 'linkedin_url' });

    const answer = await send('recordAlias', { ref: dana, contactId: 'ct_lee' });
    expect(answer).toMatchObject({ ok: true, value: { alias: { refKey: 'linkedin:dana-reyes', contactId: 'ct_lee', createdBy: h.rep.id } } });
    expect(await shownFor('cache')).toBeNull();
    expect(await shownFor('server')).toEqual({ contactId: 'ct_lee', method: 'alias' });
    expect(await shownFor('cache')).toEqual({ contactId: 'ct_lee', method: 'alias' });
  });

  it('a refused alias (another team’s contact) keeps the cached brief and says which field', async () => {
    await shownFor('server');
    const answer = await send('recordAlias', { ref: dana, contactId: 'ct_other' });
    expect(answer).toMatchObject({ ok: false, error: { kind: 'rejected', status: 404, field: 'contactId' } });
    expect(await shownFor('cache')).toEqual({ contactId: 'ct_dana', method: 'linkedin_url' });
  });

  it.each([
    [{ ref: dana }, 'contactId'],
    [{ ref: dana, contactId: 'ct_lee', accountId: 'acc_acme' }, 'contactId'],
    [{ ref: { kind: 'name', name: 'Dana Reyes' }, contactId: 'ct_lee' }, 'ref.kind'],
    [{ ref: dana, contactId: 'ct_lee', note: 'x' }, 'note'],
  ])('refuses %j at the boundary naming %s', async (payload, field) => {
    expect(await send('recordAlias', payload)).toMatchObject({ ok: false, error: { kind: 'invalid', field } });
    expect(await h.db.kysely.selectFrom('aliases').selectAll().execute()).toEqual([]);
  });
});

describe('flagData', () => {
  it('sends the flag to the server; the rep reads it back from GET /v1/flags', async () => {
    const answer = await send('flagData', { entity: 'contact', entityId: 'ct_dana', field: 'title', problem: 'Promoted', suggestedValue: 'VP Data' });
    expect(answer).toMatchObject({ ok: true, value: { flag: { status: 'open', field: 'title', reportedBy: h.rep.id } } });
    const res = await h.request('GET', '/v1/flags');
    expect(((await res.json()) as { flags: { problem: string }[] }).flags.map((f) => f.problem)).toEqual(['Promoted']);
  });

  it('refuses a field outside the entity’s list before it reaches the server; the server’s 404 comes back as rejected', async () => {
    expect(await send('flagData', { entity: 'contact', entityId: 'ct_dana', field: 'salary', problem: 'p' })).toMatchObject({
      ok: false,
      error: { kind: 'invalid', field: 'field' },
    });
    expect(await send('flagData', { entity: 'contact', entityId: 'ct_other', field: 'title', problem: 'p' })).toMatchObject({
      ok: false,
      error: { kind: 'rejected', status: 404, field: 'entityId' },
    });
    expect(await h.db.kysely.selectFrom('flags').selectAll().execute()).toEqual([]);
  });
});

describe('forgetBriefs', () => {
  const value = (title: string): BriefValue => ({ notInCrm: true, suggestions: [], warnings: [title] });

  it('an answer fetched before the correction is neither stored nor shared with the next read', async () => {
    let release!: (v: BriefValue) => void;
    const old = await briefWithRevalidation('linkedin:x', () => new Promise<BriefValue>((r) => (release = r)), 1000);
    await forgetBriefs(['linkedin:x']);
    const next = await briefWithRevalidation('linkedin:x', async () => value('new'), 2000);
    release(value('old'));
    expect(await old.fresh).toMatchObject({ status: 'fresh', brief: value('old') });
    expect(await next.fresh).toMatchObject({ status: 'fresh', brief: value('new') });
    expect((await readBrief('linkedin:x', 3000))?.brief).toEqual(value('new'));
  });

  it('also for a request made with a ref (as panels ask): the next read does not share the old answer', async () => {
    const ref = { kind: 'linkedin' as const, profileUrl: 'https://www.linkedin.com/in/y/' };
    let release!: (v: BriefValue) => void;
    const old = await briefWithRevalidation('linkedin:y', () => new Promise<BriefValue>((r) => (release = r)), 1000, { ref });
    await forgetBriefs(['linkedin:y']);
    const next = await briefWithRevalidation('linkedin:y', async () => value('new'), 2000, { ref });
    release(value('old'));
    await old.fresh;
    expect(await next.fresh).toMatchObject({ status: 'fresh', brief: value('new') });
  });

  it('a brief read lately (kept in memory) is gone with its row', async () => {
    await storeBrief('linkedin:z', value('kept'), 1000);
    expect((await readBrief('linkedin:z', 1500))?.brief).toEqual(value('kept'));
    await forgetBriefs(['linkedin:z']);
    expect(await readBrief('linkedin:z', 2000)).toBeNull();
  });
});
