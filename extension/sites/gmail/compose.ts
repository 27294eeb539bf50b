/**
 * Gmail's compose windows (new message, reply, forward, pop-out; several at once): where each one
 * is (`findComposeRoots`, and `COMPOSE_ROOT` for element-scoped features) and who it is addressed
 * to. Reads the PeopleKit chips (Oct 2021-) of one window's To, Cc and Bcc, or the classic hidden
 * inputs (`"Doe, Jane" <jane@…>`). A freshly typed address has an empty `data-name`: the person
 * then has no name. Chips are read inside the window only: their hidden `span[email]` twins in the
 * collapsed summary, suggestion chips and autocomplete options are not recipients.
 * Pure; never throws.
 */
import { attr, isHidden, queryAllFirst, queryAllOf, queryFirst } from '../common/dom.ts';
import { missingSelectors } from '../common/drift.ts';
import { parseAddressList, personOf, uniquePeople, type Person } from '../common/participants.ts';
import { permId } from './message-id.ts';
import {
  CLASSIC_RECIPIENTS,
  COLLAPSED_RECIPIENTS_TEXT,
  COMPOSE_DRAFT,
  COMPOSE_ID,
  COMPOSE_REQUIRED,
  COMPOSE_ROOT,
  COMPOSE_SUBJECT,
  COMPOSE_THREAD,
  RECIPIENT_CHIP,
  RECIPIENT_FIELD,
  RECIPIENT_INPUT,
} from './selectors.ts';

export type RecipientField = 'to' | 'cc' | 'bcc';
const FIELDS: readonly RecipientField[] = ['to', 'cc', 'bcc'];

/** One compose window as the rep sees it. */
export interface ComposeWindow {
  /** New message, or a reply or forward (from the thread it answers and its subject). */
  kind: 'new' | 'reply' | 'forward';
  /** An inline reply inside the conversation, rather than a window. */
  inline: boolean;
  /** PeopleKit chips (2021-) or the classic inputs. */
  ui: 'chips' | 'classic';
  to: Person[];
  cc: Person[];
  bcc: Person[];
  /** Text typed in a field that is not a chip yet; an address only once it reads as one. */
  typed: { field: RecipientField; address: string }[];
  /** A collapsed inline reply shows recipients as text until clicked: the fields are not readable yet. */
  recipientsCollapsed: boolean;
  subject?: string;
  composeId?: string;
  /** `msg-a:r<digits>` once Gmail saved a draft. */
  draftId?: string;
  /** The thread a reply belongs to, `thread-f:<decimal>`; absent for a new message. */
  threadId?: string;
}

/** The CSS selector for element-scoped features: one element per open compose window. */
export const COMPOSE_ROOT_SELECTOR = COMPOSE_ROOT.join(', ');

/**
 * Every compose window open on the page, outermost roots only, hidden ones left out.
 *
 * @example findComposeRoots(document).map(readCompose)
 */
export function findComposeRoots(doc: ParentNode): Element[] {
  try {
    const roots = queryAllOf(doc, COMPOSE_ROOT).filter((el) => !isHidden(el));
    return roots.filter((el) => !roots.some((other) => other !== el && other.contains(el)));
  } catch {
    return [];
  }
}

function value(root: Element, selectors: readonly string[]): string | undefined {
  const el = queryFirst(root, selectors) as HTMLInputElement | null;
  const text = (el?.value ?? el?.getAttribute('value') ?? '').trim();
  return text || undefined;
}

function chipsOf(field: Element): Person[] {
  return uniquePeople(
    queryAllFirst(field, RECIPIENT_CHIP).flatMap((chip) => {
      // `data-name` is empty for an address never mailed before: no name, not the address as a name.
      const person = personOf(attr(chip, 'data-hovercard-id'), attr(chip, 'data-name'));
      return person ? [person] : [];
    }),
  );
}

/**
 * Reads one compose window (an element from `findComposeRoots`, or the root an element-scoped
 * feature was started on).
 */
