// @vitest-environment jsdom
/**
 * Thread-list rows read from the two real December 2014 Gmail captures (InboxSDK test data), in
 * place from `../shared/fixtures/gmail/` (skipped without them), and modern rows with thread ids
 * from the hand-made reading-pane page.
 */
import { describe, expect, it } from 'vitest';
import { readThreadRows } from '../../../../../extension/sites/gmail/thread-list.ts';
import { capturePresent, capturesDir, handmadeDir, loadPage, pageAt } from '../common/pages.ts';

const LIST = '2014-12-18--inbox--thread-list.html';
const VARIANTS = '2014-12-18--inbox--row-variants.html';
const present = capturePresent('gmail', LIST) && capturePresent('gmail', VARIANTS);
if (!present) console.info(`Gmail capture tests skipped: no ${capturesDir('gmail')} (real captures live beside the repository, not in it).`);

describe.skipIf(!present)('the real 2014 thread list', () => {
  it('reads all sixteen rows: senders, subject, read state and date', () => {
    const rows = readThreadRows(loadPage(capturesDir('gmail'), LIST));
    expect(rows).toHaveLength(16);
    expect(rows[0]).toEqual({
      senders: [{ address: 'streak.web.test.1@gmail.com' }],
      fromMe: true,
      unread: true,
      subject: 'aaa',
      dateText: 'Thu, Dec 18, 2014 at 12:35 PM',
      date: expect.stringMatching(/^2014-12-18T12:35:00[+-]\d{2}:\d{2}$/),
    });
    expect(rows[2]).toMatchObject({
      senders: [{ address: 'news@twilio.com', name: 'Team Twilio' }],
      fromMe: false,
      unread: true,
      subject: 'Twilio is Now Available in Germany, Mexico and 7 Other Countries',
      dateText: 'Wed, Dec 10, 2014 at 6:02 AM',
    });
    expect(rows[15]).toMatchObject({ senders: [{ address: 'cowan@streak.com', name: 'Chris Cowan' }], unread: false, subject: '123131' });
    expect(rows.filter((row) => row.unread)).toHaveLength(13);
    // 2014 rows carry no thread ids.
    expect(rows.some((row) => 'threadId' in row)).toBe(false);
  });

  it('leaves the snippet out of the subject', () => {
    const rows = readThreadRows(loadPage(capturesDir('gmail'), LIST));
    expect(rows[5]!.subject).toBe('Google Account password changed');
    for (const row of rows) expect(row.subject).not.toMatch(/Tag Guy|Hi Tag/);
  });

  it('reads the three row layouts, each as one row, without counting the screen-reader line twice', () => {
    const doc = loadPage(capturesDir('gmail'), VARIANTS);
    // The vertical pane's .afn line repeats the sender as span[email]: a trap for a cell-wide query.
    expect(doc.querySelectorAll('[data-case="vertical-preview-pane-row"] span[email]')).toHaveLength(2);
    expect(readThreadRows(doc)).toEqual([
      expect.objectContaining({ senders: [{ address: 'cowan@streak.com' }], fromMe: true, subject: 'test merge again', dateText: 'Thu, Dec 4, 2014 at 2:02 PM' }),
      expect.objectContaining({ senders: [{ address: 'cowan@streak.com' }], fromMe: true, subject: 'test merge again', dateText: 'Thu, Dec 4, 2014 at 2:02 PM' }),
      expect.objectContaining({ senders: [{ address: 'notifications@mailfoogae.appspotmail.com', name: 'Streak Bot' }], subject: 'lordprogrammer finished a deploy (fed8a27)', dateText: 'Mon, Jan 5, 2015 at 11:02 AM' }),
    ]);
  });

  it('reads the real rows the same when Gmail renames every class but the row and cell ones', () => {
    // The row reader leans on zA/yW/y6/xW; everything else can go.
    const doc = loadPage(capturesDir('gmail'), LIST);
    const keep = new Set(['zA', 'zE', 'yO', 'yW', 'y6', 'y2', 'xW', 'apm', 'bog']);
    for (const el of doc.querySelectorAll('[class]')) {
      const kept = [...el.classList].filter((c) => keep.has(c));
      el.setAttribute('class', kept.join(' '));
    }
    expect(readThreadRows(doc).map((row) => row.subject)).toEqual(readThreadRows(loadPage(capturesDir('gmail'), LIST)).map((row) => row.subject));
  });
});

describe('modern rows', () => {
  it('carry the thread id, and "me" among the senders', () => {
    const rows = readThreadRows(loadPage(handmadeDir('gmail'), '2026-12-04--thread--reading-pane--handmade.html'));
    expect(rows.map((row) => [row.threadId, row.subject, row.fromMe, row.senders.map((s) => s.address)])).toEqual([
      ['thread-f:1882370919629289335', 'Globex renewal', false, ['karin.holm@globex.example']],
      ['thread-f:1883365598822708129', 'Pricing for 2027', true, ['jane.doe@acme.example', 'casey.morgan@northwind.example']],
    ]);
  });

  it('take the thread id from the legacy hex when the row has no perm id', () => {
    const doc = pageAt('<table><tr class="zA zE"><td><div class="yW"><span email="li.wei@globex.example" name="Li Wei">Li</span></div></td><td><span class="bog"><span data-legacy-thread-id="1a230f089c04b3a1">Hi</span></span></td></tr></table>');
    expect(readThreadRows(doc)).toEqual([{ senders: [{ address: 'li.wei@globex.example', name: 'Li Wei' }], fromMe: false, unread: true, subject: 'Hi', threadId: 'thread-f:1883365598822708129' }]);
  });
});
