/**
 * LinkedIn's line in the build (sites/registry.ts): the pages its every-page script runs on (the
 * only LinkedIn host permission: the sites we serve, nothing broader), the profile URLs its panel
 * bundle is injected on (`isServedPage` decides precisely; these only have to cover it), and the
 * hosts the e2e suite and `bench:panel` serve captures at.
 */
import { registerSite } from '../site-manifest.ts';

registerSite({
  id: 'linkedin',
  name: 'LinkedIn',
  matches: ['https://www.linkedin.com/*', 'https://*.linkedin.com/*'],
  bundleMatches: ['https://www.linkedin.com/in/*', 'https://*.linkedin.com/in/*'],
  servedHosts: ['www.linkedin.com'],
});
