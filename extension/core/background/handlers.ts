/**
 * What the background answers to each message of the contract, and `dispatch`, the one gate every
 * message passes: payload validation, the sender check for connection changes, and a catch-all so
 * no exception ever crosses the messaging boundary.
 *
 * The brief cache and the outbox plug in through two seams, `BriefsPort` and `OutboxPort`
 * (`cache.ts` and `outbox.ts` implement them). Without a BriefsPort, briefs come straight from the
 * server; without an OutboxPort, the outbox messages answer `unavailable`.
 *
 * @example
 * const handlers = createHandlers({ connection, now: () => new Date() });
 * const answer = await dispatch(handlers, 'getConnection', undefined, { url: optionsUrl }, extensionBaseUrl);
 */
import type { BriefRef, BriefsResponse } from '../../../shared/brief.ts';
import { meetingStart, type ConferenceId, type MeetingPackageAnswer } from '../../../shared/meetings.ts';
import type { Api } from './api.ts';
import type { ChangesFollower } from './changes.ts';
import type { Connection } from './connection.ts';
import { ownerOf, type TodayPort } from './digest-cache.ts';
import type { DriftPort } from './drift-reports.ts';
import type { SiteModes } from './site-modes.ts';
import type { TabSubjects } from './tab-subjects.ts';
import type { PanelPrefsPort } from './panel-prefs.ts';
import type { MailPolicyPort } from './mail-policy.ts';
import type { MeetingRequests } from './meeting-requests.ts';
import { teamRefOf, type MeetingsPort } from './meetings.ts';
import { createEarlyServerBriefs, type EarlyServerBriefs } from './early-server-briefs.ts';
import { createJoinPackages, type JoinPackages } from './join-packages.ts';
import { createSinceCopies, type SinceCopies } from './since-copies.ts';
import {
  EXTENSION_PAGES_ONLY,
  fail,
  isMessageName,
  ok,
  validatePayload,
  type AnswerOf,
  type BriefsAnswer,
  type CancelHeldAnswer,
  type GetBriefsPayload,
  type LogActivityPayload,
  type MessageName,
  type OutboxAnswer,
  type OutboxItemView,
  type PayloadOf,
  type RecentBriefsAnswer,
  type Result,
} from '../protocol.ts';

/**
 * SEAM for the brief cache (cache.ts): answer `from: 'cache'` from Dexie, and `from: 'server'` by
 * fetching through `api`, storing, answering. `api` is null when not connected.
 */
export interface BriefsPort {
  /** `answered`: the server's answer for these refs, already asked another way (a join page's package): stored and answered as if asked. */
  getBriefs(payload: GetBriefsPayload, api: Api | null, answered?: Promise<Result<BriefsResponse>>): Promise<Result<BriefsAnswer>>;
  /** Drops the cached answers for these refs (an alias changed who they are). */
  forget?(refs: BriefRef[]): Promise<void>;
  /** Drops every cached answer: the connection they came with is gone (Disconnect, or another rep or server connected). */
  forgetAll?(): Promise<void>;
}

/** SEAM for the outbox (outbox.ts): the local commit, the side panel's list, a manual retry, cancelling a held item. */
export interface OutboxPort {
  log(payload: LogActivityPayload): Promise<Result<OutboxItemView>>;
  list(): Promise<Result<OutboxAnswer>>;
  retry(id: string): Promise<Result<OutboxItemView>>;
  cancelHeld(id: string): Promise<Result<CancelHeldAnswer>>;
}

/** SEAM for the side panel's "Recent" (recent-briefs.ts): briefs panels showed lately, from the cache. */
export interface RecentBriefsPort {
  recent(limit?: number): Promise<Result<RecentBriefsAnswer>>;
}

/** How many flags the side panel lists without a limit: the newest, as the server orders them. */
export const MY_FLAGS_LIMIT = 20;

