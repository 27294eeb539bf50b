// @vitest-environment jsdom
/**
 * A site's mode on the page side, without a browser: the every-page script's one question (the
 * answer, a failure, a garbage answer, no answer in time), following the background's broadcasts
 * (off stops the features, side-panel-only restarts them in that mode, on starts them again), the
 * runner running only the features that promise to inject nothing in side-panel-only mode, and the
 * panel feature's side-panel-only run: it reads the page and tells the background, adding nothing.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PanelFeatureSpec, Site } from '../../../../../extension/core/page/contract.ts';
import { runFeatures, type Feature, type PageHost } from '../../../../../extension/core/page/feature-runner.ts';
import { feedSidePanel, subjectTeller } from '../../../../../extension/core/page/side-panel-feed.ts';
import { askSiteMode, followSiteMode, SITE_MODE_ANSWER_MS, type ModeChannel } from '../../../../../extension/core/page/site-mode.ts';
import type { sendMessage } from '../../../../../extension/core/messaging.ts';
import { siteModeChanged, SITE_MODE_REQUEST, type SiteMode } from '../../../../../extension/core/site-modes.ts';

afterEach(() => vi.useRealTimers());

/** A channel whose answer the test gives, and whose broadcasts it sends. */
function channel(answer: (message: unknown) => Promise<unknown>) {
  const asked: unknown[] = [];
  const listeners: Array<(message: unknown) => void> = [];
  const fake: ModeChannel = {
    ask: (message) => {
      asked.push(message);
      return answer(message);
    },
    listen: (signal, listener) => {
      listeners.push(listener);
      signal.addEventListener('abort', () => listeners.splice(listeners.indexOf(listener), 1), { once: true });
    },
  };
  return { fake, asked, broadcast: (message: unknown) => listeners.forEach((listener) => listener(message)), listeners };
}

const answerWith = (mode: SiteMode, site = 'linkedin') => async () => ({ type: SITE_MODE_REQUEST, site, mode });

describe('asking the mode once per page load', () => {
  it('asks the background once, for its own site, and takes its answer', async () => {
    const { fake, asked } = channel(answerWith('side-panel-only'));
    expect(await askSiteMode('linkedin', fake)).toBe('side-panel-only');
    expect(asked).toEqual([{ type: SITE_MODE_REQUEST, site: 'linkedin' }]);
  });

  it('counts a failed question, an answer about another site or an unknown mode as on', async () => {
    expect(await askSiteMode('linkedin', channel(() => Promise.reject(new Error('Receiving end does not exist'))).fake)).toBe('on');
    expect(await askSiteMode('linkedin', channel(answerWith('off', 'gmail')).fake)).toBe('on');
    expect(await askSiteMode('linkedin', channel(async () => ({ type: SITE_MODE_REQUEST, site: 'linkedin', mode: 'sometimes' })).fake)).toBe('on');
    expect(await askSiteMode('linkedin', channel(async () => undefined).fake)).toBe('on');
  });

  it('goes on as on when the background does not answer within the bound', async () => {
    vi.useFakeTimers();
    const asked = askSiteMode('linkedin', channel(() => new Promise(() => undefined)).fake);
    await vi.advanceTimersByTimeAsync(SITE_MODE_ANSWER_MS - 1);
    let settled: SiteMode | undefined;
    void asked.then((mode) => (settled = mode));
    await Promise.resolve();
    expect(settled).toBeUndefined();
    await vi.advanceTimersByTimeAsync(1);
    expect(await asked).toBe('on');
  });
});

/** Records each start of the features: its mode and its signal. */
function starts() {
  const runs: Array<{ mode: string; signal: AbortSignal }> = [];
  return { runs, run: (mode: string, signal: AbortSignal) => void runs.push({ mode, signal }) };
}

