/**
 * The extension's one message contract: every message a page, panel or content script may send to
 * the background, its payload schema and its answer. Answers are `Result` values: errors are data
 * at this boundary, never exceptions, so a content script can always render something.
 *
 * The background validates every payload with `validatePayload` before handling it, because
 * content scripts run beside untrusted pages.
 *
 * @example
 * const answer = await sendMessage('getBriefs', { refs: [{ kind: 'linkedin', profileUrl }], from: 'cache' });
 * if (answer.ok) paint(answer.value.briefs[0]);
 */
import { z } from 'zod';
import { ActivityInput, ActivityType } from '../../shared/activity.ts';
import { Brief, BriefRef, BriefsRequest } from '../../shared/brief.ts';
import { DirectorySearch } from '../../shared/directory.ts';
import { ResolveAnswer, ResolveRequest as ResolveRefsPayload } from '../../shared/match.ts';
import { AliasAnswer as RecordAliasAnswer, AliasRequest as RecordAliasPayload, AliasView } from '../../shared/alias.ts';
import { Flag, FlagRequest, type FlagAnswer } from '../../shared/flag.ts';
import { AddContactRequest, type AddContactResponse } from '../../shared/contact.ts';
import { Digest, SignalStateAnswer, SignalStateUpdate } from '../../shared/digest.ts';
import { ReviewQueue, ReviewScope } from '../../shared/review.ts';
import { DriftPageKind, DriftReport, DriftSelector, PAGE_KIND_PATTERN } from '../../shared/drift.ts';
import { EventRef, IdentityRef } from '../../shared/refs.ts';
import { ActivityLookupAnswer, ActivityLookupRequest, MailSetting } from '../../shared/mail-policy.ts';
import { ConferenceId, KnownBest, KnownBestAnswer, MAX_KNOWN_BEST, MAX_PACKAGE_GUESTS, SinceLastMeeting } from '../../shared/meetings.ts';
import { ComposeContextAnswer, ComposeContextRequest } from '../../shared/compose.ts';
import { SITE_MODES, type SiteMode } from './site-modes.ts';

// Request and answer schemas of the server's routes are written once, in shared/; these keep the names messages use.
export { AliasView, RecordAliasAnswer, RecordAliasPayload, ResolveAnswer, ResolveRefsPayload, SignalStateAnswer };

// ---------------------------------------------------------------------------------------------
// Result

/** Why something failed, as the UI needs to tell it apart. */
export const ErrorKind = z.enum([
  /** The payload failed validation (a bug or a hostile page). */
  'invalid',
  /** The server could not be reached (network down, server stopped, CORS refused). */
  'offline',
  /** The token is missing, wrong or revoked. */
  'unauthorized',
  /** The token was right but its time ran out (401 problem `token-expired`): the rep needs a new one. */
  'token_expired',
  /** The server refused the request (problem+json 4xx); `field` says which value. */
  'rejected',
  /** The server failed (5xx) or answered something this version cannot read. */
  'server',
  /** The URL answers, but not as a Signalhouse server. */
  'not_signalhouse',
  /** No server and token are set yet. */
  'not_connected',
  /** The sender may not send this message (a content script asking to change the connection). */
  'forbidden',
  /** No such item (an outbox id that is not there). */
  'not_found',
  /** The background has no handler wired for this message yet. */
  'unavailable',
]);
export type ErrorKind = z.infer<typeof ErrorKind>;

export const ProblemInfo = z.strictObject({
  kind: ErrorKind,
  message: z.string(),
  /** The value at fault, `refs[0].profileUrl`, when the server or the validator named one. */
  field: z.string().optional(),
  /** HTTP status, when the server answered. */
  status: z.number().int().optional(),
  /** `token_expired`: when the token expired (ISO time), if the server said. */
  expiredAt: z.string().optional(),
});
export type ProblemInfo = z.infer<typeof ProblemInfo>;

export type Result<T> = { ok: true; value: T } | { ok: false; error: ProblemInfo };

/** @example return ok({ briefs }) */
export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
/** @example return fail('offline', 'The server did not answer.') */
export const fail = <T = never>(kind: ErrorKind, message: string, extra: Omit<ProblemInfo, 'kind' | 'message'> = {}): Result<T> => ({
  ok: false,
  error: { kind, message, ...extra },
});

// ---------------------------------------------------------------------------------------------
// Payloads and answers

