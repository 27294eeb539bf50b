/**
 * The pre-call package for one meeting (issue 13), wherever it is shown: on a meeting page (the
 * page runner, core/page/meeting-runner.ts, reads the page and hands the meeting here) and in the
 * side panel (a meeting the reminder named, or one of today's next meetings). One flow of data:
 * messages to the background in, `MeetingState`s out through `paint`; the view
 * (components/MeetingView.tsx) renders each state and calls `MeetingActions` back.
 *
 * - the account is the server's decision for the event ref (`getBriefs`, the external guests);
 *   each external guest's card is the brief of their address, asked in the same request, and who
 *   on the team knows them best (`getKnownBest`, asked beside "what changed"); the saved copies
 *   are asked at the same time and, when every one is saved (a dialog opened again, the join page
 *   of a meeting seen before), painted at once, before the server's answer; a saved package stays
 *   when the server is away;
 * - what changed since the last meeting is asked as soon as the account is known (from the saved
 *   package when there is one), once: the background's kept copy and the server's at once;
 * - a join page's conference is looked up (`findMeeting`: this browser's copy, then the team's),
 *   asked beside the rep's side; an unknown meeting gets a small search panel;
 * - an internal-only meeting gets nothing at all (nothing is mounted);
 * - "Log meeting" logs one activity through the outbox under `gcal:<event id>:<start>` (the same
 *   key and payload from the event, its join page and the side panel: a duplicate, not a second
 *   meeting), or `zoom:<meeting id>:<date>` for a Zoom meeting with no event.
 *
 * No React and no page here: messaging, timers and the clock are parameters, so each state is
 * unit-tested (test/unit/extension/core/page/meeting-runner.test.ts, and the side panel's).
 */
import type { Brief, DealRisk, DealView, Touch } from '../../shared/brief.ts';
import type { DirectorySearch } from '../../shared/directory.ts';
import { gcalMeetingKey, isOwnSide, MAX_PACKAGE_GUESTS, meetingStart, ownSideOfAddress, type OwnSide } from '../../shared/meeting-keys.ts';
import type { ConferenceId, KnownBest, SinceLastMeeting } from '../../shared/meetings.ts';
import type { EmailRef, EventRef } from '../../shared/refs.ts';
import type { sendMessage } from './messaging.ts';
import type { AnswerOf, JoinPackage, ProblemInfo } from './protocol.ts';
import type { EarlyJoinAsk } from './page/early-join.ts';
import { benchMark } from './page/bench-marks.ts';
import type { TabMemory } from './page/tab-memory.ts';

/** What a meeting page is about: an event it shows, or a conference whose event is to be found. */
export type MeetingTarget =
  | {
      kind: 'event';
      ref: EventRef;
      /** Already kept with its conference id (the side panel reads the stored copy): not sent again. */
      kept?: boolean | undefined;
    }
  | {
      kind: 'conference';
      conference: ConferenceId;
      /** The page's name for it, for the unknown-meeting panel ("meet.google.com/abc-defg-hij"). */
      label: string;
      /** A Zoom meeting with no event is logged under `zoom:<meeting id>:<date>`. */
      zoomMeetingId?: string | undefined;
    };

export interface GuestCard {
  address: string;
  name: string;
  contactId: string | null;
  title: string | null;
  role: string | null;
  lastTouch: Touch | null;
  /** Who on the team knows them best; undefined while asked (or when it could not be), null for a guest the CRM does not know. */
  knownBest?: KnownBest | null | undefined;
}

/** The deal the meeting is about: the account's first open deal and its worst risk. */
export interface PackageDeal {
  deal: DealView;
  risk: DealRisk | null;
}