describe('following the mode while the page is open', () => {
  it('starts nothing when the site is off', async () => {
    const { fake } = channel(answerWith('off'));
    const { runs, run } = starts();
    await followSiteMode('linkedin', { signal: new AbortController().signal, channel: fake }, run);
    expect(runs).toEqual([]);
  });

  it('starts the features in side-panel-only mode when the rep chose it', async () => {
    const { fake } = channel(answerWith('side-panel-only'));
    const { runs, run } = starts();
    await followSiteMode('linkedin', { signal: new AbortController().signal, channel: fake }, run);
    expect(runs.map((r) => r.mode)).toEqual(['side-panel-only']);
  });

  it('unmounts the panel when the site is turned off, and starts side-panel-only after aborting on', async () => {
    const { fake, broadcast } = channel(answerWith('on'));
    const { runs, run } = starts();
    await followSiteMode('linkedin', { signal: new AbortController().signal, channel: fake }, run);
    expect(runs.map((r) => r.mode)).toEqual(['on']);

    broadcast(siteModeChanged('linkedin', 'side-panel-only'));
    expect(runs[0]!.signal.aborted).toBe(true);
    expect(runs.map((r) => r.mode)).toEqual(['on', 'side-panel-only']);

    broadcast(siteModeChanged('linkedin', 'off'));
    expect(runs[1]!.signal.aborted).toBe(true);
    expect(runs).toHaveLength(2);

    broadcast(siteModeChanged('linkedin', 'on'));
    expect(runs.map((r) => r.mode)).toEqual(['on', 'side-panel-only', 'on']);
    expect(runs[2]!.signal.aborted).toBe(false);
  });

  it('ignores another site\'s change and a repeat of the mode in force', async () => {
    const { fake, broadcast } = channel(answerWith('on'));
    const { runs, run } = starts();
    await followSiteMode('linkedin', { signal: new AbortController().signal, channel: fake }, run);
    broadcast(siteModeChanged('gmail', 'off'));
    broadcast(siteModeChanged('linkedin', 'on'));
    broadcast({ type: 'signalhouse:connection-status', status: {} });
    expect(runs).toHaveLength(1);
    expect(runs[0]!.signal.aborted).toBe(false);
  });

  it('believes a change broadcast while its question was out over the older answer', async () => {
    let answer: (value: unknown) => void = () => undefined;
    const { fake, broadcast } = channel(() => new Promise((resolve) => (answer = resolve)));
    const { runs, run } = starts();
    const following = followSiteMode('linkedin', { signal: new AbortController().signal, channel: fake }, run);
    broadcast(siteModeChanged('linkedin', 'off'));
    answer({ type: SITE_MODE_REQUEST, site: 'linkedin', mode: 'on' });
    await following;
    expect(runs).toEqual([]);
  });

  it('stops listening and aborts the features when the content script ends', async () => {
    const { fake, listeners } = channel(answerWith('on'));
    const { runs, run } = starts();
    const life = new AbortController();
    await followSiteMode('linkedin', { signal: life.signal, channel: fake }, run);
    life.abort();
    expect(runs[0]!.signal.aborted).toBe(true);
    expect(listeners).toHaveLength(0);
  });
});

describe('the runner in side-panel-only mode', () => {
  function host(mode: 'on' | 'side-panel-only'): PageHost {
    return { signal: new AbortController().signal, currentUrl: () => new URL('https://www.linkedin.com/in/jane-doe/'), onLocationChange: () => undefined, context: undefined, mode };
  }
  const feature = (id: string, modes?: Feature['modes']) => {
    const seen: string[] = [];
    return { seen, feature: { id, site: 'linkedin', include: [() => true], ...(modes ? { modes } : {}), init: ({ mode }) => void seen.push(mode) } satisfies Feature };
  };

  it('runs only the features that promise to inject nothing, and tells each its mode', () => {
    const plain = feature('overlay');
    const reader = feature('reader', ['on', 'side-panel-only']);
    runFeatures(host('side-panel-only'), [plain.feature, reader.feature]);
    expect(plain.seen).toEqual([]);
    expect(reader.seen).toEqual(['side-panel-only']);
  });

  it('runs every feature in on mode (the default)', () => {
    const plain = feature('overlay');
    const reader = feature('reader', ['on', 'side-panel-only']);
    runFeatures(host('on'), [plain.feature, reader.feature]);
    expect(plain.seen).toEqual(['on']);
    expect(reader.seen).toEqual(['on']);
  });
});

// The side-panel-only run of a panel feature, on a made-up site whose page shows a person in `<h1 data-name>`.
const site: Site = { id: 'testsite', name: 'Testsite', surface: 'linkedin', pageKey: (url) => url.href, anchor: { kind: 'fixed', top: 10, right: 10 } };
interface Person {
  handle: string;
  name?: string;
}
const profileUrl = (handle: string) => `https://www.linkedin.com/in/${handle}/`;
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
    return name ? { handle, name } : { handle };
  },
  settled: (person) => person.name !== undefined,
  urlRefs: (person) => [{ kind: 'linkedin', profileUrl: profileUrl(person.handle) }],
  refs: (person) => [{ kind: 'linkedin', profileUrl: profileUrl(person.handle), ...(person.name ? { name: person.name } : {}) }],
  aliasRef: (person) => ({ kind: 'linkedin', profileUrl: profileUrl(person.handle) }),
  facts: (person) => ({ name: person.name }),
  urlFacts: (person) => [`people.example.test/p/${person.handle}`],
  drift: () => [],
  touches: [],
  touchKey: () => 'k',
};

