// @vitest-environment jsdom
/**
 * The full event page against the two real Calendar fragments (January 2022, Apache-2.0), read in
 * place from `../shared/fixtures/calendar/` and checked against its expected.json; skipped in a
 * fresh clone without them. Fields the fragments do not hold must come back absent.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractEventPage } from '../../../../../extension/sites/calendar/extract-event.ts';
import { capturePresent, capturesDir, pageAt, readText } from '../common/pages.ts';

const DIR = capturesDir('calendar');
const present = capturePresent('calendar', 'expected.json');
if (!present) console.info(`Calendar capture tests skipped: no ${DIR} (real captures live beside the repository, not in it).`);

interface Expected {
  url: string;
  viewFamily: string;
  calendarOwnerEmail: string;
  calendarOwnerName: string;
  location: string;
  locationUrls?: string[];
  description: string;
  conferenceUrl: string | null;
  offersAddMeet: boolean;
}

const cases: [string, Expected][] = present
  ? Object.entries(JSON.parse(readFileSync(path.join(DIR, 'expected.json'), 'utf8')) as Record<string, Expected>).filter(([file]) => !file.startsWith('_'))
  : [];

/** expected.json: "mount it inside <body data-viewfamily="EVENT_EDIT"> at the url given". */
const mount = (file: string, family: string) => pageAt(`<!doctype html><html><body data-viewfamily="${family}">${readText(DIR, file)}</body></html>`);
const NOW = new Date(2022, 0, 11, 12);

describe.skipIf(!present)('reading the real event edit page (Calendar, January 2022)', () => {
  it.each(cases)('reads exactly what %s shows', (file, expected) => {
    const event = extractEventPage(mount(file, expected.viewFamily), new URL(expected.url), NOW);
    const { url: _url, conferenceUrl, ...fields } = expected;
    expect(event).toMatchObject(fields);
    expect(event.conference?.url ?? null).toBe(conferenceUrl);
    if (!expected.locationUrls) expect(event).not.toHaveProperty('locationUrls');
  });

  it.each(cases)('returns what %s does not hold as missing, not guessed', (file, expected) => {
    const event = extractEventPage(mount(file, expected.viewFamily), new URL(expected.url), NOW);
    for (const field of ['eventId', 'calendarId', 'title', 'start', 'end', 'allDay', 'conference', 'guestCount']) expect(event, field).not.toHaveProperty(field);
    expect(event.guests).toEqual([]);
  });

  it('does not take the "Zoom Meeting" add-on in the menu for a Zoom link', () => {
    for (const [file, expected] of cases) {
      const doc = mount(file, expected.viewFamily);
      expect(doc.querySelector('[role="menuitem"][aria-label="Zoom Meeting"]'), file).not.toBeNull();
      expect(doc.querySelector('[role="menuitem"][aria-label="Zoom Meeting"] [data-solution]')?.getAttribute('data-solution'), file).toMatch(/^W1s0/);
      expect(extractEventPage(doc, new URL(expected.url), NOW).conference, file).toBeUndefined();
    }
  });

  it('reads a Zoom link typed into the location of the real page as the conference', () => {
    const [file, expected] = cases.find(([file]) => file.includes('location-url'))!;
    const doc = mount(file, expected.viewFamily);
    const input = doc.querySelector<HTMLInputElement>('#xLocIn input[aria-label="Location"]')!;
    input.value = 'https://acme.zoom.us/j/81234567890?pwd=abc123';
    const event = extractEventPage(doc, new URL(expected.url), NOW);
    expect(event.conference).toEqual({ provider: 'zoom', meetingId: '81234567890', url: 'https://acme.zoom.us/j/81234567890', source: 'location' });
  });

  it('reads the real page the same when Calendar renames all its classes', () => {
    for (const [file, expected] of cases) {
      const doc = mount(file, expected.viewFamily);
      for (const el of doc.querySelectorAll('[class]')) el.removeAttribute('class');
      const { url: _url, conferenceUrl: _c, ...fields } = expected;
      expect(extractEventPage(doc, new URL(expected.url), NOW), file).toMatchObject(fields);
    }
  });
});
