// @vitest-environment jsdom
/**
 * The cached brief asked beside the site's mode at page load (core/page/early-briefs.ts) and the
 * background's answer to it (entrypoints/background/early-briefs-messages.ts).
 */
import { describe, expect, it } from 'vitest';
import { askEarlyBriefs, EARLY_BRIEFS_REQUEST, takeEarlyBriefs } from '../../../../../extension/core/page/early-briefs.ts';
import { answerEarlyBriefs } from '../../../../../extension/entrypoints/background/early-briefs-messages.ts';
import { extractProfile } from '../../../../../extension/sites/linkedin/extract-profile.ts';
import { PROFILE_URL_EXAMPLES, profileRefsFromUrl } from '../../../../../extension/sites/linkedin/routes.ts';
import type { SiteMode } from '../../../../../extension/core/site-modes.ts';

const jane = [{ kind: 'linkedin' as const, profileUrl: 'https://www.linkedin.com/in/jane-doe/' }];

describe('askEarlyBriefs and takeEarlyBriefs', () => {
  it('hands the answer to the runner that asks for exactly those refs, once', async () => {
    const sent: unknown[] = [];
    askEarlyBriefs('linkedin', jane, async (message) => (sent.push(message), { ok: true, value: { briefs: [null] } }));
    expect(sent).toEqual([{ type: EARLY_BRIEFS_REQUEST, site: 'linkedin', refs: jane }]);
    expect(takeEarlyBriefs([{ kind: 'linkedin', profileUrl: 'https://www.linkedin.com/in/someone-else/' }])).toBeUndefined();
    await expect(takeEarlyBriefs(jane)).resolves.toEqual({ ok: true, value: { briefs: [null] } });
    expect(takeEarlyBriefs(jane)).toBeUndefined();
  });

  it('turns a failed question into no answer, never a rejection', async () => {
    askEarlyBriefs('linkedin', jane, () => Promise.reject(new Error('Could not establish connection.')));
    await expect(takeEarlyBriefs(jane)).resolves.toBeNull();
  });
});

describe("LinkedIn's early refs", () => {
  // features/linkedin-profile-panel.tsx: `urlRefs: (member) => [{ kind: 'linkedin', profileUrl: member.profileUrl }]`
  // (the feature file mounts through WXT's #imports, which unit tests do not load).
  it("are exactly the profile panel's URL refs, so the panel takes the early answer", () => {
    for (const href of PROFILE_URL_EXAMPLES) {
      const url = new URL(href);
      const profile = extractProfile(document.implementation.createHTMLDocument(''), url);
      expect(profile, href).not.toBeNull();
      expect(profileRefsFromUrl(url), href).toEqual([{ kind: 'linkedin', profileUrl: profile!.profileUrl }]);
    }
    expect(profileRefsFromUrl(new URL('https://www.linkedin.com/feed/'))).toEqual([]);
  });
});

describe('answerEarlyBriefs (the background)', () => {
  function background(mode: SiteMode, cached: unknown = { ok: true, value: { briefs: [null] } }) {
    let listener: ((message: unknown, sender: unknown, respond: (answer: unknown) => void) => boolean | undefined) | undefined;
    const read: unknown[] = [];
    const served: unknown[] = [];
    answerEarlyBriefs(
      { onMessage: { addListener: (l) => (listener = l) } },
      { modeOf: async () => mode },
      async (refs) => (read.push(refs), cached),
      (refs) => void served.push(refs),
    );
    const ask = (message: unknown) =>
      new Promise<unknown>((resolve) => {
        const open = listener!(message, { tab: { id: 1 } }, resolve);
        if (open !== true) resolve('no answer');
      });
    return { ask, read, served };
  }

  it("answers from the cache for a site that is on, and reads nothing for a site that is off", async () => {
    const on = background('on');
    await expect(on.ask({ type: EARLY_BRIEFS_REQUEST, site: 'linkedin', refs: jane })).resolves.toEqual({ ok: true, value: { briefs: [null] } });
    expect(on.read).toEqual([jane]);
    const off = background('off');
    await expect(off.ask({ type: EARLY_BRIEFS_REQUEST, site: 'linkedin', refs: jane })).resolves.toBeNull();
    expect(off.read).toEqual([]);
    expect(off.served).toEqual([]);
  });

  it('starts the server request at once for a cold panel that will show (on), not for a warm one, not for side-panel-only', async () => {
    const on = background('on');
    await on.ask({ type: EARLY_BRIEFS_REQUEST, site: 'linkedin', refs: jane });
    expect(on.served).toEqual([jane]);
    const warm = background('on', { ok: true, value: { briefs: [{ brief: {}, asOf: '2026-12-05T09:00:00.000Z', source: 'cache' }] } });
    await warm.ask({ type: EARLY_BRIEFS_REQUEST, site: 'linkedin', refs: jane });
    expect(warm.served).toEqual([]);
    const sidePanelOnly = background('side-panel-only');
    await expect(sidePanelOnly.ask({ type: EARLY_BRIEFS_REQUEST, site: 'linkedin', refs: jane })).resolves.toEqual({ ok: true, value: { briefs: [null] } });
    expect(sidePanelOnly.served).toEqual([]);
  });

  it("leaves every other message to its own listener", async () => {
    const on = background('on');
    await expect(on.ask({ type: 'signalhouse:site-mode?', site: 'linkedin' })).resolves.toBe('no answer');
  });
});
