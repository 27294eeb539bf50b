/**
 * The brief cache: stale-while-revalidate over the `briefs` table. A panel paints the cached
 * brief at once ("as of <fetchedAt>"), then the fresh one when the server answers; with the
 * server down the cached brief stays, marked with its age. Background only.
 *
 * Times are epoch milliseconds passed in by the caller, so tests control the clock.
 */
import { Brief, type BriefRef } from '../../../shared/brief.ts';
import { BriefValue, signalhouseDb, type CachedBriefRow } from './db.ts';

export { briefKeyOf } from './cache-keys.ts';
export type { BriefValue, NotInCrm } from './db.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

/** A cached answer as a panel paints it. */
export interface CachedBrief {
  key: string;
  brief: BriefValue;
  /** When the server gave it: the panel's "as of". */
  fetchedAt: number;
  /** `now - fetchedAt` at the time of the read. */
  ageMs: number;
}

/** Whether a cached value is a "not in CRM" marker rather than a brief. */
export const isNotInCrm = (value: BriefValue): value is Extract<BriefValue, { notInCrm: true }> => 'notInCrm' in value;

/** Contact ids a value mentions: what an erasure tombstone must be able to find. */
function contactIdsOf(value: BriefValue): string[] {
  const ids = new Set<string>(value.suggestions.map((s) => s.contactId));
  if (!isNotInCrm(value)) {
    if (value.match.contactId) ids.add(value.match.contactId);
    if (value.contact) ids.add(value.contact.id);
    for (const s of value.signals) {
      if (s.contactId) ids.add(s.contactId);
      if (s.action.target?.kind === 'contact') ids.add(s.action.target.contactId);
    }
    for (const s of value.stakeholders) ids.add(s.contactId);
    // The next step may name someone else at the account ("Erik Holm, champion at Swedbank: …").
    const next = value.nextBestAction;
    if (next?.about.kind === 'someone-else') ids.add(next.about.contactId);
    if (next?.action.target?.kind === 'contact') ids.add(next.action.target.contactId);
  }
  return [...ids];
}

/**
 * Account ids a value mentions: the account it is about or the person's account, a suggestion's,
 * a signal's, the new employer the page shows. Not indexed (see forgetAccounts).
 */
function accountIdsOf(value: BriefValue): string[] {
  const ids = new Set<string>();
  for (const s of value.suggestions) if (s.accountId) ids.add(s.accountId);
  if (!isNotInCrm(value)) {
    if (value.match.accountId) ids.add(value.match.accountId);
    if (value.account) ids.add(value.account.id);
    for (const s of value.signals) ids.add(s.accountId);
    const employer = value.nextBestAction?.newEmployer?.accountId;
    if (employer) ids.add(employer);
  }
  return [...ids];
}

/** Deal ids a value shows (its open deals). */
const dealIdsOf = (value: BriefValue): string[] => (isNotInCrm(value) ? [] : value.openDeals.map((d) => d.id));

const encoder = new TextEncoder();

// Reads record their use without making the panel wait for a disk flush; eviction waits for them.
const pendingTouches = new Set<Promise<unknown>>();
// Answers stored without making their panel wait, by key: a read of the same key waits for its own.
const pendingBriefWrites = new Map<string, Promise<unknown>>();

/** Resolves once every write started without waiting (`lastUsedAt` updates, revalidated briefs) has landed. */
export async function settleCacheWrites(): Promise<void> {
  await Promise.all([...pendingTouches]);
}

/**
 * The answers this service worker read or stored lately, decoded, newest use last. A panel's
 * cached brief is the rep's wait on every profile they revisit: from here it costs neither an
 * IndexedDB read nor a schema check nor a wait for its own write to land (bench:panel). Held per
 * database connection (a service-worker restart, or a test's `closeSignalhouseDb`, starts empty)
 * and dropped with the rows: erasures, corrections and eviction remove from both.
 */
const HOT_MAX = 64;
interface HotBrief {
  value: BriefValue;
  fetchedAt: number;
}
const hotByDb = new WeakMap<object, Map<string, HotBrief>>();

function hotBriefs(): Map<string, HotBrief> {
  const db = signalhouseDb();
  let hot = hotByDb.get(db);
  if (!hot) hotByDb.set(db, (hot = new Map()));
  return hot;
}

