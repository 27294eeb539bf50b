// @vitest-environment jsdom
/**
 * The generic panel runner, state by state, on a made-up site whose page shows a person in an
 * `<h1 data-name>`: a fake messenger answers as the background would, a fake connection feed
 * broadcasts, and timers run when the test says. Each test names the state a rep would see.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Brief } from '../../../../../shared/brief.ts';
import type { PanelFeatureSpec, Site } from '../../../../../extension/core/page/contract.ts';
import { runPanel, SETTLE_LOADING_FACTOR, SETTLE_MS, type PanelActions, type PanelMemory, type PanelRunnerDeps, type PanelState } from '../../../../../extension/core/page/panel-runner.ts';
import { forgetAllTabMemories, tabMemory, type TabMemory } from '../../../../../extension/core/page/tab-memory.ts';
import type { sendMessage } from '../../../../../extension/core/messaging.ts';
import type { ConnectionStatus, ProtocolMap } from '../../../../../extension/core/protocol.ts';
import { fullBrief } from '../../components/brief-fixture.ts';

const site: Site = { id: 'testsite', name: 'Testsite', surface: 'linkedin', pageKey: (url) => url.href, anchor: { kind: 'fixed', top: 10, right: 10 } };
const URL_HANDLE = 'https://people.example.test/p/jane-doe';

interface Person {
  handle: string;
  name?: string;
  company?: string;
}

const spec: PanelFeatureSpec<Person> = {
  id: 'test-panel',
  site,
  include: [() => true],
  ui: 'signalhouse-test-panel',
  pageKind: () => 'person',
  extract(doc, url) {
    const handle = /\/p\/([^/]+)/.exec(url.pathname)?.[1];
    if (!handle) return null;
    const name = doc.querySelector('h1[data-name]')?.textContent?.trim();
    const company = doc.querySelector('[data-company]')?.textContent?.trim();
    return name ? { handle, name, ...(company ? { company } : {}) } : { handle };
  },
  settled: (person) => person.name !== undefined,
  urlRefs: (person) => [{ kind: 'linkedin', profileUrl: `https://www.linkedin.com/in/${person.handle}/` }],
  refs: (person) => [
    { kind: 'linkedin', profileUrl: `https://www.linkedin.com/in/${person.handle}/`, ...(person.name ? { name: person.name } : {}), ...(person.company ? { company: person.company } : {}) },
  ],
  aliasRef: (person) => ({ kind: 'linkedin', profileUrl: `https://www.linkedin.com/in/${person.handle}/` }),
  facts: (person) => ({ name: person.name, ...(person.company ? { company: person.company } : {}) }),
  urlFacts: (person) => [`people.example.test/p/${person.handle}`],
  drift: (person) => (person.name ? [] : ['testsite.person.name']),
  touches: [{ type: 'linkedin_message', label: 'Message' }],
  touchKey: (person, type, minute) => `testsite:${person.handle}:${type}:${minute.toISOString()}`,
};

type Answer = { ok: true; value: unknown } | { ok: false; error: { kind: string; message: string } };
type Handler = (data: never) => Answer | Promise<Answer>;
const ok = (value: unknown): Answer => ({ ok: true, value });
const failure = (kind: string, message = kind): Answer => ({ ok: false, error: { kind, message } });
const dated = (brief: Brief | null, source: 'cache' | 'server', asOf = '2026-04-15T11:00:00.000Z') => ({ brief, asOf, source });

/** A page, a messenger, a connection feed, a manual clock and the paints, for one panel. */
function harness(
  handlers: Partial<Record<keyof ProtocolMap, Handler>>,
  options: {
    name?: string;
    mounted?: Promise<void>;
    spec?: PanelFeatureSpec<Person>;
    recent?: TabMemory<PanelMemory>;
    earlyBriefs?: PanelRunnerDeps['earlyBriefs'];
  } = {},
) {
  document.body.replaceChildren();
  if (options.name) setName(options.name);
  const page = new AbortController();
  // Every message but the panel's preferences (asked by every panel beside the brief): those are in `prefCalls`.
  const calls: Array<{ type: string; data: unknown }> = [];
  const prefCalls: Array<{ type: string; data: unknown }> = [];
  const paints: PanelState[] = [];
  let actions: PanelActions | undefined;
  let broadcast: ((status: ConnectionStatus) => void) | undefined;
  const timers: Array<{ ms: number; resolve: () => void }> = [];
  const send = (async (type: keyof ProtocolMap, data?: unknown) => {
    (type === 'getPanelPrefs' || type === 'setPanelPrefs' ? prefCalls : calls).push({ type, data });
    const handler = handlers[type];
    if (!handler) throw new Error(`no answer for ${type}`);
    return handler(data as never);
  }) as unknown as typeof sendMessage;
  const run = runPanel(options.spec ?? spec, {
    signal: page.signal,
    doc: document,
    url: new URL(URL_HANDLE),
    send,
    onConnectionStatus: (_signal, listener) => (broadcast = listener),
    async mount() {
      // A host page whose <body> is not there yet holds the mount back.
      await options.mounted;
      return (state, given) => {
        actions = given;
        paints.push(structuredClone(state));
      };
    },
    wait: (ms, signal) =>
      new Promise<void>((resolve) => {
        timers.push({ ms, resolve });
        signal.addEventListener('abort', () => resolve(), { once: true });
      }),
    now: () => new Date('2026-04-15T12:00:31Z'),
    uuid: () => '00000000-0000-4000-8000-000000000001',
    recent: options.recent,
    earlyBriefs: options.earlyBriefs,
  });
  return {
    run,
    calls,
    prefCalls,
    paints,
    page,
    actions: () => actions!,
    broadcast: (status: ConnectionStatus) => broadcast!(status),
    /** Lets every pending timer fire. */
    tick: () => timers.splice(0).forEach((t) => t.resolve()),
    timers,
    last: () => paints.at(-1)!,
    kinds: () => paints.map((p) => p.view.kind),
  };
}