export type MeetingView =
  /** Nothing to show any more: the page now shows an internal meeting, or none (core/page/meeting-runner.ts). */
  | { kind: 'none' }
  | { kind: 'looking'; label: string }
  | {
      kind: 'package';
      title: string;
      start: string;
      account: { id: string; name: string; tier: number | null; stage: string };
      guests: GuestCard[];
      teammates: { address: string; name: string }[];
      deal: PackageDeal | null;
      since: SinceLastMeeting | null;
      /** "What changed" could not be asked (the server away or failing): said so, with a way to ask again. */
      sinceFailed?: boolean | undefined;
    }
  /** The guests' account is not in the CRM, or the join page's meeting is unknown: search. */
  | { kind: 'unknown'; label: string; reason: 'not-in-crm' | 'unknown-meeting' }
  | { kind: 'problem'; problem: ProblemInfo };

export type LogState = { status: 'saving' | 'saved' | 'synced' } | { status: 'needs_attention'; detail?: string | undefined };

export interface MeetingState {
  view: MeetingView;
  log?: LogState | undefined;
  /** Set when required selectors stopped matching: what the URL alone tells. */
  limited?: { urlFacts: string[] } | undefined;
  /** The last search's results (undefined: none yet). */
  found?: DirectorySearch | undefined;
  /** A Zoom meeting with no event may be logged with a record the rep found (`zoom:<meeting id>:<date>`). */
  canLogFound?: boolean | undefined;
}

/** A record found by search, to log a Zoom meeting with no event against. */
export type FoundRecord = { accountId: string; contactId?: string | undefined; name: string };

export interface MeetingActions {
  /** Logs the meeting: with the package's account, or (a Zoom meeting with no event) with a record found by search. */
  logMeeting(found?: FoundRecord): void;
  search(query: string): void;
  /** Asks again for what changed, after it could not be asked. */
  retrySince(): void;
}

/** What the package needs from where it is shown. */
export interface MeetingPackageDeps {
  signal: AbortSignal;
  send: typeof sendMessage;
  /** Mounts the view (once, when there is something to show) and answers its paint. */
  mount(): Promise<(state: MeetingState, actions: MeetingActions) => void>;
  wait(ms: number, signal: AbortSignal): Promise<void>;
  now(): Date;
  uuid(): string;
  /** When the page's navigation started (ms since the epoch, `performance.timeOrigin`): a join page takes only a package asked for this load. */
  loadedAt?: (() => number) | undefined;
  /**
   * The tab's memory of the packages it showed (core/page/tab-memory.ts): an event's dialog opened
   * again paints its last package at once, before any round trip to the worker, then asks as
   * before. Only a page's tab has one (it forgets with the worker's cache); the side panel has none.
   */
  recent?: TabMemory<RememberedPackage> | undefined;
  /**
   * A join page's questions asked by its every-page script at document start
   * (core/page/early-join.ts): the answer waiting for `ask` (null inside: none came, ask now), or
   * undefined when none waits.
   */
  early?: (<K extends EarlyJoinAsk>(ask: K, conference: ConferenceId) => Promise<AnswerOf<K> | null> | undefined) | undefined;
}

/** What a tab remembers of an event's package: what it showed, and what "Log meeting" logs with it. */
export interface RememberedPackage {
  view: Extract<MeetingView, { kind: 'package' }>;
  logging: Logging;
}

/** What a logged meeting is keyed and linked by. */
interface Logging {
  key: string;
  occurredAt: string;
  accountId: string;
  contactId?: string | undefined;
  participantContactIds?: string[] | undefined;
  about: string;
}

/** The memory's key for an event: the instance, its title and who is invited (a changed invite is asked anew). */
function memoryKeyOf(ref: EventRef): string {
  return JSON.stringify([ref.eventId, ref.start, ref.title, ref.attendees.map((a) => a.address.toLowerCase()).sort()]);
}

/** Where the package starts from: the meeting (null: the page showed none) and what the page could not read. */
export interface PackageStart {
  target: MeetingTarget | null;
  /** The first "Preparing …" label. */
  label: string;
  limited?: { urlFacts: string[] } | undefined;
}

// The own-side rule is shared with the server's package (shared/meeting-keys.ts).
export { isOwnSide, type OwnSide };

/** No join page's package: the extras are asked one by one. */
const NO_PACKAGE: Promise<null> = Promise.resolve(null);

