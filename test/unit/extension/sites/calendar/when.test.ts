/** Calendar's printed times read into ISO times in the browser's zone (English only). */
import { describe, expect, it } from 'vitest';
import { localIso, parseDateTimeFields, parseWhenLine } from '../../../../../extension/sites/calendar/when.ts';

const NOW = new Date(2026, 11, 4, 12, 0);
const at = (y: number, m: number, d: number, h = 0, min = 0) => localIso(y, m, d, h * 60 + min);

describe("the details dialog's time line", () => {
  it.each([
    ['Tuesday, December 8⋅10:00 – 11:00am', at(2026, 12, 8, 10), at(2026, 12, 8, 11)],
    ['Tuesday, December 8⋅3:00 – 4:00pm', at(2026, 12, 8, 15), at(2026, 12, 8, 16)],
    ['Tuesday, December 8⋅11:30am – 12:30pm', at(2026, 12, 8, 11, 30), at(2026, 12, 8, 12, 30)],
    ['Tuesday, December 8⋅3 – 4pm', at(2026, 12, 8, 15), at(2026, 12, 8, 16)],
    ['Friday, January 8, 2027 ⋅ 9:00 – 9:30am', at(2027, 1, 8, 9), at(2027, 1, 8, 9, 30)],
    ['Tuesday, 8 December 2026⋅15:00 – 16:00', at(2026, 12, 8, 15), at(2026, 12, 8, 16)],
    ['Thursday, December 10⋅11:00pm – 12:30am', at(2026, 12, 10, 23), at(2026, 12, 11, 0, 30)],
    ['Tuesday, December 8, 3:00pm – Wednesday, December 9, 4:00pm', at(2026, 12, 8, 15), at(2026, 12, 9, 16)],
  ])('reads %s', (line, start, end) => {
    expect(parseWhenLine(line, NOW)).toEqual({ start, end, allDay: false });
  });

  it('reads whole days, ending the morning after the last day', () => {
    expect(parseWhenLine('Thursday, December 10', NOW)).toEqual({ start: at(2026, 12, 10), end: at(2026, 12, 11), allDay: true });
    expect(parseWhenLine('December 10 – 11, 2026', NOW)).toEqual({ start: at(2026, 12, 10), end: at(2026, 12, 12), allDay: true });
  });

  it('gives nothing for lines it cannot read rather than a guess', () => {
    for (const line of ['', 'Weekly on Tuesday', 'martes, 8 de diciembre⋅10:00 – 11:00', 'Tuesday, December 8⋅soon']) expect(parseWhenLine(line, NOW), line).toBeUndefined();
  });
});

describe("the event page's date and time fields", () => {
  it('reads a timed event and a whole-day event', () => {
    expect(parseDateTimeFields({ startDate: 'Dec 9, 2026', startTime: '4:30pm', endTime: '5:15pm', endDate: 'Dec 9, 2026' }, NOW)).toEqual({
      start: at(2026, 12, 9, 16, 30),
      end: at(2026, 12, 9, 17, 15),
      allDay: false,
    });
    expect(parseDateTimeFields({ startDate: 'Dec 9, 2026', endDate: 'Dec 10, 2026' }, NOW)).toEqual({ start: at(2026, 12, 9), end: at(2026, 12, 11), allDay: true });
    expect(parseDateTimeFields({}, NOW)).toBeUndefined();
  });

  it('writes ISO times with the offset of the browser zone at that date', () => {
    const iso = at(2026, 12, 8, 10)!;
    expect(iso).toMatch(/^2026-12-08T10:00:00[+-]\d{2}:\d{2}$/);
    expect(new Date(iso).getTime()).toBe(new Date(2026, 11, 8, 10, 0).getTime());
    expect(localIso(2026, 2, 30)).toBeUndefined();
  });
});
