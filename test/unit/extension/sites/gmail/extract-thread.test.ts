// @vitest-environment jsdom
/**
 * The conversation view on hand-made pages (no licensed capture exists): every trap host-pages.md
 * §2a lists, the participants and who is external, internal-only threads and the body on request.
 */
import { describe, expect, it } from 'vitest';
import { extractThread, externalParticipants, isInternalThread, readMessageBody } from '../../../../../extension/sites/gmail/extract-thread.ts';
import { parseMailDate } from '../../../../../extension/sites/gmail/mail-date.ts';
import { handmadeDir, loadPage, pageAt } from '../common/pages.ts';

const DIR = handmadeDir('gmail');
const URL_ = new URL('https://mail.google.com/mail/u/0/#inbox/FMfcgzQXJWLZqsKTvbHtwQfhNkdLwzXm');
const SIDE = { ownAddresses: ['casey.morgan@northwind.example'], teamDomains: ['northwind.example'] };
const conversation = () => loadPage(DIR, '2026-12-04--thread--conversation--handmade.html');

describe('the conversation on screen', () => {
  it('is the visible one, never the earlier conversation Gmail keeps hidden in the page', () => {
    const thread = extractThread(conversation(), URL_)!;
    expect(thread).toMatchObject({
      viewToken: 'FMfcgzQXJWLZqsKTvbHtwQfhNkdLwzXm',
      threadId: 'thread-f:1883365598822708129',
      legacyThreadId: '1a230f089c04b3a1',
      subject: 'Pricing for 2027 🚀',
      foldedMessages: 2,
    });
    expect(JSON.stringify(thread)).not.toMatch(/Globex renewal|karin/i);
  });

  it('reads each message: its stable id, state, sender, recipients and date', () => {
    const { messages } = extractThread(conversation(), URL_)!;
    expect(messages.map((m) => [m.id?.id, m.id?.source, m.state, m.from?.address, m.date])).toEqual([
      ['msg-f:1883365598822708129', 'data', 'collapsed', 'jane.doe@acme.example', '2026-12-01T09:30:00.000Z'],
      ['msg-f:1883473497292915411', 'data', 'expanded', 'casey.sales@northwind.example', '2026-12-02T14:05:00.000Z'],
      ['msg-f:1883544087429771495', 'data', 'expanded', 'bob.stone@acme.example', '2026-12-03T08:47:00.000Z'],
      ['msg-f:1883572084408531621', 'jslog', 'expanded', 'jane.doe@acme.example', '2026-12-03T16:12:00.000Z'],
      ['msg-a:r-4417329586201839251', 'data', 'expanded', 'casey.morgan@northwind.example', parseMailDate('Fri, Dec 4, 2026, 11:02 AM')],
    ]);
    expect(messages[4]!.id?.provisional).toBe(true);
    expect(messages[0]!.recipients).toEqual([]);
  });

  it('keeps display names with commas and quotes whole, and normalises addresses', () => {
    const { messages } = extractThread(conversation(), URL_)!;
    expect(messages[1]!.recipients).toEqual([
      { address: 'jane.doe@acme.example', name: 'Jane Doe' },
      { address: 'bob.stone@acme.example', name: 'Stone, Bob' },
      { address: 'ana.lind@northwind.example', name: 'Ana Lind' },
    ]);
    expect(messages[2]!.cc).toEqual([{ address: 'jane.doe@acme.example', name: 'Jane Doe' }, { address: 'omar.haddad@globex.example', name: 'Omar "OH" Haddad' }]);
    expect(messages[2]!.to).toEqual([{ address: 'casey.morgan@northwind.example' }]);
  });

  it('never takes a participant from a body, quoted text included', () => {
    const text = JSON.stringify(extractThread(conversation(), URL_));
    for (const other of ['karl.quoted', 'pat@initech', 'table.trap']) expect(text).not.toContain(other);
  });

  it('lists the external people: not the rep under any alias or as "me", not teammates', () => {
    const thread = extractThread(conversation(), URL_)!;
    expect(thread.selfAddresses).toEqual(['casey.morgan@northwind.example']);
    // The alias is not configured: the team domain still keeps it out.
    expect(externalParticipants(thread, { ownAddresses: [], teamDomains: ['northwind.example'] })).toEqual([
      { address: 'jane.doe@acme.example', name: 'Jane Doe' },
      { address: 'bob.stone@acme.example', name: 'Stone, Bob' },
      { address: 'omar.haddad@globex.example', name: 'Omar "OH" Haddad' },
    ]);
    // A rep on a free-mail address is kept out by Gmail's "me" alone.
    expect(externalParticipants(thread, { ownAddresses: [], teamDomains: [] }).map((p) => p.address)).not.toContain('casey.morgan@northwind.example');
    expect(isInternalThread(thread, SIDE)).toBe(false);
  });

  it('is internal-only when everyone on it is at the team domain', () => {
    const doc = pageAt(`<div class="nH"><h2 class="hP" data-legacy-thread-id="1a230f089c04b3a1">1:1</h2><div role="list"><div role="listitem" aria-expanded="true">
      <div class="adn ads" data-message-id="#msg-f:1883365598822708129"><h3 class="iw"><span class="gD" email="ana.lind@northwind.example" name="Ana Lind"></span></h3>
      <span class="hb"><span class="g2" email="casey.morgan@northwind.example" name="me"></span></span></div></div></div></div>`);
    const thread = extractThread(doc, URL_)!;
    expect(isInternalThread(thread, SIDE)).toBe(true);
    expect(externalParticipants(thread, SIDE)).toEqual([]);
  });

  it('reads a body on request, without the quoted earlier message', () => {
    expect(readMessageBody(conversation(), 'msg-f:1883473497292915411')).toBe('Hi Jane,\nHere is the price list.\nBest,\nCasey');
    expect(readMessageBody(conversation(), 'msg-f:1882370919629289335')).toBeUndefined();
  });
});

