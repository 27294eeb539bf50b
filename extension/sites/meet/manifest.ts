/** Google Meet's line in the build: meeting and lookup pages (declared in COMING_HOSTS already). */
import { registerSite } from '../site-manifest.ts';

registerSite({
  id: 'meet',
  name: 'Google Meet',
  matches: ['https://meet.google.com/*'],
  bundleMatches: ['https://meet.google.com/*'],
  servedHosts: ['meet.google.com'],
});
