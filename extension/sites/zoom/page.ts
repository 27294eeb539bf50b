/**
 * Zoom's every-page script: the generic one, with this site's page key and served pages. A join
 * page's questions (the rep's side, the meeting, its package) are asked at document start, for the
 * meeting its URL names (core/page/early-join.ts).
 */
import { askEarlyJoin } from '../../core/page/early-join.ts';
import { sitePageScript } from '../../core/page/site-entry.ts';
import { isServedPage, zoomConferenceFromUrl } from './routes.ts';
import { zoom } from './site.ts';

export default sitePageScript(zoom, isServedPage, undefined, (url) => askEarlyJoin(zoom.id, zoomConferenceFromUrl(url)));