function setName(name: string) {
  const h1 = document.createElement('h1');
  h1.setAttribute('data-name', '');
  h1.textContent = name;
  document.body.append(h1);
}

const flush = async () => {
  for (let i = 0; i < 20; i++) await new Promise((resolve) => setTimeout(resolve, 0));
};

afterEach(() => document.body.replaceChildren());

/** A made-up page listing several people (as a thread does): each `<li data-email>` is one ref. */
const severalSpec: PanelFeatureSpec<Person> = {
  ...spec,
  severalPeople: true,
  urlRefs: () => [],
  refs: () => [...document.querySelectorAll('li[data-email]')].map((li) => ({ kind: 'email' as const, address: li.getAttribute('data-email')! })),
};

function listPeople(...addresses: string[]) {
  for (const address of addresses) {
    const li = document.createElement('li');
    li.setAttribute('data-email', address);
    document.body.append(li);
  }
}

/** A brief for someone else at another (or the same) account. */
const briefAt = (contactId: string, name: string, accountId: string, accountName: string): Brief => ({
  ...fullBrief,
  contact: fullBrief.contact ? { ...fullBrief.contact, id: contactId, name } : null,
  account: fullBrief.account ? { ...fullBrief.account, id: accountId, name: accountName } : null,
});

describe('runPanel with several people (a thread)', () => {
  it('asks for everyone in one request, lists each answer and shows the brief of the account most of them belong to', async () => {
    const solo = briefAt('c_solo', 'Solo Person', 'acc_other', 'Other Corp');
    const ana = briefAt('c_ana', 'Ana Berg', 'acc_acme', 'Acme');
    const bob = briefAt('c_bob', 'Bob Stone', 'acc_acme', 'Acme');
    const suggestion = { contactId: 'c_x', name: 'Xavier Holm', confidence: 0.5, explanation: 'Same name at Acme' };
    const h = harness(
      {
        getBriefs: () => ok({ briefs: [dated(solo, 'server'), dated(null, 'server'), dated(ana, 'server'), dated(bob, 'server')] }),
        resolveRefs: (data: { refs: unknown[] }) => ok({ resolutions: data.refs.map(() => ({ match: null, suggestions: [suggestion], warnings: [] })) }),
      },
      { name: 'Thread', spec: severalSpec },
    );
    listPeople('solo@other.example', 'xavier@unknown.example', 'ana@acme.example', 'bob@acme.example');
    await h.run;
    await flush();
    const briefCalls = h.calls.filter((c) => c.type === 'getBriefs');
    expect(briefCalls).toHaveLength(1);
    expect((briefCalls[0]!.data as { refs: unknown[] }).refs).toHaveLength(4);
    // Suggestions are asked for the unknown one only.
    expect(h.calls.filter((c) => c.type === 'resolveRefs').map((c) => c.data)).toEqual([{ refs: [{ kind: 'email', address: 'xavier@unknown.example' }] }]);
    const last = h.last();
    expect(last.view.kind === 'brief' && last.view.brief.contact?.name).toBe('Ana Berg');
    expect(last.people?.map((p) => [p.brief?.contact?.name ?? null, p.suggestions.map((s) => s.name)])).toEqual([
      ['Solo Person', []],
      [null, ['Xavier Holm']],
      ['Ana Berg', []],
      ['Bob Stone', []],
    ]);
  });

  it('asks nothing and lists no one when the page names nobody to ask about (a thread among teammates)', async () => {
    const h = harness({ getBriefs: () => ok({ briefs: [] }) }, { name: 'Thread', spec: severalSpec });
    await h.run;
    expect(h.calls.filter((c) => c.type === 'getBriefs' || c.type === 'resolveRefs')).toEqual([]);
    expect(h.last().people).toEqual([]);
  });
});

