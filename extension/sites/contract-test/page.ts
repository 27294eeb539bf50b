/**
 * The contract-test site's every-page script: the generic one, with this site's page key and served pages.
 */
import { sitePageScript } from '../../core/page/site-entry.ts';
import { isPersonPage } from './routes.ts';
import { contractTest } from './site.ts';

export default sitePageScript(contractTest, isPersonPage);