/** Keeps `value` as the key's newest decoded answer unless a newer one is already kept. */
function keepHot(key: string, value: BriefValue, fetchedAt: number): void {
  const hot = hotBriefs();
  const kept = hot.get(key);
  if (kept && kept.fetchedAt > fetchedAt) return;
  hot.delete(key);
  hot.set(key, { value, fetchedAt });
  if (hot.size > HOT_MAX) hot.delete(hot.keys().next().value!);
}

/** Records a read's use for LRU eviction without making the reader wait for the disk. */
function touch(key: string, now: number): void {
  const touched: Promise<unknown> = signalhouseDb()
    .briefs.where('key')
    .equals(key)
    .modify((r) => {
      r.lastUsedAt = Math.max(r.lastUsedAt, now);
    })
    .catch(() => undefined)
    .finally(() => pendingTouches.delete(touched));
  pendingTouches.add(touched);
}

/**
 * The cached answer for a key, or null. Records the use for LRU eviction. A row that no longer
 * matches the Brief schema (written by an older extension version) is dropped and reads as a miss.
 * An answer this worker read or stored lately comes from memory (`hotBriefs`).
 *
 * @example
 * const hit = await readBrief('linkedin:jane-doe', Date.now());
 * if (hit) paint(hit.brief, { asOf: new Date(hit.fetchedAt) });
 */
export async function readBrief(key: string, now: number): Promise<CachedBrief | null> {
  const hot = hotBriefs().get(key);
  if (hot) {
    keepHot(key, hot.value, hot.fetchedAt);
    touch(key, now);
    return { key, brief: hot.value, fetchedAt: hot.fetchedAt, ageMs: Math.max(0, now - hot.fetchedAt) };
  }
  const landing = pendingBriefWrites.get(key);
  if (landing) await landing;
  const db = signalhouseDb();
  const row = await db.briefs.get(key);
  if (!row) return null;
  const parsed = BriefValue.safeParse(row.value);
  if (!parsed.success) {
    await db.briefs.delete(key);
    return null;
  }
  keepHot(key, parsed.data, row.fetchedAt);
  touch(key, now);
  return { key, brief: parsed.data, fetchedAt: row.fetchedAt, ageMs: Math.max(0, now - row.fetchedAt) };
}

/**
 * Stores an answer fetched at `fetchedAt`. An older answer never replaces a newer one (two
 * revalidations can finish out of order).
 *
 * @example await storeBrief(briefKeyOf(ref)!, brief, requestStartedAt)
 */
export async function storeBrief(key: string, value: BriefValue, fetchedAt: number, ref?: BriefRef): Promise<void> {
  // Readable at once, before the row lands (the row keeps the same newer-wins rule below).
  keepHot(key, value, fetchedAt);
  const db = signalhouseDb();
  const row: CachedBriefRow = {
    key,
    value,
    fetchedAt,
    lastUsedAt: fetchedAt,
    bytes: encoder.encode(JSON.stringify(value)).length,
    contactIds: contactIdsOf(value),
    ...(ref ? { ref } : {}),
  };
  await db.transaction('rw', db.briefs, async () => {
    const existing = await db.briefs.get(key);
    if (existing && existing.fetchedAt > fetchedAt) return;
    await db.briefs.put({ ...row, lastUsedAt: Math.max(row.lastUsedAt, existing?.lastUsedAt ?? 0) });
  });
}

/** The outcome of a revalidation; it never rejects, so a caller may ignore it safely. */
export type Revalidation =
  | { status: 'fresh'; brief: BriefValue; fetchedAt: number }
  /** The server could not be asked or failed: keep showing `cached` (null when there is none), marked with its age. */
  | { status: 'failed'; error: string; cached: CachedBrief | null }
  /** The cached answer is younger than `freshForMs`: the server was not asked. */
  | { status: 'skipped'; cached: CachedBrief };

export interface BriefWithRevalidation {
  /** Paint this at once when present. */
  cached: CachedBrief | null;
  /** Then this: the fresh answer, or why the cached one stays. */
  fresh: Promise<Revalidation>;
}

export type BriefFetcher = () => Promise<BriefValue>;

