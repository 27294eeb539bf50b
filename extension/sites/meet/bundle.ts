/** Google Meet's panel bundle: the join page's pre-call package. */
import '../../features/join-package.tsx';
import { siteBundleScript } from '../../core/page/site-entry.ts';
import { meet } from './site.ts';

export default siteBundleScript(meet);
