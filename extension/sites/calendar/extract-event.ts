/**
 * What a Calendar event shows, from the details dialog (grid views) or the full event page
 * (`/r/eventedit[/<eid>]`): id, title, start and end, guests with their responses, and the
 * conference, from the conference area first, then the location, then the description. A menu
 * item naming an add-on ("Zoom Meeting") is a choice, not a meeting, and is never read as one.
 * Pure: reads the given root and URL, never throws, never stores or sends anything.
 */
import type { EventRef } from '../../../shared/refs.ts';
import { findConferenceLinks, type ConferenceLink } from '../common/conference-links.ts';
import { attr, decodeBase64Text, queryAllOf, queryFirst, textOf, type Selectors } from '../common/dom.ts';
import { externalPeople, isInternalOnly, personOf, type OwnSide, type Person } from '../common/participants.ts';
import { decodeEventId, type CalendarEventId } from './event-id.ts';
import { eidFromUrl } from './routes.ts';
import {
  DIALOG_CONFERENCE,
  DIALOG_DESCRIPTION,
  DIALOG_EVENT,
  DIALOG_GUESTS,
  DIALOG_LOCATION,
  DIALOG_TITLE,
  DIALOG_WHEN,
  EDIT_ADD_MEET,
  EDIT_CONFERENCE,
  EDIT_CONFERENCE_ROW,
  EDIT_DESCRIPTION,
  EDIT_END_DATE,
  EDIT_END_TIME,
  EDIT_LOCATION,
  EDIT_OWNER_CALENDAR,
  EDIT_OWNER_NAME,
  EDIT_START_DATE,
  EDIT_START_TIME,
  EDIT_TITLE,
  GUEST_ITEM,
  GUEST_LIST,
  MENU,
  VIEW_FAMILY,
} from './selectors.ts';
import { parseDateTimeFields, parseWhenLine, type EventTimes } from './when.ts';

export type GuestResponse = 'accepted' | 'declined' | 'tentative' | 'needs-action';

/** A guest: who, and what the page says of them (English words only; absent when unsaid). */
export interface Guest extends Person {
  response?: GuestResponse;
  organizer?: boolean;
  optional?: boolean;
}

/** Where the conference was found, most trusted first. */
export type ConferenceSource = 'conference' | 'location' | 'description';

/** A Calendar event as the page shows it. Fields the page does not show are absent. */
export interface CalendarEvent extends Partial<CalendarEventId> {
  source: 'dialog' | 'edit-page';
  /** `EVENT` or `EVENT_EDIT` (`body[data-viewfamily]`). */
  viewFamily?: string;
  title?: string;
  start?: string;
  end?: string;
  allDay?: boolean;
  guests: Guest[];
  /** The "N guests" count; more than `guests.length` when the dialog truncates the list. */
  guestCount?: number;
  location?: string;
  /** Web links in the location, recognised as a conference or not (a Brave Talk room is not). */
  locationUrls?: string[];
  description?: string;
  conference?: ConferenceLink & { source: ConferenceSource };
  /** The edit page offers "Add Google Meet video conferencing": the event has no conference yet. */
  offersAddMeet?: boolean;
  /** The owner calendar on the edit page. */
  calendarOwnerEmail?: string;
  calendarOwnerName?: string;
}

const RESPONSES: [RegExp, GuestResponse][] = [
  [/\baccepted\b/i, 'accepted'],
  [/\bdeclined\b/i, 'declined'],
  [/\b(?:maybe|tentative)\b/i, 'tentative'],
  [/\b(?:awaiting|needs action|not responded|no response)\b/i, 'needs-action'],
];
const ROLE_WORDS = /^(?:organi[sz]er|optional|accepted|declined|maybe|tentative|awaiting(?: response)?|needs action)$/i;

/** An element's own words: its `aria-label`s and text, for reading responses. */
function wordsOf(el: Element): string {
  const labels = [el, ...el.querySelectorAll('[aria-label], [title]')].flatMap((node) => [attr(node, 'aria-label'), attr(node, 'title')]);
  // Text node by text node: adjacent spans ("Casey Morgan" "Organizer") must not run together.
  const texts: string[] = [];
  const walker = el.ownerDocument.createTreeWalker(el, 4 /* NodeFilter.SHOW_TEXT */);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) texts.push(node.textContent ?? '');
  return [...labels, ...texts].filter(Boolean).join(' , ');
}