/** `cache`: answer at once from the local copy (null where none); `server`: fetch, store, answer. */
export const GetBriefsPayload = z.strictObject({
  refs: BriefsRequest.shape.refs,
  from: z.enum(['cache', 'server']),
});
export type GetBriefsPayload = z.infer<typeof GetBriefsPayload>;

/** One brief as the panel paints it: the brief (null: the server knows nobody), and how old it is. */
export const DatedBrief = z.strictObject({
  brief: Brief.nullable(),
  /** When the server produced this answer (the panel's "as of <time>"). */
  asOf: z.string(),
  source: z.enum(['cache', 'server']),
});
export type DatedBrief = z.infer<typeof DatedBrief>;

/** One entry per ref, in order; null only when asked `from: 'cache'` and nothing is cached. */
export const BriefsAnswer = z.strictObject({ briefs: z.array(DatedBrief.nullable()) });
export type BriefsAnswer = z.infer<typeof BriefsAnswer>;

/**
 * An activity to save in the outbox. A sender that makes the UUID itself (crypto.randomUUID) makes
 * a repeated message one touch; without one, the background makes it at the local commit.
 */
export const LogActivityPayload = ActivityInput.extend({
  id: ActivityInput.shape.id.optional(),
  /** Whom it was about, as the panel shows them: listed in the outbox, never sent to the server. */
  about: z.string().trim().min(1).max(200).optional(),
  /**
   * Hold the item until this time: it is not sent before, and `cancelHeldActivity` deletes it
   * until then (a Gmail send waiting out Gmail's "Undo send"). At most `MAX_HOLD_MS` ahead (the
   * background refuses more); never sent to the server.
   */
  notBefore: z.iso.datetime({ offset: true }).optional(),
});
export type LogActivityPayload = z.infer<typeof LogActivityPayload>;

/** An outbox item as the side panel lists it. `saved`: committed locally; `synced`: acked by the server. */
export const OutboxItemView = z.strictObject({
  id: z.string(),
  type: ActivityType,
  /** Whom the touch was about (the contact's name when it was logged). */
  about: z.string().nullable(),
  subject: z.string().nullable(),
  occurredAt: z.string(),
  state: z.enum(['queued', 'sending', 'synced', 'needs_attention']),
  attempts: z.number().int().min(0),
  /** What the server said about an item it refused (needs_attention), or the last network failure. */
  lastError: z.string().nullable(),
  nextAttemptAt: z.string().nullable(),
  /** Present while the item is held (state `queued`, not sent before this time: Gmail's undo window). */
  heldUntil: z.string().optional(),
});
export type OutboxItemView = z.infer<typeof OutboxItemView>;
export const OutboxAnswer = z.strictObject({ items: z.array(OutboxItemView) });
export type OutboxAnswer = z.infer<typeof OutboxAnswer>;

export const RetryOutboxItemPayload = z.strictObject({ id: z.uuid() });
export type RetryOutboxItemPayload = z.infer<typeof RetryOutboxItemPayload>;

/** The longest hold a `logActivity` may ask for: Gmail's longest undo (30 s) with room to spare. */
export const MAX_HOLD_MS = 120_000;

export const CancelHeldActivityPayload = z.strictObject({ id: z.uuid() });
export type CancelHeldActivityPayload = z.infer<typeof CancelHeldActivityPayload>;
/**
 * `cancelled`: the held item is deleted, never sent. `hold_over`: its hold had ended (or it was
 * never held), nothing changed; `item` is the item as it is now. `unknown`: no item with that id.
 */
export const CancelHeldAnswer = z.strictObject({ outcome: z.enum(['cancelled', 'hold_over', 'unknown']), item: OutboxItemView.nullable() });
export type CancelHeldAnswer = z.infer<typeof CancelHeldAnswer>;

/**
 * Where the connection stands, as every open panel follows it (connection-status.ts words it):
 * - `not_connected`: no token saved (or Disconnect);
 * - `connecting`: a Connect is being tested against the server;
 * - `connected`: a token is saved and the server last accepted it (or has not been asked since);
 * - `token_refused`: the server answered 401 to the saved token (wrong or revoked);
 * - `token_expired`: the server answered 401 `token-expired` to the saved token;
 * - `offline`: the server could not be reached on the last request.
 */
export const ConnectionState = z.enum(['not_connected', 'connecting', 'connected', 'token_refused', 'token_expired', 'offline']);
export type ConnectionState = z.infer<typeof ConnectionState>;