describe('runPanel', () => {
  it('opens the sections the rep left open, as the background remembers them, and tells it each toggle', async () => {
    const h = harness(
      {
        getBriefs: (data: { from: string }) => ok({ briefs: [data.from === 'cache' ? null : dated(fullBrief, 'server')] }),
        getPanelPrefs: () => ok({ sections: { deals: true, signals: false } }),
        setPanelPrefs: (data: { section: string; open: boolean }) => ok({ sections: { deals: true, signals: false, [data.section]: data.open } }),
      },
      { name: 'Jane Doe' },
    );
    await h.run;
    await flush();
    expect(h.last().view.kind).toBe('brief');
    expect(h.last().sectionsOpen).toEqual({ deals: true, signals: false });
    h.actions().setSectionOpen('intent', true);
    // Shown at once, not after the background's answer.
    expect(h.last().sectionsOpen).toEqual({ deals: true, signals: false, intent: true });
    await flush();
    expect(h.prefCalls).toEqual([
      { type: 'getPanelPrefs', data: undefined },
      { type: 'setPanelPrefs', data: { section: 'intent', open: true } },
    ]);
  });

  it('logs the next step’s touch with someone else at the account under their contact, and never with someone the brief does not list', async () => {
    const h = harness(
      {
        getBriefs: (data: { from: string }) => ok({ briefs: [data.from === 'cache' ? null : dated(fullBrief, 'server')] }),
        logActivity: (data: { id: string }) => ok({ id: data.id, type: 'call', about: 'Omar Khan', subject: null, occurredAt: '2026-04-15T12:00:00.000Z', state: 'synced', attempts: 1, lastError: null, nextAttemptAt: null }),
      },
      { name: 'Jane Doe' },
    );
    await h.run;
    h.actions().logTouch('call', { contactId: 'c_stranger', name: 'Someone' });
    await flush();
    expect(h.calls.some((c) => c.type === 'logActivity')).toBe(false);
    h.actions().logTouch('call', { contactId: 'c_omar', name: 'Omar Khan' });
    await flush();
    expect(h.calls.find((c) => c.type === 'logActivity')!.data).toMatchObject({ type: 'call', contactId: 'c_omar', accountId: 'a_acme', about: 'Omar Khan' });
    expect((h.calls.find((c) => c.type === 'logActivity')!.data as { naturalKey: string }).naturalKey).toMatch(/:c_omar$/);
  });

  it('leaves the sections collapsed when the background cannot say what was left open', async () => {
    const h = harness(
      { getBriefs: (data: { from: string }) => ok({ briefs: [data.from === 'cache' ? null : dated(fullBrief, 'server')] }), getPanelPrefs: () => failure('unavailable') },
      { name: 'Jane Doe' },
    );
    await h.run;
    await flush();
    expect(h.last().view.kind).toBe('brief');
    expect(h.last().sectionsOpen).toBeUndefined();
  });

  it('paints the cached brief at once with its "as of", then the server\'s fresher one', async () => {
    const served = { ...fullBrief, contact: { ...fullBrief.contact!, name: 'Jane Doe (fresh)' } };
    const h = harness(
      {
        getBriefs: (data: { from: string }) => ok({ briefs: [data.from === 'cache' ? dated(fullBrief, 'cache', '2026-04-14T09:00:00.000Z') : dated(served, 'server')] }),
      },
      { name: 'Jane Doe' },
    );
    await h.run;
    expect(h.kinds()).toEqual(['looking', 'brief', 'brief']);
    const [, cached, fresh] = h.paints;
    expect(cached!.view).toMatchObject({ kind: 'brief', asOf: '2026-04-14T09:00:00.000Z', offline: false });
    expect(fresh!.view).toMatchObject({ kind: 'brief', offline: false });
    expect(fresh!.view.kind === 'brief' && fresh!.view.brief.contact?.name).toBe('Jane Doe (fresh)');
    expect(h.calls.map((c) => c.type)).toEqual(['getBriefs', 'getBriefs']);
    expect(h.calls[1]!.data).toEqual({ refs: [{ kind: 'linkedin', profileUrl: 'https://www.linkedin.com/in/jane-doe/', name: 'Jane Doe' }], from: 'server' });
  });

  it('asks the cache and the server by the URL before the panel is mounted (mounting waits for the page\'s body)', async () => {
    let bodyArrives!: () => void;
    const h = harness(
      { getBriefs: (data: { from: string }) => ok({ briefs: [data.from === 'cache' ? dated(fullBrief, 'cache') : dated(fullBrief, 'server')] }) },
      { mounted: new Promise<void>((resolve) => (bodyArrives = resolve)) },
    );
    await flush();
    expect(h.paints).toEqual([]);
    expect(h.calls.map((c) => [c.type, (c.data as { from: string }).from])).toEqual([
      ['getBriefs', 'cache'],
      ['getBriefs', 'server'],
    ]);
    bodyArrives();
    await flush();
    expect(h.kinds()).toContain('brief');
    // No request was repeated for the mount.
    expect(h.calls.filter((c) => c.type === 'getBriefs')).toHaveLength(2);
    h.page.abort();
    await h.run;
  });

  it('asks by the URL at once while the page shows no name, then by the name once it appears', async () => {
    const h = harness({
      getBriefs: (data: { from: string }) => ok({ briefs: [data.from === 'cache' ? null : dated(null, 'server')] }),
      resolveRefs: () => ok({ resolutions: [{ match: null, suggestions: [], warnings: [] }] }),
    });
    await flush();
    // The cache and the early server request, both by the URL alone.
    expect(h.calls.map((c) => [c.type, (c.data as { from?: string }).from])).toEqual([
      ['getBriefs', 'cache'],
      ['getBriefs', 'server'],
    ]);
    setName('Jane Doe');
    await h.run;
    expect(h.calls[2]!.data).toMatchObject({ refs: [{ name: 'Jane Doe' }], from: 'server' });
    expect(h.last().facts).toEqual({ name: 'Jane Doe' });
  });

  it('asks again with the page’s company when it shows another employer than the CRM’s (the server’s next step follows a job change), and only then', async () => {
    for (const [company, asksAgain] of [['Beta GmbH', true], ['Acme', false]] as const) {
      const h = harness({ getBriefs: (data: { from: string }) => ok({ briefs: [data.from === 'cache' ? null : dated(fullBrief, 'server')] }) });
      await flush();
      setName('Jane Doe');
      const p = document.createElement('p');
      p.setAttribute('data-company', '');
      p.textContent = company;
      document.body.append(p);
      await h.run;
      const servers = h.calls.filter((c) => c.type === 'getBriefs' && (c.data as { from: string }).from === 'server');
      expect(servers.length, company).toBe(asksAgain ? 2 : 1);
      if (asksAgain) expect(servers[1]!.data).toMatchObject({ refs: [{ name: 'Jane Doe', company: 'Beta GmbH' }] });
      h.page.abort();
    }
  });

  it('shows "not in CRM" with the server\'s suggestions when nobody matches', async () => {
    const suggestion = { contactId: 'c_j', name: 'Jane Doe', confidence: 0.6, explanation: 'Same name at Acme' };
    const h = harness(
      {
        getBriefs: (data: { from: string }) => ok({ briefs: [data.from === 'cache' ? null : dated(null, 'server')] }),
        resolveRefs: () => ok({ resolutions: [{ match: null, suggestions: [suggestion], warnings: [] }] }),
      },
      { name: 'Jane Doe' },
    );
    await h.run;
    expect(h.last().view).toEqual({ kind: 'not-in-crm', suggestions: [suggestion] });
  });

  it('says "not connected" instead of a card, and asks again once the rep connects', async () => {
    let connected = false;
    const h = harness(
      {
        getBriefs: (data: { from: string }) => (data.from === 'cache' ? ok({ briefs: [null] }) : connected ? ok({ briefs: [dated(fullBrief, 'server')] }) : failure('not_connected')),
        getConnection: () => ok({ state: 'not_connected', serverUrl: '', expiredAt: null }),
      },
      { name: 'Jane Doe' },
    );
    await h.run;
    expect(h.last().view).toMatchObject({ kind: 'connection', status: { state: 'not_connected' } });
    connected = true;
    h.broadcast({ state: 'connected', serverUrl: 'https://crm.example.test', expiredAt: null });
    await flush();
    expect(h.kinds().slice(-2)).toEqual(['looking', 'brief']);
  });

  it('keeps the saved brief, marked offline, when the server cannot be reached', async () => {
    const h = harness(
      {
        getBriefs: () => ok({ briefs: [dated(fullBrief, 'cache')] }),
      },
      { name: 'Jane Doe' },
    );
    await h.run;
    expect(h.last().view).toMatchObject({ kind: 'brief', offline: true });
  });

  it('puts the token\'s refusal above a brief it keeps showing', async () => {
    const h = harness(
      {
        getBriefs: (data: { from: string }) => (data.from === 'cache' ? ok({ briefs: [dated(fullBrief, 'cache')] }) : failure('unauthorized')),
        getConnection: () => ok({ state: 'token_refused', serverUrl: 'https://crm.example.test', expiredAt: null }),
      },
      { name: 'Jane Doe' },
    );
    await h.run;
    expect(h.last().view.kind).toBe('brief');
    expect(h.last().notice).toMatchObject({ state: 'token_refused' });
  });

  it('says the extension did not answer when the background is gone', async () => {
    const h = harness({}, { name: 'Jane Doe' });
    await h.run;
    expect(h.last().view).toEqual({ kind: 'problem', problem: { kind: 'unavailable', message: 'No answer from the extension.' } });
  });

  it('logs a touch with the feature\'s natural key and the site\'s surface, then follows it from "Saved" to "Synced"', async () => {
    let state = 'queued';
    const h = harness(
      {
        getBriefs: () => ok({ briefs: [dated(fullBrief, 'server')] }),
        logActivity: () => ok({ id: 'o1', state: 'queued' }),
        getOutbox: () => ok({ items: [{ id: 'o1', state }] }),
      },
      { name: 'Jane Doe' },
    );
    await h.run;
    h.actions().logTouch('linkedin_message');
    await flush();
    expect(h.calls.find((c) => c.type === 'logActivity')!.data).toEqual({
      id: '00000000-0000-4000-8000-000000000001',
      naturalKey: 'testsite:jane-doe:linkedin_message:2026-04-15T12:00:00.000Z',
      occurredAt: '2026-04-15T12:00:00.000Z',
      type: 'linkedin_message',
      contactId: 'c_jane',
      accountId: 'a_acme',
      surface: 'linkedin',
      about: 'Jane Doe',
    });
    expect(h.last().touch).toEqual({ status: 'saved', type: 'linkedin_message' });
    // Still queued at the first look: the panel asks again, later.
    expect(h.timers.map((t) => t.ms)).toEqual([2_000]);
    h.tick();
    await flush();
    expect(h.last().touch).toEqual({ status: 'saved', type: 'linkedin_message' });
    expect(h.timers.map((t) => t.ms)).toEqual([3_000]);
    state = 'synced';
    h.tick();
    await flush();
    expect(h.last().touch).toEqual({ status: 'synced', type: 'linkedin_message' });
    expect(h.timers).toHaveLength(0);
  });

  it('records an alias for the page\'s ref when the rep picks the right person, then shows who the server says now', async () => {
    const picked = { ...fullBrief, contact: { ...fullBrief.contact!, id: 'c_other', name: 'Jane Other' } };
    let aliased = false;
    const h = harness(
      {
        getBriefs: () => ok({ briefs: [dated(aliased ? picked : fullBrief, 'server')] }),
        recordAlias: () => {
          aliased = true;
          return ok({ alias: {} });
        },
      },
      { name: 'Jane Doe' },
    );
    await h.run;
    h.actions().pick({ contactId: 'c_other', name: 'Jane Other' });
    await flush();
    expect(h.calls.find((c) => c.type === 'recordAlias')!.data).toEqual({ ref: { kind: 'linkedin', profileUrl: 'https://www.linkedin.com/in/jane-doe/' }, contactId: 'c_other' });
    const last = h.last().view;
    expect(last.kind === 'brief' && last.brief.contact?.id).toBe('c_other');
  });

  it('words a job-change flag with the site\'s name', async () => {
    const h = harness({ getBriefs: () => ok({ briefs: [dated(fullBrief, 'server')] }), flagData: () => ok({}) }, { name: 'Jane Doe' });
    await h.run;
    h.actions().flagJobChange(fullBrief, 'Beta Corp');
    await flush();
    expect((h.calls.find((c) => c.type === 'flagData')!.data as { problem: string }).problem).toMatch(/^Testsite shows Beta Corp as the current employer/);
  });

  it('paints nothing more once the page is left while the server is still answering', async () => {
    let answer: (value: Answer) => void = () => undefined;
    const h = harness(
      {
        getBriefs: (data: { from: string }) => (data.from === 'cache' ? ok({ briefs: [null] }) : new Promise<Answer>((resolve) => (answer = resolve))),
      },
      { name: 'Jane Doe' },
    );
    await flush();
    const painted = h.paints.length;
    h.page.abort();
    answer(ok({ briefs: [dated(fullBrief, 'server')] }));
    await h.run;
    expect(h.paints).toHaveLength(painted);
  });

  it('limits the panel to what the URL tells and reports the drift by name when the name never shows', async () => {
    const h = harness({
      getBriefs: (data: { from: string }) => ok({ briefs: [data.from === 'cache' ? null : dated(null, 'server')] }),
      resolveRefs: () => ok({ resolutions: [{ match: null, suggestions: [], warnings: [] }] }),
      reportDrift: () => ok(null),
    });
    await flush();
    // The settle wait runs out with no name on the page.
    h.tick();
    await h.run;
    expect(h.last().limited).toEqual({ urlFacts: ['people.example.test/p/jane-doe'] });
    expect(h.last().view.kind).toBe('not-in-crm');
    expect(h.calls.filter((c) => c.type === 'reportDrift').map((c) => c.data)).toEqual([{ site: 'testsite', pageKind: 'person', selectors: ['testsite.person.name'] }]);
  });

  describe('a page whose HTML is still arriving (a slow connection)', () => {
    const loading = (state: DocumentReadyState) => Object.defineProperty(document, 'readyState', { value: state, configurable: true });
    afterEach(() => loading('complete'));
    const handlers = {
      getBriefs: (data: { from: string }) => ok({ briefs: [data.from === 'cache' ? null : dated(data.from === 'server' ? fullBrief : null, 'server')] }),
      resolveRefs: () => ok({ resolutions: [{ match: null, suggestions: [], warnings: [] }] }),
      reportDrift: () => ok(null),
    };

    it('counts the settle wait from the end of parsing: a name that arrives later than SETTLE_MS after the start is no drift', async () => {
      loading('loading');
      const h = harness(handlers);
      await flush();
      // While the HTML arrives only the outer bound runs; the settle wait has not started.
      expect(h.timers.map((t) => t.ms)).toEqual([SETTLE_MS * SETTLE_LOADING_FACTOR]);
      h.timers.filter((t) => t.ms === SETTLE_MS).forEach((t) => t.resolve());
      await flush();
      // The rest of the HTML comes, with the name: parsed, and settled.
      setName('Jane Doe');
      loading('interactive');
      document.dispatchEvent(new Event('readystatechange'));
      await h.run;
      expect(h.calls.some((c) => c.type === 'reportDrift')).toBe(false);
      expect(h.last().limited).toBeUndefined();
    });

    it('starts the settle wait once parsed, and reports the drift when the name is not there by then', async () => {
      loading('loading');
      const h = harness(handlers);
      await flush();
      loading('interactive');
      document.dispatchEvent(new Event('readystatechange'));
      await flush();
      expect(h.timers.map((t) => t.ms).sort((a, b) => a - b)).toEqual([SETTLE_MS, SETTLE_MS * SETTLE_LOADING_FACTOR]);
      h.tick();
      await h.run;
      expect(h.calls.filter((c) => c.type === 'reportDrift').map((c) => c.data)).toEqual([{ site: 'testsite', pageKind: 'person', selectors: ['testsite.person.name'] }]);
    });

    it('reads a page still loading after the outer bound as it stands', async () => {
      loading('loading');
      const h = harness(handlers);
      await flush();
      h.tick();
      await h.run;
      expect(h.last().limited).toEqual({ urlFacts: ['people.example.test/p/jane-doe'] });
    });
  });

  it('reports no drift and shows the full panel when the page settles', async () => {
    const h = harness({ getBriefs: () => ok({ briefs: [dated(fullBrief, 'server')] }) }, { name: 'Jane Doe' });
    await h.run;
    expect(h.last().limited).toBeUndefined();
    expect(h.calls.some((c) => c.type === 'reportDrift')).toBe(false);
  });
});

