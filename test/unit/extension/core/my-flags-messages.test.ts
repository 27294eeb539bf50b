/**
 * `getMyFlags` inside the background: `dispatch` → handlers → the typed client → the REAL server
 * app in process. A rep's flag comes back open, then with the admin's resolution; an admin (whom
 * the server answers the team's flags) hears only the flags they reported; content scripts may not
 * ask; bad payloads stop at the boundary naming the field; without a connection it says so.
 */
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { connectionStore } from '../../../../extension/core/background/connection-store.ts';
import { createHandlers, dispatch, type Handlers } from '../../../../extension/core/background/handlers.ts';
import { TEST_NOW, type Harness } from '../../server/harness.ts';
import { connectInProcess, EXTENSION, fromSidePanel, seededServer } from './in-process-server.ts';


let h: Harness;
let n = 0;
let stores: ReturnType<typeof connectionStore>[] = [];

seededServer((harness) => (h = harness));
beforeEach(async () => {
  fakeBrowser.reset();
  await h.db.kysely.deleteFrom('flags').execute();
});
afterEach(() => {
  for (const store of stores) store.close();
  stores = [];
});

async function handlersFor(token: string | null): Promise<Handlers> {
  const now = () => TEST_NOW;
  const { connection, store } = await connectInProcess(h, `my-flags-test-${++n}`, token);
  stores.push(store);
  return createHandlers({ connection, now });
}

const fromPanel = fromSidePanel;
const titleFlag = { entity: 'contact', entityId: 'ct_dana', field: 'title', problem: 'Promoted in October', suggestedValue: 'VP Data' } as const;

describe('getMyFlags', () => {
  it('answers the rep’s flag open, then with the admin’s resolution', async () => {
    const rep = await handlersFor(h.rep.token);
    const made = await fromPanel(rep, 'flagData', titleFlag);
    if (!made.ok) throw new Error(made.error.message);
    expect(await fromPanel(rep, 'getMyFlags', {})).toMatchObject({ ok: true, value: { flags: [{ id: made.value.flag.id, status: 'open', resolution: null }] } });

    const res = await h.request('POST', `/v1/flags/${made.value.flag.id}/resolve`, { token: h.admin.token, json: { action: 'accept', value: 'VP Data', note: 'Checked' } });
    expect(res.status).toBe(200);
    expect(await fromPanel(rep, 'getMyFlags', { limit: 5 })).toMatchObject({
      ok: true,
      value: { flags: [{ field: 'title', status: 'resolved', resolution: { action: 'accept', value: 'VP Data', note: 'Checked' } }] },
    });
  });

  it('keeps only the flags this user reported when the server answers the team’s', async () => {
    const rep = await handlersFor(h.rep.token);
    const admin = await handlersFor(h.admin.token);
    expect((await fromPanel(rep, 'flagData', titleFlag)).ok).toBe(true);
    expect((await fromPanel(admin, 'flagData', { ...titleFlag, problem: 'Wrong spelling', field: 'name', suggestedValue: undefined })).ok).toBe(true);
    // The server lists both to the admin; "My flags" shows the admin's own.
    const team = await h.request('GET', '/v1/flags', { token: h.admin.token });
    expect(((await team.json()) as { flags: unknown[] }).flags).toHaveLength(2);
    const mine = await fromPanel(admin, 'getMyFlags', {});
    expect(mine.ok && mine.value.flags.map((f) => [f.field, f.reportedBy])).toEqual([['name', h.admin.id]]);
  });

  it("finds a manager's own flag however many newer ones the team reported", async () => {
    const rep = await handlersFor(h.rep.token);
    const manager = await handlersFor(h.manager.token);
    expect((await fromPanel(manager, 'flagData', { ...titleFlag, problem: 'Wrong spelling', field: 'name', suggestedValue: undefined })).ok).toBe(true);
    for (let i = 1; i <= 3; i++) {
      h.clock.now = new Date(TEST_NOW.getTime() + i * 1000);
      expect((await fromPanel(rep, 'flagData', { ...titleFlag, problem: `newer ${i}` })).ok).toBe(true);
    }
    h.clock.now = new Date(TEST_NOW);
    const mine = await fromPanel(manager, 'getMyFlags', { limit: 2 });
    expect(mine.ok && mine.value.flags.map((f) => [f.field, f.reportedBy])).toEqual([['name', h.manager.id]]);
  });

  it('refuses content scripts, unknown fields and bad limits, and says when not connected', async () => {
    const rep = await handlersFor(h.rep.token);
    expect(await dispatch(rep, 'getMyFlags', {}, { url: 'https://www.linkedin.com/feed/' }, EXTENSION)).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    expect(await fromPanel(rep, 'getMyFlags', { userId: 'usr_x' })).toMatchObject({ ok: false, error: { kind: 'invalid', field: 'userId' } });
    expect(await fromPanel(rep, 'getMyFlags', { limit: 0 })).toMatchObject({ ok: false, error: { kind: 'invalid', field: 'limit' } });
    expect(await fromPanel(await handlersFor(null), 'getMyFlags', {})).toMatchObject({ ok: false, error: { kind: 'not_connected' } });
  });
});