function guestOf(item: Element): Guest | undefined {
  const address = attr(item, 'data-email') ?? attr(item, 'data-hovercard-id');
  const lines = [...item.querySelectorAll('span, div')]
    .filter((el) => el.children.length === 0)
    .map((el) => textOf(el))
    .filter((line): line is string => !!line && !ROLE_WORDS.test(line) && !line.includes('@'));
  const person = personOf(address, attr(item, 'data-name') ?? lines[0]?.replace(/,\s*$/, ''));
  if (!person) return undefined;
  const guest: Guest = person;
  const words = wordsOf(item);
  const response = RESPONSES.find(([pattern]) => pattern.test(words))?.[1];
  if (response) guest.response = response;
  if (/\borgani[sz]er\b/i.test(words)) guest.organizer = true;
  if (/\boptional\b/i.test(words)) guest.optional = true;
  return guest;
}

/** Guests of the list in `root`, once each (an item can nest another element with the same address). */
function guestsIn(root: ParentNode): Guest[] {
  const list = queryFirst(root, GUEST_LIST);
  if (!list) return [];
  // Document order puts an item before anything nested in it with the same address: the first wins.
  const items = queryAllOf(list, GUEST_ITEM);
  const seen = new Map<string, Guest>();
  for (const item of items) {
    const guest = guestOf(item);
    if (guest && !seen.has(guest.address)) seen.set(guest.address, guest);
  }
  return [...seen.values()];
}

function guestCountIn(root: ParentNode): number | undefined {
  const match = /(\d+)\s+guests?\b/i.exec(textOf(queryFirst(root, DIALOG_GUESTS)) ?? '');
  return match ? Number(match[1]) : undefined;
}

/** Link targets and text in `el`, leaving out menus (add-on choices are not meetings). */
function linkTexts(el: Element | null, extra: (string | undefined)[] = []): string[] {
  if (!el) return extra.filter((s): s is string => !!s);
  const menus = MENU.join(', ');
  const anchors = [...el.querySelectorAll('a[href]')].filter((a) => !a.closest(menus)).map((a) => a.getAttribute('href'));
  const details = [el, ...el.querySelectorAll('[data-details]')].map((node) => node.getAttribute('data-details'));
  // Text without the menus' words: walk text nodes outside any menu.
  const texts: string[] = [];
  const walker = el.ownerDocument.createTreeWalker(el, 4 /* NodeFilter.SHOW_TEXT */);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!node.parentElement?.closest(menus)) texts.push(node.textContent ?? '');
  }
  return [...anchors, ...details, texts.join(' '), ...extra].filter((s): s is string => !!s);
}

function firstConference(sources: [ConferenceSource, string[]][]): CalendarEvent['conference'] {
  for (const [source, texts] of sources) {
    const [link] = findConferenceLinks(texts);
    if (link) return { ...link, source };
  }
  return undefined;
}