describe("runPanel with the tab's memory (a page shown a moment ago in this tab)", () => {
  const memory = () => tabMemory<PanelMemory>({ maxAgeMs: 60_000, maxEntries: 16 });

  it("paints the same page's answer at once on a second visit, without asking the worker's cache, then the server's", async () => {
    const recent = memory();
    const first = harness({ getBriefs: (data: { from: string }) => ok({ briefs: [dated(data.from === 'server' ? fullBrief : null, data.from === 'cache' ? 'cache' : 'server')] }) }, { name: 'Jane Doe', recent });
    await first.run;
    expect(first.last().view.kind).toBe('brief');
    first.page.abort();

    let answerServer: (answer: Answer) => void = () => undefined;
    const second = harness(
      { getBriefs: (data: { from: string }) => (data.from === 'cache' ? ok({ briefs: [null] }) : new Promise<Answer>((resolve) => (answerServer = resolve))) },
      { name: 'Jane Doe', recent },
    );
    await flush();
    // The first paint is the remembered brief: no "looking", and the cache was not asked.
    expect(second.paints[0]?.view.kind).toBe('brief');
    expect(second.calls.filter((c) => (c.data as { from?: string }).from === 'cache')).toEqual([]);
    // The server is still asked, and its answer repaints.
    const renamed = { ...fullBrief, contact: { ...fullBrief.contact!, name: 'Jane Doe-Smith' } };
    answerServer(ok({ briefs: [dated(renamed, 'server', '2026-04-15T12:00:31.000Z')] }));
    await second.run;
    const last = second.last().view;
    expect(last.kind === 'brief' && last.brief.contact?.name).toBe('Jane Doe-Smith');
  });

  it('forgets everything when the background says so (a Disconnect, an erasure): the next visit asks the cache again', async () => {
    const recent = memory();
    const first = harness({ getBriefs: () => ok({ briefs: [dated(fullBrief, 'server')] }) }, { name: 'Jane Doe', recent });
    await first.run;
    first.page.abort();
    forgetAllTabMemories();
    const second = harness({ getBriefs: (data: { from: string }) => ok({ briefs: [data.from === 'cache' ? null : dated(fullBrief, 'server')] }) }, { name: 'Jane Doe', recent });
    await second.run;
    expect(second.paints[0]?.view.kind).toBe('looking');
    expect(second.calls.some((c) => (c.data as { from?: string }).from === 'cache')).toBe(true);
  });

  it('does not remember a brief shown only because the server could not be reached, nor under a connection notice', async () => {
    const recent = memory();
    const offline = harness({ getBriefs: () => ok({ briefs: [dated(fullBrief, 'cache')] }), getConnection: () => failure('offline') }, { name: 'Jane Doe', recent });
    await offline.run;
    offline.page.abort();
    const key = `${spec.id} ${JSON.stringify(spec.urlRefs({ handle: 'jane-doe' }))}`;
    // The cache's copy painted first was remembered; the server's "offline" then took it back.
    expect(recent.recall(key)).toBeUndefined();
  });
});

