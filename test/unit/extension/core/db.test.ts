/**
 * The `signalhouse` database: the version-1 schema (tables and the indexes the cache and outbox
 * query by), data surviving a new connection (a service-worker restart), and the rule that Dexie
 * lives only in the background: no content script, page or component imports it at run time.
 */
import 'fake-indexeddb/auto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { Dexie } from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { closeSignalhouseDb, DB_NAME, SignalhouseDb, signalhouseDb } from '../../../../extension/core/background/db.ts';

afterEach(async () => {
  closeSignalhouseDb();
  await Dexie.delete(DB_NAME);
});

describe('schema', () => {
  it('is version 2 of `signalhouse` with the briefs, outbox, today and notified tables and their indexes', async () => {
    const db = signalhouseDb();
    await db.open();
    expect(db.name).toBe('signalhouse');
    expect(db.verno).toBe(2);
    const indexes = Object.fromEntries(db.tables.map((t) => [t.name, [t.schema.primKey.name, ...t.schema.indexes.map((i) => i.name)]]));
    expect(indexes).toEqual({
      briefs: ['key', 'fetchedAt', '[lastUsedAt+bytes]', 'contactIds'],
      outbox: ['id', 'state', '[state+nextAttemptAt]', 'savedAt', 'naturalKey', 'syncedAt'],
      today: ['key'],
      notified: ['key', '[owner+day]'],
    });
    expect(db.briefs.schema.indexes.find((i) => i.name === 'contactIds')!.multi).toBe(true);
  });

  it('upgrades a version-1 database in place: its briefs and outbox stay, the new tables are empty', async () => {
    // The schema as the version-1 extension shipped it.
    const v1 = new Dexie(DB_NAME);
    v1.version(1).stores({
      briefs: 'key, fetchedAt, [lastUsedAt+bytes], *contactIds',
      outbox: 'id, state, [state+nextAttemptAt], savedAt, naturalKey, syncedAt',
    });
    await v1.table('briefs').put({ key: 'k', value: { notInCrm: true, suggestions: [], warnings: [] }, fetchedAt: 1, lastUsedAt: 1, bytes: 2, contactIds: [] });
    await v1.table('outbox').put({ id: 'o1', state: 'queued', nextAttemptAt: 5, savedAt: 1 });
    v1.close();

    const db = signalhouseDb();
    await db.open();
    expect(db.verno).toBe(2);
    expect(await db.briefs.get('k')).toMatchObject({ fetchedAt: 1 });
    expect(await db.outbox.where('[state+nextAttemptAt]').equals(['queued', 5]).count()).toBe(1);
    expect(await db.today.count()).toBe(0);
    expect(await db.notified.count()).toBe(0);
  });

  it('keeps its data across connections, as across service-worker restarts', async () => {
    await signalhouseDb().briefs.put({ key: 'k', value: { notInCrm: true, suggestions: [], warnings: [] }, fetchedAt: 1, lastUsedAt: 1, bytes: 2, contactIds: [] });
    const before = signalhouseDb();
    closeSignalhouseDb();
    const after = signalhouseDb();
    expect(after).not.toBe(before);
    expect(before.isOpen()).toBe(false);
    expect(await after.briefs.get('k')).toMatchObject({ fetchedAt: 1 });
    const another = new SignalhouseDb();
    expect(await another.briefs.count()).toBe(1);
    another.close();
  });
});

describe('Dexie stays in the background', () => {
  const root = join(import.meta.dirname, '../../../../extension');
  const files = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? files(path) : /\.tsx?$/.test(name) ? [path] : [];
    });
  // The background's own modules: core/background/ and the service worker's entrypoint. Everything
  // else runs in a page (content scripts, the panel bundles, options, side panel) or on both sides
  // (core/*.ts: the message contract), and is page-side code here.
  const background = (path: string) => /^(core\/background|entrypoints\/background)\//.test(relative(root, path));
  const runtimeImport = /^\s*import\s+(?!type\b)[^;]*?from\s+['"]([^'"]+)['"]/gm;
  const pageSide = files(root).filter((path) => !background(path));

  it('covers the page side: core/page, the shared contract, features, sites, components and the pages', () => {
    const folders = new Set(pageSide.map((path) => relative(root, path).split('/').slice(0, 2).join('/')));
    expect([...folders]).toEqual(expect.arrayContaining(['core/page', 'core/protocol.ts', 'features/linkedin-profile-panel.tsx', 'sites/linkedin', 'components/Panel.tsx', 'entrypoints/sidepanel', 'entrypoints/options']));
  });

  it('no page-side file imports dexie or any background module at run time', () => {
    const offenders = pageSide.flatMap((path) =>
      [...readFileSync(path, 'utf8').matchAll(runtimeImport)]
        .map((m) => m[1]!)
        .filter((spec) => spec === 'dexie' || spec.startsWith('dexie/') || (spec.startsWith('.') && background(join(dirname(path), spec))))
        .map((spec) => `${relative(root, path)} imports ${spec}`),
    );
    expect(offenders).toEqual([]);
  });
});