/** The state as the background broadcasts it to every tab and extension page (no token, no person). */
export const ConnectionStatus = z.strictObject({
  state: ConnectionState,
  /** The server in force (a panel names its host: "Can't reach the server at …"). */
  serverUrl: z.string(),
  /** `token_expired`: when the token expired (ISO time), if the server said. */
  expiredAt: z.string().nullable(),
});
export type ConnectionStatus = z.infer<typeof ConnectionStatus>;

/** What any page may know about the connection: never the token itself. */
export const ConnectionView = z.strictObject({
  /** Where the connection stands now (see ConnectionState). */
  state: ConnectionState,
  /** `token_expired`: when the token expired (ISO time), if the server said. */
  expiredAt: z.string().nullable(),
  serverUrl: z.string(),
  /** Set by an administrator through managed storage: the options page shows it read-only. */
  serverUrlPinned: z.boolean(),
  /** Pinned and the admin asked to hide the field. */
  serverUrlHidden: z.boolean(),
  hasToken: z.boolean(),
  user: z.strictObject({ id: z.string(), name: z.string(), email: z.string(), role: z.string() }).nullable(),
  team: z.strictObject({ id: z.string(), name: z.string() }).nullable(),
  serverVersion: z.string().nullable(),
  /** When the last successful Connect happened. */
  connectedAt: z.string().nullable(),
});
export type ConnectionView = z.infer<typeof ConnectionView>;

/** A token is sent once, on Connect; omitted, the stored one is tested again (e.g. a new URL). */
export const ConnectPayload = z.strictObject({
  serverUrl: z.string().trim().min(1).max(2048).optional(),
  token: z.string().trim().min(1).max(4096).optional(),
});
export type ConnectPayload = z.infer<typeof ConnectPayload>;

export const SearchDirectoryPayload = z.strictObject({
  q: z.string().trim().min(1).max(200),
  limit: z.number().int().min(1).max(50).optional(),
});
export type SearchDirectoryPayload = z.infer<typeof SearchDirectoryPayload>;

// ---------------------------------------------------------------------------------------------
// Corrections: aliases ("wrong match?", "this is them") and flags of wrong data

/** A flag of wrong data, exactly as `POST /v1/flags` takes it. */
export const FlagDataPayload = FlagRequest;
export type FlagDataPayload = z.infer<typeof FlagDataPayload>;
/**
 * "Add as contact" from a panel, exactly as `POST /v1/contacts` takes it (shared/contact.ts): the
 * person on the page, on a CRM account, with the page they were added from. The answer carries
 * their brief.
 */
export const AddContactPayload = AddContactRequest;
export type AddContactPayload = z.infer<typeof AddContactPayload>;
export type AddContactAnswer = AddContactResponse;

/** The side panel's "My flags": the rep's own flags, newest first, with their outcomes. */
export const GetMyFlagsPayload = z.strictObject({ limit: z.number().int().min(1).max(100).optional() });
export type GetMyFlagsPayload = z.infer<typeof GetMyFlagsPayload>;
export const MyFlagsAnswer = z.strictObject({ flags: z.array(Flag) });
export type MyFlagsAnswer = z.infer<typeof MyFlagsAnswer>;
export const MAX_RECENT_BRIEFS = 50;

/** The side panel's "Recent": without a limit, the background answers its default number. */
export const GetRecentBriefsPayload = z.strictObject({ limit: z.number().int().min(1).max(MAX_RECENT_BRIEFS).optional() });
export type GetRecentBriefsPayload = z.infer<typeof GetRecentBriefsPayload>;

/**
 * A brief the rep viewed recently, as the side panel lists it. `ref` asks `getBriefs` for it
 * again: built from its cache key, so `from: 'cache'` finds the same row with the server down.
 */
export const RecentBrief = z.strictObject({
  /** The cache key (`linkedin:<slug>`, `contact:<id>`): a stable list key, never shown. */
  key: z.string(),
  ref: BriefRef,
  /** The contact's name, else the account's. */
  title: z.string(),
  /** "Title at Account", or "Account". */
  detail: z.string(),
  /** When the server produced the cached brief (the "as of"). */
  asOf: z.string(),
  /** When a panel last showed it: the list's order, newest first. */
  viewedAt: z.string(),
});
export type RecentBrief = z.infer<typeof RecentBrief>;
export const RecentBriefsAnswer = z.strictObject({ items: z.array(RecentBrief) });
export type RecentBriefsAnswer = z.infer<typeof RecentBriefsAnswer>;

