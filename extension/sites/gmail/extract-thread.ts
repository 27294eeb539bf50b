/**
 * The conversation on screen in Gmail: subject, thread id, and per message its stable id, date,
 * sender and recipients, then everyone on the thread and who of them is external. Reads only the
 * visible conversation (Gmail keeps earlier ones in the page, hidden) and only message headers:
 * a body, quoted text included, never names a participant. Bodies are read on request only
 * (`readMessageBody`), for a touch the rep logs with its body.
 * Pure: reads `doc` and `url`, never throws, never stores or sends anything.
 */
import { isHidden, attr, queryAllOf, queryFirst, textOf } from '../common/dom.ts';
import { externalPeople, isInternalOnly, personOf, uniquePeople, type OwnSide, type Person } from '../common/participants.ts';
import { parseMailDate } from './mail-date.ts';
import { decimalOfHex, idsFromJslog, messageIdOf, permId, timeOfId, type MessageId } from './message-id.ts';
import { threadTokenFromUrl } from './routes.ts';
import {
  MESSAGE,
  MESSAGE_BODY,
  MESSAGE_COLLAPSED_CLASSES,
  MESSAGE_DATE,
  MESSAGE_DETAILS_ROWS,
  MESSAGE_HIDDEN_CLASSES,
  MESSAGE_RECIPIENTS,
  MESSAGE_SENDER,
  QUOTED_TEXT,
  SELECTED_ROW_THREAD,
  THREAD_SUBJECT,
} from './selectors.ts';

/** One message of the conversation. */
export interface GmailMessage {
  id?: MessageId;
  /** Expanded: header, recipients and body on screen; collapsed: sender and snippet only. */
  state: 'expanded' | 'collapsed';
  from?: Person;
  /** Everyone on the summary line (To, Cc and Bcc are not told apart there). Empty when collapsed. */
  recipients: Person[];
  /** Only when the "Show details" table is open. */
  to?: Person[];
  cc?: Person[];
  bcc?: Person[];
  /** When it was sent: from the stable id when there is one, else the printed date (browser zone). */
  date?: string;
  /** The date as Gmail prints it in the header's title. */
  dateText?: string;
}

/** The conversation on screen. */
export interface GmailThread {
  /** The URL's view token: what the page key and a limited panel can use before the DOM answers. */
  viewToken: string;
  /** `thread-f:<decimal>` or `thread-a:r<digits>` (sent-first threads; the digits may carry a minus sign). */
  threadId?: string;
  legacyThreadId?: string;
  subject?: string;
  messages: GmailMessage[];
  /** Messages folded into "N older messages": not on the page until the rep opens them. */
  foldedMessages: number;
  /** Everyone on the thread's headers, once each (the rep included). */
  participants: Person[];
  /** Addresses Gmail shows as "me": the rep's own, whatever aliases were configured. */
  selfAddresses: string[];
}

/** The subject: text and emoji images' `data-emoji`, joined (InboxSDK `getSubject`). */
function subjectOf(h2: Element): string | undefined {
  let text = '';
  const walk = (node: Node) => {
    for (const child of node.childNodes) {
      if (child.nodeType === 3) text += child.textContent ?? '';
      else if (child.nodeType === 1) {
        const el = child as Element;
        if (el.tagName === 'IMG') text += el.getAttribute('data-emoji') ?? el.getAttribute('alt') ?? '';
        else walk(el);
      }
    }
  };
  walk(h2);
  return text.replace(/\s+/g, ' ').trim() || undefined;
}

/** The nearest ancestor of the heading that holds messages: this conversation's own container. */
function conversationRoot(h2: Element): Element {
  const messages = MESSAGE.join(', ');
  for (let el = h2.parentElement; el; el = el.parentElement) {
    if (el.querySelector(messages)) return el;
  }
  return h2.ownerDocument.body ?? h2;
}

/** Elements inside a message body (quoted text included): never a header, never a participant. */
function inBody(el: Element): boolean {
  return el.closest([...MESSAGE_BODY, ...QUOTED_TEXT].join(', ')) !== null;
}

