/**
 * Google Calendar as the runners see it: a page is the app path (the event dialog opens without
 * changing it; another event's full page is a new page); the package sits below Calendar's 64px
 * bar; meetings logged here are the ledger's `calendar` surface.
 */
import type { Site } from '../../core/page/contract.ts';
import { calendarPageKey } from './routes.ts';

export const calendar: Site = {
  id: 'calendar',
  name: 'Google Calendar',
  surface: 'calendar',
  pageKey: calendarPageKey,
  anchor: { kind: 'fixed', top: 72, right: 16 },
};