// ---------------------------------------------------------------------------------------------
// The daily digest and the review queue (side panel's Today)

/** `cache`: the last copy at once (null where none); `server`: fetch, store, answer (the copy when offline). */
const From = z.enum(['cache', 'server']);

export const GetDigestPayload = z.strictObject({ from: From.optional() });
export type GetDigestPayload = z.infer<typeof GetDigestPayload>;

/** The digest as the panel paints it, with its "as of"; `source: 'cache'` after `from: 'server'` means the server was not reached. */
export const DatedDigest = z.strictObject({ digest: Digest, asOf: z.string(), source: z.enum(['cache', 'server']) });
export type DatedDigest = z.infer<typeof DatedDigest>;
export const DigestAnswer = z.strictObject({ dated: DatedDigest.nullable() });
export type DigestAnswer = z.infer<typeof DigestAnswer>;

/** Without a scope the server picks: a rep's own queue, a manager's team. */
export const GetReviewQueuePayload = z.strictObject({
  scope: ReviewScope.optional(),
  from: From.optional(),
  limit: z.number().int().min(1).max(500).optional(),
});
export type GetReviewQueuePayload = z.infer<typeof GetReviewQueuePayload>;
export const DatedReviewQueue = z.strictObject({ queue: ReviewQueue, asOf: z.string(), source: z.enum(['cache', 'server']) });
export type DatedReviewQueue = z.infer<typeof DatedReviewQueue>;
export const ReviewQueueAnswer = z.strictObject({ dated: DatedReviewQueue.nullable() });
export type ReviewQueueAnswer = z.infer<typeof ReviewQueueAnswer>;

/** Done (`acted`), Dismiss (`dismissed`) or shown (`seen`), exactly as `POST /v1/signals/state` takes it. */
export const SetSignalStatePayload = SignalStateUpdate;
export type SetSignalStatePayload = z.infer<typeof SetSignalStatePayload>;

// ---------------------------------------------------------------------------------------------
// Selector drift (censored: names and counts only)

/** A panel found required selectors not matching: their names, the site and the kind of page. Never page content. */
export const ReportDriftPayload = z.strictObject({
  // Any site's id (a name like a page kind's); the background keeps reports of shipped sites only.
  site: z.string().regex(PAGE_KIND_PATTERN),
  pageKind: DriftPageKind,
  selectors: z.array(DriftSelector).min(1).max(20),
});
export type ReportDriftPayload = z.infer<typeof ReportDriftPayload>;
/** A kept report as the side panel lists it; `sent`: the server has all of its count. */
export const DriftReportView = DriftReport.extend({ sent: z.boolean() });
export type DriftReportView = z.infer<typeof DriftReportView>;
export const DriftReportsAnswer = z.strictObject({ reports: z.array(DriftReportView) });
export type DriftReportsAnswer = z.infer<typeof DriftReportsAnswer>;

// ---------------------------------------------------------------------------------------------
// Sites: each site's mode (core/site-modes.ts) and the side panel's "This page"

const SiteId = z.string().regex(/^[a-z][a-z0-9-]{0,39}$/);
export const SiteModeSchema = z.enum(SITE_MODES as [SiteMode, ...SiteMode[]]);
/** One site's row in the options page: its name in words, its mode, and whether an admin pinned it. */
export const SiteModeView = z.strictObject({ id: z.string(), name: z.string(), mode: SiteModeSchema, pinned: z.boolean() });
export type SiteModeView = z.infer<typeof SiteModeView>;
export const SiteModesAnswer = z.strictObject({ sites: z.array(SiteModeView) });
export type SiteModesAnswer = z.infer<typeof SiteModesAnswer>;
/** The rep's choice for one site (refused when an admin pinned it). */
export const SetSiteModePayload = z.strictObject({ site: SiteId, mode: SiteModeSchema });
export type SetSiteModePayload = z.infer<typeof SetSiteModePayload>;

/**
 * What a page feature read on the page, for the side panel's "This page": refs only (what the URL
 * gives, then what the page shows), never the page's text. The tab is the sender's.
 */