export interface HandlerDeps {
  connection: Connection;
  briefs?: BriefsPort;
  outbox?: OutboxPort;
  recent?: RecentBriefsPort;
  /** The digest and the review queue with their stored copies (digest-cache.ts). */
  today?: TodayPort;
  now: () => Date;
  /**
   * The server just answered (a connect, a brief, a resolve): the background delivers outbox items
   * waiting out a backoff now. `connected` is true after Connect. Not awaited by the answer.
   */
  onServerReachable?: (event: { connected: boolean }) => void;
  /** Opens the options page (`runtime.openOptionsPage`), for a panel's "Open options" button. */
  openOptions?: () => Promise<void>;
  /** The censored selector-drift reports (drift-reports.ts). */
  drift?: DriftPort;
  /** Each shipped site's mode (site-modes.ts). */
  siteModes?: SiteModes;
  /** Per tab, what its page shows, for the side panel's "This page" (tab-subjects.ts). */
  tabSubjects?: TabSubjects;
  /** A tab's subject changed: the background tells the side panel (not awaited by the answer). */
  onTabSubject?: (tabId: number) => void;
  /** The page panel's remembered section state (panel-prefs.ts). */
  panelPrefs?: PanelPrefsPort;
  /** The Gmail panel's never-log list and bodies switch (mail-policy.ts). */
  mailPolicy?: MailPolicyPort;
  /** Meetings seen in Calendar, by conference id (meetings.ts). */
  meetings?: MeetingsPort;
  /** The meeting a reminder's click asked the side panel to show (meeting-requests.ts). */
  meetingRequests?: MeetingRequests;
  /** Following `/v1/changes` (changes.ts): its cursor goes with the briefs it described. */
  changes?: Pick<ChangesFollower, 'reset'>;
  /** Join pages' package requests, shared per tab (join-packages.ts); the worker's prefetch starts them too. */
  joinPackages?: JoinPackages;
  /** A profile's server answer the worker asked at page load (early-server-briefs.ts), taken by the panel's own ask. */
  earlyServer?: EarlyServerBriefs;
  /** "What changed" as the server last answered it, in memory (since-copies.ts). */
  sinceCopies?: SinceCopies;
}

export type Handlers = { [K in MessageName]: (payload: PayloadOf<K>, sender?: MessageSender) => Promise<AnswerOf<K>> };

/** Who sent a message; `url` is the sending page's (an extension page's, or a host page's); `tab`, a content script's tab. */
export interface MessageSender {
  url?: string | undefined;
  tab?: { id?: number | undefined } | undefined;
}

/**
 * The handlers, bound to their dependencies.
 *
 * @example const handlers = createHandlers({ connection, briefs: briefCache, outbox, now: () => new Date() });
 */
