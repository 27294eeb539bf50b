/**
 * createHandlers tells the background when the server just answered (Connect, a brief from the
 * server, a resolve), so the outbox can deliver what waited; a cached answer or a failure does not.
 */
import { describe, expect, it, vi } from 'vitest';
import type { Api } from '../../../../extension/core/background/api.ts';
import type { Connection } from '../../../../extension/core/background/connection.ts';
import { createHandlers, dispatch, type BriefsPort } from '../../../../extension/core/background/handlers.ts';
import { fail, ok, type DatedBrief } from '../../../../extension/core/protocol.ts';

const REF = { kind: 'linkedin' as const, profileUrl: 'https://www.linkedin.com/in/jane-doe/' };
const dated = (source: DatedBrief['source']) => ({ brief: null, asOf: '2025-03-03T09:00:00.000Z', source }) as DatedBrief;

function setup({ connectOk = true, source = 'server' as DatedBrief['source'] | 'error', resolveOk = true } = {}) {
  const api = { resolve: async () => (resolveOk ? ok({ resolutions: [] }) : fail('offline', 'down')) } as unknown as Api;
  const connection = {
    api: async () => ok(api),
    view: async () => ok({ serverUrl: '', user: null }),
    connect: async () => (connectOk ? ok({}) : fail('unauthorized', 'Wrong token')),
  } as unknown as Connection;
  const briefs: BriefsPort = {
    getBriefs: async () => (source === 'error' ? fail('offline', 'down') : ok({ briefs: [dated(source)] })),
  };
  const reachable = vi.fn();
  const handlers = createHandlers({ connection, briefs, now: () => new Date(), onServerReachable: reachable });
  return { handlers, reachable };
}

describe('getBriefs from the cache', () => {
  it('answers the saved briefs without reading the connection (a database read on the panel\'s first answer)', async () => {
    let connectionRead = 0;
    const connection = { api: async () => (connectionRead++, ok({} as Api)) } as unknown as Connection;
    const briefs: BriefsPort = { getBriefs: async ({ from }, api) => ok({ briefs: [from === 'cache' && api === null ? dated('cache') : null] }) };
    const handlers = createHandlers({ connection, briefs, now: () => new Date() });
    expect(await handlers.getBriefs({ refs: [REF], from: 'cache' })).toEqual(ok({ briefs: [dated('cache')] }));
    expect(connectionRead).toBe(0);
  });
});

describe('onServerReachable', () => {
  it('fires as connected after a successful Connect, not after a refused one', async () => {
    const good = setup();
    await good.handlers.connect({ token: 'shk_x' } as never);
    expect(good.reachable).toHaveBeenCalledWith({ connected: true });
    const bad = setup({ connectOk: false });
    await bad.handlers.connect({ token: 'shk_x' } as never);
    expect(bad.reachable).not.toHaveBeenCalled();
  });

  it('fires when a brief came from the server, not from the cache or on a failure', async () => {
    for (const [source, calls] of [['server', 1], ['cache', 0], ['error', 0]] as const) {
      const { handlers, reachable } = setup({ source });
      await handlers.getBriefs({ refs: [REF], from: 'server' });
      expect(reachable, source).toHaveBeenCalledTimes(calls);
    }
  });

  it('fires when a resolve reached the server', async () => {
    const up = setup();
    await up.handlers.resolveRefs({ refs: [REF] });
    expect(up.reachable).toHaveBeenCalledWith({ connected: false });
    const down = setup({ resolveOk: false });
    await down.handlers.resolveRefs({ refs: [REF] });
    expect(down.reachable).not.toHaveBeenCalled();
  });
});

describe('openOptions', () => {
  it("opens the options page for a panel's button, from a host page's content script too", async () => {
    const openOptions = vi.fn(async () => undefined);
    const handlers = createHandlers({ connection: {} as Connection, now: () => new Date(), openOptions });
    const fromLinkedIn = { url: 'https://www.linkedin.com/in/jane-doe/' };
    expect(await dispatch(handlers, 'openOptions', undefined, fromLinkedIn, 'chrome-extension://abc/')).toEqual({ ok: true, value: null });
    expect(openOptions).toHaveBeenCalledOnce();
    expect(await dispatch(handlers, 'openOptions', { url: 'https://evil.example' }, fromLinkedIn, 'chrome-extension://abc/')).toMatchObject({ ok: false, error: { kind: 'invalid' } });
    expect(openOptions).toHaveBeenCalledOnce();
  });
});

describe('sites and "This page"', () => {
  const EXT = 'chrome-extension://abc/';
  const fromProfileTab = { url: 'https://www.linkedin.com/in/jane-doe/', tab: { id: 7 } };
  const fromOptions = { url: `${EXT}options.html` };
  const subject = { site: 'linkedin', url: 'https://www.linkedin.com/in/jane-doe/', urlRefs: [REF], refs: [REF], label: 'Jane Doe' };

  async function wired() {
    const { createTabSubjects } = await import('../../../../extension/core/background/tab-subjects.ts');
    const { createSiteModes } = await import('../../../../extension/core/background/site-modes.ts');
    const memory: Record<string, unknown> = {};
    const storage = { get: async (keys: string[]) => Object.fromEntries(keys.map((k) => [k, memory[k]])), set: async (items: Record<string, unknown>) => void Object.assign(memory, items) };
    const tabSubjects = createTabSubjects({ session: storage });
    const siteModes = createSiteModes({ sites: [{ id: 'linkedin', name: 'LinkedIn' }], storage, policy: async () => ({}) });
    return createHandlers({ connection: {} as Connection, now: () => new Date(), tabSubjects, siteModes });
  }

  it('keeps the subject a page in a tab tells, for the side panel to read by tab id', async () => {
    const handlers = await wired();
    expect(await dispatch(handlers, 'setPageSubject', { subject }, fromProfileTab, EXT)).toEqual({ ok: true, value: null });
    expect(await dispatch(handlers, 'getTabSubject', { tabId: 7 }, { url: `${EXT}sidepanel.html` }, EXT)).toEqual({ ok: true, value: { subject } });
  });

  it('refuses a subject from anything but a tab, a page reading another tab\'s subject, and a page changing a site\'s mode', async () => {
    const handlers = await wired();
    expect(await dispatch(handlers, 'setPageSubject', { subject }, fromOptions, EXT)).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    expect(await dispatch(handlers, 'getTabSubject', { tabId: 7 }, fromProfileTab, EXT)).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    expect(await dispatch(handlers, 'setSiteMode', { site: 'linkedin', mode: 'off' }, fromProfileTab, EXT)).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    expect(await dispatch(handlers, 'setSiteMode', { site: 'linkedin', mode: 'off' }, fromOptions, EXT)).toMatchObject({ ok: true });
  });

  it('rejects a subject with page text in an unknown field or a mode it does not know', async () => {
    const handlers = await wired();
    expect(await dispatch(handlers, 'setPageSubject', { subject: { ...subject, about: 'page text' } }, fromProfileTab, EXT)).toMatchObject({ ok: false, error: { kind: 'invalid', field: 'subject.about' } });
    expect(await dispatch(handlers, 'setSiteMode', { site: 'linkedin', mode: 'sometimes' }, fromOptions, EXT)).toMatchObject({ ok: false, error: { kind: 'invalid', field: 'mode' } });
  });
});
