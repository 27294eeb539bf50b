/**
 * A join page's package request (`GET /v1/meetings?provider=&conferenceId=&include=package`), one
 * per tab and page load, shared by whoever asks for it in that tab: the worker itself, started as
 * soon as the tab's URL is a join page (`tabs.onUpdated`, before the page's content script has
 * run: entrypoints/background/join-prefetch.ts), then the content script's `findMeeting` and
 * `getMeetingPackage`, which take the answer waiting here instead of asking again.
 *
 * Kept in the worker's memory only, keyed by tab and conference, for PACKAGE_SHARED_MS from when it
 * was asked (a page load's asks come within it; a later reload asks again); a failed answer is not
 * kept. Forgotten when the tab closes, and all of it on Disconnect or when another rep or server
 * connects (`clear`): CRM data asked for one connection is never handed to the next.
 *
 * @example
 * const packages = createJoinPackages(Date.now);
 * packages.request(tabId, { provider: 'zoom', id: '81234567890' }, api); // asks the server
 * packages.request(tabId, { provider: 'zoom', id: '81234567890' }, api); // the same answer, no second request
 */
import { conferenceKey, type ConferenceId, type MeetingPackageAnswer } from '../../../shared/meetings.ts';
import type { Result } from '../protocol.ts';
import type { Api } from './api.ts';

/** How long an asked package is shared within a tab (ms): one page load's asks, not a reload a minute later. */
export const PACKAGE_SHARED_MS = 10_000;

export interface JoinPackages {
  /** The package for `conference`: the one asked for this tab less than PACKAGE_SHARED_MS ago, else a new request. Without a tab (an extension page): always a new one. */
  request(tabId: number | undefined, conference: ConferenceId, api: Pick<Api, 'meetingPackage'>): Promise<Result<MeetingPackageAnswer>>;
  /** Forgets what a closed tab asked. */
  forgetTab(tabId: number): void;
  /** Forgets everything asked (Disconnect, another rep or server). */
  clear(): void;
}

export function createJoinPackages(now: () => number): JoinPackages {
  const asked = new Map<string, { at: number; answer: Promise<Result<MeetingPackageAnswer>> }>();
  const keyOf = (tabId: number, { provider, id }: ConferenceId) => `${tabId} ${provider} ${conferenceKey(provider, id)}`;
  return {
    request(tabId, conference, api) {
      if (tabId === undefined || tabId < 0) return api.meetingPackage(conference);
      const key = keyOf(tabId, conference);
      const at = now();
      for (const [k, entry] of asked) if (at - entry.at >= PACKAGE_SHARED_MS || at < entry.at) asked.delete(k);
      const waiting = asked.get(key);
      if (waiting) return waiting.answer;
      const entry = { at, answer: api.meetingPackage(conference) };
      asked.set(key, entry);
      // A failure (offline, refused) is not shared: the next ask tries again.
      void entry.answer.then(
        (answer) => answer.ok || (asked.get(key) === entry && asked.delete(key)),
        () => asked.get(key) === entry && asked.delete(key),
      );
      return entry.answer;
    },
    forgetTab(tabId) {
      for (const k of asked.keys()) if (k.startsWith(`${tabId} `)) asked.delete(k);
    },
    clear: () => asked.clear(),
  };
}