export function readCompose(root: Element): ComposeWindow {
  const compose: ComposeWindow = { kind: 'new', inline: false, ui: 'chips', to: [], cc: [], bcc: [], typed: [], recipientsCollapsed: false };
  try {
    compose.inline = root.matches('[role="region"][data-compose-id]');
    const chipFields = FIELDS.map((field) => [field, queryFirst(root, RECIPIENT_FIELD(field))] as const);
    compose.ui = chipFields.some(([, el]) => el?.querySelector(RECIPIENT_INPUT.join(', ')) || el?.querySelector('[role="listbox"]')) ? 'chips' : queryFirst(root, CLASSIC_RECIPIENTS('to')) ? 'classic' : 'chips';
    for (const [field, el] of chipFields) {
      if (compose.ui === 'chips') {
        if (!el) continue;
        compose[field] = chipsOf(el);
        const typed = (queryFirst(el, RECIPIENT_INPUT) as HTMLInputElement | null)?.value?.trim();
        const person = typed ? personOf(typed) : undefined;
        if (person) compose.typed.push({ field, address: person.address });
      } else {
        const inputs = queryAllFirst(root, CLASSIC_RECIPIENTS(field)) as HTMLInputElement[];
        compose[field] = uniquePeople(inputs.flatMap((input) => parseAddressList(input.value ?? input.getAttribute('value') ?? '')));
      }
    }
    compose.recipientsCollapsed = FIELDS.every((field) => compose[field].length === 0) && queryFirst(root, COLLAPSED_RECIPIENTS_TEXT) !== null;
    const subject = value(root, COMPOSE_SUBJECT);
    if (subject) compose.subject = subject;
    const composeId = value(root, COMPOSE_ID) ?? attr(root, 'data-compose-id');
    if (composeId) compose.composeId = composeId;
    const draftId = permId(value(root, COMPOSE_DRAFT), 'msg');
    if (draftId) compose.draftId = draftId;
    const threadId = permId(value(root, COMPOSE_THREAD), 'thread');
    if (threadId) compose.threadId = threadId;
    if (compose.threadId || compose.inline) compose.kind = /^\s*(?:fwd?|wg|tr|enc|rv)\s*:/i.test(compose.subject ?? '') ? 'forward' : 'reply';
    else if (/^\s*fwd?\s*:/i.test(compose.subject ?? '')) compose.kind = 'forward';
  } catch {
    // A window the reader cannot read still exists: an empty one keeps the card in place.
  }
  return compose;
}

/** Everyone the window is addressed to (To, Cc, Bcc; typed addresses not yet chips left out), once each. */
export function recipientsOf(compose: ComposeWindow): Person[] {
  return uniquePeople([...compose.to, ...compose.cc, ...compose.bcc]);
}

/**
 * The compose window is gone from the page, or no longer a compose window (Gmail removes the
 * dialog once a message is sent, and hides a closed one): for the sent-email log.
 */
export function composeClosed(root: Element): boolean {
  try {
    return !root.isConnected || !root.matches(COMPOSE_ROOT_SELECTOR) || isHidden(root);
  } catch {
    return true;
  }
}

/**
 * The conversation's subject as the thread's heading will show it once sent: a reply's `Re:`
 * (and its localised forms) off, since Gmail heads a conversation with its first subject; a new
 * message's or a forward's as typed (a forward starts a conversation of its own).
 *
 * @example threadSubjectOf({ kind: 'reply', subject: 'Re: Re: Pricing for 2027', … }) // 'Pricing for 2027'
 */
export function threadSubjectOf(compose: Pick<ComposeWindow, 'kind' | 'subject'>): string | undefined {
  let text = compose.subject?.replace(/\s+/g, ' ').trim();
  if (compose.kind === 'reply') for (let before = ''; text && before !== text; ) text = (before = text).replace(/^(?:re|aw|sv|vs|rv)\s*(?:\[\d+\])?\s*:\s*/i, '');
  return text || undefined;
}

/**
 * Required selectors a compose window does not match, by name (`gmail.compose.to`): its recipients
 * cannot be read (Gmail renamed its fields). A collapsed reply, whose recipients are text until
 * clicked, is not drift.
 */
export function composeDrift(root: Element): string[] {
  try {
    return readCompose(root).recipientsCollapsed ? [] : missingSelectors(root, COMPOSE_REQUIRED);
  } catch {
    return [];
  }
}
