/**
 * The contract-test site's panel bundle: the generic one, with this site's one feature.
 */
import '../../features/contract-test-panel.tsx';
import { siteBundleScript } from '../../core/page/site-entry.ts';
import { contractTest } from './site.ts';

export default siteBundleScript(contractTest);
