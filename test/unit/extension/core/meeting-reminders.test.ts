/**
 * The pre-meeting notification (issue 13) on a fixed clock: N minutes before a meeting this
 * browser saw (default 10), once, naming the account and the most important change; none for an
 * internal meeting, none when the rep turned it off, none once the meeting started; and the
 * meetings this browser keeps by conference id (meetings.ts), nearest instance first; the side
 * panel's next meetings and the meeting a reminder's click named (meeting-requests.ts).
 */
import { describe, expect, it } from 'vitest';
import type { EventRef } from '../../../../shared/refs.ts';
import { createMeetingsPort, MEETINGS_KEY } from '../../../../extension/core/background/meetings.ts';
import { createMeetingRequests, REQUEST_TTL_MS } from '../../../../extension/core/background/meeting-requests.ts';
import { dueMeetings, MEETING_NOTIFICATION_PREFIX, remindMeetings, REMINDER_MINUTES_KEY } from '../../../../extension/core/background/meeting-reminders.ts';
import type { Api } from '../../../../extension/core/background/api.ts';

const OWN = 'sofia@northwind.example';
const ref = (eventId: string, start: string, guests: string[]): EventRef => ({
  kind: 'event',
  eventId,
  title: 'Pricing review',
  start,
  attendees: [OWN, ...guests].map((address) => ({ kind: 'email', address })),
  conference: { provider: 'meet', url: 'https://meet.google.com/abc-defg-hij', meetingId: 'abc-defg-hij' },
});
const EXTERNAL = ref('ev1', '2026-12-08T15:00:00Z', ['jane@acme.example']);
const INTERNAL = ref('ev2', '2026-12-08T15:00:00Z', ['ana@northwind.example']);
const at = (iso: string) => Date.parse(iso);

function memoryStorage(initial: Record<string, unknown> = {}) {
  const data: Record<string, unknown> = { ...initial };
  return {
    data,
    get: async (key: string) => (key in data ? { [key]: structuredClone(data[key]) } : {}),
    set: async (items: Record<string, unknown>) => void Object.assign(data, structuredClone(items)),
  };
}

const fakeApi = {
  briefs: async (refs: EventRef[]) => ({ ok: true, value: { briefs: refs.map((r) => (r.attendees.some((a) => a.address.endsWith('@acme.example')) ? { account: { id: 'a_acme', name: 'Acme' } } : null)) } }),
  sinceLastMeeting: async () => ({ ok: true, value: { changes: [{ kind: 'stage', at: '2026-12-01T00:00:00Z', reason: 'Stage moved from evaluating to negotiating' }] } }),
  recordMeeting: async () => ({ ok: true, value: {} }),
  findMeeting: async () => ({ ok: true, value: { meeting: null } }),
} as unknown as Api;

describe('the pre-meeting notification', () => {
  it('is due within the lead time before an external meeting, not after it started, never for an internal one', () => {
    expect(dueMeetings([EXTERNAL, INTERNAL], at('2026-12-08T14:49:00Z'), 10, OWN, new Set())).toEqual([]);
    expect(dueMeetings([EXTERNAL, INTERNAL], at('2026-12-08T14:50:00Z'), 10, OWN, new Set())).toEqual([EXTERNAL]);
    expect(dueMeetings([EXTERNAL], at('2026-12-08T15:00:00Z'), 10, OWN, new Set())).toEqual([]);
    expect(dueMeetings([EXTERNAL], at('2026-12-08T14:55:00Z'), 0, OWN, new Set())).toEqual([]);
    expect(dueMeetings([EXTERNAL], at('2026-12-08T14:55:00Z'), 10, OWN, new Set(['gcal:ev1:2026-12-08T15:00:00Z']))).toEqual([]);
  });

  it('fires once, naming the account and the most important change, with the id its click is known by', async () => {
    const storage = memoryStorage();
    const meetings = createMeetingsPort({ storage, now: () => new Date('2026-12-08T14:00:00Z') });
    await meetings.see(EXTERNAL, null);
    await meetings.see({ ...INTERNAL, conference: { provider: 'meet', url: 'https://meet.google.com/xyz-abcd-efg', meetingId: 'xyz-abcd-efg' } }, null);
    const shown: { id: string; title: string; message: string }[] = [];
    const notifications = { create: async (id: string, o: { title: string; message: string }) => (shown.push({ id, title: o.title, message: o.message }), id) };
    const tick = (iso: string) => remindMeetings({ storage, api: fakeApi, notifications, iconUrl: 'icon.png', now: at(iso), ownEmail: OWN });
    expect(await tick('2026-12-08T14:40:00Z')).toBe(0);
    expect(await tick('2026-12-08T14:51:00Z')).toBe(1);
    expect(await tick('2026-12-08T14:52:00Z')).toBe(0);
    expect(await tick('2026-12-08T14:58:00Z')).toBe(0);
    expect(shown).toEqual([{ id: `${MEETING_NOTIFICATION_PREFIX}gcal:ev1:2026-12-08T15:00:00Z`, title: 'Acme in 9 min', message: 'Stage moved from evaluating to negotiating' }]);
  });

  it('follows the rep’s lead time, and none when it is 0', async () => {
    const storage = memoryStorage({ [REMINDER_MINUTES_KEY]: 0 });
    await createMeetingsPort({ storage, now: () => new Date('2026-12-08T14:00:00Z') }).see(EXTERNAL, null);
    const notifications = { create: async (id: string) => id };
    expect(await remindMeetings({ storage, api: fakeApi, notifications, iconUrl: 'i', now: at('2026-12-08T14:55:00Z'), ownEmail: OWN })).toBe(0);
    storage.data[REMINDER_MINUTES_KEY] = 30;
    expect(await remindMeetings({ storage, api: fakeApi, notifications, iconUrl: 'i', now: at('2026-12-08T14:31:00Z'), ownEmail: OWN })).toBe(1);
  });
});

