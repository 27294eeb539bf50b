/**
 * Google Calendar's every-page script: the generic one, with this site's page key and served pages.
 */
import { sitePageScript } from '../../core/page/site-entry.ts';
import { isServedPage } from './routes.ts';
import { calendar } from './site.ts';

export default sitePageScript(calendar, isServedPage);
