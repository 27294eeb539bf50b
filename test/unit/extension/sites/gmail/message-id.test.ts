// @vitest-environment jsdom
/** Gmail's message and thread ids in their three forms, the time they carry and the natural key. */
import { describe, expect, it } from 'vitest';
import { decimalOfHex, gmailMessageKey, hexOf, idsFromJslog, messageIdOf, permId, timeOfId } from '../../../../../extension/sites/gmail/message-id.ts';
import { pageAt } from '../common/pages.ts';

const el = (html: string) => pageAt(html).body.firstElementChild!;

describe('the hex and msg-f forms', () => {
  it('are one number in base 16 and base 10 (host-pages.md §2a examples)', () => {
    expect(decimalOfHex('16f438e906b36dac')).toBe('1654009536642772396');
    expect(hexOf('msg-f:1775568780109575075')).toBe('18a41665ecb473a3');
  });

  it('carry the time Gmail filed the message, matching the dates printed beside them', () => {
    // The 2023 copy of a real header; the 2019 one was printed "26 дек. 2019 г., 22:53" in a UTC+4 account.
    expect(timeOfId('msg-f:1775568780109575075')).toBe('2023-08-29T13:05:42.603Z');
    expect(timeOfId('thread-f:1654009536642772396')?.slice(0, 16)).toBe('2019-12-26T18:53');
    expect(timeOfId('msg-a:r-4417329586201839251')).toBeUndefined();
    expect(timeOfId('msg-f:12345')).toBeUndefined();
  });

  it('reads thread ids of sent-first threads, with the minus sign', () => {
    expect(permId('thread-a:r-77797987352109418', 'thread')).toBe('thread-a:r-77797987352109418');
    expect(permId('#thread-f:1654009536642772396', 'thread')).toBe('thread-f:1654009536642772396');
    expect(permId('#thread-f:1654009536642772396', 'msg')).toBeUndefined();
    expect(permId('thread-f:12a', 'thread')).toBeUndefined();
  });
});

describe("a message's id", () => {
  it('comes from data-message-id, with the legacy hex beside it', () => {
    expect(messageIdOf(el('<div data-message-id="#msg-f:1775568780109575075" data-legacy-message-id="18a41665ecb473a3"></div>'))).toEqual({
      id: 'msg-f:1775568780109575075',
      legacyId: '18a41665ecb473a3',
      source: 'data',
      provisional: false,
    });
  });

  it('comes from the legacy hex alone', () => {
    expect(messageIdOf(el('<div data-legacy-message-id="18A41665ECB473A3"></div>'))).toMatchObject({ id: 'msg-f:1775568780109575075', source: 'legacy' });
  });

  it("falls back to jslog when the data-* ids are absent, with Google's '.' padding", () => {
    const message = el('<div><div class="zd" jslog="20278; u014N:cOuCgd; 1:WyIjdGhyZWFkLWY6MTg4MzM2NTU5ODgyMjcwODEyOSJd; 4:WyIjbXNnLWY6MTg4MzU3MjA4NDQwODUzMTYyMSIsbnVsbCxudWxsXQ.."></div></div>');
    expect(messageIdOf(message)).toEqual({ id: 'msg-f:1883572084408531621', legacyId: '1a23cad4c8033aa5', source: 'jslog', provisional: false });
    expect(idsFromJslog(message).threadId).toBe('thread-f:1883365598822708129');
  });

  it('is provisional for a just-sent message, and gives no natural key until Gmail files it', () => {
    const id = messageIdOf(el('<div data-message-id="#msg-a:r-4417329586201839251"></div>'))!;
    expect(id).toEqual({ id: 'msg-a:r-4417329586201839251', source: 'data', provisional: true });
    expect(gmailMessageKey(id)).toBeUndefined();
    expect(gmailMessageKey(messageIdOf(el('<div data-legacy-message-id="18a41665ecb473a3"></div>'))!)).toBe('gmail:msg-f:1775568780109575075');
  });

  it('is nothing for garbage ids and jslog values', () => {
    expect(messageIdOf(el('<div data-message-id="#msg-f:abc" jslog="1:!!!; 4:e30; 4:WyJ4Il0"></div>'))).toBeUndefined();
  });
});
