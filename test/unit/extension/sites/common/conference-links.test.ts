/**
 * The conference-link parser as a matrix: each real-shaped link gives its provider and id, each
 * trap (lookalike host, http, add-on names, secrets) gives nothing or loses its secret.
 */
import { describe, expect, it } from 'vitest';
import { findConferenceLinks, parseConferenceLink, type ConferenceProvider } from '../../../../../extension/sites/common/conference-links.ts';

const RECOGNISED: [link: string, provider: ConferenceProvider, meetingId: string, url: string][] = [
  ['https://meet.google.com/abc-defg-hij', 'meet', 'abc-defg-hij', 'https://meet.google.com/abc-defg-hij'],
  ['https://meet.google.com/ABC-DEFG-HIJ?authuser=1&hs=122', 'meet', 'abc-defg-hij', 'https://meet.google.com/abc-defg-hij'],
  ['https://zoom.us/j/81234567890', 'zoom', '81234567890', 'https://zoom.us/j/81234567890'],
  ['https://us02web.zoom.us/j/81234567890?pwd=Zm9vYmFyc2VjcmV0#success', 'zoom', '81234567890', 'https://us02web.zoom.us/j/81234567890'],
  ['https://acme.zoom.us/j/812-3456-7890?pwd=abc123', 'zoom', '81234567890', 'https://acme.zoom.us/j/81234567890'],
  ['https://acme.zoom.us/j/812%20345%206789', 'zoom', '8123456789', 'https://acme.zoom.us/j/8123456789'],
  ['https://app.zoom.us/wc/81234567890/join?fromPWA=1&pwd=abc123', 'zoom', '81234567890', 'https://app.zoom.us/j/81234567890'],
  ['https://zoom.us/wc/join/81234567890', 'zoom', '81234567890', 'https://zoom.us/j/81234567890'],
  ['https://zoom.us/w/912345678?tk=token', 'zoom', '912345678', 'https://zoom.us/j/912345678'],
  ['https://acme.zoom.us/my/Jane.Doe', 'zoom', 'my/jane.doe', 'https://acme.zoom.us/my/jane.doe'],
  ['https://acme.zoomgov.com/j/1601234567', 'zoom', '1601234567', 'https://acme.zoomgov.com/j/1601234567'],
  [
    'https://teams.microsoft.com/l/meetup-join/19%3ameeting_NjM0ZDk2YzQtYjA1@thread.v2/0?context=%7b%22Tid%22%3a%22x%22%7d',
    'teams',
    '19:meeting_NjM0ZDk2YzQtYjA1@thread.v2',
    'https://teams.microsoft.com/l/meetup-join/19%3Ameeting_NjM0ZDk2YzQtYjA1%40thread.v2/0',
  ],
  ['https://teams.microsoft.com/meet/2345678901234?p=Xy9SecretPass', 'teams', '2345678901234', 'https://teams.microsoft.com/meet/2345678901234'],
  ['https://teams.live.com/meet/9876543210987?p=AbCdEf', 'teams', '9876543210987', 'https://teams.live.com/meet/9876543210987'],
  ['https://acme.webex.com/meet/jane.doe', 'webex', 'acme/meet/jane.doe', 'https://acme.webex.com/meet/jane.doe'],
  ['https://acme.webex.com/acme/j.php?MTID=m1234567890abcdef1234567890abcdef', 'webex', 'm1234567890abcdef1234567890abcdef', 'https://acme.webex.com/acme/j.php?MTID=m1234567890abcdef1234567890abcdef'],
  ['https://global.gotomeeting.com/join/123456789', 'gotomeeting', '123456789', 'https://global.gotomeeting.com/join/123456789'],
  ['https://meet.goto.com/123456789', 'gotomeeting', '123456789', 'https://meet.goto.com/123456789'],
  // Google Calendar and Gmail wrap links in a click-tracking redirect.
  ['https://www.google.com/url?q=https://acme.zoom.us/j/81234567890?pwd%3Dabc123&sa=D&source=calendar&usg=AOvVaw0', 'zoom', '81234567890', 'https://acme.zoom.us/j/81234567890'],
  ['https://www.google.com/url?q=https%3A%2F%2Fmeet.google.com%2Fabc-defg-hij&sa=D', 'meet', 'abc-defg-hij', 'https://meet.google.com/abc-defg-hij'],
  ['https://eur01.safelinks.protection.outlook.com/?url=https%3A%2F%2Fzoom.us%2Fj%2F81234567890%3Fpwd%3Dabc&data=05', 'zoom', '81234567890', 'https://zoom.us/j/81234567890'],
];

