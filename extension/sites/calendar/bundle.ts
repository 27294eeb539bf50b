/**
 * Google Calendar's panel bundle: the generic one, with the pre-call package features (the event
 * dialog and the full event page).
 */
import '../../features/calendar-package.tsx';
import { siteBundleScript } from '../../core/page/site-entry.ts';
import { calendar } from './site.ts';

export default siteBundleScript(calendar);
