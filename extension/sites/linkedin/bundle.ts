/**
 * LinkedIn's panel bundle (`content-scripts/linkedin-panel.js`): React, the panel components, their
 * CSS and LinkedIn's features. Not part of the every-page script, so pages we do not serve (feed,
 * search, messaging) never load it:
 * - opened directly on a profile URL, the browser injects it at document start beside the
 *   every-page script (the fastest start: no fetch, compiled while LinkedIn's page still arrives);
 * - reached by in-page navigation (feed, then a profile), the every-page script imports the same
 *   file as a web-accessible resource (`loadBundle('linkedin-panel')`).
 * Web-accessible, so pages could fetch it: it is code only, with nothing secret in it.
 */
import '../../features/linkedin-profile-panel.tsx';
import { siteBundleScript } from '../../core/page/site-entry.ts';
import { linkedin } from './site.ts';

export default siteBundleScript(linkedin);
