/**
 * The side panel's meetings (issue 13): the pre-call package of one meeting, opened by a
 * reminder's click or from today's next meetings, and the list of those next meetings.
 *
 * - `useMeetingPackage`: runs the same package as the meeting pages (core/meeting-package.ts) for
 *   the meeting opened, its states painted here: one flow of data, messages in, states out. The
 *   meeting a reminder's click named is taken from the background when the panel opens and again
 *   on its broadcast (`MEETING_REQUESTED`), so a panel already open follows the click too.
 * - `useNextMeetings`: the meetings this browser saw in Calendar from a little before now to the
 *   end of the day, soonest first, internal ones (every guest on the rep's side) left out.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { EventRef } from '../../../shared/refs.ts';
import type { RuntimeMessages } from '../../core/connection-status.ts';
import { isOwnSide, ownSideOf, runMeetingPackage, type MeetingActions, type MeetingState } from '../../core/meeting-package.ts';
import { MEETING_REQUESTED } from '../../core/meeting-reminder-setting.ts';
import { wait } from '../../core/page/wait.ts';
import type { Send } from './use-opened-brief.ts';
import { usePolling } from './use-polling.ts';

/** The meeting opened in the side panel: its key, this browser's copy of it (null: no longer kept) and the package's last state. */
export interface OpenedMeeting {
  key: string;
  ref: EventRef | null;
  /** null until the package paints (it paints nothing for an internal meeting). */
  state: MeetingState | null;
  actions: MeetingActions | null;
}

export interface MeetingPackageHook {
  opened: OpenedMeeting | null;
  open(key: string, ref: EventRef | null): void;
  close(): void;
}

/**
 * @example const meeting = useMeetingPackage(sendMessage, browser.runtime, () => setTab('Today'));
 */
export function useMeetingPackage(send: Send, runtime: RuntimeMessages | undefined, onRequested?: () => void): MeetingPackageHook {
  const [opened, setOpened] = useState<OpenedMeeting | null>(null);
  const life = useRef<AbortController | null>(null);
  const requested = useRef(onRequested);
  requested.current = onRequested;

  const open = useCallback(
    (key: string, ref: EventRef | null) => {
      life.current?.abort();
      const run = new AbortController();
      life.current = run;
      setOpened({ key, ref, state: null, actions: null });
      if (!ref) return;
      void runMeetingPackage(
        // This browser's stored copy: already kept, not sent to the server again.
        { target: { kind: 'event', ref, kept: true }, label: ref.title || 'the meeting' },
        {
          signal: run.signal,
          send,
          mount: async () => (state, actions) => {
            if (!run.signal.aborted) setOpened({ key, ref, state, actions });
          },
          wait,
          now: () => new Date(),
          uuid: () => crypto.randomUUID(),
        },
      ).catch(() => undefined);
    },
    [send],
  );

  const close = useCallback(() => {
    life.current?.abort();
    life.current = null;
    setOpened(null);
  }, []);

  useEffect(() => {
    let alive = true;
    const take = async () => {
      const answer = await send('takeMeetingRequest').catch(() => null);
      if (!alive || !answer?.ok || !answer.value.request) return;
      open(answer.value.request.key, answer.value.request.ref);
      requested.current?.();
    };
    void take();
    const told = (message: unknown): void => {
      if ((message as { type?: unknown } | null)?.type === MEETING_REQUESTED) void take();
    };
    runtime?.onMessage.addListener(told);
    return () => {
      alive = false;
      runtime?.onMessage.removeListener(told);
      life.current?.abort();
    };
  }, [send, runtime, open]);

  return { opened, open, close };
}

/** Meetings that started this long ago are still "next": the rep may be joining late. */
export const STARTED_GRACE_MS = 30 * 60_000;
export const NEXT_MEETINGS_MS = 60_000;

/** One of the next meetings: the event and its outside guests' names (or addresses). */
export interface NextMeeting {
  ref: EventRef;
  guests: string[];
}

/**
 * @example const next = useNextMeetings(sendMessage); // [{ ref, guests: ['Jane Doe'] }], soonest first
 */
export function useNextMeetings(send: Send, refreshMs = NEXT_MEETINGS_MS, now: () => Date = () => new Date()): NextMeeting[] {
  const [meetings, setMeetings] = useState<NextMeeting[]>([]);
  const load = useCallback(async () => {
    const at = now();
    const endOfDay = new Date(at);
    endOfDay.setHours(23, 59, 59, 999);
    const [answer, side] = await Promise.all([
      send('getMeetings', { from: new Date(at.getTime() - STARTED_GRACE_MS).toISOString(), to: endOfDay.toISOString() }).catch(() => null),
      ownSideOf(send),
    ]);
    if (!answer?.ok) return;
    const next = answer.value.meetings.map((ref) => ({ ref, guests: ref.attendees.filter((a) => !isOwnSide(a.address, side)).map((a) => a.name ?? a.address) }));
    setMeetings(next.filter((m) => m.guests.length > 0));
  }, [send, now]);
  usePolling(load, refreshMs);
  return meetings;
}
