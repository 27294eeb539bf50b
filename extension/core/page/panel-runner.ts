/**
 * The generic panel runner: for any panel feature (`PanelFeatureSpec`), who the page's subject is
 * in the CRM, painted as it becomes known, until the page's (or element's) signal aborts.
 *
 * - paints the cached brief at once (with its "as of"), then the server's;
 * - while the page has not settled (the name not on screen yet), asks the server by what the URL
 *   alone gives, then by the full refs once settled or after `settleMs`;
 * - a subject the server does not know gets the not-in-CRM card with suggestions (`resolveRefs`);
 * - required selectors that stopped matching (drift) limit the panel to what the URL tells, plus
 *   search, and a censored drift report (names only) goes to the background;
 * - a logged touch goes to the outbox; its state ("Saved", "Synced", "Needs attention") follows
 *   the outbox for as long as the page is open;
 * - corrections (core/page/corrections.ts): picks become aliases and the panel asks again;
 * - which sections the rep left open is asked of the background (`getPanelPrefs`) alongside the
 *   brief, and each toggle is told to it (`setPanelPrefs`), so it holds on every page;
 * - the connection is followed (core/connection-status.ts): no brief for lack of a connection
 *   says so in words and asks again once connected; above a brief it says when it may be stale.
 * Every step checks the signal before painting, so a previous page's data never shows after
 * navigation; every failure ends in a card or nothing, never an exception in the host page.
 *
 * No React here: the runner hands a `PanelState` and its `PanelActions` to `paint`, which the
 * panel feature renders (features/panel-view.tsx). Messaging, timers and the connection feed are
 * parameters, so each state is unit-tested (test/unit/extension/core/panel-runner.test.ts).
 */
import type { ActivityType } from '../../../shared/activity.ts';
import type { Brief } from '../../../shared/brief.ts';
import { showsJobChange } from '../../../shared/company.ts';
import type { IdentityRef } from '../../../shared/refs.ts';
import type { Suggestion } from '../../../shared/match.ts';
import { mainBriefIndex, type PersonAnswer } from './several-people.ts';
import type { WrongDataReport } from '../../components/FlagWrongData.tsx';
import type { Candidate } from '../../components/SuggestionList.tsx';
import { stateOfProblem } from '../../components/connection-words.ts';
import type { sendMessage } from '../messaging.ts';
import type { ConnectionStatus, OutboxItemView, PanelPrefs, PanelSectionId, ProblemInfo, Result } from '../protocol.ts';
import type { ContactSite } from '../../../shared/contact.ts';
import type { SendState } from '../../components/SendStatus.tsx';
import type { AliasRef, PageFacts, PanelFeatureSpec } from './contract.ts';
import { createCorrections, type CorrectionsState } from './corrections.ts';
import { benchMark } from './bench-marks.ts';
import type { TabMemory } from './tab-memory.ts';

/** How long to wait for the page to settle (its name on screen) before going on with the URL alone. */
export const SETTLE_MS = 2_500;
/**
 * The settle wait counts from when the host's HTML is all there (`readyState` past `loading`), so a
 * page whose HTML arrives slowly is not called drifted; a page still loading after this many settle
 * waits from the start is read as it stands.
 */
export const SETTLE_LOADING_FACTOR = 4;
/**
 * How often to ask the outbox whether a logged touch reached the server: soon at first, then less
 * often, for as long as the page is open (the server may be away for minutes; "Saved" must turn
 * into "Synced" once it is back, not stay "Saved" because the panel stopped asking).
 */
export const SYNC_POLL_MS = 2_000;
export const SYNC_POLL_MAX_MS = 10_000;
/** While the page settles, the page is read again at most this often (ms). */
const LOOK_EVERY_MS = 50;
/** How many times one look-up asks again because the connection changed while it was out. */
const MAX_ASK_AGAIN = 3;

/** What the panel shows; each state is one paint. */
export type View =
  | { kind: 'looking'; name: string }
  | { kind: 'brief'; brief: Brief; asOf: string; offline: boolean }
  | { kind: 'not-in-crm'; suggestions: Suggestion[] }
  /** No brief to show because of the connection: its state in words, until it changes. */
  | { kind: 'connection'; status: ConnectionStatus }
  | { kind: 'problem'; problem: ProblemInfo };

