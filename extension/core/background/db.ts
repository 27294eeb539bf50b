/**
 * The extension's one IndexedDB database (`signalhouse`), owned by the background alone: a content
 * script's IndexedDB belongs to the host site's origin, so nothing here may run in one.
 *
 * Tables: `briefs` (the stale-while-revalidate cache, see cache.ts), `outbox` (activities
 * saved locally and waiting for the server's answer, see outbox.ts), `today` (the last daily
 * digest and review queue, so the side panel paints them offline, see digest-cache.ts) and
 * `notified` (digest alerts already raised as notifications, see digest-alerts.ts). Schema versions are
 * append-only: never edit a released `version(n)`, add `version(n + 1)` with an upgrade when
 * data changes shape.
 */
import { Dexie, type Table } from 'dexie';
import { z } from 'zod';
import type { ActivityInput, ActivityResult } from '../../../shared/activity.ts';
import { Brief, type BriefRef } from '../../../shared/brief.ts';
import { Suggestion } from '../../../shared/match.ts';

export const DB_NAME = 'signalhouse';

/**
 * What the server knows about an identity that matched nothing: a remembered "not in CRM" with its suggestions.
 *
 * @example NotInCrm.parse({ notInCrm: true, suggestions: [], warnings: [] })
 */
export const NotInCrm = z.strictObject({
  notInCrm: z.literal(true),
  suggestions: z.array(Suggestion),
  warnings: z.array(z.string()),
});
export type NotInCrm = z.infer<typeof NotInCrm>;

/** A cached answer: a brief, or the fact that the CRM holds nobody for this identity. Checked again on read (see cache.ts). */
export const BriefValue = z.union([Brief, NotInCrm]);
export type BriefValue = z.infer<typeof BriefValue>;

/** One row of the brief cache. */
export interface CachedBriefRow {
  /** Normalised identity key from `briefKeyOf` (`linkedin:jane-doe`, `email:jane@acme.com`, `contact:ct_1`). */
  key: string;
  value: BriefValue;
  /** Epoch ms of the request that fetched it: the panel's "as of". */
  fetchedAt: number;
  /** Epoch ms of the last read, for least-recently-used eviction. */
  lastUsedAt: number;
  /** Approximate size (UTF-8 bytes of the JSON), for the size budget. */
  bytes: number;
  /** Every contact id the value mentions, so an erasure tombstone finds it. */
  contactIds: string[];
  /**
   * The ref the brief was last asked for, so the side panel's Recent asks with it again: an
   * event's title and times, or a page's full ref, cannot be rebuilt from the key. Absent on rows
   * an older version wrote (Recent rebuilds those from the key). Not indexed: no schema change.
   */
  ref?: BriefRef;
}

/**
 * `held`: saved, but not to be sent before `notBefore` (a Gmail send waiting out Gmail's "Undo
 * send", features/gmail-sent-log.ts); it becomes `queued` at that time, or is deleted by a cancel
 * before it. Every other state is as it always was.
 */
export type OutboxState = 'held' | 'queued' | 'sending' | 'synced' | 'needs_attention';

/** One activity in the outbox; it stays until pruned long after the server acknowledged it. */
export interface OutboxItem {
  /** The client UUID, equal to `activity.id`; the server answers `duplicate` when it sees it again. */
  id: string;
  activity: ActivityInput;
  /** Whom the touch was about (the contact's name), for the side panel's outbox; kept here, never sent. */
  about?: string;
  /** Copied from the activity so it can be indexed (an index cannot reach into `activity`). */
  naturalKey?: string;
  state: OutboxState;
  /** Failed deliveries (network or server errors); reset by a manual retry. */
  attempts: number;
  /** Epoch ms when a `queued` item is due; for a `held` item, its `notBefore`. */
  nextAttemptAt: number;
  /**
   * Epoch ms before which the item is never sent (it was logged `held`); kept after the hold ends.
   * Absent on items logged without a hold, and on every item older versions wrote: those go as before.
   */
  notBefore?: number;
  lastError: string | null;
  savedAt: number;
  syncedAt: number | null;
  /** The server's answer once it gave one (`created`/`duplicate` with the activity, or the problem). */
  result: ActivityResult | null;
}

