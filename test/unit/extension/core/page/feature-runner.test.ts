// @vitest-environment jsdom
/**
 * The feature runner on a fake location source: which features run on which page, that leaving a
 * page aborts everything it started, that a site keying pages by their hash (Gmail's threads)
 * gets a new page per hash, and element-scoped lifetimes (a compose window, an event dialog):
 * started when the element appears, aborted when it goes or is replaced, several at once, all
 * aborted when the page is left.
 */
import { describe, expect, it } from 'vitest';
import { runFeatures, type Feature, type PageHost } from '../../../../../extension/core/page/feature-runner.ts';
import { linkedin } from '../../../../../extension/sites/linkedin/site.ts';
import { isProfile, isServedPage } from '../../../../../extension/sites/linkedin/routes.ts';

const PROFILE_A = 'https://www.linkedin.com/in/daniel-ortega-lind/';
const PROFILE_B = 'https://www.linkedin.com/in/maya-rani-perera-48213c77/';
const FEED = 'https://www.linkedin.com/feed/';

/** A page whose URL the test changes, like LinkedIn's history navigation. */
function fakePage(start: string) {
  const life = new AbortController();
  let url = new URL(start);
  const listeners: Array<(url: URL) => void> = [];
  const host: PageHost = {
    signal: life.signal,
    currentUrl: () => url,
    onLocationChange: (listener) => listeners.push(listener),
    root: document,
    context: undefined,
  };
  return {
    host,
    navigate(to: string) {
      url = new URL(to);
      for (const listener of listeners) listener(url);
    },
    invalidate: () => life.abort(),
  };
}

/** A profile feature that records each page it ran on and that page's signal. */
function recordingFeature(include = [isServedPage]) {
  const runs: Array<{ url: string; signal: AbortSignal }> = [];
  const feature: Feature = { id: 'profile-panel', site: 'linkedin', include, init: ({ signal, url }) => void runs.push({ url: url.href, signal }) };
  return { feature, runs };
}

describe('runFeatures', () => {
  it('runs the profile feature on profile A, then aborts A and runs it for B when the rep opens B', () => {
    const page = fakePage(PROFILE_A);
    const { feature, runs } = recordingFeature();
    runFeatures(page.host, [feature], { pageKey: linkedin.pageKey });
    expect(runs.map((r) => r.url)).toEqual([PROFILE_A]);
    expect(runs[0]!.signal.aborted).toBe(false);

    page.navigate(PROFILE_B);
    expect(runs.map((r) => r.url)).toEqual([PROFILE_A, PROFILE_B]);
    expect(runs[0]!.signal.aborted).toBe(true);
    expect(runs[1]!.signal.aborted).toBe(false);
  });

  it('runs nothing on the feed, and going there from profile A aborts A', () => {
    const page = fakePage(PROFILE_A);
    const { feature, runs } = recordingFeature();
    runFeatures(page.host, [feature], { pageKey: linkedin.pageKey });
    page.navigate(FEED);
    expect(runs).toHaveLength(1);
    expect(runs[0]!.signal.aborted).toBe(true);
  });

  it('runs nothing when the content script starts on the feed, and starts once a profile opens', () => {
    const page = fakePage(FEED);
    const { feature, runs } = recordingFeature();
    runFeatures(page.host, [feature], { pageKey: linkedin.pageKey });
    expect(runs).toHaveLength(0);
    page.navigate(PROFILE_B);
    expect(runs.map((r) => r.url)).toEqual([PROFILE_B]);
  });

  it('keeps the page when only the hash or query changes (the same profile, scrolled to #experience)', () => {
    const page = fakePage(PROFILE_A);
    const { feature, runs } = recordingFeature();
    runFeatures(page.host, [feature], { pageKey: linkedin.pageKey });
    page.navigate(`${PROFILE_A}?trk=x#experience`);
    expect(runs).toHaveLength(1);
    expect(runs[0]!.signal.aborted).toBe(false);
  });

  it('runs only the features whose predicates accept the page', () => {
    const page = fakePage('https://www.linkedin.com/in/daniel-ortega-lind/details/experience/');
    const everyServed = recordingFeature([isServedPage]);
    const profileOnly = recordingFeature([isProfile]);
    runFeatures(page.host, [everyServed.feature, profileOnly.feature], { pageKey: linkedin.pageKey });
    expect(everyServed.runs).toHaveLength(1);
    expect(profileOnly.runs).toHaveLength(0);
  });

  it('aborts the current page when the content script is invalidated (extension updated or reloaded)', () => {
    const page = fakePage(PROFILE_A);
    const { feature, runs } = recordingFeature();
    runFeatures(page.host, [feature], { pageKey: linkedin.pageKey });
    page.invalidate();
    expect(runs[0]!.signal.aborted).toBe(true);
    page.navigate(PROFILE_B);
    expect(runs).toHaveLength(1);
  });

  it('keeps a failing feature from stopping the others or reaching the page', async () => {
    const page = fakePage(PROFILE_A);
    const failures: string[] = [];
    const thrower: Feature = { id: 'throws', site: 'linkedin', include: [isProfile], init: () => { throw new Error('boom'); } };
    const rejecter: Feature = { id: 'rejects', site: 'linkedin', include: [isProfile], init: async () => { throw new Error('boom'); } };
    const { feature, runs } = recordingFeature();
    runFeatures(page.host, [thrower, rejecter, feature], { pageKey: linkedin.pageKey, onFailure: (id) => failures.push(id) });
    await Promise.resolve();
    await Promise.resolve();
    expect(runs).toHaveLength(1);
    expect(failures.sort()).toEqual(['rejects', 'throws']);
  });
});

