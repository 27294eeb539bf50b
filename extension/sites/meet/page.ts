/** Google Meet's every-page script: the generic one, with this site's page key and served pages. */
import { sitePageScript } from '../../core/page/site-entry.ts';
import { isServedPage } from './routes.ts';
import { meet } from './site.ts';

export default sitePageScript(meet, isServedPage);