/** The last answer of `GET /v1/digest` or `GET /v1/review-queue` for one rep of one server. */
export interface TodayRow {
  /** `<owner> <what>`: `what` is `digest` or `review:<scope>`; see digest-cache.ts. */
  key: string;
  /** The server URL and user id it belongs to: another rep connecting never sees it. */
  owner: string;
  /** The server's answer, checked again on read (a newer extension may read an older row). */
  value: unknown;
  /** Epoch ms of the request that fetched it: the panel's "as of". */
  fetchedAt: number;
}

/** One digest alert raised as a notification: never raised again, counted against the day's budget. */
export interface NotifiedRow {
  /** `<owner> <signal key>`. */
  key: string;
  owner: string;
  /** The digest's UTC day, for the daily alert budget. */
  day: string;
  notifiedAt: number;
}

/**
 * The database class. One instance per service-worker life; see `signalhouseDb()`.
 *
 * @example
 * const db = new SignalhouseDb();
 * await db.outbox.where('state').equals('queued').count();
 */
export class SignalhouseDb extends Dexie {
  briefs!: Table<CachedBriefRow, string>;
  outbox!: Table<OutboxItem, string>;
  today!: Table<TodayRow, string>;
  notified!: Table<NotifiedRow, string>;

  constructor(name: string = DB_NAME) {
    // Strict durability: a commit resolves only once the data is on disk, so "Saved" in the UI
    // survives a crash or power loss right after it (Chrome's default is relaxed; Firefox ignores it).
    super(name, { chromeTransactionDurability: 'strict' });

    // Version 1 (issue 3): the brief cache and the activity outbox.
    // briefs: fetchedAt for age eviction; [lastUsedAt+bytes] lets eviction walk least-recently-used
    //   rows and add up their sizes from the index alone, without loading the briefs;
    //   *contactIds (multi-entry) finds every brief mentioning an erased contact.
    // outbox: [state+nextAttemptAt] for due queued items and the next wake-up; savedAt for the
    //   side panel's list; naturalKey to catch the same touch logged twice; syncedAt for pruning
    //   (null is not an IndexedDB key, so unsynced items are not in that index at all).
    this.version(1).stores({
      briefs: 'key, fetchedAt, [lastUsedAt+bytes], *contactIds',
      outbox: 'id, state, [state+nextAttemptAt], savedAt, naturalKey, syncedAt',
    });
    // Version 2 (issue 4): the side panel's Today and the digest's notifications. Tables of
    // version 1 carry over unchanged. notified: [owner+day] counts a rep's alerts of one day.
    this.version(2).stores({
      today: 'key',
      notified: 'key, [owner+day]',
    });
    // Still version 2 after the outbox's hold (issue 12, Gmail's "Undo send"): a held item is the
    // state value `held` with its `notBefore` in `nextAttemptAt`, so the existing
    // [state+nextAttemptAt] index finds held items and when each ends; `notBefore` itself is not
    // indexed. A Dexie version declares stores and indexes, and neither changed; rows written before
    // have no `notBefore` and are never `held`, so no upgrade has anything to rewrite.
  }
}

let instance: SignalhouseDb | null = null;

/**
 * The background's database, opened lazily on first use.
 *
 * @example await signalhouseDb().briefs.count()
 */
export function signalhouseDb(): SignalhouseDb {
  instance ??= new SignalhouseDb();
  return instance;
}

/**
 * Closes the database; the next `signalhouseDb()` opens a fresh connection. This is what a
 * service-worker restart looks like to the data, and what tests use to simulate one.
 *
 * @example closeSignalhouseDb(); await recoverOutbox(Date.now());
 */
export function closeSignalhouseDb(): void {
  instance?.close();
  instance = null;
}
