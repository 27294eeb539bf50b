// @vitest-environment jsdom
/** Zoom join pages read from the hand-made pages (no capture exists): meeting from the URL, stage from the DOM, no password anywhere. */
import { describe, expect, it } from 'vitest';
import { extractZoomJoin } from '../../../../../extension/sites/zoom/extract-join.ts';
import { handmadeDir, loadPage, pageAt } from '../common/pages.ts';

const DIR = handmadeDir('zoom');
const SECRET = 'Zm9vYmFyc2VjcmV0';

describe('reading a Zoom join page', () => {
  it('reads the launch page of a vanity host, without the password its own links carry', () => {
    const doc = loadPage(DIR, '2026-12-04--launch--vanity--handmade.html');
    expect(doc.querySelector(`a[href*="${SECRET}"]`)).not.toBeNull();
    const page = extractZoomJoin(doc, new URL(`https://acme.zoom.us/j/81234567890?pwd=${SECRET}#success`));
    expect(page).toEqual({ meeting: { kind: 'meeting', meetingId: '81234567890' }, form: 'launch', stage: 'launch', joinUrl: 'https://acme.zoom.us/j/81234567890' });
    expect(JSON.stringify(page)).not.toContain(SECRET);
  });

  it('reads the web client pre-join page, with the password field filled, and keeps no password', () => {
    const doc = loadPage(DIR, '2026-12-04--webclient-prejoin--handmade.html');
    const page = extractZoomJoin(doc, new URL(`https://app.zoom.us/wc/81234567890/join?fromPWA=1&pwd=${SECRET}`));
    expect(page).toEqual({ meeting: { kind: 'meeting', meetingId: '81234567890' }, form: 'web-client', stage: 'pre-join', joinUrl: 'https://app.zoom.us/j/81234567890' });
    expect(JSON.stringify(page)).not.toContain(SECRET);
  });

  it('knows the meeting has started, and an invalid link by its title', () => {
    const url = new URL('https://zoom.us/wc/join/81234567890');
    expect(extractZoomJoin(pageAt('<div class="meeting-app"><button aria-label="Leave">Leave</button></div>'), url)?.stage).toBe('in-meeting');
    expect(extractZoomJoin(pageAt('<title>Error - Zoom</title>'), url)?.stage).toBe('invalid-link');
  });

  it('reads a personal room by name', () => {
    expect(extractZoomJoin(pageAt(''), new URL('https://acme.zoom.us/my/jane.doe'))).toMatchObject({
      meeting: { kind: 'personal-room', room: 'jane.doe' },
      form: 'personal-room',
      joinUrl: 'https://acme.zoom.us/my/jane.doe',
    });
  });

  it('gives nothing on pages that name no meeting, and survives a page whose every query throws', () => {
    expect(extractZoomJoin(pageAt(''), new URL('https://zoom.us/signin'))).toBeNull();
    const hostile = new Proxy({}, { get: () => { throw new Error('host page broke'); } }) as Document;
    expect(extractZoomJoin(hostile, new URL('https://zoom.us/j/81234567890'))?.stage).toBe('unknown');
  });
});
