/**
 * The pre-call package on a meeting's join page (issue 13): Google Meet (`meet.google.com/<code>`)
 * and Zoom (`zoom.us/j/<id>` on any Zoom host, `/wc/<id>/join`, `/wc/join/<id>`, `/my/<name>`).
 * The page gives only the conference id (from the URL; Meet's lookup pages from the page); the
 * meeting runner finds the event by it (this browser's copy, then the team's) and shows the same
 * package as Calendar, or a small search panel for a meeting nobody's calendar showed. A Zoom
 * meeting with no event is logged under `zoom:<meeting id>:<date>`.
 */
import { features } from '../core/page/features.ts';
import type { MeetingFeatureSpec } from '../core/page/meeting-runner.ts';
import { extractMeetPage, type MeetPage } from '../sites/meet/extract-meeting.ts';
import { isServedPage as isMeetPage } from '../sites/meet/routes.ts';
import { meet } from '../sites/meet/site.ts';
import { extractZoomJoin, type ZoomJoinPage } from '../sites/zoom/extract-join.ts';
import { isServedPage as isZoomPage } from '../sites/zoom/routes.ts';
import { zoom } from '../sites/zoom/site.ts';
import { meetingFeature } from './meeting-feature.tsx';

export const meetJoinPackage: MeetingFeatureSpec<MeetPage> = {
  id: 'meet-join-package',
  site: meet,
  include: [isMeetPage],
  ui: 'signalhouse-join-package',
  pageKind: () => 'join',
  extract: (doc, url) => extractMeetPage(doc, url),
  // The code is in the URL: nothing on the page needs waiting for, except on a lookup page.
  settled: (page) => page.code !== undefined,
  settleMs: 2_000,
  target: (page) => (page.code ? { kind: 'conference', conference: { provider: 'meet', id: page.code }, label: `meet.google.com/${page.code}` } : null),
  // Meet's page is not needed for the package (the code is in the URL): no required selector.
  drift: () => [],
  urlFacts: (page) => [page.code ? `meet.google.com/${page.code}` : `meet.google.com/lookup/${page.lookup ?? ''}`],
};

export const zoomJoinPackage: MeetingFeatureSpec<ZoomJoinPage> = {
  id: 'zoom-join-package',
  site: zoom,
  include: [isZoomPage],
  ui: 'signalhouse-join-package',
  pageKind: () => 'join',
  extract: (doc, url) => extractZoomJoin(doc, url),
  settled: () => true,
  target: (page) => ({
    kind: 'conference',
    conference: { provider: 'zoom', id: page.meeting.meetingId },
    label: page.joinUrl.replace(/^https:\/\//, ''),
    zoomMeetingId: page.meeting.meetingId,
  }),
  drift: () => [],
  urlFacts: (page) => [page.joinUrl.replace(/^https:\/\//, '')],
};

features.add(meetingFeature(meetJoinPackage));
features.add(meetingFeature(zoomJoinPackage));