/** A `<main>`, with the person's `<h1 data-name>` when given. */
function page(name?: string): HTMLElement {
  const main = document.createElement('main');
  if (name !== undefined) {
    const h1 = document.createElement('h1');
    h1.setAttribute('data-name', '');
    h1.textContent = name;
    main.append(h1);
  }
  return main;
}

function recorder() {
  const sent: Array<{ type: string; data: unknown }> = [];
  const send = (async (type: string, data?: unknown) => {
    sent.push({ type, data });
    return { ok: true, value: null };
  }) as unknown as typeof sendMessage;
  return { sent, send };
}

describe('a panel feature in side-panel-only mode', () => {
  it('hands the page\'s refs to the background and adds nothing to the page', async () => {
    document.body.replaceChildren(page('Jane Doe'));
    const elements = document.getElementsByTagName('*').length;
    const added: Node[] = [];
    const observer = new MutationObserver((records) => records.forEach((r) => added.push(...r.addedNodes)));
    observer.observe(document, { childList: true, subtree: true, attributes: true });
    const { sent, send } = recorder();
    const life = new AbortController();
    const url = new URL('https://people.example.test/p/jane-doe');
    await feedSidePanel(spec, { signal: life.signal, doc: document, url, send, wait: () => new Promise(() => undefined) });
    await Promise.resolve();
    expect(observer.takeRecords()).toEqual([]);
    observer.disconnect();
    expect(added).toEqual([]);
    expect(document.getElementsByTagName('*').length).toBe(elements);
    expect(sent).toEqual([
      {
        type: 'setPageSubject',
        data: {
          subject: {
            site: 'testsite',
            url: url.href,
            urlRefs: [{ kind: 'linkedin', profileUrl: profileUrl('jane-doe') }],
            refs: [{ kind: 'linkedin', profileUrl: profileUrl('jane-doe'), name: 'Jane Doe' }],
            label: 'Jane Doe',
          },
        },
      },
    ]);
  });

  it('sends what the URL gives at once, the page\'s name once it shows, and forgets the page when it is left', async () => {
    document.body.replaceChildren(page());
    const { sent, send } = recorder();
    const life = new AbortController();
    const feeding = feedSidePanel(spec, { signal: life.signal, doc: document, url: new URL('https://people.example.test/p/jane-doe'), send, wait: () => new Promise(() => undefined) });
    expect(sent.map((s) => (s.data as { subject: { refs: unknown[]; label: string } }).subject.label)).toEqual(['people.example.test/p/jane-doe']);
    const name = document.createElement('h1');
    name.setAttribute('data-name', '');
    name.textContent = 'Jane Doe';
    document.querySelector('main')!.append(name);
    await feeding;
    expect((sent[1]!.data as { subject: { refs: unknown[] } }).subject.refs).toEqual([{ kind: 'linkedin', profileUrl: profileUrl('jane-doe'), name: 'Jane Doe' }]);
    life.abort();
    expect(sent.at(-1)).toEqual({ type: 'setPageSubject', data: { subject: null } });
  });

  it('says nothing for a page that shows no subject, and nothing when it ends', async () => {
    const { sent, send } = recorder();
    const page = new AbortController();
    await feedSidePanel(spec, { signal: page.signal, doc: document, url: new URL('https://people.example.test/feed'), send, wait: () => new Promise(() => undefined) });
    page.abort();
    expect(sent).toEqual([]);
  });

  it('in on mode, tells the settled subject and forgets it when the page is left', () => {
    const { sent, send } = recorder();
    const page = new AbortController();
    const tell = subjectTeller(spec, { send, url: new URL('https://people.example.test/p/jane-doe'), signal: page.signal });
    tell({ handle: 'jane-doe', name: 'Jane Doe' }, true);
    page.abort();
    tell({ handle: 'jane-doe', name: 'Jane Doe' }, true);
    expect(sent.map((s) => (s.data as { subject: { label: string } | null }).subject?.label ?? null)).toEqual(['Jane Doe', null]);
  });
});