const inFlight = new Map<string, Promise<Revalidation>>();
// Bumped by every erasure and every correction: an answer fetched before one must not be written after it.
let erasures = 0;

/**
 * Stale-while-revalidate: the cached answer now, and the server's answer later. Concurrent
 * calls for one key share one request.
 *
 * @example
 * const { cached, fresh } = await briefWithRevalidation(key, () => api.brief(ref), Date.now());
 * if (cached) send(tab, { brief: cached.brief, asOf: cached.fetchedAt });
 * const next = await fresh;
 * if (next.status === 'fresh') send(tab, { brief: next.brief, asOf: next.fetchedAt });
 * else if (next.status === 'failed' && next.cached) send(tab, { offline: true, ageMs: next.cached.ageMs });
 */
export async function briefWithRevalidation(
  key: string,
  fetcher: BriefFetcher,
  now: number,
  options: { freshForMs?: number; ref?: BriefRef } = {},
): Promise<BriefWithRevalidation> {
  const cached = await readBrief(key, now);
  if (cached && cached.ageMs < (options.freshForMs ?? 0)) {
    return { cached, fresh: Promise.resolve({ status: 'skipped', cached }) };
  }
  // Shared only by requests asking with the same ref: a panel that first asked by the URL alone and
  // then with what the page shows (the member's current company) must get the server's answer to
  // the second (a job change the server only sees in it), not the first one's still in flight.
  const flight = options.ref ? `${key}\u0000${JSON.stringify(options.ref)}` : key;
  let fresh = inFlight.get(flight);
  if (!fresh) {
    const started = revalidate(key, fetcher, now, cached, options.ref);
    fresh = started;
    inFlight.set(flight, started);
    // Shared until its answer is on disk too, so a panel that asks meanwhile shares it rather than
    // asking the server again before the cache can answer.
    void started
      .then(() => pendingBriefWrites.get(key))
      .finally(() => {
        if (inFlight.get(flight) === started) inFlight.delete(flight);
      });
  }
  return { cached, fresh };
}

async function revalidate(key: string, fetcher: BriefFetcher, now: number, cached: CachedBrief | null, ref?: BriefRef): Promise<Revalidation> {
  const erasuresBefore = erasures;
  let value: BriefValue;
  try {
    value = await fetcher();
  } catch (error) {
    return { status: 'failed', error: error instanceof Error ? error.message : String(error), cached };
  }
  // `now` is when the request started: the answer is at least that fresh, so "as of" never flatters it.
  // The panel gets the answer without waiting for the cache write: a strict-durability commit
  // waits for the disk, which is the outbox's guarantee to keep, not a cache's (measured: the wait
  // was most of a cold panel's time on a busy machine). Readers of the whole cache settle it first.
  if (erasures === erasuresBefore) {
    const write = storeBrief(key, value, now, ref)
      .catch(() => undefined) // A full or broken disk costs the next paint its cache, not this one its answer.
      .finally(() => {
        pendingTouches.delete(write);
        if (pendingBriefWrites.get(key) === write) pendingBriefWrites.delete(key);
      });
    pendingTouches.add(write);
    pendingBriefWrites.set(key, write);
  }
  return { status: 'fresh', brief: value, fetchedAt: now };
}

export interface EvictionPolicy {
  maxAgeDays: number;
  maxBytes: number;
}
export const DEFAULT_EVICTION: EvictionPolicy = { maxAgeDays: 14, maxBytes: 20 * 1024 * 1024 };

/**
 * Drops answers fetched more than `maxAgeDays` ago, then the least recently used until the rest
 * fit in `maxBytes`. Run from an alarm by the background.
 *
 * @example await evictBriefs(Date.now()) // { expired: 3, evicted: 0, bytes: 1_204_220 }
 */
