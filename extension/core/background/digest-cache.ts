/**
 * The side panel's Today, background side: the daily digest and the review queue fetched through
 * the server client and kept in Dexie (`today`), so the panel paints the last copy at once and
 * with the server down, with its "as of". Each copy belongs to one rep of one server (`owner`):
 * whoever connects next never sees the previous rep's book.
 *
 * `from: 'server'` answers the server's copy and stores it; when the server cannot be reached (or
 * fails) it answers the stored copy with `source: 'cache'`. A refused token or request is told as
 * such: an old copy must not hide that the connection is broken.
 *
 * @example
 * const today = createTodayPort({ now: () => new Date() });
 * const answer = await today.digest({ from: 'server' }, owner, await connection.api());
 */
import type { z } from 'zod';
import { Digest } from '../../../shared/digest.ts';
import { ReviewQueue } from '../../../shared/review.ts';
import type { Api } from './api.ts';
import { signalhouseDb } from './db.ts';
import {
  fail,
  ok,
  type DigestAnswer,
  type GetDigestPayload,
  type GetReviewQueuePayload,
  type Result,
  type ReviewQueueAnswer,
  type SetSignalStatePayload,
  type SignalStateAnswer,
} from '../protocol.ts';

/** Who a copy belongs to: the server URL and the user id, from the stored connection. */
export type Owner = string;

/** @example ownerOf({ serverUrl: 'http://127.0.0.1:8787', user: { id: 'usr_1' } }) // 'http://127.0.0.1:8787 usr_1' */
export const ownerOf = (view: { serverUrl: string; user: { id: string } | null }): Owner | null => (view.user ? `${view.serverUrl} ${view.user.id}` : null);

const DIGEST = 'digest';
const reviewKey = (scope: GetReviewQueuePayload['scope']) => `review:${scope ?? 'default'}`;

/** Failures after which the last copy is still the best answer: the server is away, not refusing. */
const FALL_BACK_ON = new Set(['offline', 'server']);

export interface TodayPort {
  digest(payload: GetDigestPayload, owner: Owner | null, api: Result<Api>): Promise<Result<DigestAnswer>>;
  reviewQueue(payload: GetReviewQueuePayload, owner: Owner | null, api: Result<Api>): Promise<Result<ReviewQueueAnswer>>;
  setSignalState(update: SetSignalStatePayload, owner: Owner | null, api: Result<Api>): Promise<Result<SignalStateAnswer>>;
}

interface Copy<T> {
  value: T;
  asOf: string;
  source: 'cache' | 'server';
}

/**
 * @example createHandlers({ connection, today: createTodayPort({ now }), now })
 */
export function createTodayPort({ now }: { now: () => Date }): TodayPort {
  /** The stored copy, if it is this owner's and still reads as the schema says. */
  async function read<T>(owner: Owner, what: string, schema: z.ZodType<T>): Promise<Copy<T> | null> {
    const row = await signalhouseDb().today.get(`${owner} ${what}`);
    const parsed = row ? schema.safeParse(row.value) : null;
    return row && parsed?.success ? { value: parsed.data, asOf: new Date(row.fetchedAt).toISOString(), source: 'cache' } : null;
  }

  async function fetchAndStore<T>(
    from: 'cache' | 'server' | undefined,
    owner: Owner | null,
    what: string,
    schema: z.ZodType<T>,
    api: Result<Api>,
    request: (client: Api) => Promise<Result<T>>,
  ): Promise<Result<Copy<T> | null>> {
    if (!owner) return from === 'cache' ? ok(null) : fail('not_connected', 'Connect to a Signalhouse server in the extension options.');
    if (from === 'cache') return ok(await read(owner, what, schema));
    if (!api.ok) return api;
    const fetchedAt = now().getTime();
    const answer = await request(api.value);
    if (!answer.ok) {
      const cached = FALL_BACK_ON.has(answer.error.kind) ? await read(owner, what, schema) : null;
      return cached ? ok(cached) : answer;
    }
    await signalhouseDb().today.put({ key: `${owner} ${what}`, owner, value: answer.value, fetchedAt });
    return ok({ value: answer.value, asOf: new Date(fetchedAt).toISOString(), source: 'server' });
  }

  return {
    async digest({ from }, owner, api) {
      const copy = await fetchAndStore(from, owner, DIGEST, Digest, api, (client) => client.digest());
      if (!copy.ok) return copy;
      return ok({ dated: copy.value && { digest: copy.value.value, asOf: copy.value.asOf, source: copy.value.source } });
    },

    async reviewQueue({ from, scope, limit }, owner, api) {
      // One copy per scope; a different limit replaces it (the panel always asks the same).
      const copy = await fetchAndStore(from, owner, reviewKey(scope), ReviewQueue, api, (client) => client.reviewQueue(scope, limit));
      if (!copy.ok) return copy;
      return ok({ dated: copy.value && { queue: copy.value.value, asOf: copy.value.asOf, source: copy.value.source } });
    },

    async setSignalState(update, owner, api) {
      if (!api.ok) return api;
      const answer = await api.value.setSignalState(update);
      // The stored digest shows the new state too, so an offline paint does not bring a dismissed line back.
      if (answer.ok && owner) await markInCopy(owner, update).catch(() => undefined);
      return answer;
    },
  };
}

async function markInCopy(owner: Owner, { key, state }: SetSignalStatePayload): Promise<void> {
  const db = signalhouseDb();
  await db.transaction('rw', db.today, async () => {
    const row = await db.today.get(`${owner} ${DIGEST}`);
    const parsed = row ? Digest.safeParse(row.value) : null;
    if (!row || !parsed?.success) return;
    const lines = parsed.data.lines.map((line) => (line.key === key ? { ...line, state } : line));
    await db.today.put({ ...row, value: { ...parsed.data, lines } });
  });
}

/**
 * The server erased someone or the CRM deleted a record (changes.ts): drops every stored digest
 * and review queue that names any of these ids (a line's contact or account, a task's or item's
 * account, a deal, a play's target), whoever's copy it is. The server has already redacted or
 * dropped them from its own; the next poll or panel fetches that, and until then the Today panel
 * paints no copy rather than one naming a person who was erased. Ids are found as any string value
 * in the copy, so a shape this version does not know is covered too.
 *
 * @example await forgetTodayCopiesNaming(['ct_1']) // 1: the digest that had a line about them
 */
export async function forgetTodayCopiesNaming(ids: readonly string[]): Promise<number> {
  if (ids.length === 0) return 0;
  const wanted = new Set(ids);
  const db = signalhouseDb();
  return db.transaction('rw', db.today, async () => {
    const doomed: string[] = [];
    await db.today.each((row) => {
      if (holdsAny(row.value, wanted)) doomed.push(row.key);
    });
    await db.today.bulkDelete(doomed);
    return doomed.length;
  });
}

function holdsAny(value: unknown, ids: ReadonlySet<string>): boolean {
  if (typeof value === 'string') return ids.has(value);
  if (Array.isArray(value)) return value.some((v) => holdsAny(v, ids));
  if (value && typeof value === 'object') return Object.values(value).some((v) => holdsAny(v, ids));
  return false;
}