/** The outbox state of the last logged touch. */
export type TouchState =
  | { status: 'saving'; type: ActivityType }
  | { status: 'saved'; type: ActivityType }
  | { status: 'synced'; type: ActivityType }
  | { status: 'needs_attention'; type: ActivityType; detail?: string };

/** Everything one paint shows. */
export interface PanelState {
  view: View;
  /** Name and company as the page shows them. */
  facts: PageFacts;
  touch?: TouchState | undefined;
  /** The connection, when it keeps a shown brief from being fresh (token refused or expired, disconnected). */
  notice?: ConnectionStatus | undefined;
  /** Set when required selectors stopped matching: what the URL alone tells, in words. */
  limited?: { urlFacts: string[] } | undefined;
  corrections: CorrectionsState;
  /** Which sections the rep left open (from the background); absent until it answers. */
  sectionsOpen?: PanelPrefs['sections'] | undefined;
  /**
   * A feature whose refs are several people (`spec.severalPeople`: a thread, an event): each
   * person's answer, in the order sent, from the same request as the brief shown (the brief of the
   * account most of them belong to). Absent until the server answered, and for one-person features.
   */
  people?: PersonAnswer[] | undefined;
  /** What the page shows now (the feature's own Subject), for a feature's own part of the panel. */
  subject?: unknown;
  /** The rep collapsed the panel to its tab on the edge (remembered by the background across pages). */
  collapsed?: boolean | undefined;
  /** Not in CRM, but the page's company is a CRM account: "Add as contact" there, and where it stands. */
  addContact?: AddContactState | undefined;
}

/** The account the person on a not-in-CRM page may be added to, and the add's progress. */
export interface AddContactState {
  accountId: string;
  accountName: string;
  status?: SendState | undefined;
}

/** The sites `POST /v1/contacts` records as provenance (shared/contact.ts's ContactSite; zod stays out of the panel bundle). */
const CONTACT_SITES = ['linkedin', 'gmail', 'calendar', 'meet', 'zoom'] as const satisfies readonly ContactSite[];

/** Someone else at the account a touch was with (the next step's person): their contact id and name. */
export interface TouchWith {
  contactId: string;
  name: string;
}

/** What the rendered panel may do; stable for the panel's life. */
export interface PanelActions {
  /** Logs a touch with the person on screen, or with `withWhom` (the next step's someone else at the account). */
  logTouch(type: ActivityType, withWhom?: TouchWith): void;
  pick(candidate: Candidate): void;
  search(query: string): void;
  flag(report: WrongDataReport): void;
  flagJobChange(brief: Brief, pageCompany: string): void;
  openOptions(): void;
  /** The rep opened or closed a section: remembered by the background for every page. */
  setSectionOpen(section: PanelSectionId, open: boolean): void;
  /** The rep collapsed the panel to its tab, or showed it again: shown at once and remembered. */
  setCollapsed(collapsed: boolean): void;
  /** "Add as contact": the person on the page, on the account `addContact` names, with the page as provenance. */
  addContact(): void;
}

export interface PanelRunnerDeps<Subject = unknown> {
  signal: AbortSignal;
  doc: Document;
  url: URL;
  element?: Element | undefined;
  send: typeof sendMessage;
  /** Calls `listener` with each connection change the background broadcasts, until `signal` aborts. */
  onConnectionStatus(signal: AbortSignal, listener: (status: ConnectionStatus) => void): void;
  /** Mounts the panel; resolves to its paint (a no-op once the signal aborted). */
  mount(): Promise<(state: PanelState, actions: PanelActions) => void>;
  /** Resolves after `ms`, or at once when `signal` aborts. */
  wait(ms: number, signal: AbortSignal): Promise<void>;
  now(): Date;
  uuid(): string;
  /** Told the subject once the page settled (or the wait ran out): the side panel's "This page" gets its refs. */
  onSettled?: ((subject: Subject) => void) | undefined;
  /**
   * What this tab showed for the same page a moment ago (core/page/tab-memory.ts): painted at
   * once in place of asking the worker's cache; the server is asked as always and repaints.
   */
  recent?: TabMemory<PanelMemory> | undefined;
  /**
   * The brief cache's answer for these refs when the every-page script asked it beside the site's
   * mode at page load (core/page/early-briefs.ts), else undefined.
   */
  earlyBriefs?: ((refs: readonly IdentityRef[]) => Promise<unknown> | undefined) | undefined;
}