describe('the reading pane', () => {
  it('takes the thread id from the selected row while the heading has none', () => {
    const thread = extractThread(loadPage(DIR, '2026-12-04--thread--reading-pane--handmade.html'), URL_)!;
    expect(thread).toMatchObject({ threadId: 'thread-f:1883365598822708129', legacyThreadId: '1a230f089c04b3a1', subject: 'Pricing for 2027' });
    expect(thread.participants.map((p) => p.address)).toEqual(['bob.stone@acme.example', 'casey.morgan@northwind.example', 'jane.doe@acme.example']);
  });

  it('reads a sent-first thread id with its minus sign', () => {
    const doc = pageAt('<div><h2 class="hP" data-thread-perm-id="thread-a:r-77797987352109418">Intro</h2><div data-message-id="#msg-a:r-1"></div></div>');
    expect(extractThread(doc, URL_)?.threadId).toBe('thread-a:r-77797987352109418');
  });
});

describe('what the URL alone gives', () => {
  it('gives the view token with no messages before the conversation arrives, and nothing off a thread', () => {
    expect(extractThread(pageAt(''), URL_)).toEqual({ viewToken: 'FMfcgzQXJWLZqsKTvbHtwQfhNkdLwzXm', messages: [], foldedMessages: 0, participants: [], selfAddresses: [] });
    expect(extractThread(conversation(), new URL('https://mail.google.com/mail/u/0/#inbox'))).toBeNull();
  });

  it('survives a page whose every query throws', () => {
    const hostile = new Proxy({}, { get: () => { throw new Error('host page broke'); } }) as Document;
    expect(extractThread(hostile, URL_)?.viewToken).toBe('FMfcgzQXJWLZqsKTvbHtwQfhNkdLwzXm');
  });
});

describe('printed dates', () => {
  it('reads the English forms Gmail prints, and nothing from other languages', () => {
    expect(new Date(parseMailDate('Thu, Dec 4, 2014 at 2:02 PM')!).getTime()).toBe(new Date(2014, 11, 4, 14, 2).getTime());
    expect(new Date(parseMailDate('20 Aug 2025, 13:19')!).getTime()).toBe(new Date(2025, 7, 20, 13, 19).getTime());
    expect(parseMailDate('26 дек. 2019 г., 22:53')).toBeUndefined();
  });
});