/** `[email]` people under `root` by `selectors`, outside bodies; "me" recorded as the rep's address. */
function peopleIn(root: Element, selectors: readonly string[], self: Set<string>): Person[] {
  const people: Person[] = [];
  for (const el of queryAllOf(root, selectors)) {
    if (inBody(el)) continue;
    const address = attr(el, 'email') ?? attr(el, 'data-hovercard-id');
    const name = attr(el, 'name') ?? attr(el, 'data-name') ?? textOf(el);
    const person = personOf(address, name);
    if (!person) continue;
    if (name === 'me') self.add(person.address);
    people.push(person);
  }
  return uniquePeople(people);
}

/** To, Cc and Bcc from the open "Show details" table, by its English row labels. */
function detailsOf(message: Element, self: Set<string>): Pick<GmailMessage, 'to' | 'cc' | 'bcc'> {
  const fields: Pick<GmailMessage, 'to' | 'cc' | 'bcc'> = {};
  for (const row of queryAllOf(message, MESSAGE_DETAILS_ROWS)) {
    if (inBody(row)) continue;
    const label = textOf(row.querySelector('td, th'))?.toLowerCase().replace(/:$/, '');
    if (label !== 'to' && label !== 'cc' && label !== 'bcc') continue;
    fields[label] = peopleIn(row, ['[email]'], self);
  }
  return fields;
}

function stateOf(message: Element): GmailMessage['state'] | 'folded' {
  const classes = message.classList;
  if (MESSAGE_HIDDEN_CLASSES.some((c) => classes.contains(c))) return 'folded';
  const item = message.closest('[role="listitem"]');
  if (item?.getAttribute('aria-expanded') === 'false') return 'collapsed';
  if (item?.getAttribute('aria-expanded') === 'true') return 'expanded';
  return MESSAGE_COLLAPSED_CLASSES.some((c) => classes.contains(c)) ? 'collapsed' : 'expanded';
}

function readMessage(message: Element, self: Set<string>, state: GmailMessage['state']): GmailMessage {
  const read: GmailMessage = { state, recipients: [] };
  const id = messageIdOf(message);
  if (id) read.id = id;
  const [from] = peopleIn(message, MESSAGE_SENDER, self);
  if (from) read.from = from;
  if (state === 'expanded') {
    read.recipients = peopleIn(message, MESSAGE_RECIPIENTS, self);
    Object.assign(read, detailsOf(message, self));
  }
  const dateEl = queryFirst(message, MESSAGE_DATE);
  const dateText = dateEl && !inBody(dateEl) ? attr(dateEl, 'title') : undefined;
  if (dateText) read.dateText = dateText;
  const date = (id && !id.provisional ? timeOfId(id.id) : undefined) ?? (dateText ? parseMailDate(dateText) : undefined);
  if (date) read.date = date;
  return read;
}

/** The thread ids on the heading, the selected list row (reading pane), or the messages' `jslog`. */
function threadIdsOf(h2: Element, root: Element, doc: Document): Pick<GmailThread, 'threadId' | 'legacyThreadId'> {
  const ids: Pick<GmailThread, 'threadId' | 'legacyThreadId'> = {};
  const legacy = attr(h2, 'data-legacy-thread-id') ?? attr(queryFirst(doc, SELECTED_ROW_THREAD), 'data-legacy-thread-id');
  if (legacy && /^[0-9a-f]{10,16}$/i.test(legacy)) ids.legacyThreadId = legacy.toLowerCase();
  const perm = permId(attr(h2, 'data-thread-perm-id') ?? attr(queryFirst(doc, SELECTED_ROW_THREAD), 'data-thread-id'), 'thread');
  const fromLegacy = ids.legacyThreadId ? `thread-f:${decimalOfHex(ids.legacyThreadId)}` : undefined;
  const threadId = perm ?? fromLegacy ?? idsFromJslog(root).threadId;
  if (threadId) ids.threadId = threadId;
  return ids;
}

function safely<T>(read: () => T, fallback: T): T {
  try {
    return read();
  } catch {
    return fallback; // markup the reader never saw costs its fields, never the page
  }
}

/**
 * Reads the conversation on screen; `null` when the URL opens none. A thread whose DOM has not
 * arrived yet (or drifted) still gives its `viewToken`, with no messages.
 *
 * @example extractThread(document, new URL('https://mail.google.com/mail/u/0/#inbox/FMfcgzQX…'))
 * // { viewToken: 'FMfcgzQX…', threadId: 'thread-f:1775568780109575075', subject: 'Pricing for 2027', messages: [...], … }
 */