export const PageSubject = z.strictObject({
  site: SiteId,
  /** The page it was read on; the background forgets it when the tab goes to another path. */
  url: z.string().max(2048),
  /** The refs the URL alone gives (the cache is asked by them first). */
  urlRefs: z.array(IdentityRef).max(20),
  /** The refs the server is asked by, once the page settled. */
  refs: z.array(IdentityRef).max(20),
  /** The subject's name as the page shows it, for "Loading Jane Doe…". */
  label: z.string().max(200),
});
export type PageSubject = z.infer<typeof PageSubject>;
/** A page's subject, or `null` when its page no longer shows one (left, or the feature aborted). */
export const SetPageSubjectPayload = z.strictObject({ subject: PageSubject.nullable() });
export type SetPageSubjectPayload = z.infer<typeof SetPageSubjectPayload>;
export const GetTabSubjectPayload = z.strictObject({ tabId: z.number().int().min(0) });
export type GetTabSubjectPayload = z.infer<typeof GetTabSubjectPayload>;
export const TabSubjectAnswer = z.strictObject({ subject: PageSubject.nullable() });
export type TabSubjectAnswer = z.infer<typeof TabSubjectAnswer>;
// The page panel's own preferences (remembered by the background in extension storage, never the host page's)

/** The panel's sections whose open state is remembered across pages. */
export const PanelSectionId = z.enum(['signals', 'contact', 'account', 'intent', 'deals', 'stakeholders']);
export type PanelSectionId = z.infer<typeof PanelSectionId>;
/**
 * Which sections the rep left open or closed (a section not named is collapsed), and whether the
 * rep collapsed the panel to its tab on the edge (absent: shown).
 */
export const PanelPrefs = z.strictObject({ sections: z.partialRecord(PanelSectionId, z.boolean()), collapsed: z.boolean().optional() });
export type PanelPrefs = z.infer<typeof PanelPrefs>;
/**
 * One toggle, of a section or of the whole panel (shown or a tab): the background merges it into
 * what it keeps (two tabs toggling different sections both count).
 */
export const SetPanelPrefsPayload = z
  // One object with every field optional, not a union: a bad field is then named ("section"), not "(payload)".
  .strictObject({ section: PanelSectionId.optional(), open: z.boolean().optional(), collapsed: z.boolean().optional() })
  .superRefine((value, ctx) => {
    const section = value.section !== undefined || value.open !== undefined;
    if (section && value.collapsed !== undefined) ctx.addIssue({ code: 'custom', path: ['collapsed'], message: 'Either a section toggle or the collapsed state, not both.' });
    else if (section && (value.section === undefined || value.open === undefined)) ctx.addIssue({ code: 'custom', path: [value.section === undefined ? 'section' : 'open'], message: 'A section toggle needs the section and whether it is open.' });
    else if (!section && value.collapsed === undefined) ctx.addIssue({ code: 'custom', path: ['collapsed'], message: 'A section toggle or the collapsed state is needed.' });
  });
export type SetPanelPrefsPayload = z.infer<typeof SetPanelPrefsPayload>;

/** `getComposeContext`: a Gmail compose window's external recipients (addresses and names), as the server takes them. */
export const GetComposeContextPayload = ComposeContextRequest;
export type GetComposeContextPayload = z.infer<typeof GetComposeContextPayload>;
export { ComposeContextAnswer };

/** `lookupActivities`: which natural keys the team's ledger holds (the server's request, as is). */
export const LookupActivitiesPayload = ActivityLookupRequest;
export type LookupActivitiesPayload = z.infer<typeof LookupActivitiesPayload>;
export { ActivityLookupAnswer };

/**
 * `getMailPolicy`: what the Gmail panel never sends and may log. `neverLog` joins the admin's list
 * (the server's `mail` setting, kept from the last answer so it holds offline) and the rep's own
 * personal addresses and domains; `bodies` is the admin's switch.
 */
export const MailPolicyView = z.strictObject({
  neverLog: MailSetting.shape.neverLog,
  bodies: z.boolean(),
  /** The rep's own entries, which the rep may remove (the admin's may not). */
  personal: MailSetting.shape.neverLog,
});
export type MailPolicyView = z.infer<typeof MailPolicyView>;
/** The rep marks an address or a domain personal: never sent, never logged. */
export const AddPersonalNeverLogPayload = z.strictObject({ entry: MailSetting.shape.neverLog.element });
export type AddPersonalNeverLogPayload = z.infer<typeof AddPersonalNeverLogPayload>;

