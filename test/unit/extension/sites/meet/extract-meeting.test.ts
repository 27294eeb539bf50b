// @vitest-environment jsdom
/** The Meet meeting page read from the hand-made pre-join pages (no capture of Meet exists). */
import { describe, expect, it } from 'vitest';
import { extractMeetPage } from '../../../../../extension/sites/meet/extract-meeting.ts';
import { handmadeDir, loadPage, pageAt } from '../common/pages.ts';

const DIR = handmadeDir('meet');
const MEETING = new URL('https://meet.google.com/abc-defg-hij');

describe('reading the Meet pre-join page', () => {
  it('reads a calendar meeting: code from the URL, title from the page title, "Join now"', () => {
    const page = extractMeetPage(loadPage(DIR, '2026-12-04--prejoin--calendar-invite--handmade.html'), MEETING);
    expect(page).toEqual({ code: 'abc-defg-hij', title: 'Acme × Northwind: pricing review', stage: 'pre-join', access: 'join-now', guest: false });
  });

  it('never reads the names on the page as guests, nor the code of another meeting listed on it', () => {
    const text = JSON.stringify(extractMeetPage(loadPage(DIR, '2026-12-04--prejoin--calendar-invite--handmade.html'), MEETING));
    for (const other of ['Casey', 'Jane', 'Bob', 'zzz-yyyy-xxx']) expect(text).not.toContain(other);
  });

  it('gives no title for a bare link titled with its own code, and knows a guest asks to join', () => {
    const page = extractMeetPage(loadPage(DIR, '2026-12-04--prejoin--bare-link-guest--handmade.html'), new URL('https://meet.google.com/abc-defg-hij?authuser=1'));
    expect(page).toEqual({ code: 'abc-defg-hij', stage: 'pre-join', access: 'ask-to-join', guest: true });
  });

  it('takes the code from the URL even when the page still shows the previous meeting', () => {
    const doc = loadPage(DIR, '2026-12-04--prejoin--calendar-invite--handmade.html');
    expect(extractMeetPage(doc, new URL('https://meet.google.com/kkk-llll-mmm'))?.code).toBe('kkk-llll-mmm');
  });

  it('reads the code from the page on a lookup page', () => {
    const doc = loadPage(DIR, '2026-12-04--prejoin--calendar-invite--handmade.html');
    expect(extractMeetPage(doc, new URL('https://meet.google.com/lookup/pricing-review'))).toMatchObject({ code: 'abc-defg-hij', lookup: 'pricing-review' });
  });
});

describe('the call itself', () => {
  it('knows the rep is in the call, and when it ended', () => {
    expect(extractMeetPage(pageAt('<title>Meet - Weekly</title><button aria-label="Leave call"></button><div data-participant-id="x"></div>'), MEETING)).toMatchObject({ stage: 'in-call', title: 'Weekly' });
    expect(extractMeetPage(pageAt('<div data-call-ended="true">You left the meeting</div>'), MEETING)?.stage).toBe('ended');
  });

  it('gives the code from the URL alone on an empty or hostile page, and nothing off a meeting', () => {
    expect(extractMeetPage(pageAt(''), MEETING)).toEqual({ code: 'abc-defg-hij', stage: 'unknown', guest: false });
    const hostile = new Proxy({}, { get: () => { throw new Error('host page broke'); } }) as Document;
    expect(extractMeetPage(hostile, MEETING)).toEqual({ code: 'abc-defg-hij', stage: 'unknown', guest: false });
    expect(extractMeetPage(pageAt(''), new URL('https://meet.google.com/landing'))).toBeNull();
  });
});
