/**
 * The service worker: sole owner of the network, the connection (token), Dexie and alarms.
 * It only wires setup modules together.
 */
import { browser, defineBackground } from '#imports';
import { createBriefsPort } from '../../core/background/briefs-port.ts';
import { createChangesFollower, type ChangesStorage, type Forgotten } from '../../core/background/changes.ts';
import { evictBriefs, forgetAllBriefs } from '../../core/background/cache.ts';
import { createConnection } from '../../core/background/connection.ts';
import { pollDigest, type NotificationsArea } from '../../core/background/digest-alerts.ts';
import { createTodayPort, ownerOf } from '../../core/background/digest-cache.ts';
import { connectionStore } from '../../core/background/connection-store.ts';
import { createDriftPort, type DriftStorage } from '../../core/background/drift-reports.ts';
import { createPanelPrefsPort, type PanelPrefsStorage } from '../../core/background/panel-prefs.ts';
import { createMailPolicyPort, type MailPolicyStorage } from '../../core/background/mail-policy.ts';
import { dropCopies } from '../../core/background/forgotten-copies.ts';
import { createSinceCopies } from '../../core/background/since-copies.ts';
import { createEarlyServerBriefs } from '../../core/background/early-server-briefs.ts';
import type { BriefRef } from '../../../shared/brief.ts';
import { createHandlers, dispatch, type MessageSender } from '../../core/background/handlers.ts';
import { createMeetingsPort, type MeetingsStorage } from '../../core/background/meetings.ts';
import { createJoinPackages } from '../../core/background/join-packages.ts';
import { followJoinPages, type JoinTabEvents } from '../../core/background/join-prefetch.ts';
import { remindMeetings } from '../../core/background/meeting-reminders.ts';
import { createMeetingRequests, type RequestStorage } from '../../core/background/meeting-requests.ts';
import { MEETING_REQUESTED } from '../../core/meeting-reminder-setting.ts';
import { setupMeetingAlarm } from './meeting-alarm.ts';
import { pruneSynced } from '../../core/background/outbox.ts';
import { activitySender, createOutboxPort } from '../../core/background/outbox-port.ts';
import { createRecentBriefsPort } from '../../core/background/recent-briefs.ts';
import { isTestBuild, shippedSites, testManagedArea, TEST_POLICY_KEY } from '../../core/background/shipped-sites.ts';
import { createSiteModes, type ModeStorage } from '../../core/background/site-modes.ts';
import { createTabSubjects, type SessionStorage } from '../../core/background/tab-subjects.ts';
import { TAB_SUBJECT_CHANGED } from '../../core/site-modes.ts';
import { outboxTimer, scheduleOutboxWake, setupAlarms } from './alarms.ts';
import { setupChangesAlarm } from './changes-alarm.ts';
import { broadcastConnection, broadcastForgetRecent, type BroadcastApis } from './connection-broadcast.ts';
import { pollAfterConnect, setupDigestAlarm, type NotificationClicks } from './digest-alarm.ts';
import { setupMessages } from './messages.ts';
import { answerEarlyBriefs, holdsEveryBrief } from './early-briefs-messages.ts';
import { followProfilePages } from '../../core/background/profile-prefetch.ts';
import { answerEarlyJoin } from './early-join-messages.ts';
import { answerSiteModeQuestions, broadcastSiteMode, followTabs, type ModeQuestions, type TabEvents } from './site-mode-messages.ts';
import { openSidePanel, setupSidePanel, type OpenPanelApis, type SidePanelApis } from './side-panel.ts';

