/**
 * LinkedIn's every-page script (`content-scripts/linkedin.js`, on every LinkedIn page): kept tiny
 * (URL predicates and the feature runner, no React). On a profile it loads the panel bundle
 * (./bundle.ts), so the feed, messaging and search pages never load it.
 *
 * At document start, not idle: the script is tiny, and on a profile the panel bundle and the
 * cached brief then load while LinkedIn's own page is still arriving (issue 3: the panel's data
 * within 50 ms of the name). Idle waited for the page's load event, often 0.5 s after the name.
 */
import { askEarlyBriefs } from '../../core/page/early-briefs.ts';
import { sitePageScript } from '../../core/page/site-entry.ts';
import { isServedPage, profileRefsFromUrl } from './routes.ts';
import { linkedin } from './site.ts';

// A profile loaded directly: its cached brief is asked beside the mode (core/page/early-briefs.ts).
export default sitePageScript(linkedin, isServedPage, undefined, (url) => askEarlyBriefs(linkedin.id, profileRefsFromUrl(url)));
