/**
 * A sent Gmail window's log, held for Gmail's "Undo send" (issue 12). Gmail does not send at once:
 * it waits the rep's undo delay (5 to 30 s), and Undo reopens the SAME draft in a compose window.
 * So a sent window's activity goes to the outbox held until Send + `SENT_HOLD_MS` (the worker's
 * durable outbox sends it then, even when the tab is closed meanwhile: Gmail sends server-side),
 * and a compose window that shows the same draft id within the hold cancels it: the mail was never
 * sent. The second Send of that draft logs as any send does.
 *
 * Why the draft id and not Gmail's "Message sent · Undo" toast: no capture names the toast's
 * markup (../shared/reference/host-pages.md), and a selector guessed for it would fail silently;
 * the draft id is what our own reader already reads (sites/gmail/compose.ts, `msg-a:` ids).
 *
 * One per tab (features/gmail-compose.tsx): Undo exists only in the tab that sent.
 */
import { isTestBuild } from '../core/test-build.ts';
import type { CancelHeldAnswer, LogActivityPayload, OutboxItemView, Result } from '../core/protocol.ts';

/**
 * Gmail's longest undo delay (Settings › General › "Undo Send": 5, 10, 20 or 30 s). The rep's
 * choice is not in the page we read, so the longest is assumed: a shorter one only delays the log.
 */
export const GMAIL_UNDO_MAX_MS = 30_000;
/**
 * After it, room for an Undo clicked in the last moment: Gmail draws the reopened window, we read
 * its draft id and the cancel reaches the worker, all before the hold ends.
 */
export const UNDO_MARGIN_MS = 5_000;
/** The e2e build only (WXT_TEST_SITES=1, a build-time constant): specs do not wait 35 s per send. */
const E2E_HOLD_MS = 6_000;
/** How long a sent window's log is held after Send. */
export const SENT_HOLD_MS = isTestBuild() ? E2E_HOLD_MS : GMAIL_UNDO_MAX_MS + UNDO_MARGIN_MS;

export interface SentLogDeps {
  /** `logActivity` to the worker's outbox. */
  log: (payload: LogActivityPayload) => Promise<Result<OutboxItemView>>;
  /** `cancelHeldActivity`. */
  cancel: (id: string) => Promise<Result<CancelHeldAnswer>>;
  now: () => number;
  holdMs?: number;
}

export interface SentLog {
  /**
   * `window` (showing draft `draftId`) was sent at `sentAt`: its activity, when it has one, is
   * logged held until `sentAt` + the hold. Resolves to what was done.
   */
  sent(draftId: string, sentAt: Date, window: object, activity: Promise<LogActivityPayload | undefined>): Promise<'held' | 'undone' | 'not_logged'>;
  /**
   * `window` shows draft `draftId` (called on every read of a window; cheap when nothing is held):
   * another window than the one sent, showing a draft sent within its hold, is Gmail's Undo, and the
   * held log is cancelled. Resolves to the worker's answer, or undefined when there was nothing to cancel.
   */
  opened(draftId: string | undefined, window: object): Promise<CancelHeldAnswer['outcome'] | undefined>;
}

interface Held {
  window: object;
  until: number;
  /** The outbox item's id once the worker saved it (undefined: nothing was logged). */
  id: Promise<string | undefined>;
}

/** @example const sentLog = createSentLog({ log: (p) => sendMessage('logActivity', p), cancel: (id) => sendMessage('cancelHeldActivity', { id }), now: Date.now }); */
export function createSentLog({ log, cancel, now, holdMs = SENT_HOLD_MS }: SentLogDeps): SentLog {
  const held = new Map<string, Held>();
  /** The first window seen showing each draft, and when: Undo's window may be read before the sent one's log is made. */
  const seen = new Map<string, { window: object; at: number }>();
  const forgetEnded = () => {
    const at = now();
    for (const [draft, entry] of held) if (entry.until <= at) held.delete(draft);
    for (const [draft, entry] of seen) if (entry.at + holdMs <= at && !held.has(draft)) seen.delete(draft);
  };

  return {
    async sent(draftId, sentAt, window, activity) {
      forgetEnded();
      const until = sentAt.getTime() + holdMs;
      const other = seen.get(draftId);
      if (other && other.window !== window && other.at >= sentAt.getTime()) return 'undone';
      const id = activity.catch(() => undefined).then(async (payload) => {
        if (!payload) return undefined;
        const answer = await log({ ...payload, notBefore: new Date(until).toISOString() }).catch(() => null);
        return answer?.ok ? answer.value.id : undefined;
      });
      held.set(draftId, { window, until, id });
      return (await id) ? 'held' : 'not_logged';
    },
    async opened(draftId, window) {
      if (!draftId) return undefined;
      const at = now();
      if (seen.get(draftId)?.window !== window) seen.set(draftId, { window, at });
      const entry = held.get(draftId);
      if (!entry || entry.window === window) return undefined;
      held.delete(draftId);
      // Past the hold the worker would answer `hold_over`: the mail went, the log stands.
      if (at >= entry.until) return undefined;
      const id = await entry.id;
      if (!id) return undefined;
      const answer = await cancel(id).catch(() => null);
      return answer?.ok ? answer.value.outcome : undefined;
    },
  };
}