/** What a panel remembers of a page it showed: the answer, with each person of a several-people page. */
export interface PanelMemory {
  view: Extract<View, { kind: 'brief' | 'not-in-crm' }>;
  people?: PersonAnswer[] | undefined;
}

/**
 * Shows the panel for what `deps.url` (and `deps.element`) shows until `deps.signal` aborts.
 *
 * @example
 * await runPanel(linkedinProfilePanel, { signal, doc: document, url, send: sendMessage, mount, … });
 */
export async function runPanel<Subject>(spec: PanelFeatureSpec<Subject>, deps: PanelRunnerDeps<Subject>): Promise<void> {
  const { signal, doc, url, element, send } = deps;
  const found = spec.extract(doc, url, element);
  if (found === null || signal.aborted) return;
  const first: Subject = found;
  let subject: Subject = first;
  // Listening before the first request: a change broadcast while it is out is not missed. One that
  // arrives while the panel mounts is only counted (the first request, made after, sees it anyway).
  let painting = false;
  let changes = 0;
  let latest: ConnectionStatus | undefined;
  deps.onConnectionStatus(signal, (status) => {
    changes++;
    latest = status;
    if (painting) onConnectionChange(status);
  });
  // The same page shown a moment ago in this tab (the same URL refs): its answer paints as soon as
  // the panel mounts, and the worker's cache is not asked (the server still is).
  const firstRefs = spec.urlRefs(first);
  const memoryKey = deps.recent && firstRefs.length > 0 ? `${spec.id} ${JSON.stringify(firstRefs)}` : undefined;
  const recalled = memoryKey ? deps.recent?.recall(memoryKey) : undefined;
  // The brief's requests go out before the panel mounts: mounting waits for the host's <body>,
  // and on a page still arriving the cache's answer is what the rep waits for (bench:panel).
  const firstAsks = askBriefs();
  benchMark('asked');
  const paint = await deps.mount();
  benchMark('mounted');
  const nameOf = (s: Subject) => spec.facts(s).name ?? spec.urlFacts(s)[0] ?? '';
  let view: View = recalled?.view ?? { kind: 'looking', name: nameOf(first) };
  let touch: TouchState | undefined;
  /** The touch whose delivery the panel follows; a newer one replaces it. */
  let followed: string | undefined;
  let notice: ConnectionStatus | undefined;
  let limited: PanelState['limited'];
  let sectionsOpen: PanelState['sectionsOpen'];
  let people: PanelState['people'] = recalled?.people;
  let collapsed: boolean | undefined;
  let addContact: AddContactState | undefined;
  /** One id per page: a repeated click or a retry creates the person once (the server keys on it). */
  let addContactId: string | undefined;

  const repaint = () => {
    if (signal.aborted) return;
    remember();
    paint({ view, facts: spec.facts(subject), touch, notice, limited, corrections: corrections.state, sectionsOpen, people, subject, collapsed, addContact }, actions);
  };
  /** Keeps what the panel shows for this page in the tab's memory: an answer, never a connection's trouble. */
  function remember() {
    if (!memoryKey || view.kind === 'looking') return;
    const shown = view;
    if (((shown.kind === 'brief' && !shown.offline) || shown.kind === 'not-in-crm') && !notice && !limited) deps.recent?.remember(memoryKey, { view: shown, people });
    // A saved copy shown offline, a connection's words: the next visit asks as if nothing were remembered.
    else deps.recent?.forget(memoryKey);
  }
  const corrections = createCorrections({
    signal,
    repaint,
    send,
    siteName: spec.site.name,
    ref: (): AliasRef => spec.aliasRef(subject),
    // A background that went away leaves the panel as it is; nothing may reach the host page.
    // The remembered answer is the one the correction replaces.
    reload: () => {
      if (memoryKey) deps.recent?.forget(memoryKey);
      return paintFromServer(spec.refs(subject)).catch(() => undefined);
    },
  });
  const actions: PanelActions = {
    logTouch: (type, withWhom) => void logTouch(type, withWhom),
    pick: corrections.pick,
    search: corrections.search,
    flag: corrections.flag,
    flagJobChange: corrections.flagJobChange,
    openOptions: () => void send('openOptions').catch(() => undefined),
    setSectionOpen(section, open) {
      // Shown at once; a background that cannot keep it only forgets it by the next page.
      sectionsOpen = { ...sectionsOpen, [section]: open };
      repaint();
      void send('setPanelPrefs', { section, open }).catch(() => undefined);
    },
    addContact: () => void addAsContact(),
    setCollapsed(next) {
      collapsed = next;
      repaint();
      void send('setPanelPrefs', { collapsed: next }).catch(() => undefined);
    },
  };
  const show = (next: View) => {
    view = next;
    repaint();
  };

  /** A panel waiting on the connection asks again once connected; otherwise it says what changed. */
  function onConnectionChange(status: ConnectionStatus) {
    if (signal.aborted) return;
    const painted = view;
    if (painted.kind === 'connection' || (painted.kind === 'looking' && status.state === 'connecting')) {
      if (status.state !== 'connected') return show({ kind: 'connection', status });
      show({ kind: 'looking', name: nameOf(subject) });
      void paintFromServer(spec.refs(subject)).catch(() => undefined);
      return;
    }
    if (painted.kind === 'brief' || painted.kind === 'not-in-crm') {
      const stale = status.state === 'not_connected' || status.state === 'token_refused' || status.state === 'token_expired';
      notice = stale ? status : undefined;
      repaint();
      // Back from offline (or reconnected after a refusal): the saved copy gives way to the server's.
      if (status.state === 'connected' && painted.kind === 'brief' && painted.offline) void paintFromServer(spec.refs(subject)).catch(() => undefined);
    }
  }

  async function logTouch(type: ActivityType, withWhom?: TouchWith) {
    try {
      await saveTouch(type, withWhom);
    } catch {
      if (signal.aborted) return;
      touch = { status: 'needs_attention', type, detail: 'No answer from the extension.' };
      repaint();
    }
  }

  async function saveTouch(type: ActivityType, withWhom?: TouchWith) {
    if (view.kind !== 'brief' || !view.brief.contact) return;
    const { account } = view.brief;
    // Only someone the brief names as a stakeholder of this account: a page cannot log a touch with anyone else.
    const other = withWhom && view.brief.stakeholders.find((s) => s.contactId === withWhom.contactId);
    if (withWhom && !other) return;
    const contact = other ? { id: other.contactId, name: other.name } : view.brief.contact;
    touch = { status: 'saving', type };
    repaint();
    const minute = new Date(Math.floor(deps.now().getTime() / 60_000) * 60_000);
    const answer = await send('logActivity', {
      id: deps.uuid(),
      // To the minute: a second click in the same minute is the same payload under the same key,
      // which the server answers as a duplicate of the first (one activity), not as a conflict.
      // A touch with someone else is keyed by them too: the same minute's call with two people is two touches.
      naturalKey: other ? `${spec.touchKey(subject, type, minute)}:${other.contactId}` : spec.touchKey(subject, type, minute),
      occurredAt: minute.toISOString(),
      type,
      contactId: contact.id,
      ...(account ? { accountId: account.id } : {}),
      surface: spec.site.surface,
      // The outbox names the person; a name the CRM left empty is simply not shown, a long one is cut.
      ...(contact.name.trim() ? { about: contact.name.trim().slice(0, 200) } : {}),
    });
    if (signal.aborted) return;
    touch = answer.ok ? touchStateOf(answer.value, type) : { status: 'needs_attention', type, detail: answer.error.message };
    repaint();
    if (answer.ok) await followSync(answer.value.id, type);
  }

  async function followSync(id: string, type: ActivityType) {
    followed = id;
    for (let delay = SYNC_POLL_MS; touch?.status === 'saved' && followed === id && !signal.aborted; delay = Math.min(delay * 1.5, SYNC_POLL_MAX_MS)) {
      await deps.wait(delay, signal);
      if (signal.aborted) return;
      // No answer (the service worker restarting) or a failed read says nothing about the item: ask again later.
      const outbox = await send('getOutbox').catch(() => null);
      if (!outbox?.ok || followed !== id || signal.aborted) continue;
      const item = outbox.value.items.find((it) => it.id === id);
      // An item gone from the outbox was acknowledged and pruned.
      touch = item ? touchStateOf(item, type) : { status: 'synced', type };
      repaint();
    }
  }

  painting = true;
  repaint();
  try {
    await paintBriefs();
  } catch {
    // The background went away (extension updated or reloaded) or a message failed to travel.
    if (view.kind === 'looking') show({ kind: 'problem', problem: { kind: 'unavailable', message: 'No answer from the extension.' } });
  }

  /**
   * The first requests, by what the URL gives (it finds the cached brief; the page's name, once
   * shown, helps the server match). Sent before mounting; their answers are awaited after.
   */
  function askBriefs() {
    const urlRefs = firstRefs;
    // The cache first: the background answers in order, and the server path writes to the cache.
    // Not when the tab remembers the answer: the cache holds nothing newer than what it showed.
    const fromCache = urlRefs.length > 0 && !recalled ? cacheAnswer(urlRefs) : undefined;
    // Started at document start, the page shows no name yet: ask the server by the URL now (a
    // LinkedIn URL in the CRM is the surest match) rather than after the name appears.
    const early = !spec.settled(first) && urlRefs.length > 0 ? send('getBriefs', { refs: urlRefs, from: 'server' }) : undefined;
    // Awaited once the panel is mounted; a failure meanwhile is not an unhandled rejection.
    fromCache?.catch(() => undefined);
    early?.catch(() => undefined);
    return { fromCache, early };
  }

  /** The cache's answer: the one asked beside the mode at page load, else (none, or no answer in it) asked now. */
  function cacheAnswer(refs: IdentityRef[]) {
    const ask = () => send('getBriefs', { refs, from: 'cache' });
    const early = deps.earlyBriefs?.(refs);
    return early ? early.then((answer) => (isResult(answer) ? (answer as Awaited<ReturnType<typeof ask>>) : ask())) : ask();
  }

  async function paintBriefs() {
    const { fromCache, early } = firstAsks;
    const settled = spec.settled(first) ? Promise.resolve(first) : settle(spec, deps, first);
    askPanelPrefs();
    const cached = fromCache ? await fromCache : undefined;
    benchMark('cache-answer');
    if (signal.aborted) return;
    if (spec.severalPeople) {
      // Several people: the saved copy shows only when every one of them is saved (a person not
      // saved yet is not "not in CRM"); the server's answer then replaces it.
      const saved = cached?.ok ? cached.value.briefs : [];
      if (saved.length > 0 && saved.every((dated) => dated !== null)) showCachedPeople(spec.urlRefs(first), saved);
    } else {
      const cachedBrief = cached?.ok ? firstBrief(cached.value.briefs) : null;
      if (cachedBrief?.brief) show({ kind: 'brief', brief: cachedBrief.brief, asOf: cachedBrief.asOf, offline: false });
    }

    const byUrl = early ? await early : undefined;
    if (signal.aborted) return;
    const found = byUrl?.ok && !spec.severalPeople ? firstBrief(byUrl.value.briefs) : undefined;
    if (found?.brief) {
      show({ kind: 'brief', brief: found.brief, asOf: found.asOf, offline: found.source === 'cache' });
      // The page's name and company (for the job-change banner) once the page shows them.
      subject = await settled;
      if (signal.aborted) return;
      deps.onSettled?.(subject);
      checkDrift();
      repaint();
      // A page showing another employer than the CRM's changes the server's answer (the next step
      // follows from the job change, issue 11): ask again with what the page shows. Otherwise the
      // URL's answer stands, one request per page.
      const { contact, account } = found.brief;
      const company = spec.facts(subject).company;
      if (contact && account && showsJobChange(company, account.name, contact.pastEmployers.value?.map((p) => p.company) ?? [])) {
        await paintFromServer(spec.refs(subject));
      }
      return;
    }

    subject = await settled;
    if (signal.aborted) return;
    checkDrift();
    // The brief's request first: telling the side panel is not on the rep's path to the panel.
    const painted = paintFromServer(spec.refs(subject));
    deps.onSettled?.(subject);
    await painted;
  }

  /**
   * Which sections the rep left open. Asked after the brief's requests, never before them: the
   * background answers in order and the cached brief is what the rep waits for. An older
   * background without the message leaves the sections collapsed.
   */
  function askPanelPrefs() {
    void send('getPanelPrefs')
      .then((answer) => {
        if (!answer.ok || signal.aborted) return;
        // A toggle made before the answer wins over what was stored.
        sectionsOpen = { ...answer.value.sections, ...sectionsOpen };
        collapsed ??= answer.value.collapsed;
        repaint();
      })
      .catch(() => undefined);
  }

  /** Required selectors that stopped matching: the panel says so, and the background keeps a censored report. */
  function checkDrift() {
    if (signal.aborted) return;
    const missing = safely(() => spec.drift(subject, doc), []);
    if (missing.length === 0) return;
    limited = { urlFacts: spec.urlFacts(subject) };
    // Names only: never page content. Fire and forget: a report lost with the background costs nothing.
    void send('reportDrift', { site: spec.site.id, pageKind: spec.pageKind(url), selectors: missing }).catch(() => undefined);
  }

  async function paintFromServer(refs: IdentityRef[]) {
    if (refs.length === 0) {
      // Nobody to ask about (a thread among teammates): several-people features list no one.
      if (spec.severalPeople) people = [];
      return show({ kind: 'not-in-crm', suggestions: [] });
    }
    for (let asked = 0; ; asked++) {
      const since = changes;
      const fresh = await send('getBriefs', { refs, from: 'server' });
      if (signal.aborted) return;
      if (fresh.ok) {
        if (spec.severalPeople) return showPeople(refs, fresh.value.briefs);
        const dated = firstBrief(fresh.value.briefs);
        // The server answered: nothing stands between the rep and a fresh brief any more.
        if (dated?.source !== 'cache') notice = undefined;
        if (dated?.brief) {
          show({ kind: 'brief', brief: dated.brief, asOf: dated.asOf, offline: dated.source === 'cache' });
          return;
        }
        return showNotInCrm(refs);
      }
      const state = stateOfProblem(fresh.error);
      // `view` changes inside `show`, which TypeScript's narrowing does not follow.
      const painted = view as View;
      if (state === null) {
        if (painted.kind === 'brief') show({ ...painted, offline: false });
        else show({ kind: 'problem', problem: fresh.error });
        return;
      }
      // The connection changed while the request was out (the rep clicked Connect meanwhile): what
      // the background says now wins over this answer, and connected means asking again.
      if (changes !== since && latest) {
        if (latest.state === 'connected' && asked < MAX_ASK_AGAIN) continue;
        if (latest.state !== 'connected') return showConnection(latest, painted);
      }
      const status = await statusFor(state, fresh.error);
      if (signal.aborted) return;
      if (status.state === 'connected' && asked < MAX_ASK_AGAIN) continue;
      return showConnection(status, view as View);
    }
  }

  /** The status to show for a failed request: the latest broadcast, else the background's view, else the answer's. */
  async function statusFor(state: NonNullable<ReturnType<typeof stateOfProblem>>, problem: ProblemInfo): Promise<ConnectionStatus> {
    if (latest) return latest;
    // No broadcast yet (nothing changed since the page opened): the background says where things stand.
    const answer = await send('getConnection').catch(() => null);
    if (answer?.ok) return { state: answer.value.state, serverUrl: answer.value.serverUrl, expiredAt: answer.value.expiredAt ?? problem.expiredAt ?? null };
    return { state, serverUrl: '', expiredAt: problem.expiredAt ?? null };
  }

  /** The connection's words: in place of the card, or above a brief shown from what was saved. */
  function showConnection(status: ConnectionStatus, painted: View) {
    if (painted.kind === 'brief') {
      notice = status.state === 'offline' ? undefined : status;
      show({ ...painted, offline: status.state === 'offline' || painted.offline });
      return;
    }
    show({ kind: 'connection', status });
  }

  /**
   * Several people answered in one request: each one listed (a contact, or not in CRM with the
   * suggestions one more request finds for the unknown ones only), and the brief of the account
   * most of them belong to (several-people.ts).
   */
  async function showPeople(refs: IdentityRef[], briefs: readonly (DatedBriefLike | null)[]) {
    const answers: PersonAnswer[] = refs.map((ref, i) => ({ ref, brief: briefs[i]?.brief ?? null, suggestions: [] }));
    const main = mainBriefIndex(answers.map((a) => a.brief));
    const dated = main === null ? null : briefs[main];
    if (dated?.source !== 'cache') notice = undefined;
    people = answers;
    if (dated?.brief) show({ kind: 'brief', brief: dated.brief, asOf: dated.asOf, offline: dated.source === 'cache' });
    else show({ kind: 'not-in-crm', suggestions: [] });
    const unknown = answers.filter((a) => a.brief === null);
    if (unknown.length === 0) return;
    const resolved = await send('resolveRefs', { refs: unknown.map((a) => a.ref) }).catch(() => null);
    if (signal.aborted || !resolved?.ok) return;
    unknown.forEach((a, i) => (a.suggestions = resolved.value.resolutions[i]?.suggestions ?? []));
    people = [...answers];
    if (view.kind === 'not-in-crm') view = { kind: 'not-in-crm', suggestions: unknown.flatMap((a) => a.suggestions) };
    repaint();
  }

  /** The saved answers of several people, every one of them saved: painted at once, without suggestions. */
  function showCachedPeople(refs: IdentityRef[], saved: readonly (DatedBriefLike | null)[]) {
    const answers: PersonAnswer[] = refs.map((ref, i) => ({ ref, brief: saved[i]?.brief ?? null, suggestions: [] }));
    const main = mainBriefIndex(answers.map((a) => a.brief));
    const dated = main === null ? null : saved[main];
    people = answers;
    if (dated?.brief) show({ kind: 'brief', brief: dated.brief, asOf: dated.asOf, offline: false });
    else repaint();
  }

  async function showNotInCrm(refs: IdentityRef[]) {
    const resolved = await send('resolveRefs', { refs });
    if (signal.aborted) return;
    const suggestions = resolved.ok ? resolved.value.resolutions.flatMap((r) => r.suggestions) : [];
    show({ kind: 'not-in-crm', suggestions });
    await findAccountToAddTo();
  }

  /**
   * The page's company as a CRM account (its exact name, case and spacing aside): then the
   * not-in-CRM card offers "Add as contact" there. Identity resolution matches accounts by domain,
   * which a profile does not show, so the company's name is looked up in the directory.
   */
  async function findAccountToAddTo() {
    const company = spec.facts(subject).company?.trim();
    const site = CONTACT_SITES.find((s) => s === spec.site.id);
    if (!company || !site || !spec.facts(subject).name) return;
    const answer = await send('searchDirectory', { q: company.slice(0, 200), limit: 5 }).catch(() => null);
    if (signal.aborted || !answer?.ok) return;
    const key = (name: string) => name.replace(/\s+/g, ' ').trim().toLowerCase();
    const account = answer.value.accounts.find((a) => key(a.name) === key(company));
    if (!account || view.kind !== 'not-in-crm') return;
    addContact = { accountId: account.id, accountName: account.name };
    repaint();
  }

  async function addAsContact() {
    const target = addContact;
    const name = spec.facts(subject).name;
    const site = CONTACT_SITES.find((s) => s === spec.site.id);
    if (!target || !name || !site || target.status?.status === 'sending') return;
    const ref = spec.aliasRef(subject);
    const key = ref.kind === 'linkedin' ? { linkedinUrl: ref.profileUrl } : ref.kind === 'email' ? { email: ref.address } : null;
    if (!key) return;
    addContactId ??= deps.uuid();
    addContact = { ...target, status: { status: 'sending' } };
    repaint();
    const answer = await send('addContact', { id: addContactId, accountId: target.accountId, name: name.slice(0, 300), ...key, page: { site, url: url.href } }).catch(
      (): Result<never> => ({ ok: false, error: { kind: 'unavailable', message: 'No answer from the extension.' } }),
    );
    if (signal.aborted) return;
    if (!answer.ok) {
      addContact = { ...target, status: { status: 'failed', detail: answer.error.message } };
      repaint();
      return;
    }
    // The server's brief of the person just added: the panel is about them now.
    addContact = undefined;
    show({ kind: 'brief', brief: answer.value.brief, asOf: deps.now().toISOString(), offline: false });
  }
}

