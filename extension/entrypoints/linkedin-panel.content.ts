/**
 * The LinkedIn panel bundle: React, the panel components and their CSS. Not part of the LinkedIn
 * content script, so pages we do not serve (feed, search, messaging) never load it:
 * - opened directly on a profile URL, the browser injects it at document start beside the
 *   content script (the fastest start: no fetch, compiled while LinkedIn's page still arrives);
 * - reached by in-page navigation (feed, then a profile), the content script imports the same
 *   file as a web-accessible resource (`loadBundle('linkedin-panel')`).
 * Web-accessible, so pages could fetch it: it is code only, with nothing secret in it.
 */
import { defineContentScript } from '#imports';
import { provideBundle } from '../core/lazy-bundle.ts';
import { showProfilePanel, type LinkedInPanelApi } from '../features/linkedin-profile-panel.tsx';

export default defineContentScript({
  // Profile URLs and their subpages (`isServedPage` decides precisely; this only has to cover it).
  matches: ['https://www.linkedin.com/in/*', 'https://*.linkedin.com/in/*'],
  runAt: 'document_start',
  main() {
    provideBundle<LinkedInPanelApi>('linkedin-panel', { showProfilePanel });
  },
});
