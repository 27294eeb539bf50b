/**
 * Following the server's changes: what every rep's offline copy must forget. An admin's erasure
 * of a person and a record the CRM deleted leave tombstones on the server (`tombstones`); this
 * pages `GET /v1/changes` from the stored cursor until an empty page, drops from the brief cache
 * every answer each page lists (cache.ts: forgetContacts, forgetAccounts, forgetDeals) and the
 * Today copies naming them (digest-cache.ts: forgetTodayCopiesNaming), stores
 * the page's cursor, and tells `onForgotten` (open tabs hold copies of their own).
 *
 * The cursor belongs to one rep of one server (`ownerOf`, as the Today copies): a connection as
 * someone else starts from 0, and `reset()` (Disconnect, another rep) forgets it. It is stored
 * after each page, so a worker that dies mid-way resumes where it stopped; a failed request
 * (offline, token refused, a server error) or a failed forget leaves it where it was, so the
 * page is asked again next time. One follow runs at a time: a follow asked for meanwhile runs
 * once after it (a connect during an alarm's follow is not lost).
 *
 * @example
 * const changes = createChangesFollower({ storage: browser.storage.local, connected, onForgotten });
 * await changes.follow(); // { status: 'up-to-date', cursor: 42, pages: 1, forgotten: 2 }
 */
import { CHANGES_PAGE_MAX, type Tombstone } from '../../../shared/directory.ts';
import type { Api } from './api.ts';
import { forgetAccounts, forgetContacts, forgetDeals } from './cache.ts';
import { forgetTodayCopiesNaming, type Owner } from './digest-cache.ts';
import type { ProblemInfo } from '../protocol.ts';

/** Where the cursor is kept (storage.local): `{ owner, cursor, checkedAt }`. */
export const CHANGES_CURSOR_KEY = 'changesCursor';

/** The part of `browser.storage.local` the follower uses. */
export interface ChangesStorage {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(key: string): Promise<void>;
}

/** What was dropped from the cache for one page's tombstones, by the entity they name. */
export interface Forgotten {
  contactIds: string[];
  accountIds: string[];
  dealIds: string[];
}

export type FollowOutcome =
  /** Every page up to an empty one was forgotten; `forgotten` counts cached answers dropped. */
  | { status: 'up-to-date'; cursor: number; pages: number; forgotten: number }
  /** Stopped at a failed request or forget: the cursor stays at `cursor` (the last page fully forgotten). */
  | { status: 'failed'; cursor: number; error: Pick<ProblemInfo, 'kind' | 'message'> }
  | { status: 'not-connected' }
  /** Followed to the end less than `minAgeMs` ago: the server was not asked. */
  | { status: 'skipped'; cursor: number }
  /** The connection changed (Disconnect, another rep) while it ran: nothing more was stored. */
  | { status: 'superseded' };

export interface ChangesDeps {
  storage: ChangesStorage;
  /** The connected rep (its owner) and its client, or null when not connected. */
  connected: () => Promise<{ owner: Owner; api: Api } | null>;
  /**
   * Told, per page, the ids the page listed (whether or not the cache held them), after the cache
   * dropped them: tabs keep in-memory copies of their own to drop. Not awaited; its errors are ignored.
   */
  onForgotten?: (forgotten: Forgotten) => void;
  /** Tombstones per request; the server's maximum unless a test pages smaller. */
  pageSize?: number;
  now?: () => number;
}

export interface ChangesFollower {
  /**
   * Follows the changes to the end; never rejects. Joins the follow in flight (and one after it)
   * when one runs. `minAgeMs`: skip when the last follow to the end is younger (a worker start).
   */
  follow(options?: { minAgeMs?: number }): Promise<FollowOutcome>;
  /** Forgets the cursor: the copy it described is gone (Disconnect, another rep or server connected). */
  reset(): Promise<void>;
}