const SYNC_POLL_MS = 2_000;
const SYNC_POLL_MAX_MS = 10_000;

/** The rep's side, from the connection (no one's when not connected); `early`: the connection already asked for it. */
export async function ownSideOf(send: typeof sendMessage, early?: Promise<AnswerOf<'getConnection'> | null>): Promise<OwnSide> {
  const answer = (await early?.catch(() => null)) ?? (await send('getConnection').catch(() => null));
  return ownSideOfAddress(answer?.ok ? (answer.value.user?.email ?? null) : null);
}

/** The risks that could lose a deal, worst first: what the package names beside the deal. */
const RISK_ORDER = ['champion_left', 'close_date_passed', 'close_date_slipped', 'stalled', 'single_threaded', 'competitor_mentioned', 'no_next_step', 'no_recent_activity'];
export function worstRisk(risks: readonly DealRisk[]): DealRisk | null {
  const rank = (r: DealRisk) => (RISK_ORDER.includes(r.kind) ? RISK_ORDER.indexOf(r.kind) : RISK_ORDER.length);
  return [...risks].sort((a, b) => rank(a) - rank(b))[0] ?? null;
}

/**
 * Shows the package for `start.target` until `deps.signal` aborts.
 *
 * @example await runMeetingPackage({ target: { kind: 'event', ref, kept: true }, label: ref.title }, { signal, send: sendMessage, mount, wait, now, uuid });
 */
