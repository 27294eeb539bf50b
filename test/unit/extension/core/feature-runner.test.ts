/**
 * The feature runner on a fake location source: which features run on which LinkedIn page, and
 * that leaving a page aborts everything it started.
 */
import { describe, expect, it } from 'vitest';
import { runFeatures, type Feature, type PageHost } from '../../../../extension/core/feature-runner.ts';
import { isProfile, isServedPage } from '../../../../extension/sites/linkedin/routes.ts';

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
  const feature: Feature = { id: 'profile-panel', include, init: (signal, url) => void runs.push({ url: url.href, signal }) };
  return { feature, runs };
}

describe('runFeatures', () => {
  it('runs the profile feature on profile A, then aborts A and runs it for B when the rep opens B', () => {
    const page = fakePage(PROFILE_A);
    const { feature, runs } = recordingFeature();
    runFeatures(page.host, [feature]);
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
    runFeatures(page.host, [feature]);
    page.navigate(FEED);
    expect(runs).toHaveLength(1);
    expect(runs[0]!.signal.aborted).toBe(true);
  });

  it('runs nothing when the content script starts on the feed, and starts once a profile opens', () => {
    const page = fakePage(FEED);
    const { feature, runs } = recordingFeature();
    runFeatures(page.host, [feature]);
    expect(runs).toHaveLength(0);
    page.navigate(PROFILE_B);
    expect(runs.map((r) => r.url)).toEqual([PROFILE_B]);
  });

  it('keeps the page when only the hash or query changes (the same profile, scrolled to #experience)', () => {
    const page = fakePage(PROFILE_A);
    const { feature, runs } = recordingFeature();
    runFeatures(page.host, [feature]);
    page.navigate(`${PROFILE_A}?trk=x#experience`);
    expect(runs).toHaveLength(1);
    expect(runs[0]!.signal.aborted).toBe(false);
  });

  it('runs only the features whose predicates accept the page', () => {
    const page = fakePage('https://www.linkedin.com/in/daniel-ortega-lind/details/experience/');
    const everyServed = recordingFeature([isServedPage]);
    const profileOnly = recordingFeature([isProfile]);
    runFeatures(page.host, [everyServed.feature, profileOnly.feature]);
    expect(everyServed.runs).toHaveLength(1);
    expect(profileOnly.runs).toHaveLength(0);
  });

  it('aborts the current page when the content script is invalidated (extension updated or reloaded)', () => {
    const page = fakePage(PROFILE_A);
    const { feature, runs } = recordingFeature();
    runFeatures(page.host, [feature]);
    page.invalidate();
    expect(runs[0]!.signal.aborted).toBe(true);
    page.navigate(PROFILE_B);
    expect(runs).toHaveLength(1);
  });

  it('keeps a failing feature from stopping the others or reaching the page', async () => {
    const page = fakePage(PROFILE_A);
    const failures: string[] = [];
    const thrower: Feature = { id: 'throws', include: [isProfile], init: () => { throw new Error('boom'); } };
    const rejecter: Feature = { id: 'rejects', include: [isProfile], init: async () => { throw new Error('boom'); } };
    const { feature, runs } = recordingFeature();
    runFeatures(page.host, [thrower, rejecter, feature], (id) => failures.push(id));
    await Promise.resolve();
    await Promise.resolve();
    expect(runs).toHaveLength(1);
    expect(failures.sort()).toEqual(['rejects', 'throws']);
  });
});
