/**
 * Zoom's join pages as a matrix: each predicate accepts its own example URLs and refuses every
 * other list's; the meeting id comes out of every form and `pwd` out of none.
 */
import { describe, expect, it } from 'vitest';
import {
  LAUNCH_URL_EXAMPLES,
  NOT_SERVED_URL_EXAMPLES,
  PERSONAL_ROOM_URL_EXAMPLES,
  WEB_CLIENT_URL_EXAMPLES,
  isLaunchPage,
  isPersonalRoom,
  isServedPage,
  isWebClientJoin,
  zoomMeetingFromUrl,
  zoomMeetingKey,
  zoomPageKey,
} from '../../../../../extension/sites/zoom/routes.ts';

const LISTS = { LAUNCH_URL_EXAMPLES, WEB_CLIENT_URL_EXAMPLES, PERSONAL_ROOM_URL_EXAMPLES, NOT_SERVED_URL_EXAMPLES } as const;
type ListName = keyof typeof LISTS;

const PREDICATES: [name: string, predicate: (url: URL) => boolean, accepts: ListName[]][] = [
  ['isLaunchPage', isLaunchPage, ['LAUNCH_URL_EXAMPLES']],
  ['isWebClientJoin', isWebClientJoin, ['WEB_CLIENT_URL_EXAMPLES']],
  ['isPersonalRoom', isPersonalRoom, ['PERSONAL_ROOM_URL_EXAMPLES']],
  ['isServedPage', isServedPage, ['LAUNCH_URL_EXAMPLES', 'WEB_CLIENT_URL_EXAMPLES', 'PERSONAL_ROOM_URL_EXAMPLES']],
];

describe('which Zoom pages the extension serves', () => {
  for (const [name, predicate, accepts] of PREDICATES) {
    for (const list of Object.keys(LISTS) as ListName[]) {
      const expected = accepts.includes(list);
      it(`${name} ${expected ? 'accepts' : 'refuses'} every URL in ${list}`, () => {
        for (const example of LISTS[list]) expect.soft(predicate(new URL(example)), `${name}(${example})`).toBe(expected);
      });
    }
  }
});

describe('the meeting of a Zoom page', () => {
  it('is the digits of the id, dashes and spaces stripped, on any Zoom host and page form', () => {
    for (const url of ['https://acme.zoom.us/j/812-3456-7890?pwd=x#success', 'https://app.zoom.us/wc/81234567890/join', 'https://zoom.us/wc/join/81234567890']) {
      expect(zoomMeetingFromUrl(new URL(url)), url).toEqual({ kind: 'meeting', meetingId: '81234567890' });
    }
  });

  it('is the room name for a personal room, which has no numeric id', () => {
    expect(zoomMeetingFromUrl(new URL('https://acme.zoom.us/my/JaneDoe?pwd=x'))).toEqual({ kind: 'personal-room', room: 'janedoe', meetingId: 'my/janedoe' });
  });

  it('is nothing on every page not served', () => {
    for (const url of NOT_SERVED_URL_EXAMPLES) expect(zoomMeetingFromUrl(new URL(url)), url).toBeUndefined();
  });

  it('keys the launch page and the web client of one meeting as one page, with no password in the key', () => {
    const keys = ['https://us02web.zoom.us/j/81234567890?pwd=Zm9vYmFyc2VjcmV0#success', 'https://app.zoom.us/wc/81234567890/join?pwd=Zm9vYmFyc2VjcmV0'].map((u) => zoomPageKey(new URL(u)));
    expect(keys).toEqual(['zoom:81234567890', 'zoom:81234567890']);
  });

  it('never returns the password from any served example', () => {
    for (const url of [...LAUNCH_URL_EXAMPLES, ...WEB_CLIENT_URL_EXAMPLES, ...PERSONAL_ROOM_URL_EXAMPLES]) {
      const out = JSON.stringify([zoomMeetingFromUrl(new URL(url)), zoomPageKey(new URL(url))]);
      expect(out, url).not.toMatch(/pwd|Zm9vYmFyc2VjcmV0|tk=/);
    }
  });

  it('builds the no-calendar-event natural key from the id and the UTC date', () => {
    expect(zoomMeetingKey('81234567890', new Date('2026-12-04T23:30:00-05:00'))).toBe('zoom:81234567890:2026-12-05');
  });
});