describe('runPanel with the cache asked at page load (core/page/early-briefs.ts)', () => {
  it("paints the brief the every-page script asked beside the mode, without asking the cache again", async () => {
    const asked: unknown[] = [];
    const h = harness(
      { getBriefs: (data: { from: string }) => (data.from === 'server' ? ok({ briefs: [dated(fullBrief, 'server')] }) : ok({ briefs: [null] })) },
      {
        earlyBriefs: (refs) => {
          asked.push(refs);
          return Promise.resolve(ok({ briefs: [dated(fullBrief, 'cache')] }));
        },
      },
    );
    await flush();
    expect(asked).toEqual([[{ kind: 'linkedin', profileUrl: 'https://www.linkedin.com/in/jane-doe/' }]]);
    expect(h.calls.filter((c) => (c.data as { from?: string }).from === 'cache')).toEqual([]);
    expect(h.kinds()).toContain('brief');
    h.page.abort();
    await h.run;
  });

  it('asks the cache itself when the early question got no answer it can read (an older background)', async () => {
    const h = harness({ getBriefs: (data: { from: string }) => ok({ briefs: [data.from === 'cache' ? dated(fullBrief, 'cache') : dated(fullBrief, 'server')] }) }, { name: 'Jane Doe', earlyBriefs: () => Promise.resolve(undefined) });
    await h.run;
    expect(h.calls.filter((c) => (c.data as { from?: string }).from === 'cache')).toHaveLength(1);
    expect(h.last().view.kind).toBe('brief');
  });
});