// A Gmail-like site: the thread is in the hash, so the hash is part of the page key.
const INBOX = 'https://mail.example.test/mail/u/0/#inbox';
const THREAD_1 = 'https://mail.example.test/mail/u/0/#inbox/FMfcgzQX1';
const THREAD_2 = 'https://mail.example.test/mail/u/0/#inbox/FMfcgzQX2';
const hashPageKey = (url: URL) => `${url.origin}${url.pathname}${url.hash}`;
const isThread = (url: URL) => /^#[a-z]+\/[A-Za-z0-9]+$/.test(url.hash);

describe('runFeatures on a site that keys pages by their hash', () => {
  it('runs the thread feature for each thread the rep opens by hash, aborting the previous thread', () => {
    const page = fakePage(INBOX);
    const { feature, runs } = recordingFeature([isThread]);
    runFeatures(page.host, [feature], { pageKey: hashPageKey });
    expect(runs).toHaveLength(0);
    page.navigate(THREAD_1);
    page.navigate(THREAD_2);
    expect(runs.map((r) => r.url)).toEqual([THREAD_1, THREAD_2]);
    expect(runs[0]!.signal.aborted).toBe(true);
    expect(runs[1]!.signal.aborted).toBe(false);
    page.navigate(INBOX);
    expect(runs[1]!.signal.aborted).toBe(true);
  });

  it('treats the same hash change as one page under the default (path) key, as LinkedIn wants', () => {
    const page = fakePage(THREAD_1);
    const { feature, runs } = recordingFeature([isThread]);
    runFeatures(page.host, [feature]);
    page.navigate(THREAD_2);
    expect(runs).toHaveLength(1);
  });
});

/** Waits for the MutationObserver's batch (a microtask after the DOM change). */
const settled = () => new Promise((resolve) => setTimeout(resolve, 0));

/** A compose-window feature: records each element it starts on and that element's signal. */
function composeFeature() {
  const runs: Array<{ element: Element; signal: AbortSignal }> = [];
  const feature: Feature = {
    id: 'compose-panel',
    site: 'mail',
    include: [() => true],
    elements: 'div[role="dialog"][data-compose]',
    init: ({ element, signal }) => void runs.push({ element: element!, signal }),
  };
  return { feature, runs };
}

function compose(id: string): HTMLElement {
  const dialog = document.createElement('div');
  dialog.setAttribute('role', 'dialog');
  dialog.setAttribute('data-compose', id);
  document.body.append(dialog);
  return dialog;
}

describe('element-scoped lifetimes', () => {
  it('starts when a compose window appears and aborts when it goes, without a URL change', async () => {
    document.body.replaceChildren();
    const page = fakePage(INBOX);
    const { feature, runs } = composeFeature();
    runFeatures(page.host, [feature], { pageKey: hashPageKey });
    expect(runs).toHaveLength(0);
    const dialog = compose('a');
    await settled();
    expect(runs.map((r) => r.element)).toEqual([dialog]);
    expect(runs[0]!.signal.aborted).toBe(false);
    dialog.remove();
    await settled();
    expect(runs[0]!.signal.aborted).toBe(true);
    page.invalidate();
  });

  it('starts on an element already there when the page starts', () => {
    document.body.replaceChildren();
    const dialog = compose('early');
    const page = fakePage(INBOX);
    const { feature, runs } = composeFeature();
    runFeatures(page.host, [feature]);
    expect(runs.map((r) => r.element)).toEqual([dialog]);
    page.invalidate();
  });

  it('aborts the old element and starts the new one when the host replaces it', async () => {
    document.body.replaceChildren();
    const page = fakePage(INBOX);
    const { feature, runs } = composeFeature();
    const first = compose('a');
    runFeatures(page.host, [feature]);
    const second = document.createElement('div');
    second.setAttribute('role', 'dialog');
    second.setAttribute('data-compose', 'a');
    first.replaceWith(second);
    await settled();
    expect(runs.map((r) => r.element)).toEqual([first, second]);
    expect(runs[0]!.signal.aborted).toBe(true);
    expect(runs[1]!.signal.aborted).toBe(false);
    page.invalidate();
  });

  it('aborts an element that stops matching (its marker attribute removed) though it stays in the page', async () => {
    document.body.replaceChildren();
    const page = fakePage(INBOX);
    const { feature, runs } = composeFeature();
    const dialog = compose('a');
    runFeatures(page.host, [feature]);
    dialog.removeAttribute('data-compose');
    await settled();
    expect(runs[0]!.signal.aborted).toBe(true);
    page.invalidate();
  });

  it('runs several at once, each with its own lifetime', async () => {
    document.body.replaceChildren();
    const page = fakePage(INBOX);
    const { feature, runs } = composeFeature();
    runFeatures(page.host, [feature]);
    const a = compose('a');
    const b = compose('b');
    await settled();
    const c = compose('c');
    await settled();
    expect(runs.map((r) => r.element)).toEqual([a, b, c]);
    b.remove();
    await settled();
    expect(runs.map((r) => r.signal.aborted)).toEqual([false, true, false]);
    page.invalidate();
  });

  it('aborts every element run when the rep leaves the page, and watches no more', async () => {
    document.body.replaceChildren();
    const page = fakePage(THREAD_1);
    const { feature, runs } = composeFeature();
    feature.include = [isThread];
    runFeatures(page.host, [feature], { pageKey: hashPageKey });
    compose('a');
    compose('b');
    await settled();
    page.navigate(INBOX);
    expect(runs.map((r) => r.signal.aborted)).toEqual([true, true]);
    compose('c');
    await settled();
    expect(runs).toHaveLength(2);
    page.invalidate();
  });
});

