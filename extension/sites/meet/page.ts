/**
 * Google Meet's every-page script: the generic one, with this site's page key and served pages. A
 * meeting page's questions (the rep's side, the meeting, its package) are asked at document start,
 * for the code its URL names (core/page/early-join.ts).
 */
import { askEarlyJoin } from '../../core/page/early-join.ts';
import { sitePageScript } from '../../core/page/site-entry.ts';
import { isServedPage, meetConferenceFromUrl } from './routes.ts';
import { meet } from './site.ts';

export default sitePageScript(meet, isServedPage, undefined, (url) => askEarlyJoin(meet.id, meetConferenceFromUrl(url)));
