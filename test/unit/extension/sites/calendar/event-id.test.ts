/** Calendar event ids: the base64 eid, recurring instances and the meeting's natural key. */
import { describe, expect, it } from 'vitest';
import { calendarMeetingKey, decodeEventId, instanceOf } from '../../../../../extension/sites/calendar/event-id.ts';

describe('decoding an eid', () => {
  it('gives the event id and the calendar it was opened from', () => {
    expect(decodeEventId('NHE4azJtOXYwYzFzNWg3bDNuNnAwcjJ0NHUgY2FzZXkubW9yZ2FuQG5vcnRod2luZC5leGFtcGxl')).toEqual({
      eventId: '4q8k2m9v0c1s5h7l3n6p0r2t4u',
      calendarId: 'casey.morgan@northwind.example',
    });
  });

  it("gives a recurring instance's own id, its series and its original start", () => {
    expect(decodeEventId('N2dkMGZ0MWlnM2I1azhzMG0ybzRxNnU4djBfMjAyNjEyMDhUMTUwMDAwWiBjYXNleS5tb3JnYW5Abm9ydGh3aW5kLmV4YW1wbGU')).toEqual({
      eventId: '7gd0ft1ig3b5k8s0m2o4q6u8v0_20261208T150000Z',
      calendarId: 'casey.morgan@northwind.example',
      recurringEventId: '7gd0ft1ig3b5k8s0m2o4q6u8v0',
      originalStart: '2026-12-08T15:00:00Z',
    });
    expect(instanceOf('6r8t0v2h4j6l8n0p2r4t6v8h0j_20261210')).toEqual({ recurringEventId: '6r8t0v2h4j6l8n0p2r4t6v8h0j', originalStart: '2026-12-10' });
  });

  it('refuses task chips, garbage and ids that do not decode', () => {
    for (const eid of ['tasks_abc', 'ttb_NHE4azJt', '', '!!!', 'YQ', null, undefined]) expect(decodeEventId(eid), String(eid)).toBeUndefined();
  });

  it('reads the Google-style "." padding and URL-safe alphabets', () => {
    expect(decodeEventId('NHE4azJtOXYwYzFzNWg3bDNuNnAwcjJ0NHUgY2FzZXkubW9yZ2FuQG5vcnRod2luZC5leGFtcGxl.')?.eventId).toBe('4q8k2m9v0c1s5h7l3n6p0r2t4u');
  });
});

describe("a meeting's natural key", () => {
  it('is the event id and the start in UTC to the second, the same from any time zone', () => {
    expect(calendarMeetingKey('4q8k2m9v0c1s5h7l3n6p0r2t4u', '2026-12-08T10:00:00-05:00')).toBe('gcal:4q8k2m9v0c1s5h7l3n6p0r2t4u:2026-12-08T15:00:00Z');
    expect(calendarMeetingKey('4q8k2m9v0c1s5h7l3n6p0r2t4u', '2026-12-08T16:00:00+01:00')).toBe('gcal:4q8k2m9v0c1s5h7l3n6p0r2t4u:2026-12-08T15:00:00Z');
  });

  it('differs for each instance of a recurring event', () => {
    const series = '7gd0ft1ig3b5k8s0m2o4q6u8v0';
    expect(calendarMeetingKey(`${series}_20261208T150000Z`, '2026-12-08T15:00:00Z')).not.toBe(calendarMeetingKey(`${series}_20261215T150000Z`, '2026-12-15T15:00:00Z'));
  });

  it('refuses a start that is not a time', () => {
    expect(() => calendarMeetingKey('x', 'Tuesday')).toThrow(RangeError);
  });
});
