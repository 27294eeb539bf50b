/**
 * The outbox behind the `logActivity`, `getOutbox`, `retryOutboxItem` and `cancelHeldActivity`
 * messages (the `OutboxPort` seam of handlers.ts), plus `flush`, which the alarms and every log use
 * to deliver.
 *
 * `log` answers once the item is committed (state `queued`: the UI's "Saved"), then starts a
 * flush without waiting for it, so a connected extension syncs at once; an unconnected one keeps
 * the item queued, and no delivery attempt is counted against it. A log with `notBefore` is held
 * until then (Gmail's "Undo send"): listed with `heldUntil`, cancelled by `cancelHeld` until then.
 */
import { ZodError } from 'zod';
import type { ActivityInput, ActivityResult } from '../../../shared/activity.ts';
import type { Api } from './api.ts';
import { signalhouseDb } from './db.ts';
import type { OutboxPort } from './handlers.ts';
import {
  cancelHeld,
  dueWaitingNow,
  enqueueActivity,
  flushOutbox,
  listOutbox,
  retryItem,
  type FlushReport,
  type OutboxItem,
  type SendActivities,
} from './outbox.ts';
import { fail, MAX_HOLD_MS, ok, type CancelHeldAnswer, type LogActivityPayload, type OutboxItemView } from '../protocol.ts';

export interface OutboxPortDeps {
  now: () => Date;
  random: () => number;
  /** How to deliver now: null when not connected (then nothing is claimed or counted). */
  sender: () => Promise<SendActivities | null>;
  /** Runs after every flush, e.g. to set the next wake-up alarm from `nextWakeAt()`. */
  afterFlush?: () => Promise<unknown>;
}

export interface OutboxService extends OutboxPort {
  /** Delivers every due item; null when not connected. Never rejects. */
  flush(): Promise<FlushReport | null>;
  /**
   * The server is reachable again: queued items, also those waiting out a backoff, are delivered
   * now rather than at the next alarm. Flushes only when something is queued (or `always`, e.g.
   * after Connect). Never rejects.
   */
  retryWaiting(options?: { always?: boolean }): Promise<FlushReport | null>;
}

/**
 * An outbox item as the side panel lists it.
 *
 * @example viewOf(item) // { id, type: 'linkedin_message', state: 'queued', attempts: 0, … }
 */
export function viewOf(item: OutboxItem): OutboxItemView {
  // A held item is saved and waiting like a queued one; `heldUntil` says for what.
  const held = item.state === 'held';
  return {
    id: item.id,
    type: item.activity.type,
    about: item.about ?? null,
    subject: item.activity.subject ?? null,
    occurredAt: item.activity.occurredAt,
    state: item.state === 'held' ? 'queued' : item.state,
    attempts: item.attempts,
    lastError: item.lastError,
    nextAttemptAt: item.state === 'queued' || held ? new Date(item.nextAttemptAt).toISOString() : null,
    ...(held ? { heldUntil: new Date(item.nextAttemptAt).toISOString() } : {}),
  };
}

/**
 * `POST /v1/activities` as the outbox's `SendActivities`: a failed request throws, so the batch
 * goes back to the queue with backoff.
 *
 * @example createOutboxPort({ now, random: Math.random, sender: async () => activitySender(api) })
 */
export function activitySender(api: Api): SendActivities {
  return async (activities: ActivityInput[]): Promise<ActivityResult[]> => {
    const answer = await api.recordActivities(activities);
    if (!answer.ok) throw new Error(answer.error.message);
    return answer.value.results;
  };
}

/**
 * The outbox as an `OutboxPort` with a `flush`.
 *
 * @example
 * const outbox = createOutboxPort({ now: () => new Date(), random: Math.random, sender });
 * createHandlers({ connection, outbox, now: () => new Date() });
 */
export function createOutboxPort({ now, random, sender, afterFlush }: OutboxPortDeps): OutboxService {
  async function flush(): Promise<FlushReport | null> {
    let report: FlushReport | null = null;
    try {
      const send = await sender();
      if (send) report = await flushOutbox(send, now().getTime(), random);
    } catch {
      // flushOutbox keeps every item in a state; a failure here (a closed database) waits for the next alarm.
    }
    try {
      await afterFlush?.();
    } catch {
      // The next log or background start sets the alarm again.
    }
    return report;
  }
  const kick = () => void flush();

  return {
    flush,
    async retryWaiting({ always = false } = {}) {
      let queued = 0;
      try {
        queued = await dueWaitingNow(now().getTime());
      } catch {
        // A closed database: the next alarm tries again.
      }
      return queued > 0 || always ? flush() : null;
    },
    async log({ notBefore, ...payload }: LogActivityPayload) {
      const at = now().getTime();
      const holdUntil = notBefore === undefined ? undefined : Date.parse(notBefore);
      // A hold is for an undo window of seconds; a far one would keep a touch from the CRM unseen.
      if (holdUntil !== undefined && holdUntil > at + MAX_HOLD_MS) return fail('invalid', `A hold may end at most ${MAX_HOLD_MS / 1000} s from now.`, { field: 'notBefore' });
      let item: OutboxItem;
      try {
        ({ item } = await enqueueActivity(payload, at, { notBefore: holdUntil }));
      } catch (error) {
        // Nothing was saved: the UI must not say "Saved".
        if (error instanceof ZodError) return fail('invalid', 'The activity is not valid.');
        return fail('server', 'The activity could not be saved in the browser (storage full or unavailable).');
      }
      kick();
      return ok(viewOf(item));
    },
    async list() {
      const { queued, needsAttention, sent } = await listOutbox();
      return ok({ items: [...needsAttention, ...queued, ...sent].map(viewOf) });
    },
    async cancelHeld(id: string) {
      let answer: Awaited<ReturnType<typeof cancelHeld>>;
      try {
        answer = await cancelHeld(id, now().getTime());
      } catch {
        return fail('server', 'The outbox could not be read in the browser (storage unavailable).');
      }
      // Nothing to deliver changed; the alarm set for the hold fires, finds nothing, and is cleared then.
      return ok<CancelHeldAnswer>({ outcome: answer.outcome, item: answer.item ? viewOf(answer.item) : null });
    },
    async retry(id: string) {
      if (!(await retryItem(id, now().getTime()))) return fail('not_found', 'No outbox item to retry with that id.');
      const item = await signalhouseDb().outbox.get(id);
      if (!item) return fail('not_found', 'No outbox item to retry with that id.');
      kick();
      return ok(viewOf(item));
    },
  };
}
