/**
 * Gmail's every-page script (`content-scripts/gmail.js`, on every page of mail.google.com): the
 * runner, the page key and the URL predicates, no React. It loads the panel bundle only when the
 * hash opens a conversation (`isThread`): the inbox and the other lists never load it.
 */
import { sitePageScript } from '../../core/page/site-entry.ts';
import { isThread } from './routes.ts';
import { gmail } from './site.ts';

export default sitePageScript(gmail, isThread);
