// @vitest-environment jsdom
/**
 * The event details dialog (day, week and month views) and the full page of an existing event, on
 * hand-made pages (no capture of either exists): ids, times, guests, the conference and its traps,
 * internal-only events and the event ref sent to the server.
 */
import { describe, expect, it } from 'vitest';
import { EventRef } from '../../../../../shared/refs.ts';
import { calendarMeetingKey } from '../../../../../extension/sites/calendar/event-id.ts';
import { extractEventDialog, extractEventPage, externalGuests, isInternalEvent, toEventRef } from '../../../../../extension/sites/calendar/extract-event.ts';
import { EVENT_DIALOG } from '../../../../../extension/sites/calendar/selectors.ts';
import { localIso } from '../../../../../extension/sites/calendar/when.ts';
import { handmadeDir, loadPage, pageAt } from '../common/pages.ts';

const DIR = handmadeDir('calendar');
const NOW = new Date(2026, 11, 4, 12, 0);
const SIDE = { ownAddresses: ['casey.morgan@northwind.example'], teamDomains: ['northwind.example'] };
const at = (y: number, m: number, d: number, h = 0, min = 0) => localIso(y, m, d, h * 60 + min);

const weekView = () => loadPage(DIR, '2026-12-04--event-dialog--week-view--handmade.html');
const monthView = () => loadPage(DIR, '2026-12-04--event-dialog--recurring-zoom-month--handmade.html');
const dialogOf = (doc: Document) => doc.querySelector(EVENT_DIALOG.join(', '))!;

describe('the event details dialog', () => {
  it('reads the event open in the week view, not the other chips on the grid', () => {
    expect(extractEventDialog(dialogOf(weekView()), NOW)).toEqual({
      source: 'dialog',
      viewFamily: 'EVENT',
      eventId: '4q8k2m9v0c1s5h7l3n6p0r2t4u',
      calendarId: 'casey.morgan@northwind.example',
      title: 'Acme × Northwind: pricing review',
      start: at(2026, 12, 8, 10),
      end: at(2026, 12, 8, 11),
      allDay: false,
      location: 'Acme HQ, 4th floor, Stockholm',
      description: expect.stringContaining('Agenda: pricing, rollout.'),
      guests: [
        { address: 'casey.morgan@northwind.example', name: 'Casey Morgan', response: 'accepted', organizer: true },
        { address: 'jane.doe@acme.example', name: 'Doe, Jane', response: 'accepted' },
        { address: 'bob.stone@acme.example', name: 'Bob Stone', response: 'tentative', optional: true },
        { address: 'ana.lind@northwind.example', name: 'Ana Lind', response: 'accepted' },
        { address: 'procurement@acme.example', response: 'needs-action' },
      ],
      guestCount: 5,
      conference: { provider: 'meet', meetingId: 'abc-defg-hij', url: 'https://meet.google.com/abc-defg-hij', source: 'conference' },
    });
  });

  it('takes the Meet in the conference area over an old Zoom link in the description', () => {
    expect(extractEventDialog(weekView(), NOW)?.conference?.provider).toBe('meet');
    const doc = weekView();
    doc.getElementById('xDetDlgVideo')!.remove();
    expect(extractEventDialog(doc, NOW)?.conference).toEqual({ provider: 'zoom', meetingId: '81234567890', url: 'https://acme.zoom.us/j/81234567890', source: 'description' });
  });

  it('lists external guests apart from the rep and teammates', () => {
    const event = extractEventDialog(weekView(), NOW)!;
    expect(externalGuests(event, SIDE).map((g) => g.address)).toEqual(['jane.doe@acme.example', 'bob.stone@acme.example', 'procurement@acme.example']);
    expect(isInternalEvent(event, SIDE)).toBe(false);
  });

  it("reads a recurring instance in the month view: its own id and start, the Zoom meeting without its password, a truncated guest list", () => {
    const event = extractEventDialog(dialogOf(monthView()), NOW)!;
    expect(event).toMatchObject({
      eventId: '7gd0ft1ig3b5k8s0m2o4q6u8v0_20261208T150000Z',
      recurringEventId: '7gd0ft1ig3b5k8s0m2o4q6u8v0',
      originalStart: '2026-12-08T15:00:00Z',
      title: 'Globex weekly sync',
      start: at(2026, 12, 8, 15),
      end: at(2026, 12, 8, 15, 30),
      conference: { provider: 'zoom', meetingId: '91234567890', url: 'https://globex.zoom.us/j/91234567890', source: 'conference' },
      guestCount: 14,
    });
    expect(event.guests).toEqual([
      { address: 'li.wei@globex.example', name: 'Li Wei', response: 'accepted', organizer: true },
      { address: 'casey.morgan@northwind.example', name: 'Casey Morgan', response: 'accepted' },
      { address: 'omar.haddad@globex.example', name: 'Omar "OH" Haddad', response: 'declined' },
    ]);
    expect(JSON.stringify(event)).not.toMatch(/pwd|R2xvYmV4U2VjcmV0|771199/);
  });

  it('gives each instance of a recurring event its own natural key from its start', () => {
    const doc = monthView();
    const first = extractEventDialog(doc, NOW)!;
    const dialog = doc.getElementById('xDetDlg')!;
    // The next week's instance: same series, its own instance id and start.
    dialog.setAttribute('data-eventid', btoa('7gd0ft1ig3b5k8s0m2o4q6u8v0_20261215T150000Z casey.morgan@northwind.example').replace(/=+$/, ''));
    doc.querySelector('#xDetDlgWhen .AzuXid')!.textContent = 'Tuesday, December 15, 2026⋅3:00 – 3:30pm';
    const next = extractEventDialog(doc, NOW)!;
    expect(next.recurringEventId).toBe(first.recurringEventId);
    expect(calendarMeetingKey(next.eventId!, next.start!)).not.toBe(calendarMeetingKey(first.eventId!, first.start!));
  });

  it('falls back to the instance start in the id when the time line is in another language', () => {
    const doc = monthView();
    doc.querySelector('#xDetDlgWhen .AzuXid')!.textContent = 'martes, 8 de diciembre⋅15:00 – 15:30';
    const event = extractEventDialog(doc, NOW)!;
    expect(event).not.toHaveProperty('start');
    expect(toEventRef(event)?.start).toBe('2026-12-08T15:00:00Z');
  });

  it('is an internal-only event when every guest is at the team domain', () => {
    const doc = pageAt(`<div role="dialog" jsname="ssXDle"><div id="xDetDlg" data-eventid="${btoa('0a1b2c3d4e5f6g7h8i9j0k1l2m ana.lind@northwind.example').replace(/=+$/, '')}">
      <span id="rAECCd">1:1</span><div id="xDetDlgAtt"><div aria-label="Guests invited to this event.">
      <div data-email="ana.lind@northwind.example"><span>Ana Lind</span></div><div data-email="Casey.Morgan@northwind.example"><span>Casey</span></div></div></div></div></div>`);
    const event = extractEventDialog(doc, NOW)!;
    expect(isInternalEvent(event, SIDE)).toBe(true);
    expect(externalGuests(event, SIDE)).toEqual([]);
  });

  it('gives nothing where there is no dialog, and survives a dialog that is all garbage', () => {
    expect(extractEventDialog(pageAt('<div role="dialog"></div>'), NOW)).toBeNull();
    const event = extractEventDialog(pageAt('<div id="xDetDlg" data-eventid="%%%"><div id="xDetDlgWhen">⋅⋅⋅</div><div id="xDetDlgAtt">x guests<div aria-label="Guests invited to this event."><div data-email="not an address"></div></div></div></div>'), NOW);
    expect(event).toEqual({ source: 'dialog', guests: [] });
  });
});