export function extractThread(doc: Document, url: URL, options: { notHeading?: Element | undefined } = {}): GmailThread | null {
  const viewToken = threadTokenFromUrl(url);
  if (!viewToken) return null;
  const thread: GmailThread = { viewToken, messages: [], foldedMessages: 0, participants: [], selfAddresses: [] };
  return safely(() => {
    const h2 = visibleThreadHeading(doc);
    // The heading of the conversation the rep just left, still on screen while Gmail draws the
    // next one: not this URL's thread, so nothing of it is read (its people never show here).
    if (!h2 || h2 === options.notHeading) return thread;
    const root = conversationRoot(h2);
    Object.assign(thread, threadIdsOf(h2, root, doc));
    const subject = subjectOf(h2);
    if (subject) thread.subject = subject;
    const self = new Set<string>();
    // Outermost message containers only (an `.adn` can hold an element with the same id attributes).
    const containers = queryAllOf(root, MESSAGE).filter((el, _i, all) => !isHidden(el) && !all.some((other) => other !== el && other.contains(el)));
    for (const container of containers) {
      const state = stateOf(container);
      if (state === 'folded') thread.foldedMessages += Math.max(1, Number(/\d+/.exec(textOf(container) ?? '')?.[0] ?? 1));
      else thread.messages.push(readMessage(container, self, state));
    }
    thread.participants = uniquePeople(thread.messages.flatMap((m) => [...(m.from ? [m.from] : []), ...m.recipients, ...(m.to ?? []), ...(m.cc ?? []), ...(m.bcc ?? [])]));
    thread.selfAddresses = [...self];
    return thread;
  }, thread);
}

/** The subject heading of the conversation on screen (Gmail keeps earlier ones in the page, hidden). */
export function visibleThreadHeading(doc: Document): Element | undefined {
  return safely(() => queryAllOf(doc, THREAD_SUBJECT).find((el) => !isHidden(el)), undefined);
}

/** The people on the thread who are neither the rep (configured aliases or Gmail's "me") nor at the team's domains. */
export function externalParticipants(thread: GmailThread, side: OwnSide): Person[] {
  return externalPeople(thread.participants, { ...side, ownAddresses: [...side.ownAddresses, ...thread.selfAddresses] });
}

/** A thread whose participants are all at the team's own domains (or the rep): never logged. */
export function isInternalThread(thread: GmailThread, side: OwnSide): boolean {
  return isInternalOnly(thread.participants, side.teamDomains, [...side.ownAddresses, ...thread.selfAddresses]);
}

/** Block elements end a line in the text of a body. */
const BLOCK = /^(?:P|DIV|LI|TR|H[1-6]|BLOCKQUOTE|PRE|TABLE|UL|OL)$/;

/**
 * The visible text of one message's body, quoted earlier messages left out: only for a touch the
 * rep logs with "include body". `undefined` when the message is not on screen or has no body.
 */
export function readMessageBody(doc: Document, messageId: string): string | undefined {
  return safely(() => {
    const message = queryAllOf(doc, MESSAGE).find((el) => !isHidden(el) && messageIdOf(el)?.id === messageId);
    const body = message ? queryFirst(message, MESSAGE_BODY) : null;
    if (!body) return undefined;
    const quoted = QUOTED_TEXT.join(', ');
    let text = '';
    const walk = (node: Node) => {
      for (const child of node.childNodes) {
        if (child.nodeType === 3) text += (child.textContent ?? '').replace(/\s+/g, ' ');
        else if (child.nodeType === 1) {
          const el = child as Element;
          if (el.matches(quoted) || el.tagName === 'SCRIPT' || el.tagName === 'STYLE') continue;
          if (el.tagName === 'BR') text += '\n';
          else {
            const block = BLOCK.test(el.tagName);
            if (block && !text.endsWith('\n')) text += '\n';
            walk(el);
            if (block) text += '\n';
          }
        }
      }
    };
    walk(body);
    const clean = text.split('\n').map((line) => line.trim()).join('\n').replace(/\n{3,}/g, '\n\n').trim();
    return clean || undefined;
  }, undefined);
}
