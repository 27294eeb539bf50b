/**
 * Google Calendar's line in the build: the every-page script on the app, the panel bundle on the
 * pages it serves (grid views, where the event dialog opens, and the event pages). Its host was
 * declared in COMING_HOSTS already, so shipping it asks for no new permission.
 */
import { registerSite } from '../site-manifest.ts';

registerSite({
  id: 'calendar',
  name: 'Google Calendar',
  matches: ['https://calendar.google.com/*'],
  bundleMatches: ['https://calendar.google.com/calendar/*'],
  servedHosts: ['calendar.google.com'],
});