export async function runMeetingPackage(start: PackageStart, deps: MeetingPackageDeps): Promise<void> {
  const { signal, send } = deps;
  const { target, limited } = start;
  let view: MeetingView = { kind: 'looking', label: start.label };
  let log: LogState | undefined;
  let found: DirectorySearch | undefined;
  /** `zoom:<meeting id>:<date>`: a Zoom meeting with no event, logged with a record the rep finds. */
  let zoomKey: string | undefined;
  let paint: ((state: MeetingState, actions: MeetingActions) => void) | undefined;
  /** What a logged meeting is keyed and linked by, once known. */
  let logging: Logging | undefined;
  /** Asks for what changed (again, after a failure); set once the package is known. */
  let askSince: (() => Promise<void>) | undefined;
  /** A join page's package from one server request, when it is for this meeting and guests (null: ask one by one). */
  let given: Promise<JoinPackage | null> = NO_PACKAGE;
  /** `given`'s value once settled. */
  let givenNow: JoinPackage | null | undefined;
  const memoryKey = target?.kind === 'event' && deps.recent ? memoryKeyOf(target.ref) : undefined;
  /** Keeps the package shown in the tab's memory; anything else shown (or a saved copy the server could not confirm) forgets it. */
  const remember = () => {
    if (!memoryKey) return;
    if (view.kind === 'package' && logging) deps.recent?.remember(memoryKey, { view, logging });
    else deps.recent?.forget(memoryKey);
  };
  const recalled = memoryKey ? deps.recent?.recall(memoryKey) : undefined;

  const actions: MeetingActions = {
    logMeeting: (record) =>
      void logMeeting(record).catch(() => {
        log = { status: 'needs_attention', detail: 'No answer from the extension.' };
        repaint();
      }),
    search: (query) => void search(query).catch(() => undefined),
    retrySince: () => void askSince?.().catch(() => undefined),
  };
  const repaint = () => {
    if (!signal.aborted && paint) paint({ view, log, limited, found, canLogFound: zoomKey !== undefined && view.kind === 'unknown' }, actions);
  };
  /** One mount, however many shows overlap (the package's later answers arrive in any order). */
  let mounting: Promise<(state: MeetingState, actions: MeetingActions) => void> | undefined;
  const show = async (next: MeetingView) => {
    view = next;
    remember();
    // Mounted only when there is something to show: an internal meeting adds nothing to the page.
    paint ??= await (mounting ??= deps.mount());
    repaint();
  };

  if (!target) {
    if (limited) await show({ kind: 'unknown', label: limited.urlFacts[0] ?? start.label, reason: 'not-in-crm' });
    return;
  }

  type Package = Extract<MeetingView, { kind: 'package' }>;
  /** The package as it stands, saved or fresh; later answers (what changed, who knows whom) change it. */
  let pkg: Package | undefined;
  /** The account whose extras (what changed, who knows them best) were asked: once per account. */
  let extrasFor: string | undefined;
  const extras: Promise<unknown>[] = [];

  try {
    if (recalled && target.kind === 'event') {
      // The dialog shown a moment ago in this tab: its package paints now, the worker's cache is not
      // asked, and the server's answer repaints it below.
      logging = recalled.logging;
      await showPackage(recalled.view, target.ref.start);
      benchMark('recalled');
    }
    // A join page asks for its meeting at once, beside the rep's side: two answers, one wait (bench:panel's join pages).
    const loadedAt = deps.loadedAt?.();
    const at = loadedAt !== undefined ? { loadedAt } : {};
    /** The every-page script's answer to `ask` when one waits (asked at document start), else asked now. */
    const early = <K extends EarlyJoinAsk>(ask: K, now: () => Promise<AnswerOf<K>>): Promise<AnswerOf<K>> => {
      const waiting = target.kind === 'conference' ? deps.early?.(ask, target.conference) : undefined;
      return waiting ? waiting.then((answer) => answer ?? now()) : now();
    };
    const finding = target.kind === 'conference' ? early('findMeeting', () => send('findMeeting', { conference: target.conference, ...at })) : undefined;
    finding?.catch(() => undefined);
    // And for its whole package: one server request (the worker may have started it with the page's
    // load), whose briefs and extras stand in for the three requests in a row below when it is for
    // this very meeting and guests.
    const packaging = target.kind === 'conference' ? early('getMeetingPackage', () => send('getMeetingPackage', { conference: target.conference, ...at })).catch(() => null) : undefined;
    /** `packaging`'s answer once it came (undefined until then). */
    let packaged: Awaited<NonNullable<typeof packaging>> | undefined;
    void packaging?.then((answer) => (packaged = answer));
    benchMark('package-asked');
    const side = await ownSideOf(send, target.kind === 'conference' ? deps.early?.('getConnection', target.conference) : undefined);
    benchMark('side');
    if (signal.aborted) return;
    let ref: EventRef | null;
    /** The meeting came from the team's copy: the server answered it with the package, which is on its way. */
    let fromTeam = false;
    if (target.kind === 'event') {
      ref = target.ref;
      // Kept with its conference id for the join page, here and for the team; not on the rep's path.
      if (ref.conference && !target.kept) void send('seeMeeting', { ref }).catch(() => undefined);
    } else {
      const answer = await finding!;
      benchMark('found');
      if (signal.aborted) return;
      ref = answer.ok ? answer.value.ref : null;
      fromTeam = answer.ok && answer.value.source === 'server' && packaging !== undefined;
      if (!ref) {
        // The UTC day the rep was on the page (sites/zoom/routes.ts zoomMeetingKey says why UTC).
        if (target.zoomMeetingId) zoomKey = `zoom:${target.zoomMeetingId}:${deps.now().toISOString().slice(0, 10)}`;
        return void (await show({ kind: 'unknown', label: target.label, reason: 'unknown-meeting' }));
      }
    }
    const meeting = ref;
    const guests = meeting.attendees.filter((a) => !isOwnSide(a.address, side));
    const teammates = meeting.attendees.filter((a) => isOwnSide(a.address, side));
    // An internal-only meeting: no package. No guests at all is not internal (the list may not be loaded).
    if (meeting.attendees.length > 0 && guests.length === 0) return;
    const eventRef: EventRef = { ...meeting, attendees: meeting.attendees.slice(0, 200) };
    const guestRefs: EmailRef[] = guests.slice(0, MAX_PACKAGE_GUESTS).map((g) => ({ kind: 'email', address: g.address, ...(g.name ? { name: g.name } : {}) }));
    const refs = [eventRef, ...guestRefs];
    // The saved package first (a dialog opened again, the join page of a meeting seen before), then
    // the server's: both asked at once, the cache's answer comes first (bench:panel's warm package).
    const fitting = (answer: typeof packaged) => (answer?.ok && answer.value.package && fits(answer.value.package, meeting, guestRefs) ? answer.value.package : null);
    given = packaging ? packaging.then(fitting) : Promise.resolve(null);
    givenNow = packaged === undefined ? undefined : fitting(packaged);
    void given.then((value) => (givenNow = value));
    // The join page's package came with its meeting, or is right behind it (the team's copy came in
    // the same server answer): no saved copy to paint first, and no "Preparing…" before it.
    const ready = givenNow != null || fromTeam;
    const fromCache = ready || recalled ? Promise.resolve(null) : send('getBriefs', { refs, from: 'cache' });
    const fromServer = given.then((found) => (found ? { ok: true as const, value: { briefs: found.briefs } } : send('getBriefs', { refs, from: 'server' })));
    fromServer.catch(() => undefined);
    // A join page's package that comes before the saved copy is painted as it is: the saved copy is
    // not waited for (a round trip while the page still loads: bench:panel's join marks).
    const cached = await Promise.race([fromCache.catch(() => null), given.then((found) => (found ? null : fromCache.catch(() => null)))]);
    benchMark('cache-briefs');
    if (signal.aborted) return;
    // Only when every one of them is saved: a guest not saved yet is not "not in the CRM".
    const saved = cached?.ok && cached.value.briefs.every((dated) => dated !== null) ? packageOf(meeting, guests, teammates, cached.value.briefs) : null;
    if (saved?.kind === 'package') await showPackage(saved, meeting.start);
    else if (!ready && !recalled && !givenNow) await show({ kind: 'looking', label: meeting.title || view.label });
    const answer = await fromServer;
    benchMark('server-briefs');
    if (signal.aborted) return;
    if (!answer.ok) {
      // The saved package stays when the server cannot be asked (not remembered: the next opening
      // asks as if nothing were); otherwise say what went wrong.
      if (memoryKey) deps.recent?.forget(memoryKey);
      if ((view as MeetingView).kind !== 'package') await show({ kind: 'problem', problem: answer.error });
      return;
    }
    const fresh = packageOf(meeting, guests, teammates, answer.value.briefs);
    const found = await given;
    // The package's own answers paint with it: what changed, and who knows each guest best.
    if (fresh.kind === 'package' && found && found.since?.accountId === fresh.account.id) {
      fresh.since = found.since;
      fresh.guests = withKnownBest(fresh.guests, found.knownBest);
    }
    if (fresh.kind === 'package') await showPackage(fresh, meeting.start);
    else await show(fresh);
    await Promise.all(extras);
  } catch {
    if (!signal.aborted && (view as MeetingView).kind !== 'package') await show({ kind: 'problem', problem: { kind: 'unavailable', message: 'No answer from the extension.' } });
  }

  /**
   * The package from the briefs of the event and its external guests (in that order), or the
   * unknown card when the guests' account is not in the CRM (the server's word then wins over a
   * saved package: nothing to log it with any more).
   */
  function packageOf(ref: EventRef, guests: EmailRef[], teammates: EmailRef[], briefs: readonly ({ brief?: Brief | null } | null)[]): MeetingView {
    const [accountBrief, ...guestBriefs] = briefs.map((dated) => dated?.brief ?? null);
    const account = accountBrief?.account;
    const label = ref.title || (target?.kind === 'conference' ? target.label : guests[0]?.address ?? '');
    if (!accountBrief || !account) {
      logging = undefined;
      return { kind: 'unknown', label, reason: 'not-in-crm' };
    }
    const cards = guests.map((g, i) => guestCard(g, guestBriefs[i] ?? null));
    const firstDeal = accountBrief.openDeals[0];
    const contact = cards.find((c) => c.contactId);
    // Every other guest the CRM knows was at the meeting too: each one's last touch counts it.
    const others = [...new Set(cards.flatMap((c) => (c.contactId && c.contactId !== contact?.contactId ? [c.contactId] : [])))];
    logging = {
      key: gcalMeetingKey(ref.eventId, ref.start),
      occurredAt: new Date(Date.parse(ref.start)).toISOString(),
      accountId: account.id,
      contactId: contact?.contactId ?? undefined,
      participantContactIds: others.slice(0, 50),
      about: account.name,
    };
    return {
      kind: 'package',
      title: ref.title,
      start: meetingStart(ref.start),
      account: { id: account.id, name: account.name, tier: account.tier, stage: account.stage },
      guests: cards,
      teammates: teammates.map((t) => ({ address: t.address, name: t.name ?? t.address })),
      deal: firstDeal ? { deal: firstDeal, risk: worstRisk(firstDeal.risks) } : null,
      since: null,
    };
  }

  /**
   * Shows `next`, keeping what the extras already answered for the same account (the saved
   * package's "what changed" stays when the server's briefs replace it), and asks the extras as
   * soon as the account is known, once.
   */
  async function showPackage(next: Package, before: string) {
    const kept = pkg?.account.id === next.account.id ? pkg : undefined;
    const knownBy = new Map((kept?.guests ?? []).flatMap((g) => (g.contactId && g.knownBest !== undefined ? [[g.contactId, g.knownBest] as const] : [])));
    pkg = {
      ...next,
      since: next.since ?? kept?.since ?? null,
      sinceFailed: next.since ? false : kept?.sinceFailed,
      guests: next.guests.map((g) => (g.knownBest === undefined && g.contactId && knownBy.has(g.contactId) ? { ...g, knownBest: knownBy.get(g.contactId) } : g)),
    };
    await show(pkg);
    if (extrasFor !== next.account.id) {
      extrasFor = next.account.id;
      extras.push(askExtras(next.account.id, before, next.guests));
    }
  }

  /** Changes the package as it stands then, if it is still the one for `accountId` (the answers arrive in any order). */
  function update(accountId: string, change: (current: Package) => Package): Promise<void> {
    if (signal.aborted || !pkg || pkg.account.id !== accountId) return Promise.resolve();
    pkg = change(pkg);
    return view.kind === 'package' ? show(pkg) : Promise.resolve();
  }

  /**
   * What changed since the last meeting (the background's kept copy and the server's at once, the
   * server's wins; a failure says so with a way to ask again) and who on the team knows each guest
   * best, painted into the package as they arrive.
   */
  async function askExtras(accountId: string, before: string, cards: GuestCard[]) {
    let fresh = false;
    // The join page's package answers both, in the same request as its briefs: nothing more to ask.
    const kept = givenNow
      ? undefined
      : send('getSinceLastMeeting', { accountId, before, from: 'cache' })
          .then((answer) => (answer.ok && !fresh ? update(accountId, (p) => ({ ...p, since: answer.value })) : undefined))
          .catch(() => undefined);
    askSince = async () => {
      await update(accountId, (p) => ({ ...p, sinceFailed: false }));
      const since = await send('getSinceLastMeeting', { accountId, before }).catch(() => null);
      benchMark('since');
      if (since?.ok) fresh = true;
      // A kept copy already shown stays when the server cannot be asked.
      await update(accountId, (p) => (since?.ok ? { ...p, since: since.value, sinceFailed: false } : { ...p, sinceFailed: p.since === null }));
    };
    const askKnownBest = async () => {
      const ids = [...new Set(cards.flatMap((c) => (c.contactId ? [c.contactId] : [])))].slice(0, 40);
      if (ids.length === 0) return;
      const known = await send('getKnownBest', { contactIds: ids }).catch(() => null);
      if (!known?.ok) return;
      const byId = new Map(known.value.contacts.map((k) => [k.contactId, k]));
      await update(accountId, (p) => ({ ...p, guests: p.guests.map((g) => (g.contactId ? { ...g, knownBest: byId.get(g.contactId) } : g)) }));
    };
    // A join page's package (an event's extras are asked at once, as before).
    const found = given === NO_PACKAGE ? null : await given;
    if (found && found.since?.accountId === accountId) {
      fresh = true;
      // Painted with the fresh package already, unless a saved one was painted first.
      if (pkg?.since !== found.since) await update(accountId, (p) => ({ ...p, since: found.since, sinceFailed: false, guests: withKnownBest(p.guests, found.knownBest) }));
      return;
    }
    await Promise.all([kept, askSince(), askKnownBest()]);
  }

  async function logMeeting(record?: FoundRecord) {
    if (record && zoomKey && view.kind === 'unknown') {
      logging = { key: zoomKey, occurredAt: new Date(Math.floor(deps.now().getTime() / 60_000) * 60_000).toISOString(), accountId: record.accountId, contactId: record.contactId, about: record.name };
    }
    if (!logging) return;
    log = { status: 'saving' };
    repaint();
    const answer = await send('logActivity', {
      id: deps.uuid(),
      naturalKey: logging.key,
      type: 'meeting',
      occurredAt: logging.occurredAt,
      accountId: logging.accountId,
      ...(logging.contactId ? { contactId: logging.contactId } : {}),
      ...(logging.participantContactIds?.length ? { participantContactIds: logging.participantContactIds } : {}),
      // The same surface from the event, its join page and the side panel: the ledger compares
      // payloads, and one meeting logged from two places must be the same payload to be one activity.
      surface: 'calendar',
      about: logging.about.slice(0, 200),
    });
    if (signal.aborted) return;
    log = answer.ok ? logStateOf(answer.value.state) : { status: 'needs_attention', detail: answer.error.message };
    repaint();
    if (answer.ok) await follow(answer.value.id);
  }

  async function follow(id: string) {
    for (let delay = SYNC_POLL_MS; log?.status === 'saved' && !signal.aborted; delay = Math.min(delay * 1.5, SYNC_POLL_MAX_MS)) {
      await deps.wait(delay, signal);
      if (signal.aborted) return;
      const outbox = await send('getOutbox').catch(() => null);
      if (!outbox?.ok || signal.aborted) continue;
      const item = outbox.value.items.find((it) => it.id === id);
      log = item ? logStateOf(item.state) : { status: 'synced' };
      repaint();
    }
  }

  async function search(query: string) {
    const answer = await send('searchDirectory', { q: query.slice(0, 200) });
    if (signal.aborted) return;
    found = answer.ok ? answer.value : { accounts: [], contacts: [] };
    repaint();
  }
}

