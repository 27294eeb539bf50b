/**
 * The pre-meeting notification (issue 13): N minutes before a meeting this browser saw in
 * Calendar (the rep's setting `meetingReminderMinutes` in extension storage, default 10, 0 = off),
 * one browser notification naming the account and the one most important change since the last
 * meeting; clicking it opens the side panel. In the alert budget's spirit: once per meeting (the
 * claim is written before the notification is shown, as the digest's alerts are), none for an
 * internal meeting (every guest on the rep's side) or one whose account the CRM does not know.
 *
 * `dueMeetings` is pure (the fixed clock of the tests); `remindMeetings` reads the stored
 * meetings (meetings.ts), asks the server for the account and what changed, and notifies.
 *
 * @example await remindMeetings({ storage: browser.storage.local, api, notifications, iconUrl, now: Date.now(), ownEmail })
 */
import { gcalMeetingKey } from '../../../shared/meetings.ts';
import { EventRef } from '../../../shared/refs.ts';
import type { Api } from './api.ts';
import type { NotificationsArea } from './digest-alerts.ts';
import { MEETINGS_KEY, type MeetingsStorage } from './meetings.ts';
import { DEFAULT_REMINDER_MINUTES, REMINDER_MINUTES_KEY } from '../meeting-reminder-setting.ts';

export const MEETING_NOTIFICATION_PREFIX = 'signalhouse-meeting:';
export { DEFAULT_REMINDER_MINUTES, REMINDER_MINUTES_KEY };
const NOTIFIED_KEY = 'meetingReminders';
/** Claims older than this are forgotten (the meeting is long over). */
const KEEP_CLAIMS_MS = 7 * 86_400_000;

/** The rep's own address and team domain, as the package decides who is on their side. */
export interface ReminderSide {
  ownEmail: string;
}

const isOwnSide = (address: string, ownEmail: string) => {
  const own = ownEmail.toLowerCase();
  const domain = own.slice(own.lastIndexOf('@') + 1);
  const host = address.toLowerCase().slice(address.lastIndexOf('@') + 1);
  return address.toLowerCase() === own || host === domain || host.endsWith(`.${domain}`);
};

/** A meeting's reminder key: the same instance from any tab is one reminder. */
export const reminderKey = (ref: EventRef) => gcalMeetingKey(ref.eventId, ref.start);

/**
 * The meetings to remind of at `now`: starting within the next `leadMinutes` (not started yet),
 * with at least one guest outside the rep's side, not reminded of before.
 *
 * @example dueMeetings(refs, Date.parse('2026-12-08T14:52:00Z'), 10, 'sofia@northwind.example', new Set()) // the 15:00 meeting
 */
export function dueMeetings(refs: readonly EventRef[], now: number, leadMinutes: number, ownEmail: string, notified: ReadonlySet<string>): EventRef[] {
  if (!(leadMinutes > 0)) return [];
  return refs.filter((ref) => {
    const start = Date.parse(ref.start);
    if (!(start > now && start - now <= leadMinutes * 60_000)) return false;
    if (!ref.attendees.some((a) => !isOwnSide(a.address, ownEmail))) return false;
    return !notified.has(reminderKey(ref));
  });
}

export interface RemindDeps {
  storage: MeetingsStorage;
  api: Api | null;
  notifications: NotificationsArea;
  iconUrl: string;
  now: number;
  ownEmail: string | null;
}

/** Raises the reminders due now; answers how many were shown. */
export async function remindMeetings({ storage, api, notifications, iconUrl, now, ownEmail }: RemindDeps): Promise<number> {
  if (!api || !ownEmail) return 0;
  const stored = await storage.get(MEETINGS_KEY);
  const settings = await storage.get(REMINDER_MINUTES_KEY);
  const minutes = typeof settings[REMINDER_MINUTES_KEY] === 'number' ? (settings[REMINDER_MINUTES_KEY] as number) : DEFAULT_REMINDER_MINUTES;
  const byConference = (stored[MEETINGS_KEY] ?? {}) as Record<string, Record<string, unknown>>;
  const refs = Object.values(byConference).flatMap((byStart) => Object.values(byStart)).flatMap((r) => {
    const parsed = EventRef.safeParse(r);
    return parsed.success ? [parsed.data] : [];
  });
  const claims = ((await storage.get(NOTIFIED_KEY))[NOTIFIED_KEY] ?? {}) as Record<string, number>;
  const due = dueMeetings(refs, now, minutes, ownEmail, new Set(Object.keys(claims)));
  if (due.length === 0) return 0;
  // Claimed before shown: a worker restarting mid-way never shows one twice.
  const kept = Object.fromEntries(Object.entries(claims).filter(([, at]) => now - at < KEEP_CLAIMS_MS));
  for (const ref of due) kept[reminderKey(ref)] = now;
  await storage.set({ [NOTIFIED_KEY]: kept });
  let shown = 0;
  for (const ref of due) {
    const briefs = await api.briefs([ref]);
    const account = briefs.ok ? briefs.value.briefs[0]?.account : null;
    if (!account) continue;
    const since = await api.sinceLastMeeting(account.id, ref.start);
    const change = since.ok ? since.value.changes[0]?.reason : undefined;
    const inMinutes = Math.max(1, Math.round((Date.parse(ref.start) - now) / 60_000));
    try {
      await notifications.create(`${MEETING_NOTIFICATION_PREFIX}${reminderKey(ref)}`, {
        type: 'basic',
        iconUrl,
        title: `${account.name} in ${inMinutes} min`,
        message: change ?? 'Nothing new since you last met.',
        contextMessage: 'Signalhouse: open the pre-call package',
      });
      shown++;
    } catch {
      // Notifications turned off: the package is still on the event and its join page.
    }
  }
  return shown;
}
