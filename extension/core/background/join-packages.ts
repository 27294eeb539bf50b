/**
 * A join page's package request (`GET /v1/meetings?provider=&conferenceId=&include=package`), one
 * per tab and page load, shared by whoever asks for it in that tab: the worker itself, started as
 * soon as the tab's URL is a join page (`tabs.onUpdated`, before the page's content script has
 * run: entrypoints/background/join-prefetch.ts), then the content script's `findMeeting` and
 * `getMeetingPackage`, which take the answer waiting here instead of asking again.
 *
 * Kept in the worker's memory only, keyed by tab and conference. A page's ask takes a request only
 * when it was made for that page load: started after the page's navigation began (`loadedAt`, the
 * page's `performance.timeOrigin`), so a reload never shows the answer the previous load got (the
 * brief cache is where older answers live, with their age); without `loadedAt`, within
 * PACKAGE_SHARED_MS. A failed answer is not kept. Forgotten when the tab closes, and all of it on
 * Disconnect or when another rep or server connects (`clear`): CRM data asked for one connection
 * is never handed to the next.
 *
 * @example
 * const packages = createJoinPackages(Date.now);
 * packages.prefetch(tabId, { provider: 'zoom', id: '81234567890' }, api); // asks the server as the page loads
 * packages.request(tabId, { provider: 'zoom', id: '81234567890' }, api, loadedAt); // the same answer, no second request
 */
import { conferenceKey, type ConferenceId, type MeetingPackageAnswer } from '../../../shared/meetings.ts';
import type { Result } from '../protocol.ts';
import type { Api } from './api.ts';

/** How long an asked package is shared within a tab (ms) at most: one page load's asks. */
export const PACKAGE_SHARED_MS = 10_000;
/**
 * A prefetch this soon after the page itself asked (ms) is for the load that asked (the worker
 * heard of it late): not asked twice. A prefetch after a prefetch is a new load (one 'loading' a load).
 */
export const PREFETCH_DEDUPE_MS = 1_000;

export interface JoinPackages {
  /**
   * The package for `conference`: the one asked for this tab since `loadedAt` (this page load;
   * without it, less than PACKAGE_SHARED_MS ago), else a new request. Without a tab (an extension
   * page): always a new one.
   */
  request(tabId: number | undefined, conference: ConferenceId, api: Pick<Api, 'meetingPackage'>, loadedAt?: number): Promise<Result<MeetingPackageAnswer>>;
  /** Starts the request for a page the tab starts loading, unless that page asked already (within PREFETCH_DEDUPE_MS). */
  prefetch(tabId: number, conference: ConferenceId, api: Pick<Api, 'meetingPackage'>): void;
  /** Forgets what a closed tab asked. */
  forgetTab(tabId: number): void;
  /** Forgets everything asked (Disconnect, another rep or server). */
  clear(): void;
}

export function createJoinPackages(now: () => number): JoinPackages {
  const asked = new Map<string, { at: number; by: 'prefetch' | 'page'; answer: Promise<Result<MeetingPackageAnswer>> }>();
  const keyOf = (tabId: number, { provider, id }: ConferenceId) => `${tabId} ${provider} ${conferenceKey(provider, id)}`;
  /** The entry for `key` if it is not too old (older ones are dropped on the way). */
  const fresh = (key: string, at: number) => {
    for (const [k, entry] of asked) if (at - entry.at >= PACKAGE_SHARED_MS || at < entry.at) asked.delete(k);
    return asked.get(key);
  };
  const ask = (tabId: number, conference: ConferenceId, api: Pick<Api, 'meetingPackage'>, at: number, by: 'prefetch' | 'page') => {
    const key = keyOf(tabId, conference);
    const entry = { at, by, answer: api.meetingPackage(conference) };
    asked.set(key, entry);
    // A failure (offline, refused) is not shared: the next ask tries again.
    void entry.answer.then(
      (answer) => answer.ok || (asked.get(key) === entry && asked.delete(key)),
      () => asked.get(key) === entry && asked.delete(key),
    );
    return entry.answer;
  };
  return {
    request(tabId, conference, api, loadedAt) {
      if (tabId === undefined || tabId < 0) return api.meetingPackage(conference);
      const at = now();
      const waiting = fresh(keyOf(tabId, conference), at);
      if (waiting && (loadedAt === undefined || waiting.at >= loadedAt)) return waiting.answer;
      return ask(tabId, conference, api, at, 'page');
    },
    prefetch(tabId, conference, api) {
      const at = now();
      const waiting = fresh(keyOf(tabId, conference), at);
      if (waiting?.by === 'page' && at - waiting.at < PREFETCH_DEDUPE_MS) return;
      void ask(tabId, conference, api, at, 'prefetch').catch(() => undefined);
    },
    forgetTab(tabId) {
      for (const k of asked.keys()) if (k.startsWith(`${tabId} `)) asked.delete(k);
    },
    clear: () => asked.clear(),
  };
}