const isResult = (value: unknown): boolean => typeof value === 'object' && value !== null && typeof (value as { ok?: unknown }).ok === 'boolean';

type DatedBriefLike = { brief?: Brief | null; asOf: string; source: 'cache' | 'server' };

/** The first ref's answer that holds a brief, else the first answer (one-person features; several people go through `showPeople`). */
function firstBrief<T extends { brief?: Brief | null } | null>(briefs: readonly T[]): T | null {
  return briefs.find((dated) => dated?.brief) ?? briefs[0] ?? null;
}

function touchStateOf(item: OutboxItemView, type: ActivityType): TouchState {
  if (item.state === 'synced') return { status: 'synced', type };
  if (item.state === 'needs_attention') return { status: 'needs_attention', type, ...(item.lastError ? { detail: item.lastError } : {}) };
  return { status: 'saved', type };
}

/**
 * The subject once the page settled (its name on screen: the host renders it after the URL
 * changes), or the subject as it stands `settleMs` after the HTML was parsed (at most
 * SETTLE_LOADING_FACTOR × `settleMs` from the start, for a page that never finishes loading).
 * Watches the document (mutations and `readystatechange`) and ends, observer and timers, with
 * the page's signal.
 */
export function settle<Subject>(spec: Pick<PanelFeatureSpec<Subject>, 'extract' | 'settled' | 'settleMs'>, deps: Pick<PanelRunnerDeps, 'doc' | 'url' | 'element' | 'signal' | 'wait'>, first: Subject): Promise<Subject> {
  const { doc, url, element, signal } = deps;
  return new Promise((resolve) => {
    const done = new AbortController();
    let latest = first;
    const finish = () => {
      if (done.signal.aborted) return;
      done.abort();
      resolve(latest);
    };
    const look = () => {
      const now = safely(() => spec.extract(doc, url, element), null);
      if (now === null) return;
      latest = now;
      if (spec.settled(now)) finish();
    };
    // At most one look per LOOK_EVERY_MS while the host parses or renders: extracting on every
    // mutation batch of a page still arriving competes with the host (and the panel's own paint)
    // for the main thread. The trailing look catches the last change. The cache and the URL's
    // early answer paint without waiting for this.
    let last = -Infinity;
    let trailing: ReturnType<typeof setTimeout> | undefined;
    const throttled = () => {
      if (done.signal.aborted || trailing !== undefined) return;
      const wait = last + LOOK_EVERY_MS - performance.now();
      if (wait <= 0) {
        last = performance.now();
        return look();
      }
      trailing = setTimeout(() => {
        trailing = undefined;
        last = performance.now();
        look();
      }, wait);
    };
    done.signal.addEventListener('abort', () => clearTimeout(trailing), { once: true });
    const observer = new MutationObserver(throttled);
    const settleMs = spec.settleMs ?? SETTLE_MS;
    const ranOut = () => {
      // The wait ran out: one last look (readiness the observer could not see), then what there is.
      if (!done.signal.aborted) look();
      finish();
    };
    // Once the HTML is all there: the host's changes are watched, and the settle wait starts. Counted
    // from here, not from document start: on a slow connection the HTML holding the name can take
    // longer than the wait to arrive, and the page would be called drifted (a false drift report,
    // and the limited panel for a page that was only slow).
    const parsed = () => {
      observer.observe(doc, { childList: true, subtree: true, characterData: true });
      void deps.wait(settleMs, done.signal).then(ranOut);
    };
    // While the HTML is still being parsed, one look when it is all there (`interactive`) rather
    // than looks between parser tasks, where they would hold back the panel's first paint (bench:panel).
    // After that (a single-page app rendering, in-page navigation), the host's changes are watched.
    // A page that never finishes loading is read as it stands after SETTLE_LOADING_FACTOR waits.
    if (doc.readyState === 'loading') {
      doc.addEventListener('readystatechange', parsed, { once: true, signal: done.signal });
      void deps.wait(settleMs * SETTLE_LOADING_FACTOR, done.signal).then(ranOut);
    } else parsed();
    doc.addEventListener('readystatechange', look, { signal: done.signal });
    done.signal.addEventListener('abort', () => observer.disconnect(), { once: true });
    signal.addEventListener('abort', finish, { once: true, signal: done.signal });
  });
}

function safely<T>(run: () => T, fallback: T): T {
  try {
    return run();
  } catch {
    return fallback;
  }
}