function logStateOf(state: string): LogState {
  if (state === 'synced') return { status: 'synced' };
  if (state === 'needs_attention') return { status: 'needs_attention' };
  return { status: 'saved' };
}

/** Whether a join page's package is for this meeting (its instance) and these guests, in this order. */
function fits(found: JoinPackage, meeting: EventRef, guests: readonly EmailRef[]): boolean {
  const same = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();
  try {
    if (found.meeting.eventId !== meeting.eventId || found.meeting.start !== meetingStart(meeting.start)) return false;
  } catch {
    return false;
  }
  return found.guests.length === guests.length && found.guests.every((address, i) => same(address, guests[i]!.address));
}

/** The cards with who on the team knows each best, from `known` (a guest the CRM knows and `known` does not name: nobody on the team). */
function withKnownBest(cards: GuestCard[], known: readonly KnownBest[]): GuestCard[] {
  const byId = new Map(known.map((k) => [k.contactId, k]));
  return cards.map((g) => (g.contactId ? { ...g, knownBest: byId.get(g.contactId) } : g));
}

/** A guest's card from the brief of their address (null: the CRM does not know them). */
function guestCard(guest: EmailRef, brief: Brief | null): GuestCard {
  const contact = brief?.contact ?? null;
  return {
    address: guest.address,
    name: contact?.name ?? guest.name ?? guest.address,
    contactId: contact?.id ?? null,
    title: contact?.title.value ?? null,
    role: contact?.buyingRole ?? null,
    lastTouch: contact ? brief!.relationship.lastTouch : null,
    // A guest the CRM does not know has no ledger to ask.
    ...(contact ? {} : { knownBest: null }),
  };
}