export default defineBackground(() => {
  const now = () => new Date();
  // The e2e build only: specs and bench:panel empty the brief cache (a cold panel) through the
  // cache itself, so its in-memory copies go too (test/e2e/harness.ts emptyBriefCache).
  // Whatever the brief cache forgets, open tabs stop painting from their memory (core/page/tab-memory.ts).
  const forgetRecent = () => broadcastForgetRecent(browser as unknown as BroadcastApis);
  if (isTestBuild()) {
    const hooks = globalThis as Record<symbol, unknown>;
    hooks[Symbol.for('signalhouse.test.forget-briefs')] = async () => {
      await forgetAllBriefs();
      await forgetRecent();
    };
    // bench:panel's "saved" mode: the tabs forget, the worker's cache keeps (a thread opened in another tab).
    hooks[Symbol.for('signalhouse.test.forget-recent')] = forgetRecent;
  }
  const connection = createConnection({
    store: connectionStore(),
    // Absent where the browser has no managed area; connection.ts tolerates a failing read too.
    // The e2e build reads a stand-in from storage.local instead (shipped-sites.ts says why).
    managed: isTestBuild() ? testManagedArea(browser.storage.local, browser.storage.managed) : browser.storage.managed,
    now,
    // Every open panel and page follows the connection: a panel that said "not connected" asks again once connected.
    onStatus: (status) => void broadcastConnection(browser as unknown as BroadcastApis, status),
  });
  // Each site's mode: the rep's choice unless the admin pinned it; every open page follows a change.
  const siteModes = createSiteModes({
    sites: shippedSites(),
    storage: browser.storage.local as unknown as ModeStorage,
    policy: async () => (await connection.policy()).siteModes,
    onChange: (site, mode) => void broadcastSiteMode(browser as unknown as BroadcastApis, site, mode),
  });
  answerSiteModeQuestions(browser.runtime as unknown as ModeQuestions, siteModes);
  const tabSubjects = createTabSubjects({ session: browser.storage.session as unknown as SessionStorage });
  // The side panel reads "This page" again at once (its poll stops while it is hidden).
  const noteTabSubject = (tabId: number) => void browser.runtime.sendMessage({ type: TAB_SUBJECT_CHANGED, tabId }).catch(() => undefined);
  followTabs(browser.tabs as unknown as TabEvents, tabSubjects, noteTabSubject);
  // A policy pushed while the browser runs (another server URL pinned, a site pinned) is read again, not cached for the worker's life.
  browser.storage.onChanged.addListener((changes, area) => {
    if (area === 'managed' || (isTestBuild() && area === 'local' && TEST_POLICY_KEY in changes)) {
      connection.policyChanged();
      siteModes.policyChanged();
    }
  });
  const outbox = createOutboxPort({
    now,
    random: Math.random,
    // Not connected: items stay queued, no attempt counted.
    sender: async () => {
      const api = await connection.api();
      return api.ok ? activitySender(api.value) : null;
    },
    // A flush started by a log or a retry sets the next wake-up too: the alarm, and while this
    // worker lives a timer at the due time (a held Gmail send's hold ends within the alarm's 30 s minimum).
    afterFlush: () => scheduleOutboxWake(browser.alarms, Date.now, flushTimer),
  });
  const flushTimer = outboxTimer(() => outbox.flush());
  const today = createTodayPort({ now });
  const owner = async () => {
    const view = await connection.view();
    return view.ok ? ownerOf(view.value) : null;
  };
  const sinceCopies = createSinceCopies(now);
  // What the server erased or the CRM deleted leaves this device's offline copy too (changes.ts).
  const changes = createChangesFollower({
    storage: browser.storage.local as unknown as ChangesStorage,
    connected: async () => {
      const [who, api] = [await owner(), await connection.api()];
      return who && api.ok ? { owner: who, api: api.value } : null;
    },
    // The worker's other copies of server answers go too, and open tabs drop theirs (forgotten-copies.ts).
    onForgotten: (forgotten: Forgotten) => void dropCopies(forgotten, [sinceCopies, joinPackages, earlyServer], () => void forgetRecent()),
  });
  const notifications = browser.notifications as unknown as NotificationsArea & NotificationClicks;
  const poll = async (minAgeMs?: number) =>
    pollDigest({
      owner,
      digest: async (from) => today.digest({ from }, await owner(), await connection.api()),
      notifications,
      iconUrl: browser.runtime.getURL('/notification-icon.png'),
      now: Date.now,
      ...(minAgeMs !== undefined ? { minAgeMs } : {}),
    });
  // The meeting a reminder's click names, for the side panel to show (meeting-requests.ts).
  const meetingRequests = createMeetingRequests({ session: browser.storage.session as unknown as RequestStorage, now: Date.now });
  // Join pages' package requests, shared per tab: started as soon as a tab's URL is a join page (join-prefetch.ts).
  // On the pages' clock (`performance.timeOrigin` based, as a page's `loadedAt`): `Date.now()` may be
  // tens of ms apart from it, which made a prefetch look older than the load it was made for.
  const joinPackages = createJoinPackages(() => performance.timeOrigin + performance.now());
  followJoinPages(browser.tabs as unknown as JoinTabEvents, {
    packages: joinPackages,
    api: async () => {
      const api = await connection.api();
      return api.ok ? api.value : null;
    },
    modeOf: (site) => siteModes.modeOf(site),
  });
  const drift = createDriftPort({ storage: browser.storage.local as unknown as DriftStorage, version: browser.runtime.getManifest().version, now });
  // A profile's server answer asked at page load, for the panel's own ask (core/background/early-server-briefs.ts).
  const earlyServer = createEarlyServerBriefs(() => Date.now());
  const handlers = createHandlers({
    connection,
    briefs: createBriefsPort({ now, onForgot: forgetRecent }),
    outbox,
    recent: createRecentBriefsPort(),
    today,
    now,
    // Touches logged while the server was away go out as soon as it answers again, not at the next alarm.
    // Drift reports kept while it was away go too (a no-op when all were sent).
    onServerReachable: ({ connected }) => {
      void outbox.retryWaiting({ always: connected });
      void connection.api().then((api) => drift.flush(api.ok ? api.value : null)).catch(() => undefined);
    },
    openOptions: () => browser.runtime.openOptionsPage(),
    drift,
    siteModes,
    tabSubjects,
    onTabSubject: noteTabSubject,
    panelPrefs: createPanelPrefsPort({ storage: browser.storage.local as unknown as PanelPrefsStorage }),
    mailPolicy: createMailPolicyPort({ storage: browser.storage.local as unknown as MailPolicyStorage, now: () => new Date() }),
    meetings: createMeetingsPort({ storage: browser.storage.local as unknown as MeetingsStorage, now }),
    meetingRequests,
    changes,
    joinPackages,
    earlyServer,
    sinceCopies,
  });
  // A successful Connect polls the digest and follows the changes (a reconnect as someone else starts from 0).
  setupMessages({ ...handlers, connect: pollAfterConnect(pollAfterConnect(handlers.connect, poll), () => changes.follow()) });
  // A profile's cached brief, asked beside the site's mode at page load (core/page/early-briefs.ts).
  const extensionBaseUrl = browser.runtime.getURL('/');
  /** Starts the server's answer for a profile's panel in `tab`, unless one waits already (early-server-briefs.ts). */
  const startEarlyServer = (tab: number, refs: BriefRef[], url: string | undefined) => {
    if (earlyServer.waits(tab, refs)) return;
    // Asked as no tab (the page's URL only), so this ask does not take the answer it is starting.
    earlyServer.start(tab, refs, dispatch(handlers, 'getBriefs', { refs, from: 'server' }, { url }, extensionBaseUrl));
  };
  answerEarlyBriefs(
    browser.runtime as unknown as ModeQuestions,
    siteModes,
    (refs, sender) => dispatch(handlers, 'getBriefs', { refs, from: 'cache' }, sender as MessageSender, extensionBaseUrl),
    (refs, sender) => {
      const tab = (sender as MessageSender).tab?.id;
      if (tab !== undefined && Array.isArray(refs)) startEarlyServer(tab, refs as BriefRef[], (sender as MessageSender).url);
    },
  );
  // And a profile's server answer from the load's start, before the content scripts run (profile-prefetch.ts).
  followProfilePages(browser.tabs as unknown as JoinTabEvents, {
    modeOf: (site) => siteModes.modeOf(site),
    cacheHolds: async (refs, url) => holdsEveryBrief(await dispatch(handlers, 'getBriefs', { refs, from: 'cache' }, { url }, extensionBaseUrl)),
    start: startEarlyServer,
  });
  // A join page's side, meeting and package, asked by its every-page script at document start (core/page/early-join.ts).
  answerEarlyJoin(browser.runtime as unknown as ModeQuestions, siteModes, (ask, payload, sender) => dispatch(handlers, ask, payload, sender as MessageSender, extensionBaseUrl));
  setupAlarms({
    alarms: browser.alarms,
    flush: () => outbox.flush(),
    evict: () => evictBriefs(Date.now()),
    prune: () => pruneSynced(Date.now()),
    timer: flushTimer,
  });
  setupChangesAlarm({ alarms: browser.alarms, follow: (options) => changes.follow(options) });
  setupSidePanel(browser as unknown as SidePanelApis);
  setupMeetingAlarm({
    alarms: browser.alarms,
    // The e2e build lets a spec click a notification (headless Chromium shows none to click).
    notifications: isTestBuild() ? clickableInTests(notifications) : notifications,
    remind: async () => {
      const view = await connection.view();
      const api = await connection.api();
      return remindMeetings({
        storage: browser.storage.local as unknown as MeetingsStorage,
        api: api.ok ? api.value : null,
        notifications,
        iconUrl: browser.runtime.getURL('/notification-icon.png'),
        now: Date.now(),
        ownEmail: view.ok ? (view.value.user?.email ?? null) : null,
      });
    },
    openMeeting: (key) => {
      // Recorded first (synchronously), then the panel opened within the click's gesture; an open panel hears the broadcast.
      meetingRequests.request(key);
      openSidePanel(browser as unknown as OpenPanelApis, browser.runtime.getURL('/sidepanel.html'));
      void browser.runtime.sendMessage({ type: MEETING_REQUESTED }).catch(() => undefined);
    },
  });
  setupDigestAlarm({
    alarms: browser.alarms,
    notifications,
    poll,
    openPanel: () => openSidePanel(browser as unknown as OpenPanelApis, browser.runtime.getURL('/sidepanel.html')),
  });
});

/**
 * The e2e build only: the meeting reminders' click listener is also kept on the worker's global
 * (`Symbol.for('signalhouse.test.click-notification')`, called with a notification id), so a spec
 * runs the very handler a rep's click runs (test/e2e/meetings.e2e.ts, acceptance 4).
 */
function clickableInTests(notifications: NotificationsArea & NotificationClicks): NotificationClicks {
  const key = Symbol.for('signalhouse.test.click-notification');
  return {
    clear: (id) => notifications.clear(id),
    onClicked: {
      addListener(callback) {
        notifications.onClicked.addListener(callback);
        (globalThis as Record<symbol, unknown>)[key] = callback;
      },
    },
  };
}
