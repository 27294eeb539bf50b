/**
 * Rows of a Gmail thread list, for what they show: senders (addresses and names), subject, date,
 * read state and, on modern rows, the thread id. Modelled on the two real December 2014 captures;
 * the vertical reading pane spreads one row over two or three `tr.zA` (senders in the first,
 * subject in the next), which are read as one. Pure; never throws.
 */
import { attr, queryAllOf, queryFirst, textOf } from '../common/dom.ts';
import { personOf, uniquePeople, type Person } from '../common/participants.ts';
import { parseMailDate } from './mail-date.ts';
import { decimalOfHex, permId } from './message-id.ts';
import { LIST_DATE, LIST_ROW, LIST_SENDERS, LIST_SUBJECT, LIST_THREAD_ID } from './selectors.ts';

/** One conversation in a list. */
export interface ThreadRow {
  senders: Person[];
  /** Whether a sender is shown as "me" (the rep). */
  fromMe: boolean;
  subject?: string;
  unread: boolean;
  /** The date's full title ("Thu, Dec 4, 2014 at 2:02 PM") and, when it is English, as ISO. */
  dateText?: string;
  date?: string;
  /** `thread-f:<decimal>` on rows that carry ids (2019-): absent on the 2014 rows. */
  threadId?: string;
}

/** The first `tr.zA` of each conversation with the continuation rows that follow it. */
function groups(root: ParentNode): Element[][] {
  const all: Element[][] = [];
  for (const tr of queryAllOf(root, LIST_ROW)) {
    const startsRow = tr.querySelector(LIST_SENDERS.join(', ')) !== null || tr.querySelector('.yW') !== null;
    const last = all.at(-1);
    if (startsRow || !last || last.at(-1)?.nextElementSibling !== tr) all.push([tr]);
    else last.push(tr);
  }
  return all;
}

function readRow(rows: Element[]): ThreadRow {
  const first = rows[0]!;
  let fromMe = false;
  const senders = uniquePeople(
    rows.flatMap((tr) =>
      queryAllOf(tr, LIST_SENDERS).flatMap((el) => {
        const name = attr(el, 'name');
        if (name === 'me') fromMe = true;
        const person = personOf(attr(el, 'email'), name);
        return person ? [person] : [];
      }),
    ),
  );
  const row: ThreadRow = { senders, fromMe, unread: first.classList.contains('zE') };
  const find = (selectors: readonly string[]) => rows.map((tr) => queryFirst(tr, selectors)).find((el) => el !== null) ?? null;
  const subject = textOf(find(LIST_SUBJECT));
  if (subject) row.subject = subject;
  const dateText = attr(find(LIST_DATE), 'title');
  if (dateText) {
    row.dateText = dateText;
    const date = parseMailDate(dateText);
    if (date) row.date = date;
  }
  const idEl = find(LIST_THREAD_ID);
  const legacyDecimal = decimalOfHex(attr(idEl, 'data-legacy-thread-id') ?? '');
  const threadId = permId(attr(idEl, 'data-thread-id'), 'thread') ?? (legacyDecimal ? `thread-f:${legacyDecimal}` : undefined);
  if (threadId) row.threadId = threadId;
  return row;
}

/**
 * Every conversation row under `root`, in order.
 *
 * @example readThreadRows(document)[0] // { senders: [{ address: 'news@twilio.com', name: 'Team Twilio' }], subject: '…', unread: true, … }
 */
export function readThreadRows(root: ParentNode): ThreadRow[] {
  try {
    return groups(root).map(readRow);
  } catch {
    return [];
  }
}
