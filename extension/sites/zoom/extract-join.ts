/**
 * What a Zoom join page shows: the meeting (from the URL, the contract), which form of page it
 * is, and how far the rep got (launch page, web client pre-join, in the meeting, invalid link).
 * The DOM only adds the stage. Pure: reads `doc` and `url`, never throws, never returns `pwd`.
 */
import { queryFirst } from '../common/dom.ts';
import { INVALID_LINK_TITLE, WEB_CLIENT_IN_MEETING, WEB_CLIENT_PREJOIN } from './selectors.ts';
import { isLaunchPage, isPersonalRoom, zoomMeetingFromUrl, type ZoomMeetingRef } from './routes.ts';

export type ZoomPageForm = 'launch' | 'web-client' | 'personal-room';
export type ZoomStage = 'launch' | 'pre-join' | 'in-meeting' | 'invalid-link' | 'unknown';

/** A Zoom join page as the extension reads it. */
export interface ZoomJoinPage {
  meeting: ZoomMeetingRef;
  form: ZoomPageForm;
  stage: ZoomStage;
  /** The meeting's link without its password: what the panel shows and the server matches. */
  joinUrl: string;
}

function stageOf(doc: Document, form: ZoomPageForm): ZoomStage {
  try {
    if (INVALID_LINK_TITLE.test(doc.title?.trim() ?? '')) return 'invalid-link';
    if (queryFirst(doc, WEB_CLIENT_IN_MEETING)) return 'in-meeting';
    if (queryFirst(doc, WEB_CLIENT_PREJOIN)) return 'pre-join';
  } catch {
    return 'unknown'; // a page the reader cannot query still has its meeting in the URL
  }
  return form === 'web-client' ? 'unknown' : 'launch';
}

/**
 * Reads a Zoom join page; `null` when `url` is not one.
 *
 * @example extractZoomJoin(document, new URL('https://acme.zoom.us/j/81234567890?pwd=x#success'))
 * // { meeting: { kind: 'meeting', meetingId: '81234567890' }, form: 'launch', stage: 'launch', joinUrl: 'https://acme.zoom.us/j/81234567890' }
 */
export function extractZoomJoin(doc: Document, url: URL): ZoomJoinPage | null {
  const meeting = zoomMeetingFromUrl(url);
  if (!meeting) return null;
  const form: ZoomPageForm = isPersonalRoom(url) ? 'personal-room' : isLaunchPage(url) ? 'launch' : 'web-client';
  const path = meeting.kind === 'personal-room' ? `my/${meeting.room}` : `j/${meeting.meetingId}`;
  return { meeting, form, stage: stageOf(doc, form), joinUrl: `https://${url.hostname.toLowerCase()}/${path}` };
}