describe('meetings kept in this browser', () => {
  it('finds an event by its conference id (any case), the instance nearest to now, before asking the team', async () => {
    const storage = memoryStorage();
    const port = createMeetingsPort({ storage, now: () => new Date('2026-12-08T14:00:00Z') });
    await port.see(ref('ev1_20261201T150000Z', '2026-12-01T15:00:00Z', ['jane@acme.example']), null);
    await port.see(EXTERNAL, null);
    const found = await port.find({ provider: 'meet', id: 'ABC-defg-hij' }, null);
    expect(found).toEqual({ ok: true, value: { ref: EXTERNAL, source: 'local' } });
    expect(Object.keys(storage.data[MEETINGS_KEY] as object)).toEqual(['meet abc-defg-hij']);
    expect(await port.find({ provider: 'zoom', id: '81234567890' }, null)).toEqual({ ok: true, value: { ref: null, source: null } });
  });
});

describe('the reminders clock', () => {
  it('creates its alarm once, reminds on it, and a click on a meeting notification opens the side panel on that meeting at once and clears it', async () => {
    const { setupMeetingAlarm, MEETING_ALARM } = await import('../../../../extension/entrypoints/background/meeting-alarm.ts');
    const listeners: ((a: { name: string }) => unknown)[] = [];
    const created: string[] = [];
    const alarms = { create: async (name: string) => void created.push(name), get: async () => undefined, clear: async () => true, onAlarm: { addListener: (cb: (a: { name: string }) => unknown) => void listeners.push(cb) } };
    let click: ((id: string) => void) | undefined;
    const cleared: string[] = [];
    const notifications = { onClicked: { addListener: (cb: (id: string) => void) => void (click = cb) }, clear: async (id: string) => (cleared.push(id), true) };
    let reminded = 0;
    const opened: string[] = [];
    await setupMeetingAlarm({ alarms, notifications, remind: async () => reminded++, openMeeting: (key) => void opened.push(key) }).ready;
    expect(created).toEqual([MEETING_ALARM]);
    await Promise.all(listeners.map((l) => l({ name: 'digest-poll' })));
    await Promise.all(listeners.map((l) => l({ name: MEETING_ALARM })));
    expect(reminded).toBe(1);
    click!('signalhouse-digest:x');
    expect(opened).toEqual([]);
    click!(`${MEETING_NOTIFICATION_PREFIX}gcal:ev1:2026-12-08T15:00:00Z`);
    // Synchronously: Chrome opens the side panel only within the click's gesture.
    expect(opened).toEqual(['gcal:ev1:2026-12-08T15:00:00Z']);
    await Promise.resolve();
    expect(cleared).toEqual([`${MEETING_NOTIFICATION_PREFIX}gcal:ev1:2026-12-08T15:00:00Z`]);
  });

  it('lists the side panel\'s next meetings soonest first, each instance once, and finds the one a reminder key names', async () => {
    const storage = memoryStorage();
    const port = createMeetingsPort({ storage, now: () => new Date('2026-12-08T14:00:00Z') });
    const later = ref('ev3', '2026-12-08T17:00:00Z', ['bob@initech.example']);
    const yesterday = ref('ev4', '2026-12-07T15:00:00Z', ['jane@acme.example']);
    await port.see(later, null);
    await port.see(EXTERNAL, null);
    await port.see(yesterday, null);
    // The same instance kept under a second conference (its Zoom link in the description too).
    await port.see({ ...EXTERNAL, conference: { provider: 'zoom', url: 'https://zoom.us/j/81234567890', meetingId: '81234567890' } }, null);
    const today = await port.between(at('2026-12-08T13:30:00Z'), at('2026-12-08T23:59:59Z'));
    expect(today.map((r) => r.eventId)).toEqual(['ev1', 'ev3']);
    expect((await port.byKey('gcal:ev3:2026-12-08T17:00:00Z'))?.eventId).toBe('ev3');
    expect(await port.byKey('gcal:ev3:2026-12-09T17:00:00Z')).toBeNull();
  });
});

describe('the meeting a reminder\'s click names', () => {
  it('is taken once, by the first panel to ask, and survives a worker restart', async () => {
    const session = { data: {} as Record<string, unknown>, get: async (keys: string[]) => Object.fromEntries(keys.filter((k) => k in session.data).map((k) => [k, session.data[k]])), set: async (items: Record<string, unknown>) => void Object.assign(session.data, items) };
    let now = 1_000_000;
    const requests = createMeetingRequests({ session, now: () => now });
    requests.request('gcal:ev1:2026-12-08T15:00:00Z');
    await Promise.resolve();
    // A worker restarted between the click and the panel's question still knows it.
    const restarted = createMeetingRequests({ session, now: () => now });
    expect(await restarted.take()).toEqual({ key: 'gcal:ev1:2026-12-08T15:00:00Z' });
    expect(await restarted.take()).toBeNull();
    // One nobody took in time (the panel could not open) does not surprise the rep later.
    requests.request('gcal:ev2:2026-12-08T16:00:00Z');
    now += REQUEST_TTL_MS + 1;
    expect(await requests.take()).toBeNull();
  });
});