export function createHandlers({ connection, briefs, outbox, recent, today, now, onServerReachable = () => undefined, openOptions, drift, siteModes, tabSubjects, onTabSubject = () => undefined, panelPrefs, mailPolicy, meetings, meetingRequests, changes, joinPackages = createJoinPackages(() => now().getTime()), earlyServer = createEarlyServerBriefs(() => now().getTime()), sinceCopies = createSinceCopies(now) }: HandlerDeps): Handlers {
  const api = async (): Promise<Api | null> => {
    const client = await connection.api();
    return client.ok ? client.value : null;
  };
  /** What changed since the last meeting, as last read (memory only): a package opened again paints it at once. */
  const noOutbox = fail<never>('unavailable', 'The outbox is not wired into this build.');
  const noToday = fail<never>('unavailable', 'The digest is not wired into this build.');
  const noSites = fail<never>('unavailable', 'Site modes are not wired into this build.');
  const noMeetings = fail<never>('unavailable', 'Meetings are not wired into this build.');
  /** A join page's package, the one its tab already asked (or the worker's prefetch started) when there is one. */
  const packageOf = (sender: MessageSender | undefined, conference: ConferenceId, client: Api, loadedAt: number | undefined): Promise<Result<MeetingPackageAnswer>> => joinPackages.request(sender?.tab?.id, conference, client, loadedAt);
  /** Whose stored copies to read: the connected rep's, or nobody's. */
  const owner = async () => {
    const view = await connection.view();
    return view.ok ? ownerOf(view.value) : null;
  };

  return {
    async getBriefs(payload, sender) {
      // The cache needs no client: reading the stored token first is a storage round trip the
      // panel's cached paint would wait for (bench:panel, warm).
      if (briefs && payload.from === 'cache') return briefs.getBriefs(payload, null);
      // The server's answer the worker asked for this tab's page as it loaded: not asked twice.
      const early = earlyServer.take(sender?.tab?.id, payload.refs);
      if (early) return early;
      const answer = briefs ? await briefs.getBriefs(payload, await api()) : await briefsFromServer(payload, await connection.api(), now);
      if (answer.ok && answer.value.briefs.some((b) => b?.source === 'server')) onServerReachable({ connected: false });
      return answer;
    },
    async resolveRefs({ refs }) {
      const client = await connection.api();
      if (!client.ok) return client;
      const answer = await client.value.resolve(refs);
      if (answer.ok) onServerReachable({ connected: false });
      return answer;
    },
    async searchDirectory({ q, limit }) {
      const client = await connection.api();
      return client.ok ? client.value.searchDirectory(q, limit) : client;
    },
    logActivity: async (payload) => (outbox ? outbox.log(payload) : noOutbox),
    getOutbox: async () => (outbox ? outbox.list() : noOutbox),
    retryOutboxItem: async ({ id }) => (outbox ? outbox.retry(id) : noOutbox),
    cancelHeldActivity: async ({ id }) => (outbox ? outbox.cancelHeld(id) : noOutbox),
    async reportDrift(payload) {
      if (!drift) return fail('unavailable', 'Drift reports are not wired into this build.');
      const answer = await drift.record(payload);
      // Sent now when connected (kept for the next report or the next answer from the server otherwise); not awaited.
      void api().then((client) => drift.flush(client)).catch(() => undefined);
      return answer;
    },
    getPanelPrefs: async () => (panelPrefs ? panelPrefs.get() : fail('unavailable', 'Panel preferences are not wired into this build.')),
    setPanelPrefs: async (payload) => (panelPrefs ? panelPrefs.set(payload) : fail('unavailable', 'Panel preferences are not wired into this build.')),
    // Mail (Gmail): straight to the server; the panel says when it could not ask.
    async lookupActivities({ naturalKeys }) {
      const client = await connection.api();
      return client.ok ? client.value.lookupActivities(naturalKeys) : client;
    },
    async getComposeContext({ recipients }) {
      const client = await connection.api();
      return client.ok ? client.value.composeContext(recipients) : client;
    },
    getMailPolicy: async () => (mailPolicy ? mailPolicy.get(await api()) : fail('unavailable', 'The mail policy is not wired into this build.')),
    addPersonalNeverLog: async ({ entry }) => (mailPolicy ? mailPolicy.addPersonal(entry, await api()) : fail('unavailable', 'The mail policy is not wired into this build.')),
    // Meetings
    seeMeeting: async ({ ref }) => (meetings ? meetings.see(ref, await api()) : fail('unavailable', 'Meetings are not wired into this build.')),
    async findMeeting({ conference, loadedAt }, sender) {
      if (!meetings) return noMeetings;
      // The team's copy comes with the join page's package, asked once for the page load (join-packages.ts).
      return meetings.find(conference, await api(), (client) => packageOf(sender, conference, client, loadedAt));
    },
    async getMeetingPackage({ conference, loadedAt }, sender) {
      if (!meetings) return noMeetings;
      const client = await connection.api();
      if (!client.ok) return client;
      const [local, answer] = await Promise.all([meetings.find(conference, null), packageOf(sender, conference, client.value, loadedAt)]);
      if (!answer.ok) return answer;
      const { meeting, package: found } = answer.value;
      if (!meeting || !found) return ok({ package: null });
      // This browser's copy of the same instance carries the title; its start is the one the page asks "what changed" with.
      const mine = local.ok && local.value.ref && local.value.ref.eventId === meeting.eventId && meetingStart(local.value.ref.start) === meeting.start ? local.value.ref : null;
      const ref = mine ?? teamRefOf(meeting);
      const refs: BriefRef[] = [ref, ...found.guests.map((address): BriefRef => ({ kind: 'email', address }))];
      // Stored in the brief cache as any server answer is (the next dialog or page of this meeting
      // paints them at once), behind the answer: the page does not wait for the cache's reads.
      void briefs?.getBriefs({ refs, from: 'server' }, client.value, Promise.resolve(ok({ briefs: found.briefs }))).catch(() => undefined);
      onServerReachable({ connected: false });
      if (found.since) sinceCopies.put(found.since.accountId, ref.start, found.since);
      const asOf = now().toISOString();
      const dated = found.briefs.map((brief) => ({ brief, asOf, source: 'server' as const }));
      return ok({ package: { meeting: { eventId: meeting.eventId, start: meeting.start }, guests: found.guests, briefs: dated, since: found.since, knownBest: found.knownBest } });
    },
    async getSinceLastMeeting({ accountId, before, from }) {
      if (from === 'cache') {
        const copy = sinceCopies.get(accountId, before);
        return copy ? ok(copy) : fail('not_found', 'Nothing kept for this meeting.');
      }
      const client = await connection.api();
      if (!client.ok) return client;
      const answer = await client.value.sinceLastMeeting(accountId, before);
      if (answer.ok) sinceCopies.put(accountId, before, answer.value);
      return answer;
    },
    async getKnownBest({ contactIds }) {
      const client = await connection.api();
      return client.ok ? client.value.knownBest(contactIds) : client;
    },
    getMeetings: async ({ from, to }) => (meetings ? ok({ meetings: await meetings.between(Date.parse(from), Date.parse(to)) }) : noMeetings),
    async takeMeetingRequest() {
      if (!meetings || !meetingRequests) return noMeetings;
      const request = await meetingRequests.take();
      return ok({ request: request ? { key: request.key, ref: await meetings.byKey(request.key) } : null });
    },
    getDriftReports: async () => (drift ? drift.list() : fail('unavailable', 'Drift reports are not wired into this build.')),
    getRecentBriefs: async (payload) => (recent ? recent.recent(payload.limit) : fail('unavailable', 'The brief cache is not wired into this build.')),
    getConnection: () => connection.view(),
    async connect(payload) {
      const before = await owner();
      const answer = await connection.connect(payload);
      if (answer.ok) {
        // Briefs cached for another rep or server are not this rep's to see.
        const now = ownerOf(answer.value);
        if (before !== now) {
          sinceCopies.clear();
          await changes?.reset();
          joinPackages.clear();
          earlyServer.clear();
          await briefs?.forgetAll?.();
        }
        onServerReachable({ connected: true });
      }
      return answer;
    },
    async disconnect() {
      const answer = await connection.disconnect();
      // No CRM data stays on a device whose rep disconnected: the panel shows none, offline or not.
      if (answer.ok) {
        sinceCopies.clear();
        // The cursor described the copy forgotten here; a later connection follows from 0.
        await changes?.reset();
        joinPackages.clear();
        earlyServer.clear();
        await briefs?.forgetAll?.();
      }
      return answer;
    },
    async openOptions() {
      if (!openOptions) return fail('unavailable', 'The options page cannot be opened from here.');
      await openOptions();
      return ok(null);
    },
    // Corrections: straight to the server, never queued; the panel shows whether they got there.
    async recordAlias(payload) {
      const client = await connection.api();
      if (!client.ok) return client;
      const answer = await client.value.recordAlias(payload);
      // The cached answer names the person the alias corrects; the panel's next read must ask the server.
      if (answer.ok) {
        try {
          await briefs?.forget?.([payload.ref]);
        } catch {
          // The alias is recorded; a cache that could not forget only lags until its next revalidation.
        }
      }
      return answer;
    },
    async flagData(payload) {
      const client = await connection.api();
      return client.ok ? client.value.flag(payload) : client;
    },
    async addContact(payload) {
      const client = await connection.api();
      return client.ok ? client.value.addContact(payload) : client;
    },
    async getMyFlags({ limit }) {
      const client = await connection.api();
      if (!client.ok) return client;
      // The server keeps the ones this user reported (`reportedBy=me`), so a manager's page is theirs, not the team's.
      const page = await client.value.myFlags(limit ?? MY_FLAGS_LIMIT);
      return page.ok ? ok({ flags: page.value.flags }) : page;
    },
    // Today
    getDigest: async (payload) => (today ? today.digest(payload, await owner(), await connection.api()) : noToday),
    getReviewQueue: async (payload) => (today ? today.reviewQueue(payload, await owner(), await connection.api()) : noToday),
    setSignalState: async (payload) => (today ? today.setSignalState(payload, await owner(), await connection.api()) : noToday),
    // Sites
    getSiteModes: async () => (siteModes ? siteModes.list() : noSites),
    setSiteMode: async ({ site, mode }) => (siteModes ? siteModes.set(site, mode) : noSites),
    async setPageSubject({ subject }, sender) {
      const tabId = sender?.tab?.id;
      // Only a content script in a tab has a page to tell about.
      if (tabId === undefined || tabId < 0) return fail('forbidden', 'Only a page in a tab may say what it shows.');
      if (!tabSubjects) return noSites;
      await tabSubjects.record(tabId, subject);
      onTabSubject(tabId);
      return ok(null);
    },
    getTabSubject: async ({ tabId }) => (tabSubjects ? ok({ subject: await tabSubjects.get(tabId) }) : noSites),
  };
}