/** @example createChangesFollower({ storage: browser.storage.local as unknown as ChangesStorage, connected }) */
export function createChangesFollower({ storage, connected, onForgotten = () => undefined, pageSize = CHANGES_PAGE_MAX, now = Date.now }: ChangesDeps): ChangesFollower {
  // Bumped by reset(): a follow started for the connection before it stores nothing after it.
  let generation = 0;
  let running: Promise<FollowOutcome> | null = null;
  let next: Promise<FollowOutcome> | null = null;

  /** This owner's cursor and when it was last found up to date; another owner's (or nothing readable) is 0, never. */
  async function stored(owner: Owner): Promise<{ cursor: number; checkedAt: number }> {
    const kept = (await storage.get(CHANGES_CURSOR_KEY))[CHANGES_CURSOR_KEY] as { owner?: unknown; cursor?: unknown; checkedAt?: unknown } | undefined;
    if (kept?.owner !== owner) return { cursor: 0, checkedAt: 0 };
    const cursor = typeof kept.cursor === 'number' && Number.isSafeInteger(kept.cursor) && kept.cursor >= 0 ? kept.cursor : 0;
    return { cursor, checkedAt: typeof kept.checkedAt === 'number' ? kept.checkedAt : 0 };
  }

  async function run(minAgeMs: number): Promise<FollowOutcome> {
    const started = generation;
    const who = await connected().catch(() => null);
    if (!who) return { status: 'not-connected' };
    const { owner, api } = who;
    let cursor = 0;
    let pages = 0;
    let forgotten = 0;
    try {
      const kept = await stored(owner);
      cursor = kept.cursor;
      const age = now() - kept.checkedAt;
      if (minAgeMs > 0 && age >= 0 && age < minAgeMs) return { status: 'skipped', cursor };
      let checkedAt = 0;
      for (;;) {
        checkedAt = now();
        const page = await api.changes(cursor, pageSize);
        if (started !== generation) return { status: 'superseded' };
        if (!page.ok) return { status: 'failed', cursor, error: { kind: page.error.kind, message: page.error.message } };
        const { tombstones } = page.value;
        // An empty page means up to date; so does a cursor that does not move (a server that would loop us).
        if (tombstones.length === 0 || page.value.cursor <= cursor) {
          await storage.set({ [CHANGES_CURSOR_KEY]: { owner, cursor, checkedAt } });
          return { status: 'up-to-date', cursor, pages, forgotten };
        }
        const ids = idsByEntity(tombstones);
        forgotten += (await forgetContacts(ids.contactIds)) + (await forgetAccounts(ids.accountIds)) + (await forgetDeals(ids.dealIds));
        // The side panel's Today keeps the last digest and review queue: one naming them goes too.
        await forgetTodayCopiesNaming([...ids.contactIds, ...ids.accountIds, ...ids.dealIds]);
        try {
          onForgotten(ids);
        } catch {
          // A listener's failure is its own; the cache has forgotten.
        }
        if (started !== generation) return { status: 'superseded' };
        // Not yet checked to the end: a worker start after a death here follows on.
        await storage.set({ [CHANGES_CURSOR_KEY]: { owner, cursor: page.value.cursor, checkedAt: 0 } });
        cursor = page.value.cursor;
        pages++;
      }
    } catch (error) {
      // The cache or the storage failed: the page is asked again next time.
      return { status: 'failed', cursor, error: { kind: 'server', message: `Changes could not be followed: ${error instanceof Error ? error.message : String(error)}` } };
    }
  }

  function follow({ minAgeMs = 0 }: { minAgeMs?: number } = {}): Promise<FollowOutcome> {
    if (!running) {
      const current = run(minAgeMs).finally(() => {
        if (running === current) running = null;
      });
      running = current;
      return current;
    }
    // One follow after the one in flight, shared by everyone who asks meanwhile: what they asked
    // for (a new connection, a fresh alarm) may have come after the running one read its cursor.
    next ??= running.then(() => {
      next = null;
      return follow();
    });
    return next;
  }

  return {
    follow,
    async reset() {
      generation++;
      await storage.remove(CHANGES_CURSOR_KEY);
    },
  };
}

/**
 * The ids a page lists, by what the cache keeps of them. The server emits `contact` (an erasure,
 * or the CRM deleted the person), `account` and `deal` (the CRM deleted it); an entity this
 * version does not know is skipped, as the schema asks, rather than failing the page.
 */
function idsByEntity(tombstones: readonly Tombstone[]): Forgotten {
  const out: Forgotten = { contactIds: [], accountIds: [], dealIds: [] };
  for (const t of tombstones) {
    if (t.entity === 'contact') out.contactIds.push(t.id);
    else if (t.entity === 'account') out.accountIds.push(t.id);
    else if (t.entity === 'deal') out.dealIds.push(t.id);
  }
  return out;
}
