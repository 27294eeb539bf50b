/**
 * The contract-test site's line in the build: a made-up host (`.invalid` never resolves) whose
 * pages the e2e suite serves itself. Test-only: built only when WXT_TEST_SITES=1 (the e2e build),
 * never in a production manifest.
 */
import { registerSite } from '../site-manifest.ts';

registerSite({
  id: 'contract-test',
  name: 'Contract test',
  matches: ['https://contract-test.signalhouse.invalid/*'],
  bundleMatches: ['https://contract-test.signalhouse.invalid/people/*'],
  servedHosts: ['contract-test.signalhouse.invalid'],
  testOnly: true,
});
