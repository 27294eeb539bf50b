/**
 * What a Google Meet page shows about its meeting: the code (URL first, `[data-unresolved-meeting-id]`
 * on lookup pages), the title when the meeting came from a calendar event, and the stage (pre-join,
 * in call, ended). Calendar guests are not on Meet's pages (host-pages.md §4a): they come from the
 * Calendar event the code is stored with. Pure: reads `doc` and `url`, never throws.
 */
import { attr, queryFirst, textOf } from '../common/dom.ts';
import { CALL_ENDED, GUEST_NAME_INPUT, JOIN_BUTTON, LEAVE_CALL, MEETING_CODE, MEETING_TITLE } from './selectors.ts';
import { isServedPage, meetCodeFromUrl } from './routes.ts';

export type MeetStage = 'pre-join' | 'in-call' | 'ended' | 'unknown';

/** A Meet meeting page as the extension reads it. */
export interface MeetPage {
  /** `abc-defg-hij`; absent only on a lookup page that has not resolved yet. */
  code?: string;
  /** The nickname of a `/lookup/<name>` page. */
  lookup?: string;
  /** The meeting's title, when it is not just the code (a calendar meeting). */
  title?: string;
  stage: MeetStage;
  /** From the join button's words (English only): whether the rep joins directly or asks the host. */
  access?: 'join-now' | 'ask-to-join';
  /** Whether the page asks for a name (the rep is not signed in to the meeting's organisation). */
  guest: boolean;
}

const CODE = /^[a-z]{3}-[a-z]{4}-[a-z]{3}$/;

/** "Meet - Acme kickoff", "Meet – abc-defg-hij" (dash or en dash): the part after "Meet". */
function titleFromDocument(doc: Document): string | undefined {
  const match = /^\s*(?:Google\s+)?Meet\s*[-–—]\s*(.+?)\s*$/.exec(doc.title ?? '');
  return match?.[1];
}

function stageOf(doc: Document): MeetStage {
  if (queryFirst(doc, CALL_ENDED)) return 'ended';
  if (queryFirst(doc, JOIN_BUTTON)) return 'pre-join';
  if (queryFirst(doc, LEAVE_CALL)) return 'in-call';
  if (queryFirst(doc, GUEST_NAME_INPUT)) return 'pre-join';
  return 'unknown';
}

function accessOf(doc: Document): MeetPage['access'] {
  const words = textOf(queryFirst(doc, JOIN_BUTTON))?.toLowerCase();
  if (!words) return undefined;
  if (words.includes('ask to join')) return 'ask-to-join';
  if (words.includes('join now')) return 'join-now';
  return undefined;
}

/**
 * Reads a Meet meeting or lookup page; `null` on any other page.
 *
 * @example extractMeetPage(document, new URL('https://meet.google.com/abc-defg-hij'))
 * // { code: 'abc-defg-hij', title: 'Acme × Northwind: pricing review', stage: 'pre-join', access: 'join-now', guest: false }
 */
export function extractMeetPage(doc: Document, url: URL): MeetPage | null {
  if (!isServedPage(url)) return null;
  const fromUrl = meetCodeFromUrl(url);
  const page: MeetPage = { stage: 'unknown', guest: false };
  if (fromUrl) page.code = fromUrl;
  else page.lookup = /^\/lookup\/([^/]+)/.exec(url.pathname)?.[1]?.toLowerCase();
  try {
    if (!page.code) {
      const onPage = attr(queryFirst(doc, MEETING_CODE), 'data-unresolved-meeting-id')?.toLowerCase();
      if (onPage && CODE.test(onPage)) page.code = onPage;
    }
    const titleEl = queryFirst(doc, MEETING_TITLE);
    const title = titleFromDocument(doc) ?? attr(titleEl, 'data-meeting-title') ?? textOf(titleEl);
    // A meeting opened from a bare link is titled with its own code: that is no title.
    if (title && title.toLowerCase() !== page.code && title.toLowerCase() !== page.lookup && !CODE.test(title.toLowerCase())) page.title = title;
    page.stage = stageOf(doc);
    const access = accessOf(doc);
    if (access) page.access = access;
    page.guest = queryFirst(doc, GUEST_NAME_INPUT) !== null;
  } catch {
    // A page the reader cannot query still has its code in the URL.
  }
  return page;
}