export async function evictBriefs(
  now: number,
  policy: Partial<EvictionPolicy> = {},
): Promise<{ expired: number; evicted: number; bytes: number }> {
  const { maxAgeDays, maxBytes } = { ...DEFAULT_EVICTION, ...policy };
  await settleCacheWrites();
  // What is evicted from disk must not live on in memory; the next reads fill it again.
  hotBriefs().clear();
  const db = signalhouseDb();
  return db.transaction('rw', db.briefs, async () => {
    const expired = await db.briefs.where('fetchedAt').below(now - maxAgeDays * DAY_MS).primaryKeys();
    await db.briefs.bulkDelete(expired);
    // Sizes come from the [lastUsedAt+bytes] index: no brief is loaded to be weighed.
    const rows: { key: string; bytes: number }[] = [];
    await db.briefs.orderBy('[lastUsedAt+bytes]').eachKey((indexKey, cursor) => {
      rows.push({ key: String(cursor.primaryKey), bytes: Number((indexKey as [number, number])[1]) });
    });
    let bytes = rows.reduce((sum, r) => sum + r.bytes, 0);
    const evict: string[] = [];
    for (const row of rows) {
      if (bytes <= maxBytes) break;
      evict.push(row.key);
      bytes -= row.bytes;
    }
    await db.briefs.bulkDelete(evict);
    return { expired: expired.length, evicted: evict.length, bytes };
  });
}

/**
 * Erasure: removes every cached answer that mentions any of these contacts (as the person, a
 * suggestion, a stakeholder or a signal's subject), for `/v1/changes` tombstones.
 *
 * @example await forgetContacts(page.tombstones.filter((t) => t.entity === 'contact').map((t) => t.id))
 */
export async function forgetContacts(contactIds: readonly string[]): Promise<number> {
  erasures++;
  if (contactIds.length === 0) return 0;
  // A request in flight may be fetching the person: its answer was given before the erasure was known, so no later read shares it.
  inFlight.clear();
  const erased = new Set(contactIds);
  const hot = hotBriefs();
  // `contact:<id>` is the person's own brief; any key's value may name them (a colleague's brief, as a stakeholder).
  for (const [key, kept] of hot) if ((key.startsWith('contact:') && erased.has(key.slice(8))) || contactIdsOf(kept.value).some((id) => erased.has(id))) hot.delete(key);
  // A brief written without waiting may still be on its way to disk: let it land, then delete it.
  await settleCacheWrites();
  const db = signalhouseDb();
  return db.transaction('rw', db.briefs, async () => {
    const mentioning = await db.briefs.where('contactIds').anyOf([...contactIds]).primaryKeys();
    const keys = [...new Set([...mentioning, ...contactIds.map((id) => `contact:${id}`)])];
    const present = (await db.briefs.bulkGet(keys)).filter((r) => r !== undefined).length;
    await db.briefs.bulkDelete(keys);
    return present;
  });
}

/**
 * A CRM deletion: removes every cached answer that mentions any of these accounts (the account's
 * own brief, a brief of someone at it, a suggestion or signal naming it, a page's new employer),
 * for `/v1/changes` tombstones of the account object. Nothing indexes account ids, so this reads
 * the whole cache (at most DEFAULT_EVICTION.maxBytes); account deletions are rare, and indexing them
 * would cost a schema version and a rewrite of every row for them.
 *
 * @example await forgetAccounts(['acc_1']) // 3: the account's brief and two of its people's
 */
export async function forgetAccounts(accountIds: readonly string[]): Promise<number> {
  if (accountIds.length === 0) return 0;
  const deleted = new Set(accountIds);
  return forgetMentioning(accountIds.map((id) => `account:${id}`), (value) => accountIdsOf(value).some((id) => deleted.has(id)));
}

/**
 * A CRM deletion of deals: removes every cached answer that shows one of them among its open
 * deals, for `/v1/changes` tombstones of the deal object. Reads the whole cache, as forgetAccounts.
 *
 * @example await forgetDeals(['deal_1'])
 */
export async function forgetDeals(dealIds: readonly string[]): Promise<number> {
  if (dealIds.length === 0) return 0;
  const deleted = new Set(dealIds);
  return forgetMentioning([], (value) => dealIdsOf(value).some((id) => deleted.has(id)));
}

/**
 * Removes `keys` and every answer `mentions` finds, from disk and memory. A request in flight may
 * be fetching one of them: it stores nothing (`erasures`) and no later read shares it (its
 * answer was given before the deletion was known, so the next read asks the server again).
 */
