/**
 * The pre-call package runner (issue 13): for a meeting page (a Calendar event, a Meet or Zoom
 * join page), the account the external guests belong to, a card per external guest, the
 * teammates apart, the open deal with its risk, what changed since the last logged meeting and
 * what to ask; an internal-only event gets nothing at all (nothing is mounted).
 *
 * - a Calendar event is stored with its conference id (`seeMeeting`: this browser, and the team's
 *   server) so a join page finds it; a join page asks for its meeting by conference id
 *   (`findMeeting`: local first, then the team's), and an unknown meeting gets a small search panel;
 * - the account is the server's decision for the event ref (`getBriefs`, the external guests),
 *   each external guest's card is the brief of their address, asked in the same request; the
 *   saved copies are asked at the same time and, when every one is saved (a dialog opened again,
 *   the join page of a meeting seen before), painted at once, before the server's answer;
 * - what changed since the last meeting is asked as soon as the account is known (from the saved
 *   package when there is one), once per run: the background's kept copy and the server's at once;
 * - "Log meeting" logs one activity through the outbox under `gcal:<event id>:<start>` (the same
 *   key from the event and from its join page: a duplicate, not a second meeting), or
 *   `zoom:<meeting id>:<date>` for a Zoom meeting with no event; the same payload from every page
 *   (the ledger compares payloads), so it is answered as a duplicate, never a conflict.
 * Required selectors that stopped matching: a limited panel with search, and a censored drift report.
 *
 * No React here (the view is features/meeting-view.tsx); messaging, timers and the clock are
 * parameters, so each state is unit-tested (test/unit/extension/core/page/meeting-runner.test.ts).
 */
import type { Brief, DealRisk, DealView, Touch } from '../../../shared/brief.ts';
import type { DirectorySearch } from '../../../shared/directory.ts';
import { meetingStart, type ConferenceId, type SinceLastMeeting } from '../../../shared/meetings.ts';
import type { EmailRef, EventRef } from '../../../shared/refs.ts';
import type { sendMessage } from '../messaging.ts';
import type { ProblemInfo } from '../protocol.ts';
import type { Site } from './contract.ts';
import { settle } from './panel-runner.ts';

/** What a meeting page is about: an event it shows, or a conference whose event is to be found. */
export type MeetingTarget =
  | { kind: 'event'; ref: EventRef }
  | {
      kind: 'conference';
      conference: ConferenceId;
      /** The page's name for it, for the unknown-meeting panel ("meet.google.com/abc-defg-hij"). */
      label: string;
      /** A Zoom meeting with no event is logged under `zoom:<meeting id>:<date>`. */
      zoomMeetingId?: string | undefined;
    };

/** A meeting feature: where it runs, what it reads, and the meeting the page is about. */
export interface MeetingFeatureSpec<Subject> {
  id: string;
  site: Site;
  include: ReadonlyArray<(url: URL) => boolean>;
  elements?: string | undefined;
  ui: string;
  pageKind(url: URL): string;
  extract(doc: Document, url: URL, element?: Element): Subject | null;
  settled(subject: Subject): boolean;
  settleMs?: number;
  /** The meeting; null while the page shows none yet (an event with no id or start). */
  target(subject: Subject): MeetingTarget | null;
  /** Required selectors that did not match, by name. */
  drift(subject: Subject, doc: Document): string[];
  urlFacts(subject: Subject): string[];
}

export interface GuestCard {
  address: string;
  name: string;
  contactId: string | null;
  title: string | null;
  role: string | null;
  lastTouch: Touch | null;
}

/** The deal the meeting is about: the account's first open deal and its worst risk. */
export interface PackageDeal {
  deal: DealView;
  risk: DealRisk | null;
}

export type MeetingView =
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
}

export interface MeetingRunnerDeps<Subject = unknown> {
  signal: AbortSignal;
  doc: Document;
  url: URL;
  element?: Element | undefined;
  send: typeof sendMessage;
  mount(): Promise<(state: MeetingState, actions: MeetingActions) => void>;
  wait(ms: number, signal: AbortSignal): Promise<void>;
  now(): Date;
  uuid(): string;
  onSettled?: ((subject: Subject) => void) | undefined;
}

const SYNC_POLL_MS = 2_000;
const SYNC_POLL_MAX_MS = 10_000;

/** The rep's side of an invite: their own address and their team's mail domain (the server's rule: its users' domains). */
export interface OwnSide {
  address: string | null;
  domain: string | null;
}

const domainOf = (address: string) => address.slice(address.lastIndexOf('@') + 1).toLowerCase();

/** Whether a guest is the rep or a teammate (at the rep's mail domain or below it). */
export function isOwnSide(address: string, side: OwnSide): boolean {
  const a = address.toLowerCase();
  if (side.address && a === side.address.toLowerCase()) return true;
  const host = domainOf(a);
  return !!side.domain && (host === side.domain || host.endsWith(`.${side.domain}`));
}

