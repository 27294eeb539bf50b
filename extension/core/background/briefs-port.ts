/**
 * The brief cache behind the `getBriefs` message (the `BriefsPort` seam of handlers.ts).
 *
 * `from: 'cache'` answers at once from Dexie, null where nothing is cached. `from: 'server'` asks
 * the server in one batch, stores every answer (a null brief as the "not in CRM" marker) and
 * answers `source: 'server'`. When the server cannot be asked (not connected, offline, failing),
 * the cached briefs are answered instead, each with its own `asOf`, so the panel keeps working
 * with the server down; only when nothing at all is cached does the error come back.
 *
 * The "not in CRM" marker is stored with empty suggestions: a `DatedBrief` cannot carry them, and
 * the panel asks `resolveRefs` for suggestions itself, so an extra `/v1/resolve` here would be a
 * request whose answer nobody reads.
 */
import type { BriefRef, BriefsResponse } from '../../../shared/brief.ts';
import type { Api } from './api.ts';
import { briefKeyOf, briefWithRevalidation, forgetAllBriefs, forgetBriefs, isNotInCrm, readBrief, type BriefValue, type CachedBrief } from './cache.ts';
import type { BriefsPort } from './handlers.ts';
import { fail, ok, type DatedBrief, type ErrorKind, type GetBriefsPayload, type Result } from '../protocol.ts';

export interface BriefsPortDeps {
  now: () => Date;
  /** Told after the cache forgot anything, so open tabs drop what they remember of it too. */
  onForgot?: () => Promise<void>;
}

/** Failures where a cached brief is still the best answer: the server is away, not refusing. */
const FALL_BACK_ON: ReadonlySet<ErrorKind> = new Set<ErrorKind>(['offline', 'server', 'not_connected']);

const NOT_IN_CRM: BriefValue = { notInCrm: true, suggestions: [], warnings: [] };

/** A cached or fresh value as the panel paints it: a "not in CRM" marker is a null brief. */
function dated(value: BriefValue, fetchedAt: number, source: DatedBrief['source']): DatedBrief {
  return { brief: isNotInCrm(value) ? null : value, asOf: new Date(fetchedAt).toISOString(), source };
}

const fromCache = (hit: CachedBrief | null): DatedBrief | null => (hit ? dated(hit.brief, hit.fetchedAt, 'cache') : null);

/**
 * The brief cache as a `BriefsPort`.
 *
 * @example
 * const handlers = createHandlers({ connection, briefs: createBriefsPort({ now: () => new Date() }), now: () => new Date() });
 */
export function createBriefsPort({ now, onForgot = async () => undefined }: BriefsPortDeps): BriefsPort {
  return {
    async getBriefs({ refs, from }: GetBriefsPayload, api: Api | null, answered?: Promise<Result<BriefsResponse>>) {
      const at = now().getTime();
      if (from === 'cache') return ok({ briefs: await Promise.all(refs.map(async (ref) => fromCache(await lookup(ref, at)))) });
      if (!api) return cachedOr(refs, at, fail('not_connected', 'The extension is not connected to a server.'));
      return fromServer(refs, api, at, answered);
    },
    async forget(refs: BriefRef[]) {
      await forgetBriefs(refs.flatMap((ref) => briefKeyOf(ref) ?? []));
      await onForgot();
    },
    async forgetAll() {
      await forgetAllBriefs();
      await onForgot();
    },
  };
}

async function lookup(ref: BriefRef, at: number): Promise<CachedBrief | null> {
  const key = briefKeyOf(ref);
  return key ? readBrief(key, at) : null;
}

/** The cached briefs when any exist (each marked with its age), else the error. */
async function cachedOr(refs: BriefRef[], at: number, error: Result<never>): Promise<Result<{ briefs: (DatedBrief | null)[] }>> {
  if (error.ok || !FALL_BACK_ON.has(error.error.kind)) return error;
  const briefs = await Promise.all(refs.map(async (ref) => fromCache(await lookup(ref, at))));
  return briefs.some((b) => b !== null) ? ok({ briefs }) : error;
}

async function fromServer(refs: BriefRef[], api: Api, at: number, answered?: Promise<Result<BriefsResponse>>): Promise<Result<{ briefs: (DatedBrief | null)[] }>> {
  // One request for the whole batch, made only if some ref needs it (a key already being
  // revalidated by another message shares that request instead); none when the server's answer
  // came another way (a join page's package, join-packages.ts).
  let request: Promise<Result<BriefsResponse>> | undefined;
  const batch = () => (request ??= answered ?? api.briefs(refs));
  const valueAt = async (i: number): Promise<BriefValue> => {
    const answer = await batch();
    if (!answer.ok) throw new Error(answer.error.message);
    return answer.value.briefs[i] ?? NOT_IN_CRM;
  };

  const answers = await Promise.all(
    refs.map(async (ref, i): Promise<DatedBrief | null | undefined> => {
      const key = briefKeyOf(ref);
      if (!key) {
        // Not cacheable (a name): the server's answer or nothing.
        try {
          return dated(await valueAt(i), at, 'server');
        } catch {
          return undefined;
        }
      }
      // storeBrief inside the revalidation keeps the newer answer and skips one an erasure overtook.
      const { fresh } = await briefWithRevalidation(key, () => valueAt(i), at, { ref });
      const next = await fresh;
      if (next.status === 'fresh') return dated(next.brief, next.fetchedAt, 'server');
      return undefined;
    }),
  );
  if (answers.every((a) => a !== undefined)) return ok({ briefs: answers as (DatedBrief | null)[] });

  const answer = request ? await request : undefined;
  const error: Result<never> = answer && !answer.ok ? answer : fail('offline', 'The server could not be reached.');
  if (!FALL_BACK_ON.has(error.ok ? 'server' : error.error.kind)) return error;
  const cached = await Promise.all(refs.map(async (ref, i) => answers[i] ?? fromCache(await lookup(ref, at))));
  return cached.some((b) => b?.source === 'cache') ? ok({ briefs: cached }) : error;
}