function webLinks(text: string | undefined): string[] {
  return [...(text ?? '').matchAll(/https?:\/\/[^\s<>"'()[\]{}]+/gi)].map((m) => m[0].replace(/[.,;:!?]+$/, ''));
}

function applyTimes(event: CalendarEvent, times: EventTimes | undefined): void {
  if (!times) return;
  event.start = times.start;
  if (times.end) event.end = times.end;
  event.allDay = times.allDay;
}

function applyId(event: CalendarEvent, id: CalendarEventId | undefined): void {
  if (id) Object.assign(event, id);
}

function guarded<T>(read: () => T, fallback: T): T {
  try {
    return read();
  } catch {
    // A reader tripping on markup it never saw costs its field, not the event.
    return fallback;
  }
}

/**
 * Reads the event details dialog: `root` is the dialog (element-scoped features) or the
 * document. `now` fills in the year Calendar leaves out for the current year.
 */
export function extractEventDialog(root: ParentNode, now: Date): CalendarEvent | null {
  const event: CalendarEvent = { source: 'dialog', guests: [] };
  const details = guarded(() => queryFirst(root, DIALOG_EVENT), null);
  if (!details) return null;
  applyId(event, decodeEventId(details.getAttribute('data-eventid')));
  guarded(() => {
    const doc = (root as Node).ownerDocument ?? (root as Document);
    const family = attr(queryFirst(doc, VIEW_FAMILY), 'data-viewfamily');
    if (family) event.viewFamily = family;
    const title = textOf(queryFirst(details, DIALOG_TITLE) ?? queryFirst(root, DIALOG_TITLE));
    if (title) event.title = title;
    applyTimes(event, parseWhenLine(textOf(queryFirst(details, DIALOG_WHEN)) ?? '', now));
    const locationEl = queryFirst(details, DIALOG_LOCATION);
    const location = textOf(locationEl);
    if (location) event.location = location;
    const locationUrls = webLinks(location);
    if (locationUrls.length > 0) event.locationUrls = locationUrls;
    const descriptionEl = queryFirst(details, DIALOG_DESCRIPTION);
    const description = descriptionEl ? (descriptionEl as HTMLElement).innerText?.trim() || textOf(descriptionEl) : undefined;
    if (description) event.description = description;
    event.guests = guestsIn(details);
    const count = guestCountIn(details);
    if (count !== undefined) event.guestCount = count;
    const conference = firstConference([
      ['conference', linkTexts(queryFirst(details, DIALOG_CONFERENCE))],
      ['location', linkTexts(locationEl)],
      ['description', linkTexts(descriptionEl)],
    ]);
    if (conference) event.conference = conference;
  }, undefined);
  return event;
}

/** The value of an input, or its `data-initial-value`; '' for a present but empty field. */
function inputValue(el: Element | null): string | undefined {
  if (!el) return undefined;
  const value = (el as HTMLInputElement).value ?? el.getAttribute('value') ?? '';
  return (value || el.getAttribute('data-initial-value') || '').trim();
}

/**
 * Reads the full event page: an existing event (`/r/eventedit/<eid>`, id from the URL) or a new
 * one (`/r/eventedit`, no id). Fields the page does not hold (the 2022 captures have no title,
 * times or guests) are absent; a field that is there but empty is ''.
 */
export function extractEventPage(doc: Document, url: URL, now: Date): CalendarEvent {
  const event: CalendarEvent = { source: 'edit-page', guests: [] };
  applyId(event, decodeEventId(eidFromUrl(url)));
  guarded(() => {
    const family = attr(queryFirst(doc, VIEW_FAMILY), 'data-viewfamily');
    if (family) event.viewFamily = family;
    const title = inputValue(queryFirst(doc, EDIT_TITLE));
    if (title) event.title = title;
    const value = (selectors: Selectors) => inputValue(queryFirst(doc, selectors)) || undefined;
    applyTimes(event, parseDateTimeFields({ startDate: value(EDIT_START_DATE), startTime: value(EDIT_START_TIME), endDate: value(EDIT_END_DATE), endTime: value(EDIT_END_TIME) }, now));
    const location = inputValue(queryFirst(doc, EDIT_LOCATION));
    if (location !== undefined) event.location = location;
    const locationUrls = webLinks(location);
    if (locationUrls.length > 0) event.locationUrls = locationUrls;
    const descriptionEl = queryFirst(doc, EDIT_DESCRIPTION);
    if (descriptionEl) event.description = ((descriptionEl as HTMLElement).innerText ?? descriptionEl.textContent ?? '').trim();
    event.guests = guestsIn(doc);
    const row = queryFirst(doc, EDIT_CONFERENCE_ROW);
    const existing = queryFirst(doc, EDIT_CONFERENCE);
    const conference = firstConference([
      // Only an existing conference, or a plain link in the row: the add-on menu is skipped by `linkTexts`.
      ['conference', existing ? linkTexts(existing) : row ? linkTexts(row).filter((t) => /^https:/.test(t)) : []],
      ['location', location ? [location] : []],
      ['description', linkTexts(descriptionEl)],
    ]);
    if (conference) event.conference = conference;
    if (row) event.offersAddMeet = queryFirst(row, EDIT_ADD_MEET) !== null;
    const owner = queryFirst(doc, EDIT_OWNER_CALENDAR);
    const ownerId = decodeBase64Text(attr(owner, 'data-value') ?? attr(owner, 'data-calendar-id') ?? '');
    const ownerEmail = personOf(ownerId)?.address;
    if (ownerEmail) event.calendarOwnerEmail = ownerEmail;
    const ownerName = textOf(queryFirst(doc, EDIT_OWNER_NAME));
    if (ownerName) event.calendarOwnerName = ownerName;
  }, undefined);
  return event;
}

/** The guests not on the rep's side (the rep, teammates at the team's domains). */
export function externalGuests(event: CalendarEvent, side: OwnSide): Guest[] {
  const external = new Set(externalPeople(event.guests, side).map((p) => p.address));
  return event.guests.filter((guest) => external.has(guest.address));
}

/** An internal-only event (every guest at the team's domains): no package, no notification. */
export function isInternalEvent(event: CalendarEvent, side: OwnSide): boolean {
  return isInternalOnly(event.guests, side.teamDomains, side.ownAddresses);
}

/**
 * The event ref the server resolves an event by, once the page shows an id and a start;
 * `undefined` before. Attendees are addresses and names only.
 */
export function toEventRef(event: CalendarEvent): EventRef | undefined {
  const start = event.start ?? (event.originalStart?.includes('T') ? event.originalStart : undefined);
  if (!event.eventId || !start) return undefined;
  const ref: EventRef = {
    kind: 'event',
    eventId: event.eventId,
    title: (event.title ?? '').slice(0, 1000),
    start,
    attendees: event.guests.slice(0, 200).map((guest) => ({ kind: 'email', address: guest.address, ...(guest.name ? { name: guest.name.slice(0, 200) } : {}) })),
  };
  if (event.end) ref.end = event.end;
  if (event.conference) ref.conference = { provider: event.conference.provider, url: event.conference.url, meetingId: event.conference.meetingId };
  return ref;
}