/** The risks that could lose a deal, worst first: what the package names beside the deal. */
const RISK_ORDER = ['champion_left', 'close_date_passed', 'close_date_slipped', 'stalled', 'single_threaded', 'competitor_mentioned', 'no_next_step', 'no_recent_activity'];
export function worstRisk(risks: readonly DealRisk[]): DealRisk | null {
  const rank = (r: DealRisk) => (RISK_ORDER.includes(r.kind) ? RISK_ORDER.indexOf(r.kind) : RISK_ORDER.length);
  return [...risks].sort((a, b) => rank(a) - rank(b))[0] ?? null;
}

/**
 * Shows the pre-call package for what `deps.url` (and `deps.element`) shows until `deps.signal` aborts.
 *
 * @example await runMeeting(calendarDialogPackage, { signal, doc: document, url, element, send: sendMessage, mount, … });
 */
export async function runMeeting<Subject>(spec: MeetingFeatureSpec<Subject>, deps: MeetingRunnerDeps<Subject>): Promise<void> {
  const { signal, doc, url, element, send } = deps;
  const first = spec.extract(doc, url, element);
  if (first === null || signal.aborted) return;
  const subject = spec.settled(first) ? first : await settle(spec, deps, first);
  if (signal.aborted) return;
  deps.onSettled?.(subject);

  let view: MeetingView = { kind: 'looking', label: spec.urlFacts(subject)[0] ?? spec.site.name };
  let log: LogState | undefined;
  let limited: MeetingState['limited'];
  let found: DirectorySearch | undefined;
  /** `zoom:<meeting id>:<date>`: a Zoom meeting with no event, logged with a record the rep finds. */
  let zoomKey: string | undefined;
  let paint: ((state: MeetingState, actions: MeetingActions) => void) | undefined;
  /** What changed since the last meeting, for the account `sinceFor` (asked once per account). */
  let since: SinceLastMeeting | undefined;
  let sinceFor: string | undefined;
  let sinceAsked: Promise<void> | undefined;
  /** What a logged meeting is keyed and linked by, once known. */
  let logging: { key: string; occurredAt: string; accountId: string; contactId?: string | undefined; about: string } | undefined;

  const actions: MeetingActions = {
    logMeeting: (record) => void logMeeting(record).catch(() => {
      log = { status: 'needs_attention', detail: 'No answer from the extension.' };
      repaint();
    }),
    search: (query) => void search(query).catch(() => undefined),
  };
  const repaint = () => {
    if (!signal.aborted && paint) paint({ view, log, limited, found, canLogFound: zoomKey !== undefined && view.kind === 'unknown' }, actions);
  };
  const show = async (next: View) => {
    view = next;
    // Mounted only when there is something to show: an internal meeting adds nothing to the page.
    paint ??= await deps.mount();
    repaint();
  };
  type View = MeetingView;

  const missing = safely(() => spec.drift(subject, doc), []);
  if (missing.length > 0) {
    limited = { urlFacts: spec.urlFacts(subject) };
    void send('reportDrift', { site: spec.site.id, pageKind: spec.pageKind(url), selectors: missing }).catch(() => undefined);
  }
  const target = safely(() => spec.target(subject), null);
  if (!target) {
    if (limited) await show({ kind: 'unknown', label: limited.urlFacts[0] ?? spec.site.name, reason: 'not-in-crm' });
    return;
  }

  try {
    // A join page asks for its meeting at once, beside the rep's side: two answers, one wait (bench:panel's join pages).
    const finding = target.kind === 'conference' ? send('findMeeting', { conference: target.conference }) : undefined;
    finding?.catch(() => undefined);
    const side = await ownSide();
    if (signal.aborted) return;
    let ref: EventRef | null;
    if (target.kind === 'event') {
      ref = target.ref;
      // Kept with its conference id for the join page, here and for the team; not on the rep's path.
      if (ref.conference) void send('seeMeeting', { ref }).catch(() => undefined);
    } else {
      const answer = await finding!;
      if (signal.aborted) return;
      ref = answer.ok ? answer.value.ref : null;
      if (!ref) {
        // The UTC day the rep was on the page (sites/zoom/routes.ts zoomMeetingKey says why UTC).
        if (target.zoomMeetingId) zoomKey = `zoom:${target.zoomMeetingId}:${deps.now().toISOString().slice(0, 10)}`;
        return void (await show({ kind: 'unknown', label: target.label, reason: 'unknown-meeting' }));
      }
    }
    const guests = ref.attendees.filter((a) => !isOwnSide(a.address, side));
    const teammates = ref.attendees.filter((a) => isOwnSide(a.address, side));
    // An internal-only meeting: no package. No guests at all is not internal (the list may not be loaded).
    if (ref.attendees.length > 0 && guests.length === 0) return;
    const eventRef: EventRef = { ...ref, attendees: ref.attendees.slice(0, 200) };
    const guestRefs: EmailRef[] = guests.slice(0, 40).map((g) => ({ kind: 'email', address: g.address, ...(g.name ? { name: g.name } : {}) }));
    const refs = [eventRef, ...guestRefs];
    // The saved package first (a dialog opened again, the join page of a meeting seen before), then
    // the server's: both asked at once, the cache's answer comes first (bench:panel's warm package).
    const fromCache = send('getBriefs', { refs, from: 'cache' });
    const fromServer = send('getBriefs', { refs, from: 'server' });
    fromServer.catch(() => undefined);
    const cached = await fromCache.catch(() => null);
    if (signal.aborted) return;
    // Only when every one of them is saved: a guest not saved yet is not "not in the CRM".
    const saved = cached?.ok && cached.value.briefs.every((dated) => dated !== null) ? packageOf(ref, target, guests, teammates, cached.value.briefs) : null;
    if (saved?.kind === 'package') await show(saved);
    else await show({ kind: 'looking', label: ref.title || view.label });
    const answer = await fromServer;
    if (signal.aborted) return;
    if (!answer.ok) {
      // The saved package stays when the server cannot be asked; otherwise say what went wrong.
      if ((view as View).kind !== 'package') await show({ kind: 'problem', problem: answer.error });
      return;
    }
    await show(packageOf(ref, target, guests, teammates, answer.value.briefs));
    await sinceAsked;
  } catch {
    if (!signal.aborted && (view as View).kind !== 'package') await show({ kind: 'problem', problem: { kind: 'unavailable', message: 'No answer from the extension.' } });
  }

  /**
   * The package from the briefs of the event and its external guests (in that order), or the
   * unknown card when the guests' account is not in the CRM. A package for an account asks what
   * changed since the last meeting there once, as soon as the account is known (the saved package
   * names it before the server answers), and keeps its answer across repaints.
   */
  function packageOf(ref: EventRef, target: MeetingTarget, guests: EmailRef[], teammates: EmailRef[], briefs: readonly ({ brief?: Brief | null } | null)[]): View {
    const [accountBrief, ...guestBriefs] = briefs.map((dated) => dated?.brief ?? null);
    const account = accountBrief?.account;
    const label = ref.title || (target.kind === 'conference' ? target.label : guests[0]?.address ?? '');
    if (!accountBrief || !account) {
      // The server's word wins over a saved package: nothing to log it with any more.
      logging = undefined;
      return { kind: 'unknown', label, reason: 'not-in-crm' };
    }
    const cards = guests.map((g, i) => guestCard(g, guestBriefs[i] ?? null));
    const firstDeal = accountBrief.openDeals[0];
    const start = meetingStart(ref.start);
    const contact = cards.find((c) => c.contactId);
    logging = {
      key: `gcal:${ref.eventId}:${start}`,
      occurredAt: new Date(Date.parse(ref.start)).toISOString(),
      accountId: account.id,
      contactId: contact?.contactId ?? undefined,
      about: account.name,
    };
    askSince(account.id, ref.start);
    return {
      kind: 'package',
      title: ref.title,
      start,
      account: { id: account.id, name: account.name, tier: account.tier, stage: account.stage },
      guests: cards,
      teammates: teammates.map((t) => ({ address: t.address, name: t.name ?? t.address })),
      deal: firstDeal ? { deal: firstDeal, risk: worstRisk(firstDeal.risks) } : null,
      since: since?.accountId === account.id ? since : null,
    };
  }

  /**
   * What changed at `accountId` since the last meeting before `before`, asked once per account:
   * the background's kept copy (a package opened again) and the server's, both at once, each
   * painted into the package when it arrives; the server's wins.
   */
  function askSince(accountId: string, before: string) {
    if (sinceFor === accountId) return;
    sinceFor = accountId;
    let fresh = false;
    const paintSince = async (value: SinceLastMeeting) => {
      since = value;
      if (view.kind === 'package' && view.account.id === accountId) await show({ ...view, since });
    };
    const kept = send('getSinceLastMeeting', { accountId, before, from: 'cache' })
      .then(async (answer) => {
        if (!signal.aborted && answer.ok && !fresh && sinceFor === accountId) await paintSince(answer.value);
      })
      .catch(() => undefined);
    const server = send('getSinceLastMeeting', { accountId, before })
      .then(async (answer) => {
        if (signal.aborted || !answer.ok || sinceFor !== accountId) return;
        fresh = true;
        await paintSince(answer.value);
      })
      .catch(() => undefined);
    sinceAsked = Promise.all([kept, server]).then(() => undefined);
  }

  async function ownSide(): Promise<OwnSide> {
    const answer = await send('getConnection').catch(() => null);
    const email = answer?.ok ? (answer.value.user?.email ?? null) : null;
    return { address: email, domain: email ? domainOf(email) : null };
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
      // The same surface from the event and its join page: the ledger compares payloads, and one
      // meeting logged from two pages must be the same payload to be one activity.
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
  };
}

function safely<T>(run: () => T, fallback: T): T {
  try {
    return run();
  } catch {
    return fallback;
  }
}
