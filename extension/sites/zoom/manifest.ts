/**
 * Zoom's line in the build: every Zoom host (vanity subdomains: `acme.zoom.us`) for the
 * every-page script and the bundle, which serves only join pages (`/j/`, `/wc/`, `/my/`).
 * Declared in COMING_HOSTS already.
 */
import { registerSite } from '../site-manifest.ts';

registerSite({
  id: 'zoom',
  name: 'Zoom',
  matches: ['https://zoom.us/*', 'https://*.zoom.us/*'],
  bundleMatches: ['https://zoom.us/j/*', 'https://*.zoom.us/j/*', 'https://zoom.us/wc/*', 'https://*.zoom.us/wc/*', 'https://zoom.us/my/*', 'https://*.zoom.us/my/*'],
  servedHosts: ['zoom.us', 'acme.zoom.us', 'app.zoom.us'],
});