describe('the full page of an existing event', () => {
  const url = new URL('https://calendar.google.com/calendar/u/0/r/eventedit/NHE4azJtOXYwYzFzNWg3bDNuNnAwcjJ0NHUgY2FzZXkubW9yZ2FuQG5vcnRod2luZC5leGFtcGxl');
  const read = () => extractEventPage(loadPage(DIR, '2026-12-04--eventedit--existing-teams--handmade.html'), url, NOW);

  it('reads id, title, times, guests and the Teams meeting in the location', () => {
    expect(read()).toEqual({
      source: 'edit-page',
      viewFamily: 'EVENT_EDIT',
      eventId: '4q8k2m9v0c1s5h7l3n6p0r2t4u',
      calendarId: 'casey.morgan@northwind.example',
      title: 'Initech discovery call',
      start: at(2026, 12, 9, 16, 30),
      end: at(2026, 12, 9, 17, 15),
      allDay: false,
      location: 'https://teams.microsoft.com/l/meetup-join/19%3ameeting_ZmQ1YjEyYjgtNzE0@thread.v2/0?context=%7b%22Tid%22%3a%22t%22%7d',
      locationUrls: ['https://teams.microsoft.com/l/meetup-join/19%3ameeting_ZmQ1YjEyYjgtNzE0@thread.v2/0?context=%7b%22Tid%22%3a%22t%22%7d'],
      description: "Discovery with Initech's ops team.",
      guests: [
        { address: 'casey.morgan@northwind.example', name: 'Casey Morgan', organizer: true },
        { address: 'peter.gibbons@initech.example', name: 'Peter Gibbons' },
        { address: 'm.waddams@initech.example' },
      ],
      conference: {
        provider: 'teams',
        meetingId: '19:meeting_ZmQ1YjEyYjgtNzE0@thread.v2',
        url: 'https://teams.microsoft.com/l/meetup-join/19%3Ameeting_ZmQ1YjEyYjgtNzE0%40thread.v2/0',
        source: 'location',
      },
      offersAddMeet: true,
      calendarOwnerEmail: 'casey.morgan@northwind.example',
      calendarOwnerName: 'Casey Morgan',
    });
  });

  it('never reads the "Zoom Meeting" add-on as the conference, even with nothing else on the page', () => {
    const doc = loadPage(DIR, '2026-12-04--eventedit--existing-teams--handmade.html');
    doc.querySelector<HTMLInputElement>('#xLocIn input')!.value = '';
    expect(extractEventPage(doc, url, NOW).conference).toBeUndefined();
  });

  it('makes an event ref the server accepts, with the guests as addresses and names only', () => {
    const ref = toEventRef(read())!;
    expect(EventRef.parse(ref)).toEqual(ref);
    expect(ref.attendees).toEqual([
      { kind: 'email', address: 'casey.morgan@northwind.example', name: 'Casey Morgan' },
      { kind: 'email', address: 'peter.gibbons@initech.example', name: 'Peter Gibbons' },
      { kind: 'email', address: 'm.waddams@initech.example' },
    ]);
    expect(toEventRef(extractEventPage(pageAt(''), new URL('https://calendar.google.com/calendar/u/0/r/eventedit'), NOW))).toBeUndefined();
  });
});