async function forgetMentioning(keys: readonly string[], mentions: (value: BriefValue) => boolean): Promise<number> {
  erasures++;
  inFlight.clear();
  const named = new Set(keys);
  const hot = hotBriefs();
  for (const [key, kept] of hot) if (named.has(key) || mentions(kept.value)) hot.delete(key);
  // A brief written without waiting may still be on its way to disk: let it land, then delete it.
  await settleCacheWrites();
  const db = signalhouseDb();
  return db.transaction('rw', db.briefs, async () => {
    const doomed = new Set<string>();
    await db.briefs.each((row) => {
      if (named.has(row.key) || mentionsSafely(row.value, mentions)) doomed.add(row.key);
    });
    await db.briefs.bulkDelete([...doomed]);
    return doomed.size;
  });
}

/** A row an older version wrote may not read as a brief: it is dropped on its next read anyway (readBrief). */
function mentionsSafely(value: BriefValue, mentions: (value: BriefValue) => boolean): boolean {
  try {
    return mentions(value);
  } catch {
    return false;
  }
}

/**
 * A correction (an alias) changed who these keys are: forget their cached answers, and let no
 * request already in flight for them store or share the old answer, so the next read asks the
 * server again.
 *
 * @example await forgetBriefs(['linkedin:jane-doe'])
 */
export async function forgetBriefs(keys: readonly string[]): Promise<void> {
  erasures++;
  // Flights are keyed by the key alone or by the key and the ref asked with (briefWithRevalidation).
  const forgotten = new Set(keys);
  for (const flight of inFlight.keys()) if (forgotten.has(flight.split('\u0000', 1)[0]!)) inFlight.delete(flight);
  for (const key of keys) hotBriefs().delete(key);
  if (keys.length === 0) return;
  await settleCacheWrites();
  await signalhouseDb().briefs.bulkDelete([...keys]);
}

/**
 * Forgets every cached answer, on disk and in memory, and lets no request in flight store or
 * share its answer: the CRM data on this device belonged to a connection that is gone (the rep
 * disconnected, or someone else connected). A disconnected extension shows no CRM data.
 *
 * @example await forgetAllBriefs()
 */
export async function forgetAllBriefs(): Promise<void> {
  erasures++;
  inFlight.clear();
  hotBriefs().clear();
  await settleCacheWrites();
  await Promise.all([...pendingBriefWrites.values()].map((write) => write.catch(() => undefined)));
  await signalhouseDb().briefs.clear();
  hotBriefs().clear();
}

/** A cached brief as the side panel's "Recent" lists it. */
export interface RecentCachedBrief {
  key: string;
  /** The ref it was last asked for, when the row keeps one. */
  ref?: BriefRef | undefined;
  brief: Brief;
  fetchedAt: number;
  lastUsedAt: number;
}

/**
 * The briefs panels showed most recently, newest first, at most `limit`: one per person or
 * account (a contact cached under both `linkedin:<slug>` and `contact:<id>` is listed once, by
 * its latest use). "Not in CRM" markers and rows an older version wrote are left out. Reading the
 * list is not a use: it leaves `lastUsedAt` alone, so listing never reorders the list.
 *
 * @example await recentBriefs(20) // [{ key: 'linkedin:jane-doe', brief, fetchedAt, lastUsedAt }, …]
 */
export async function recentBriefs(limit: number): Promise<RecentCachedBrief[]> {
  // A panel's read records its use in the background: wait, so the brief just shown is on top.
  await settleCacheWrites();
  const db = signalhouseDb();
  const out: RecentCachedBrief[] = [];
  const seen = new Set<string>();
  // The [lastUsedAt+bytes] index walks rows by last use without sorting the whole table.
  await db.briefs
    .orderBy('[lastUsedAt+bytes]')
    .reverse()
    .until(() => out.length >= limit)
    .each((row) => {
      const parsed = Brief.safeParse(row.value);
      if (!parsed.success) return;
      const who = identityOf(parsed.data);
      if (!who || seen.has(who)) return;
      seen.add(who);
      out.push({ key: row.key, ref: row.ref, brief: parsed.data, fetchedAt: row.fetchedAt, lastUsedAt: row.lastUsedAt });
    });
  return out;
}

/** Who a brief is about, so two cache rows for one person count once; null for an empty brief. */
function identityOf(brief: Brief): string | null {
  if (brief.contact) return `contact:${brief.contact.id}`;
  if (brief.account) return `account:${brief.account.id}`;
  return null;
}
