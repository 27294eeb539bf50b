/**
 * The LinkedIn panel bundle: React, the panel components and their CSS, loaded by the LinkedIn
 * content script (`loadBundle('linkedin-panel')`) only on the pages it serves (profiles). A
 * web-accessible resource, so pages can fetch it: it is code only, with nothing secret in it.
 */
import { defineUnlistedScript } from '#imports';
import { provideBundle } from '../core/lazy-bundle.ts';
import { showProfilePanel, type LinkedInPanelApi } from '../features/linkedin-profile-panel.tsx';

export default defineUnlistedScript(() => {
  provideBundle<LinkedInPanelApi>('linkedin-panel', { showProfilePanel });
});