/** For messages without data: `undefined` (what sendMessage sends) or nothing else. */
// ---------------------------------------------------------------------------------------------
// Meetings (issue 13): events seen in Calendar, found again from a Meet or Zoom join page

/** An event the page saw, with its conference: kept locally by conference id and sent to `POST /v1/meetings`. */
export const SeeMeetingPayload = z.strictObject({ ref: EventRef });
export type SeeMeetingPayload = z.infer<typeof SeeMeetingPayload>;
/** A join page asks for its meeting by conference id: this browser's copy first, then the team's. */
/**
 * `loadedAt`: when the asking page's navigation started (`performance.timeOrigin`, ms since the
 * epoch): only a package request made for this page load (by the worker's prefetch or this page's
 * other ask) is shared with it, never one from the page before (core/background/join-packages.ts).
 */
const LoadedAt = z.number().finite().nonnegative().optional();
export const FindMeetingPayload = z.strictObject({ conference: ConferenceId, loadedAt: LoadedAt });
export type FindMeetingPayload = z.infer<typeof FindMeetingPayload>;
export const FoundMeeting = z.strictObject({ ref: EventRef.nullable(), source: z.enum(['local', 'server']).nullable() });
export type FoundMeeting = z.infer<typeof FoundMeeting>;
/**
 * A join page asks for its whole package by conference id (`GET /v1/meetings?…&include=package`,
 * one request; the background may have started it when the tab's URL became the join page):
 * the meeting instance it is for, its external guests, the briefs of the event and the guests
 * (stored in the brief cache as any other answer), what changed and who knows whom. `package` is
 * null when the team has no meeting on the conference.
 */
export const GetMeetingPackagePayload = z.strictObject({ conference: ConferenceId, loadedAt: LoadedAt });
export type GetMeetingPackagePayload = z.infer<typeof GetMeetingPackagePayload>;
export const JoinPackage = z.strictObject({
  /** The instance the package is for: the team's meeting on the conference (start in UTC to the second). */
  meeting: z.strictObject({ eventId: z.string(), start: z.string() }),
  guests: z.array(z.string()).max(MAX_PACKAGE_GUESTS),
  /** The event's brief, then each guest's, in order. */
  briefs: z.array(DatedBrief.nullable()),
  since: SinceLastMeeting.nullable(),
  knownBest: z.array(KnownBest).max(MAX_KNOWN_BEST),
});
export type JoinPackage = z.infer<typeof JoinPackage>;
export const JoinPackageAnswer = z.strictObject({ package: JoinPackage.nullable() });
export type JoinPackageAnswer = z.infer<typeof JoinPackageAnswer>;
/** `from: 'cache'`: the copy the background kept (core/background/since-copies.ts), `not_found` when none; otherwise the server's. */
export const GetSinceLastMeetingPayload = z.strictObject({ accountId: z.string().min(1).max(64), before: z.iso.datetime({ offset: true }).optional(), from: z.enum(['cache', 'server']).optional() });
export type GetSinceLastMeetingPayload = z.infer<typeof GetSinceLastMeetingPayload>;
export { SinceLastMeeting };
/** Who on the team knows each guest best (`GET /v1/contacts/known-best`). */
export const GetKnownBestPayload = z.strictObject({ contactIds: z.array(z.string().min(1).max(64)).min(1).max(MAX_KNOWN_BEST) });
export type GetKnownBestPayload = z.infer<typeof GetKnownBestPayload>;
export { KnownBestAnswer };
/** The side panel's meetings: those this browser saw in Calendar starting between `from` and `to`, soonest first. */
export const GetMeetingsPayload = z.strictObject({ from: z.iso.datetime({ offset: true }), to: z.iso.datetime({ offset: true }) });
export type GetMeetingsPayload = z.infer<typeof GetMeetingsPayload>;
export const MeetingsAnswer = z.strictObject({ meetings: z.array(EventRef) });
export type MeetingsAnswer = z.infer<typeof MeetingsAnswer>;
/**
 * The meeting a reminder's click asked the side panel to show (`gcal:<event id>:<start>`), with
 * this browser's copy of its event (null when it is no longer kept); taken once.
 */
export const MeetingRequestAnswer = z.strictObject({ request: z.strictObject({ key: z.string(), ref: EventRef.nullable() }).nullable() });
export type MeetingRequestAnswer = z.infer<typeof MeetingRequestAnswer>;