const REFUSED: [link: string, why: string][] = [
  ['https://zoom.us.evil.example/j/81234567890', 'a lookalike host ending in zoom.us as a label'],
  ['https://evilzoom.us/j/81234567890', 'a host that only ends in the letters zoom.us'],
  ['https://meet.google.com.evil.example/abc-defg-hij', 'a lookalike Meet host'],
  ['https://zoom.us@evil.example/j/81234567890', 'a user name pretending to be the host'],
  ['https://teams.microsoft.com.evil.example/l/meetup-join/19%3ameeting_x@thread.v2/0', 'a lookalike Teams host'],
  ['http://zoom.us/j/81234567890', 'plain http'],
  ['http://meet.google.com/abc-defg-hij', 'plain http'],
  ['javascript:alert(1)//zoom.us/j/81234567890', 'not a web link'],
  ['https://www.google.com/url?q=http://zoom.us/j/81234567890', 'a redirect to plain http'],
  ['https://www.google.com/url?q=https://zoom.us.evil.example/j/81234567890', 'a redirect to a lookalike'],
  ['https://evil.example/url?q=https://zoom.us/j/81234567890', 'a redirect from a host that is not Google'],
  ['https://zoom.us/', 'Zoom home page'],
  ['https://zoom.us/j/1234', 'too few digits for a meeting id'],
  ['https://zoom.us/j/123456789012345', 'too many digits for a meeting id'],
  ['https://zoom.us/signin', 'a Zoom page that names no meeting'],
  ['https://zoom.us/j/81234567890/extra', 'a path longer than a join link'],
  ['https://meet.google.com/', 'the Meet landing page'],
  ['https://meet.google.com/new', 'a new-meeting link'],
  ['https://meet.google.com/abc-defg-hijk', 'a code of the wrong shape'],
  ['https://talk.brave.com/yzd4Zi1B5Gf48m4X_TsNrDZSmTCdIhAvJ10Wz5gh4FA', 'an unrecognised provider (the 2022 Calendar capture)'],
  ['https://teams.microsoft.com/l/chat/0/0?users=a@b.c', 'a Teams chat, not a meeting'],
  ['Zoom Meeting', 'an add-on name, not a link'],
  ['', 'nothing'],
];

describe('reading a conference link', () => {
  it.each(RECOGNISED)('%s is %s meeting %s', (link, provider, meetingId, url) => {
    expect(parseConferenceLink(link)).toEqual({ provider, meetingId, url });
  });

  it.each(REFUSED)('%s is not a conference (%s)', (link) => {
    expect(parseConferenceLink(link)).toBeNull();
  });

  it('never keeps a password, passcode or token from any link', () => {
    const secrets = ['Zm9vYmFyc2VjcmV0', 'abc123', 'Xy9SecretPass', 'AbCdEf', 'token', 'pwd', 'context', 'usg'];
    for (const [link] of RECOGNISED) {
      const text = JSON.stringify(parseConferenceLink(link));
      for (const secret of secrets) expect(text, link).not.toContain(secret);
    }
  });

  it('has a meaningful matrix', () => {
    expect(new Set(RECOGNISED.map(([, provider]) => provider)).size).toBe(5);
    expect(REFUSED.length).toBeGreaterThan(15);
  });
});

describe('finding conference links in free text', () => {
  it('finds each meeting once, in order, without sentence punctuation or secrets', () => {
    const description = [
      'Join Zoom Meeting https://acme.zoom.us/j/81234567890?pwd=abc123.',
      'Meeting ID: 812 3456 7890. Passcode: 424242',
      'Backup: (https://meet.google.com/abc-defg-hij), again https://acme.zoom.us/j/81234567890',
    ].join('\n');
    expect(findConferenceLinks([description])).toEqual([
      { provider: 'zoom', meetingId: '81234567890', url: 'https://acme.zoom.us/j/81234567890' },
      { provider: 'meet', meetingId: 'abc-defg-hij', url: 'https://meet.google.com/abc-defg-hij' },
    ]);
  });

  it('ignores plain-http and lookalike links in text', () => {
    expect(findConferenceLinks(['http://zoom.us/j/81234567890 https://zoom.us.evil.example/j/81234567890', null, undefined])).toEqual([]);
  });
});
