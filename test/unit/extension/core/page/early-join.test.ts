// @vitest-environment jsdom
/**
 * A join page's questions asked at document start (core/page/early-join.ts), the background's
 * answer to them (entrypoints/background/early-join-messages.ts), and the conference the every-page
 * scripts ask about being the one the join feature reads (sites/meet/page.ts, sites/zoom/page.ts).
 */
import { describe, expect, it } from 'vitest';
import { askEarlyJoin, EARLY_JOIN_REQUEST, takeEarlyJoin } from '../../../../../extension/core/page/early-join.ts';
import { answerEarlyJoin } from '../../../../../extension/entrypoints/background/early-join-messages.ts';
import type { SiteMode } from '../../../../../extension/core/site-modes.ts';
import { extractMeetPage } from '../../../../../extension/sites/meet/extract-meeting.ts';
import { LOOKUP_URL_EXAMPLES, MEETING_URL_EXAMPLES, meetConferenceFromUrl } from '../../../../../extension/sites/meet/routes.ts';
import { extractZoomJoin } from '../../../../../extension/sites/zoom/extract-join.ts';
import { LAUNCH_URL_EXAMPLES, NOT_SERVED_URL_EXAMPLES, PERSONAL_ROOM_URL_EXAMPLES, WEB_CLIENT_URL_EXAMPLES, zoomConferenceFromUrl } from '../../../../../extension/sites/zoom/routes.ts';

const meet = { provider: 'meet' as const, id: 'abc-defg-hij' };

describe('askEarlyJoin and takeEarlyJoin', () => {
  it("asks the rep's side, the meeting and its package for this page load, and hands each answer once", async () => {
    const sent: unknown[] = [];
    askEarlyJoin('meet', meet, async (message) => (sent.push(message), { ok: true, value: (message as { ask: string }).ask }));
    expect(sent).toEqual(
      ['getConnection', 'findMeeting', 'getMeetingPackage'].map((ask) => ({ type: EARLY_JOIN_REQUEST, site: 'meet', ask, conference: meet, loadedAt: performance.timeOrigin })),
    );
    // Another meeting's runner takes nothing.
    expect(takeEarlyJoin('findMeeting', { provider: 'meet', id: 'xyz-abcd-efg' })).toBeUndefined();
    await expect(takeEarlyJoin('findMeeting', meet)).resolves.toEqual({ ok: true, value: 'findMeeting' });
    expect(takeEarlyJoin('findMeeting', meet)).toBeUndefined();
    await expect(takeEarlyJoin('getMeetingPackage', meet)).resolves.toEqual({ ok: true, value: 'getMeetingPackage' });
    await expect(takeEarlyJoin('getConnection', meet)).resolves.toEqual({ ok: true, value: 'getConnection' });
  });

  it('asks nothing for a page whose URL names no meeting, and turns a failed question into no answer', async () => {
    const sent: unknown[] = [];
    askEarlyJoin('meet', undefined, async (message) => sent.push(message));
    expect(sent).toEqual([]);
    askEarlyJoin('meet', meet, () => Promise.reject(new Error('Could not establish connection.')));
    await expect(takeEarlyJoin('getConnection', meet)).resolves.toBeNull();
  });
});

describe("the every-page scripts' conference", () => {
  const blank = () => document.implementation.createHTMLDocument('');
  it("is the Meet join feature's, for every meeting URL, and none for a lookup page (its code is on the page)", () => {
    for (const href of MEETING_URL_EXAMPLES) {
      const url = new URL(href);
      expect(meetConferenceFromUrl(url), href).toEqual({ provider: 'meet', id: extractMeetPage(blank(), url)!.code });
    }
    for (const href of LOOKUP_URL_EXAMPLES) expect(meetConferenceFromUrl(new URL(href)), href).toBeUndefined();
  });

  it("is the Zoom join feature's, for launch, web client and personal-room URLs, and none elsewhere", () => {
    for (const href of [...LAUNCH_URL_EXAMPLES, ...WEB_CLIENT_URL_EXAMPLES, ...PERSONAL_ROOM_URL_EXAMPLES]) {
      const url = new URL(href);
      expect(zoomConferenceFromUrl(url), href).toEqual({ provider: 'zoom', id: extractZoomJoin(blank(), url)!.meeting.meetingId });
    }
    for (const href of NOT_SERVED_URL_EXAMPLES) expect(zoomConferenceFromUrl(new URL(href)), href).toBeUndefined();
  });
});

describe('answerEarlyJoin (the background)', () => {
  function background(mode: SiteMode) {
    let listener: ((message: unknown, sender: unknown, respond: (answer: unknown) => void) => boolean | undefined) | undefined;
    const dispatched: unknown[] = [];
    answerEarlyJoin({ onMessage: { addListener: (l) => (listener = l) } }, { modeOf: async () => mode }, async (ask, payload) => (dispatched.push([ask, payload]), { ok: true, value: ask }));
    const ask = (message: unknown) =>
      new Promise<unknown>((resolve) => {
        const open = listener!(message, { tab: { id: 1 } }, resolve);
        if (open !== true) resolve('no answer');
      });
    return { ask, dispatched };
  }
  const question = (ask: string) => ({ type: EARLY_JOIN_REQUEST, site: 'meet', ask, conference: meet, loadedAt: 1_733_390_000_000 });

  it('answers each question as its message where the site is on, with the page’s conference and load', async () => {
    const on = background('on');
    await expect(on.ask(question('getConnection'))).resolves.toEqual({ ok: true, value: 'getConnection' });
    await expect(on.ask(question('getMeetingPackage'))).resolves.toEqual({ ok: true, value: 'getMeetingPackage' });
    expect(on.dispatched).toEqual([
      ['getConnection', undefined],
      ['getMeetingPackage', { conference: meet, loadedAt: 1_733_390_000_000 }],
    ]);
  });

  it('reads and asks nothing where the page shows no package (off, side panel only)', async () => {
    for (const mode of ['off', 'side-panel-only'] as const) {
      const page = background(mode);
      await expect(page.ask(question('findMeeting'))).resolves.toBeNull();
      expect(page.dispatched).toEqual([]);
    }
  });

  it('leaves any other question, and every other message, to their own listeners', async () => {
    const on = background('on');
    await expect(on.ask(question('logActivity'))).resolves.toBe('no answer');
    await expect(on.ask({ type: 'signalhouse:site-mode?', site: 'meet' })).resolves.toBe('no answer');
    expect(on.dispatched).toEqual([]);
  });
});
