/**
 * The meeting a reminder's click asked the side panel to show (issue 13: "clicking it opens the
 * package in the side panel"). The click handler records the reminder's key, synchronously, before
 * it opens the panel (the open call must stay inside the click's gesture); the panel, fresh or
 * already open (told by a runtime broadcast), takes it with `takeMeetingRequest` and shows that
 * meeting's package.
 *
 * Taken once: a panel opened later from the toolbar shows Today, not a reminder from this morning.
 * A request nobody took within REQUEST_TTL_MS (the panel could not open) is dropped. Kept in memory
 * and in `storage.session`, so a worker that restarts between the click and the panel's question
 * still knows it; the browser drops it when it quits.
 *
 * @example
 * const requests = createMeetingRequests({ session: browser.storage.session, now: Date.now });
 * requests.request('gcal:4q8k…:2026-12-08T15:00:00Z'); // in the click handler
 * await requests.take() // { key: 'gcal:4q8k…:2026-12-08T15:00:00Z' }, then null
 */

/** The part of `browser.storage.session` this file uses. */
export interface RequestStorage {
  get(keys: string[]): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
}

const KEY = 'meetingRequest';
/** Long enough for a side panel to open on a loaded machine, short enough not to surprise the rep later. */
export const REQUEST_TTL_MS = 5 * 60_000;

interface Stored {
  key: string;
  at: number;
}

const isStored = (value: unknown): value is Stored =>
  typeof value === 'object' && value !== null && typeof (value as Stored).key === 'string' && typeof (value as Stored).at === 'number';

export type MeetingRequests = ReturnType<typeof createMeetingRequests>;

export function createMeetingRequests({ session, now }: { session: RequestStorage; now: () => number }) {
  /** undefined: not read from the session yet; null: none. */
  let pending: Stored | null | undefined;
  const loaded = session
    .get([KEY])
    .then((values) => {
      if (pending === undefined) pending = isStored(values[KEY]) ? values[KEY] : null;
    })
    .catch(() => {
      pending ??= null;
    });
  const persist = () => void session.set({ [KEY]: pending ?? null }).catch(() => undefined);

  return {
    /** The click's request; synchronous, so the handler opens the panel right after within its gesture. */
    request(key: string): void {
      pending = { key, at: now() };
      persist();
    },
    /** The request not yet taken, once. */
    async take(): Promise<{ key: string } | null> {
      await loaded;
      const request = pending;
      if (!request) return null;
      pending = null;
      persist();
      return now() - request.at <= REQUEST_TTL_MS ? { key: request.key } : null;
    },
  };
}
