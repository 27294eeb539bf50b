/**
 * A LinkedIn profile's server answer started when its tab starts loading
 * (core/background/profile-prefetch.ts), and the one answer a tab's panel then takes whoever
 * started it first (core/background/early-server-briefs.ts `waits`).
 */
import { describe, expect, it } from 'vitest';
import type { BriefRef } from '../../../../shared/brief.ts';
import { followProfilePages, prefetchProfile, type ProfilePrefetchDeps } from '../../../../extension/core/background/profile-prefetch.ts';
import { createEarlyServerBriefs } from '../../../../extension/core/background/early-server-briefs.ts';
import type { SiteMode } from '../../../../extension/core/site-modes.ts';
import { ok } from '../../../../extension/core/protocol.ts';

const JANE = 'https://se.linkedin.com/in/Jane-Doe/?trk=people';
const janeRefs: BriefRef[] = [{ kind: 'linkedin', profileUrl: 'https://www.linkedin.com/in/jane-doe/' }];

function deps(mode: SiteMode = 'on', saved = false) {
  const started: Array<[number, BriefRef[], string]> = [];
  const read: BriefRef[][] = [];
  const d: ProfilePrefetchDeps = {
    modeOf: async () => mode,
    cacheHolds: async (refs) => (read.push(refs), saved),
    start: (tab, refs, url) => void started.push([tab, refs, url]),
  };
  return { d, started, read };
}

describe('prefetchProfile', () => {
  it("starts the server's answer for a profile the cache does not hold, with the refs its panel asks for", async () => {
    const { d, started } = deps();
    await expect(prefetchProfile(7, JANE, d)).resolves.toBe(true);
    expect(started).toEqual([[7, janeRefs, JANE]]);
  });

  it('asks nothing for a warm profile, a page that is no profile, or LinkedIn off or in the side panel only', async () => {
    const warm = deps('on', true);
    await expect(prefetchProfile(7, JANE, warm.d)).resolves.toBe(false);
    expect(warm.started).toEqual([]);
    const feed = deps();
    await expect(prefetchProfile(7, 'https://www.linkedin.com/feed/', feed.d)).resolves.toBe(false);
    await expect(prefetchProfile(7, 'not a url', feed.d)).resolves.toBe(false);
    expect([feed.read, feed.started]).toEqual([[], []]);
    for (const mode of ['off', 'side-panel-only'] as const) {
      const page = deps(mode);
      await expect(prefetchProfile(7, JANE, page.d)).resolves.toBe(false);
      // Not even the cache is read for a site the rep keeps off the page.
      expect([page.read, page.started]).toEqual([[], []]);
    }
  });

  it("follows loads only: a tab's URL change without a load (LinkedIn's in-page navigation) starts nothing", async () => {
    const { d, started } = deps();
    let listener: Parameters<Parameters<typeof followProfilePages>[0]['onUpdated']['addListener']>[0] | undefined;
    followProfilePages({ onUpdated: { addListener: (f) => void (listener = f) } }, d);
    listener!(3, { url: JANE });
    listener!(4, { status: 'loading' }, { url: JANE });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(started.map(([tab]) => tab)).toEqual([4]);
  });
});

describe("one early answer per tab and profile", () => {
  it('says an answer waits, so the every-page script’s miss does not start a second request', () => {
    let now = 0;
    const early = createEarlyServerBriefs(() => now);
    expect(early.waits(7, janeRefs)).toBe(false);
    early.start(7, janeRefs, Promise.resolve(ok({ briefs: [null] })));
    expect(early.waits(7, janeRefs)).toBe(true);
    expect(early.waits(8, janeRefs)).toBe(false);
    void early.take(7, janeRefs);
    expect(early.waits(7, janeRefs)).toBe(false);
    early.start(7, janeRefs, Promise.resolve(ok({ briefs: [null] })));
    now += 5_000;
    expect(early.waits(7, janeRefs)).toBe(false);
  });
});
