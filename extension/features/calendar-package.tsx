/**
 * The pre-call package on Google Calendar (issue 13): on the event details dialog (element-scoped:
 * one run per open dialog, ended when it closes, with no URL change) and on the full event page
 * `/r/eventedit/<eid>`. Reads the event with the site's extractors; the meeting runner does the rest.
 * The dialog's required parts are told from what was read (its event id, title and time line);
 * the event page's from the selectors the real 2022 captures confirm.
 */
import { features } from '../core/page/features.ts';
import type { MeetingFeatureSpec, MeetingTarget } from '../core/page/meeting-runner.ts';
import { missingSelectors } from '../sites/common/drift.ts';
import { extractEventDialog, extractEventPage, toEventRef, type CalendarEvent } from '../sites/calendar/extract-event.ts';
import { eidFromUrl, isEventEdit, isGridView } from '../sites/calendar/routes.ts';
import { DIALOG_REQUIRED, EDIT_REQUIRED, EVENT_DIALOG } from '../sites/calendar/selectors.ts';
import { calendar } from '../sites/calendar/site.ts';
import { meetingFeature } from './meeting-feature.tsx';

const targetOf = (event: CalendarEvent): MeetingTarget | null => {
  const ref = toEventRef(event);
  return ref ? { kind: 'event', ref } : null;
};

const facts = (event: CalendarEvent): string[] => [event.title ? `Calendar event: ${event.title}` : 'A Google Calendar event'];

/** The details dialog over the grid views (day, week, month…). */
export const calendarDialogPackage: MeetingFeatureSpec<CalendarEvent> = {
  id: 'calendar-dialog-package',
  site: calendar,
  include: [isGridView],
  elements: EVENT_DIALOG.join(', '),
  ui: 'signalhouse-calendar-package',
  pageKind: () => 'event-dialog',
  extract: (doc, _url, element) => extractEventDialog(element ?? doc, new Date()),
  settled: (event) => !!event.eventId && !!event.title && !!event.start,
  settleMs: 1_500,
  target: targetOf,
  // What the dialog did not give, by the drift names of its required parts.
  drift: (event) =>
    Object.keys(DIALOG_REQUIRED).filter((name) =>
      name === 'calendar.dialog.event' ? !event.eventId : name === 'calendar.dialog.title' ? !event.title : !event.start,
    ),
  urlFacts: facts,
};

/** The full event page of an existing event. */
export const calendarEventPagePackage: MeetingFeatureSpec<CalendarEvent> = {
  id: 'calendar-event-page-package',
  site: calendar,
  include: [isEventEdit],
  ui: 'signalhouse-calendar-package',
  pageKind: () => 'event-page',
  extract: (doc, url) => (eidFromUrl(url) ? extractEventPage(doc, url, new Date()) : null),
  settled: (event) => !!event.eventId && !!event.title && !!event.start,
  settleMs: 2_000,
  target: targetOf,
  drift: (_event, doc) => missingSelectors(doc, EDIT_REQUIRED),
  urlFacts: facts,
};

features.add(meetingFeature(calendarDialogPackage));
features.add(meetingFeature(calendarEventPagePackage));
