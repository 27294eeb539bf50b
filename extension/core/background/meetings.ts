/**
 * Meetings the rep's browser saw in Calendar (issue 13), kept by conference id so a Meet or Zoom
 * join page finds its event at once, offline too; and sent to the server (`POST /v1/meetings`:
 * event id, start, conference id, attendee addresses, nothing else) so a teammate's join page
 * finds it as well. A join page asks this browser's copy first, then the team's.
 *
 * Kept in `storage.local` (out of the host page's reach), at most MAX_MEETINGS, the meetings
 * nearest to now kept when it is full. The title stays in this browser: the server never gets it.
 *
 * @example
 * const meetings = createMeetingsPort({ storage: browser.storage.local, now });
 * await meetings.see(eventRef, api);             // stored, and sent when connected
 * await meetings.find({ provider: 'meet', id: 'abc-defg-hij' }, api) // ok({ ref, source: 'local' })
 * await meetings.between(from, to)              // the side panel's next meetings, soonest first
 * await meetings.byKey('gcal:4q8k…:2026-12-08T15:00:00Z') // the meeting a reminder named
 */
import { conferenceKey, gcalMeetingKey, meetingStart, type ConferenceId, type ConferenceProviderName, type Meeting } from '../../../shared/meetings.ts';
import { EventRef } from '../../../shared/refs.ts';
import { fail, ok, type FoundMeeting, type Result } from '../protocol.ts';
import type { Api } from './api.ts';

export const MEETINGS_KEY = 'meetings';
export const MAX_MEETINGS = 500;
const PROVIDERS = new Set<string>(['meet', 'zoom', 'teams', 'webex', 'gotomeeting']);

export interface MeetingsStorage {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
}

export interface MeetingsPort {
  see(ref: EventRef, api: Api | null): Promise<Result<null>>;
  /** This browser's copy, else the team's (`lookup`: how to ask the server, `GET /v1/meetings` by default). */
  find(conference: ConferenceId, api: Api | null, lookup?: (api: Api) => Promise<Result<{ meeting: Meeting | null }>>): Promise<Result<FoundMeeting>>;
  /** The meetings kept that start from `from` up to `to` (ms), soonest first. */
  between(from: number, to: number): Promise<EventRef[]>;
  /** The instance a reminder key names (`gcal:<event id>:<start>`), or null. */
  byKey(key: string): Promise<EventRef | null>;
}

/** `<provider> <conference id>` → the instances seen, by start. */
type Stored = Record<string, Record<string, EventRef>>;

const keyOf = (provider: ConferenceProviderName, id: string) => `${provider} ${conferenceKey(provider, id)}`;

/** The instance whose start is nearest to `now` (a recurring meeting has one conference, many starts). */
function nearest(refs: EventRef[], now: number): EventRef | undefined {
  return refs.sort((a, b) => Math.abs(Date.parse(a.start) - now) - Math.abs(Date.parse(b.start) - now))[0];
}

/** The team's meeting as an event ref. It has no title (the server keeps none): the panel names the account instead. */
export function teamRefOf(meeting: Meeting): EventRef {
  return { kind: 'event', eventId: meeting.eventId, title: '', start: meeting.start, attendees: meeting.attendees.map((address) => ({ kind: 'email', address })) };
}

export function createMeetingsPort({ storage, now }: { storage: MeetingsStorage; now: () => Date }): MeetingsPort {
  const read = async (): Promise<Stored> => {
    const value = (await storage.get(MEETINGS_KEY))[MEETINGS_KEY];
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Stored) : {};
  };
  // One write after another: two tabs seeing two events both keep theirs.
  let queue: Promise<unknown> = Promise.resolve();
  const store = (ref: EventRef, conference: { provider: ConferenceProviderName; id: string }) => {
    const next = queue.then(async () => {
      const stored = await read();
      const key = keyOf(conference.provider, conference.id);
      stored[key] = { ...stored[key], [meetingStart(ref.start)]: ref };
      const all = Object.entries(stored).flatMap(([k, byStart]) => Object.keys(byStart).map((start) => ({ k, start })));
      if (all.length > MAX_MEETINGS) {
        const at = now().getTime();
        all.sort((a, b) => Math.abs(Date.parse(b.start) - at) - Math.abs(Date.parse(a.start) - at));
        for (const { k, start } of all.slice(0, all.length - MAX_MEETINGS)) {
          delete stored[k]![start];
          if (Object.keys(stored[k]!).length === 0) delete stored[k];
        }
      }
      await storage.set({ [MEETINGS_KEY]: stored });
    });
    queue = next.catch(() => undefined);
    return next;
  };

  /** Every instance kept, each once (one event may be kept under two conferences). */
  const all = async (): Promise<EventRef[]> => {
    const seen = new Map<string, EventRef>();
    for (const byStart of Object.values(await read())) {
      for (const value of Object.values(byStart)) {
        const parsed = EventRef.safeParse(value);
        if (parsed.success) seen.set(`${parsed.data.eventId} ${meetingStart(parsed.data.start)}`, parsed.data);
      }
    }
    return [...seen.values()];
  };

  return {
    async between(from, to) {
      const inside = (await all()).filter((ref) => {
        const at = Date.parse(ref.start);
        return at >= from && at <= to;
      });
      return inside.sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
    },
    async byKey(key) {
      return (await all()).find((ref) => gcalMeetingKey(ref.eventId, ref.start) === key) ?? null;
    },
    async see(ref, api) {
      const conference = ref.conference;
      if (!conference || !PROVIDERS.has(conference.provider) || !conference.meetingId) return fail('invalid', 'An event without a known conference is not kept.');
      const provider = conference.provider as ConferenceProviderName;
      await store(ref, { provider, id: conference.meetingId });
      if (!api) return ok(null);
      const sent = await api.recordMeeting({
        eventId: ref.eventId,
        start: ref.start,
        conference: { provider, id: conference.meetingId },
        attendees: ref.attendees.map((a) => a.address),
      });
      return sent.ok ? ok(null) : sent;
    },
    async find(conference, api, lookup) {
      const stored = (await read())[keyOf(conference.provider, conference.id)];
      const local = stored ? nearest(Object.values(stored).filter((r) => EventRef.safeParse(r).success), now().getTime()) : undefined;
      if (local) return ok({ ref: local, source: 'local' });
      if (!api) return ok({ ref: null, source: null });
      const found = await (lookup ? lookup(api) : api.findMeeting(conference));
      if (!found.ok) return found;
      const meeting = found.value.meeting;
      return ok({ ref: meeting ? teamRefOf(meeting) : null, source: 'server' });
    },
  };
}