const NoPayload = z.undefined();

// ---------------------------------------------------------------------------------------------
// The contract

/** @webext-core/messaging protocol: verb-first names, one payload, a `Result` answer. */
export interface ProtocolMap {
  getBriefs(data: GetBriefsPayload): Result<BriefsAnswer>;
  resolveRefs(data: ResolveRefsPayload): Result<ResolveAnswer>;
  logActivity(data: LogActivityPayload): Result<OutboxItemView>;
  getOutbox(): Result<OutboxAnswer>;
  retryOutboxItem(data: RetryOutboxItemPayload): Result<OutboxItemView>;
  cancelHeldActivity(data: CancelHeldActivityPayload): Result<CancelHeldAnswer>;
  getConnection(): Result<ConnectionView>;
  connect(data: ConnectPayload): Result<ConnectionView>;
  disconnect(): Result<ConnectionView>;
  /** Opens the extension's options page (a panel's "Open options" button: content scripts cannot). */
  openOptions(): Result<null>;
  searchDirectory(data: SearchDirectoryPayload): Result<DirectorySearch>;
  // Corrections
  recordAlias(data: RecordAliasPayload): Result<RecordAliasAnswer>;
  flagData(data: FlagDataPayload): Result<FlagAnswer>;
  addContact(data: AddContactPayload): Result<AddContactAnswer>;
  getMyFlags(data: GetMyFlagsPayload): Result<MyFlagsAnswer>;
  getRecentBriefs(data: GetRecentBriefsPayload): Result<RecentBriefsAnswer>;
  // Today: the daily digest and the review queue
  getDigest(data: GetDigestPayload): Result<DigestAnswer>;
  getReviewQueue(data: GetReviewQueuePayload): Result<ReviewQueueAnswer>;
  setSignalState(data: SetSignalStatePayload): Result<SignalStateAnswer>;
  // Selector drift
  reportDrift(data: ReportDriftPayload): Result<null>;
  getDriftReports(): Result<DriftReportsAnswer>;
  // Sites
  getSiteModes(): Result<SiteModesAnswer>;
  setSiteMode(data: SetSiteModePayload): Result<SiteModesAnswer>;
  setPageSubject(data: SetPageSubjectPayload): Result<null>;
  getTabSubject(data: GetTabSubjectPayload): Result<TabSubjectAnswer>;
  // The page panel's preferences
  getPanelPrefs(): Result<PanelPrefs>;
  setPanelPrefs(data: SetPanelPrefsPayload): Result<PanelPrefs>;
  // Mail (Gmail)
  lookupActivities(data: LookupActivitiesPayload): Result<ActivityLookupAnswer>;
  getMailPolicy(): Result<MailPolicyView>;
  addPersonalNeverLog(data: AddPersonalNeverLogPayload): Result<MailPolicyView>;
  getComposeContext(data: GetComposeContextPayload): Result<ComposeContextAnswer>;
  // Meetings
  seeMeeting(data: SeeMeetingPayload): Result<null>;
  findMeeting(data: FindMeetingPayload): Result<FoundMeeting>;
  getMeetingPackage(data: GetMeetingPackagePayload): Result<JoinPackageAnswer>;
  getSinceLastMeeting(data: GetSinceLastMeetingPayload): Result<SinceLastMeeting>;
  getKnownBest(data: GetKnownBestPayload): Result<KnownBestAnswer>;
  getMeetings(data: GetMeetingsPayload): Result<MeetingsAnswer>;
  takeMeetingRequest(): Result<MeetingRequestAnswer>;
}
export type MessageName = keyof ProtocolMap;
export type PayloadOf<K extends MessageName> = Parameters<ProtocolMap[K]>[0];
export type AnswerOf<K extends MessageName> = ReturnType<ProtocolMap[K]>;
export type ValueOf<K extends MessageName> = AnswerOf<K> extends Result<infer T> ? T : never;

