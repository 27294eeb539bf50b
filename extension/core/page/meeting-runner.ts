/**
 * The pre-call package runner on a meeting page (issue 13): a Calendar event, a Meet or Zoom join
 * page. Reads the page (extract, then settle), reports required selectors that stopped matching
 * (a censored drift report, and a limited panel with search), and hands the meeting it found to
 * the package (core/meeting-package.ts: the account, a card per external guest, the teammates
 * apart, the open deal with its risk, what changed since the last logged meeting, what to ask,
 * "Log meeting"), which the side panel shows too. An internal-only event gets nothing at all.
 *
 * - a Calendar event is stored with its conference id (`seeMeeting`: this browser, and the team's
 *   server) so a join page finds it; a join page asks for its meeting by conference id
 *   (`findMeeting`: local first, then the team's), and an unknown meeting gets a small search panel;
 * - the package follows the page while it is open: the page is read again on its changes
 *   (throttled), and when the meeting it shows is another (another event, start or conference, or
 *   another guest list) the package starts again for it, in the same mount. Settling only waits
 *   for the event's id, title and time: a guest list that arrives after them (a dialog still being
 *   parsed on a loaded machine, or rendered in two steps) would otherwise leave a package decided
 *   without its guests ("not in the CRM") for as long as the dialog stays open.
 *
 * No React here (the view is components/MeetingView.tsx); messaging, timers and the clock are
 * parameters, so each state is unit-tested (test/unit/extension/core/page/meeting-runner.test.ts).
 */
import { runMeetingPackage, type MeetingActions, type MeetingPackageDeps, type MeetingTarget } from '../meeting-package.ts';
import type { Site } from './contract.ts';
import { settle } from './panel-runner.ts';

// The package's types, for the page features and the view that import them from here.
export { isOwnSide, worstRisk, type FoundRecord, type GuestCard, type LogState, type MeetingActions, type MeetingState, type MeetingTarget, type MeetingView, type OwnSide, type PackageDeal } from '../meeting-package.ts';

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

export interface MeetingRunnerDeps<Subject = unknown> extends MeetingPackageDeps {
  doc: Document;
  url: URL;
  element?: Element | undefined;
  onSettled?: ((subject: Subject) => void) | undefined;
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

  let limited: { urlFacts: string[] } | undefined;
  const missing = safely(() => spec.drift(subject, doc), []);
  if (missing.length > 0) {
    limited = { urlFacts: spec.urlFacts(subject) };
    void send('reportDrift', { site: spec.site.id, pageKind: spec.pageKind(url), selectors: missing }).catch(() => undefined);
  }
  // One mount for every package the page shows (the first that has something to show mounts it).
  let mounting: ReturnType<MeetingRunnerDeps['mount']> | undefined;
  const mount = () => (mounting ??= deps.mount());
  let shown: { key: string; life: AbortController } | undefined;
  /** Starts the package for what `read` shows, unless it is the meeting already shown; answers its run. */
  const show = (read: Subject): Promise<void> | undefined => {
    const target = safely(() => spec.target(read), null);
    const key = meetingKeyOf(target);
    if (shown && shown.key === key) return undefined;
    shown?.life.abort();
    const life = new AbortController();
    signal.addEventListener('abort', () => life.abort(), { once: true });
    shown = { key, life };
    let painted = false;
    const runMount = () => ((painted = true), mount());
    return runMeetingPackage({ target, label: spec.urlFacts(read)[0] ?? spec.site.name, limited }, { ...deps, signal: life.signal, mount: runMount }).then(async () => {
      // The page now shows a meeting with nothing to show (an internal one): the last one's package goes.
      if (!painted && mounting && !life.signal.aborted) (await mounting)({ view: { kind: 'none' } }, NO_ACTIONS);
    });
  };
  const firstRun = show(subject);
  // A join page's meeting is its URL's conference, which no change of the page makes another:
  // only an event read from the page is followed (Meet's pre-join page changes all the time).
  if (safely(() => spec.target(subject), null)?.kind !== 'conference') follow(spec, deps, (read) => void show(read)?.catch(() => undefined));
  await firstRun;
}

const NO_ACTIONS: MeetingActions = { logMeeting: () => undefined, search: () => undefined, retrySince: () => undefined };

/** What makes a meeting another one for the package: the event, its start, its conference and its guests (not its title). */
function meetingKeyOf(target: MeetingTarget | null): string {
  if (!target) return '';
  if (target.kind === 'conference') return `conference ${target.conference.provider} ${target.conference.id}`;
  const { eventId, start, attendees, conference } = target.ref;
  return JSON.stringify([eventId, start, conference?.meetingId ?? null, attendees.map((a) => a.address.toLowerCase()).sort()]);
}

/** How often at most the page is read again while the host changes it. */
const FOLLOW_EVERY_MS = 250;

/** Reads the page again on its changes (at most every FOLLOW_EVERY_MS, the last change always read) until `deps.signal` aborts. */
function follow<Subject>(spec: MeetingFeatureSpec<Subject>, deps: MeetingRunnerDeps<Subject>, onRead: (subject: Subject) => void): void {
  const { doc, url, element, signal } = deps;
  if (signal.aborted || typeof MutationObserver === 'undefined') return;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const read = () => {
    timer = undefined;
    if (signal.aborted) return;
    const subject = safely(() => spec.extract(doc, url, element), null);
    if (subject !== null && spec.settled(subject)) onRead(subject);
  };
  const observer = new MutationObserver(() => {
    timer ??= setTimeout(read, FOLLOW_EVERY_MS);
  });
  observer.observe(element ?? doc, { childList: true, subtree: true, characterData: true, attributes: true });
  signal.addEventListener(
    'abort',
    () => {
      observer.disconnect();
      clearTimeout(timer);
    },
    { once: true },
  );
}

function safely<T>(run: () => T, fallback: T): T {
  try {
    return run();
  } catch {
    return fallback;
  }
}