/** Briefs without a cache: `cache` finds nothing, `server` asks the server. */
async function briefsFromServer(payload: GetBriefsPayload, client: Result<Api>, now: () => Date): Promise<Result<BriefsAnswer>> {
  if (payload.from === 'cache') return ok({ briefs: payload.refs.map(() => null) });
  if (!client.ok) return client;
  const answer = await client.value.briefs(payload.refs);
  if (!answer.ok) return answer;
  const asOf = now().toISOString();
  return ok({ briefs: answer.value.briefs.map((brief) => ({ brief, asOf, source: 'server' as const })) });
}

/**
 * Handles one message: validates the payload, refuses connection changes (and the recent list)
 * from anything but an extension page (a content script runs beside an untrusted page), and
 * turns a bug's exception into a `server` error value.
 *
 * @example await dispatch(handlers, 'connect', { token }, sender, browser.runtime.getURL('/'))
 */
export async function dispatch<K extends MessageName>(
  handlers: Handlers,
  name: K,
  data: unknown,
  sender: MessageSender,
  extensionBaseUrl: string,
): Promise<AnswerOf<K>> {
  if (!isMessageName(name)) return fail('invalid', 'Unknown message.') as AnswerOf<K>;
  if (EXTENSION_PAGES_ONLY.has(name) && !sender.url?.startsWith(extensionBaseUrl)) {
    return fail('forbidden', `Only the extension’s own pages may send ${name}.`) as AnswerOf<K>;
  }
  const payload = validatePayload(name, data);
  if (!payload.ok) return payload as AnswerOf<K>;
  try {
    return await handlers[name](payload.value, sender);
  } catch {
    // A bug, not a condition the UI can act on; the message says nothing about the data.
    return fail('server', `The extension failed while handling ${name}.`) as AnswerOf<K>;
  }
}
