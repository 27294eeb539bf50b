/**
 * Gmail's line in the build (sites/registry.ts). The every-page script runs on the mail app;
 * the panel bundle is never injected by the browser (`bundleMatches: []`): a match pattern cannot
 * see the hash, where Gmail names the open conversation, so the every-page script imports the
 * bundle itself once a thread is open (core/page/lazy-bundle.ts). The inbox, settings and every
 * list view load only the every-page script.
 */
import { registerSite } from '../site-manifest.ts';

registerSite({
  id: 'gmail',
  name: 'Gmail',
  matches: ['https://mail.google.com/*'],
  bundleMatches: [],
  servedHosts: ['mail.google.com'],
});