export const PAYLOADS = {
  getBriefs: GetBriefsPayload,
  resolveRefs: ResolveRefsPayload,
  logActivity: LogActivityPayload,
  getOutbox: NoPayload,
  retryOutboxItem: RetryOutboxItemPayload,
  cancelHeldActivity: CancelHeldActivityPayload,
  getConnection: NoPayload,
  connect: ConnectPayload,
  disconnect: NoPayload,
  openOptions: NoPayload,
  searchDirectory: SearchDirectoryPayload,
  // Corrections
  recordAlias: RecordAliasPayload,
  flagData: FlagDataPayload,
  addContact: AddContactPayload,
  getMyFlags: GetMyFlagsPayload,
  getRecentBriefs: GetRecentBriefsPayload,
  // Today
  getDigest: GetDigestPayload,
  getReviewQueue: GetReviewQueuePayload,
  setSignalState: SetSignalStatePayload,
  // Selector drift
  reportDrift: ReportDriftPayload,
  getDriftReports: NoPayload,
  // Sites
  getSiteModes: NoPayload,
  setSiteMode: SetSiteModePayload,
  setPageSubject: SetPageSubjectPayload,
  getTabSubject: GetTabSubjectPayload,
  // The page panel's preferences
  getPanelPrefs: NoPayload,
  setPanelPrefs: SetPanelPrefsPayload,
  // Mail (Gmail)
  lookupActivities: LookupActivitiesPayload,
  getMailPolicy: NoPayload,
  addPersonalNeverLog: AddPersonalNeverLogPayload,
  getComposeContext: GetComposeContextPayload,
  // Meetings
  seeMeeting: SeeMeetingPayload,
  findMeeting: FindMeetingPayload,
  getMeetingPackage: GetMeetingPackagePayload,
  getSinceLastMeeting: GetSinceLastMeetingPayload,
  getKnownBest: GetKnownBestPayload,
  getMeetings: GetMeetingsPayload,
  takeMeetingRequest: NoPayload,
} satisfies { [K in MessageName]: z.ZodType<PayloadOf<K>, unknown> };

/**
 * Messages only extension pages (options, side panel) may send: changing where the token goes,
 * the list of everyone the rep looked at lately, the rep's flags and their outcomes, and the rep's whole book as the digest and the
 * review queue tell it: no host page's content script needs any of them.
 */
export const EXTENSION_PAGES_ONLY: ReadonlySet<MessageName> = new Set<MessageName>([
  'connect',
  'disconnect',
  'getRecentBriefs',
  'getMyFlags',
  'getDigest',
  'getReviewQueue',
  'setSignalState',
  'getDriftReports',
  // A page may not change a site's mode (it could turn the extension on where the rep turned it
  // off), nor read what another tab shows.
  'getSiteModes',
  'setSiteMode',
  'getTabSubject',
  // The rep's calendar as this browser saw it (titles, guests), for the side panel's meetings.
  'getMeetings',
  'takeMeetingRequest',
]);

/** The server's own body limit; nothing a page sends needs more. */
export const MAX_PAYLOAD_BYTES = 1_048_576;

export const isMessageName = (name: unknown): name is MessageName => typeof name === 'string' && Object.hasOwn(PAYLOADS, name);

/**
 * Checks a payload against its message's schema. Unknown fields, oversize lists and strings,
 * unknown message names all come back as an `invalid` Result naming the field, never a throw.
 *
 * @example
 * const p = validatePayload('getBriefs', message.data);
 * if (!p.ok) return p;
 */
export function validatePayload<K extends MessageName>(name: K, data: unknown): Result<PayloadOf<K>> {
  if (!isMessageName(name)) return fail('invalid', `Unknown message ${JSON.stringify(String(name)).slice(0, 80)}.`);
  let size = 0;
  try {
    size = data === undefined ? 0 : JSON.stringify(data).length;
  } catch {
    return fail('invalid', 'The payload is not plain data.');
  }
  if (size > MAX_PAYLOAD_BYTES) return fail('invalid', `The payload is larger than ${MAX_PAYLOAD_BYTES} bytes.`);
  const parsed = (PAYLOADS[name] as z.ZodType<PayloadOf<K>>).safeParse(data);
  if (parsed.success) return ok(parsed.data);
  const issue = parsed.error.issues[0]!;
  const path = issue.code === 'unrecognized_keys' ? [...issue.path, issue.keys[0] ?? ''] : issue.path;
  const field = fieldPath(path);
  const message = issue.code === 'unrecognized_keys' ? 'unknown field' : issue.message;
  return fail('invalid', `${name}: ${field}: ${message}`, { field });
}

/** `['refs', 0, 'profileUrl']` → `refs[0].profileUrl`, as the server names fields. */
function fieldPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const part of path) out += typeof part === 'number' ? `[${part}]` : out ? `.${String(part)}` : String(part);
  return out || '(payload)';
}
