/**
 * The LinkedIn profile panel feature: on a profile page, who this member is in the CRM.
 *
 * Paints the cached brief at once (with its "as of"), then the server's; a member the server does
 * not know gets the not-in-CRM card with suggestions from `resolveRefs`. Every step checks the
 * page's signal before painting, so the previous profile's data never shows after navigation, and
 * every failure ends in a limited card or nothing: an exception never reaches LinkedIn's page.
 * Corrections (panel-corrections.ts): a pick ("wrong match?", "this is them") records an alias and
 * the panel asks the server again; flags of wrong data go to the server with a visible status.
 *
 * The panel follows the connection while its page is open (the background broadcasts each change,
 * core/connection-status.ts): it says where things stand in words (connecting, not connected,
 * token refused or expired, server unreachable) and asks for its brief again once connected, so a
 * profile opened before or while the rep connects shows its brief without a reload.
 */
import type { ReactElement } from 'react';
import { browser } from 'wxt/browser';
import type { ContentScriptContext } from '#imports';
import type { Brief } from '../../shared/brief.ts';
import type { LinkedInRef } from '../../shared/refs.ts';
import type { Suggestion } from '../../shared/match.ts';
import type { LinkedInTouchType, TouchState } from '../components/LogTouch.tsx';
import { ConnectionNotice } from '../components/ConnectionNotice.tsx';
import { connectionWords, stateOfProblem } from '../components/connection-words.ts';
import { NotInCrm } from '../components/NotInCrm.tsx';
import { Panel } from '../components/Panel.tsx';
import { onConnectionStatus } from '../core/connection-status.ts';
import { sendMessage } from '../core/messaging.ts';
import { mountPanel } from '../core/mount.ts';
import { touchTime } from './linkedin-touch.ts';
import type { ConnectionStatus, OutboxItemView, ProblemInfo } from '../core/protocol.ts';
import { extractProfile, toIdentityRef, type LinkedInProfile } from '../sites/linkedin/extract-profile.ts';
import { createCorrections, type Corrections } from './panel-corrections.ts';

/** How long to wait for the top card's name before going on with the URL slug alone. */
const NAME_WAIT_MS = 2_500;
/**
 * How often to ask the outbox whether a logged touch reached the server: soon at first, then less
 * often, for as long as the page is open (the server may be away for minutes; "Saved" must turn
 * into "Synced" once it is back, not stay "Saved" because the panel stopped asking).
 */
const SYNC_POLL_MS = 2_000;
const SYNC_POLL_MAX_MS = 10_000;

const CARD = 'font-sans w-[340px] rounded-[8px] border border-slate-200 bg-white p-[10px] text-left text-[13px] leading-[18px] text-slate-900 shadow-lg';

/** What the panel shows; each state is one paint. */
type View =
  | { kind: 'looking'; name: string }
  | { kind: 'brief'; brief: Brief; asOf: string; offline: boolean }
  | { kind: 'not-in-crm'; suggestions: Suggestion[] }
  /** No brief to show because of the connection: its state in words, until it changes. */
  | { kind: 'connection'; status: ConnectionStatus }
  | { kind: 'problem'; problem: ProblemInfo };

/** How many times one look-up asks again because the connection changed while it was out. */
const MAX_ASK_AGAIN = 3;

/** What the `linkedin-panel` bundle gives the LinkedIn content script. */
export interface LinkedInPanelApi {
  showProfilePanel: typeof showProfilePanel;
}

/**
 * Shows the panel for the profile at `url` until `signal` aborts.
 *
 * @example showProfilePanel(ctx, signal, new URL(location.href))
 */
export async function showProfilePanel(ctx: ContentScriptContext, signal: AbortSignal, url: URL): Promise<void> {
  const found = extractProfile(document, url);
  if (!found || signal.aborted) return;
  const first: LinkedInProfile = found;
  // Listening before the first request: a change broadcast while it is out is not missed. One that
  // arrives while the panel mounts is only counted (the first request, made after, sees it anyway).
  let painting = false;
  const connection = followConnection(signal, (status) => {
    if (painting) onConnectionChange(status);
  });
  const paint = await mountPanel(ctx, signal, 'signalhouse-linkedin-panel');
  let profile: LinkedInProfile = first;
  let view: View = { kind: 'looking', name: first.name ?? first.slug };
  let touch: TouchState | undefined;
  /** The touch whose delivery the panel follows; a newer one replaces it. */
  let followed: string | undefined;
  /** The connection, when it keeps a shown brief from being fresh (token refused or expired, disconnected). */
  let notice: ConnectionStatus | undefined;

  const repaint = () => {
    if (!signal.aborted) paint(render(view, profile, touch, logTouch, corrections, notice));
  };
  const corrections: Corrections = createCorrections({
    signal,
    repaint,
    ref: () => toIdentityRef(profile),
    // A background that went away leaves the panel as it is; nothing may reach LinkedIn's page.
    reload: () => paintFromServer(toIdentityRef(profile)).catch(() => undefined),
  });
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
      show({ kind: 'looking', name: profile.name ?? profile.slug });
      void paintFromServer(toIdentityRef(profile)).catch(() => undefined);
      return;
    }
    if (painted.kind === 'brief' || painted.kind === 'not-in-crm') {
      const stale = status.state === 'not_connected' || status.state === 'token_refused' || status.state === 'token_expired';
      notice = stale ? status : undefined;
      repaint();
      // Back from offline (or reconnected after a refusal): the saved copy gives way to the server's.
      if (status.state === 'connected' && painted.kind === 'brief' && painted.offline) void paintFromServer(toIdentityRef(profile)).catch(() => undefined);
    }
  }

  async function logTouch(type: LinkedInTouchType) {
    try {
      await saveTouch(type);
    } catch {
      if (signal.aborted) return;
      touch = { status: 'needs_attention', type, detail: 'No answer from the extension.' };
      repaint();
    }
  }

  async function saveTouch(type: LinkedInTouchType) {
    if (view.kind !== 'brief' || !view.brief.contact) return;
    const now = new Date();
    touch = { status: 'saving', type };
    repaint();
    const answer = await sendMessage('logActivity', {
      id: crypto.randomUUID(),
      ...touchTime(profile.slug, type, now),
      type,
      contactId: view.brief.contact.id,
      ...(view.brief.account ? { accountId: view.brief.account.id } : {}),
      surface: 'linkedin',
      // The outbox names the person; a name the CRM left empty is simply not shown, a long one is cut.
      ...(view.brief.contact.name.trim() ? { about: view.brief.contact.name.trim().slice(0, 200) } : {}),
    });
    if (signal.aborted) return;
    touch = answer.ok ? touchStateOf(answer.value, type) : { status: 'needs_attention', type, detail: answer.error.message };
    repaint();
    if (answer.ok) await followSync(answer.value.id, type);
  }

  async function followSync(id: string, type: LinkedInTouchType) {
    followed = id;
    for (let delay = SYNC_POLL_MS; touch?.status === 'saved' && followed === id && !signal.aborted; delay = Math.min(delay * 1.5, SYNC_POLL_MAX_MS)) {
      await sleep(delay, signal);
      if (signal.aborted) return;
      // No answer (the service worker restarting) or a failed read says nothing about the item: ask again later.
      const outbox = await sendMessage('getOutbox').catch(() => null);
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

  async function paintBriefs() {
    // The slug alone finds the cached brief; the name, once the top card shows it, helps the server match.
    const slugRef = toIdentityRef(first);
    const named = waitForName(url, first, signal);
    // The cache first: the background answers in order, and the server path writes to the cache.
    const fromCache = sendMessage('getBriefs', { refs: [slugRef], from: 'cache' });
    // Started at document start, the page shows no name yet: ask the server by the URL's slug
    // now (a LinkedIn URL in the CRM is the surest match) rather than after the name appears.
    const early = first.layout === 'url' ? sendMessage('getBriefs', { refs: [slugRef], from: 'server' }) : undefined;
    const cached = await fromCache;
    const cachedBrief = cached.ok ? cached.value.briefs[0] : null;
    if (signal.aborted) return;
    if (cachedBrief?.brief) show({ kind: 'brief', brief: cachedBrief.brief, asOf: cachedBrief.asOf, offline: false });

    const byUrl = early ? await early : undefined;
    if (signal.aborted) return;
    const found = byUrl?.ok ? byUrl.value.briefs[0] : undefined;
    if (found?.brief) {
      show({ kind: 'brief', brief: found.brief, asOf: found.asOf, offline: found.source === 'cache' });
      // The page's name and company (for the job-change banner) once the top card shows them.
      profile = await named;
      repaint();
      return;
    }

    profile = await named;
    if (signal.aborted) return;
    await paintFromServer(toIdentityRef(profile));
  }

  async function paintFromServer(ref: LinkedInRef) {
    for (let asked = 0; ; asked++) {
      const since = connection.changes();
      const fresh = await sendMessage('getBriefs', { refs: [ref], from: 'server' });
      if (signal.aborted) return;
      if (fresh.ok) {
        const dated = fresh.value.briefs[0];
        // The server answered: nothing stands between the rep and a fresh brief any more.
        if (dated?.source !== 'cache') notice = undefined;
        if (dated?.brief) {
          show({ kind: 'brief', brief: dated.brief, asOf: dated.asOf, offline: dated.source === 'cache' });
          return;
        }
        return showNotInCrm(ref, show, signal);
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
      const latest = connection.latest();
      if (connection.changes() !== since && latest) {
        if (latest.state === 'connected' && asked < MAX_ASK_AGAIN) continue;
        if (latest.state !== 'connected') return showConnection(latest, painted);
      }
      const status = await connection.statusFor(state, fresh.error);
      if (signal.aborted) return;
      if (status.state === 'connected' && asked < MAX_ASK_AGAIN) continue;
      return showConnection(status, view as View);
    }
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
}

/** What the panel knows of the connection: the broadcasts it received, and the background's word when it has none. */
interface FollowedConnection {
  /** How many broadcasts arrived so far (a request compares it before and after). */
  changes(): number;
  latest(): ConnectionStatus | undefined;
  /** The status to show for a failed request: the latest broadcast, else the background's view, else the answer's. */
  statusFor(state: NonNullable<ReturnType<typeof stateOfProblem>>, problem: ProblemInfo): Promise<ConnectionStatus>;
}

function followConnection(signal: AbortSignal, onChange: (status: ConnectionStatus) => void): FollowedConnection {
  let changes = 0;
  let latest: ConnectionStatus | undefined;
  onConnectionStatus(browser.runtime, signal, (status) => {
    changes++;
    latest = status;
    onChange(status);
  });
  return {
    changes: () => changes,
    latest: () => latest,
    async statusFor(state, problem) {
      if (latest) return latest;
      // No broadcast yet (nothing changed since the page opened): the background says where things stand.
      const view = await sendMessage('getConnection').catch(() => null);
      if (view?.ok) return { state: view.value.state, serverUrl: view.value.serverUrl, expiredAt: view.value.expiredAt ?? problem.expiredAt ?? null };
      return { state, serverUrl: '', expiredAt: problem.expiredAt ?? null };
    },
  };
}

async function showNotInCrm(ref: LinkedInRef, show: (view: View) => void, signal: AbortSignal) {
  const resolved = await sendMessage('resolveRefs', { refs: [ref] });
  if (signal.aborted) return;
  show({ kind: 'not-in-crm', suggestions: resolved.ok ? (resolved.value.resolutions[0]?.suggestions ?? []) : [] });
}

function render(
  view: View,
  profile: LinkedInProfile,
  touch: TouchState | undefined,
  onLog: (type: LinkedInTouchType) => Promise<void>,
  corrections: Corrections,
  notice: ConnectionStatus | undefined,
): ReactElement {
  const fixes = corrections.state;
  const openOptions = () => void sendMessage('openOptions').catch(() => undefined);
  // Above a brief or a not-in-CRM card: why it may be stale, and what to do.
  const strip = notice ? (
    <ConnectionNotice words={connectionWords(notice, { saved: true })} onOpenOptions={openOptions} className={`${CARD} mb-[6px]`} />
  ) : null;
  switch (view.kind) {
    case 'brief': {
      const { brief } = view;
      return (
        <>
        {strip}
        <Panel
          // Another person (after a correction) is a new panel: no open lists or dismissed banner carried over.
          key={brief.contact?.id ?? brief.account?.id ?? 'none'}
          brief={brief}
          now={new Date()}
          asOf={view.asOf}
          offline={view.offline}
          pageName={profile.name}
          pageCompany={profile.currentCompany}
          touchState={touch}
          onLog={(type) => void onLog(type)}
          onPickSuggestion={corrections.pick}
          // "Yes, that's them" on a weak match: the rep vouches for it, and the team remembers it.
          onConfirmMatch={brief.contact ? () => void corrections.pick({ contactId: brief.contact!.id, name: brief.contact!.name }) : undefined}
          onSearch={corrections.search}
          searchResults={fixes.searchResults}
          pickedContactId={fixes.pickedContactId}
          aliasStatus={fixes.alias}
          onFlag={corrections.flag}
          flagStatus={fixes.flag}
          onFlagJobChange={(company) => corrections.flagJobChange(brief, company)}
          jobChangeFlagStatus={fixes.jobChangeFlag}
        />
        </>
      );
    }
    case 'not-in-crm':
      return (
        <>
        {strip}
        <div className={CARD} data-panel="not-in-crm">
          <NotInCrm
            pageName={profile.name}
            pageCompany={profile.currentCompany}
            suggestions={view.suggestions}
            onPick={corrections.pick}
            onSearch={corrections.search}
            searchResults={fixes.searchResults}
            pickedContactId={fixes.pickedContactId}
            status={fixes.alias}
          />
        </div>
        </>
      );
    case 'connection':
      return <ConnectionNotice words={connectionWords(view.status)} onOpenOptions={openOptions} className={CARD} />;
    case 'problem':
      return (
        <div className={CARD} data-panel="problem" role="status">
          {view.problem.kind === 'unavailable' ? 'Signalhouse: no answer from the extension. Reload the page to try again.' : 'Signalhouse could not load this profile.'}
        </div>
      );
    case 'looking':
      return (
        <div className={`${CARD} text-slate-500`} data-panel="looking" role="status">
          {`Looking up ${view.name}…`}
        </div>
      );
  }
}

function touchStateOf(item: OutboxItemView, type: LinkedInTouchType): TouchState {
  if (item.state === 'synced') return { status: 'synced', type };
  if (item.state === 'needs_attention') return { status: 'needs_attention', type, ...(item.lastError ? { detail: item.lastError } : {}) };
  return { status: 'saved', type };
}

/**
 * The profile once its top card shows a name (LinkedIn renders it after the URL changes), or the
 * URL-only profile after `NAME_WAIT_MS`. The observer and the timer end with the page's signal.
 */
function waitForName(url: URL, first: LinkedInProfile, signal: AbortSignal): Promise<LinkedInProfile> {
  if (first.layout !== 'url') return Promise.resolve(first);
  return new Promise((resolve) => {
    const done = new AbortController();
    const finish = (profile: LinkedInProfile) => {
      done.abort();
      resolve(profile);
    };
    const observer = new MutationObserver(() => {
      const profile = extractProfile(document, url);
      if (profile && profile.layout !== 'url') finish(profile);
    });
    observer.observe(document.body, { childList: true, subtree: true, characterData: true });
    done.signal.addEventListener('abort', () => observer.disconnect(), { once: true });
    signal.addEventListener('abort', () => finish(first), { once: true, signal: done.signal });
    void sleep(NAME_WAIT_MS, done.signal).then(() => finish(first));
  });
}

/** Resolves after `ms`, or at once when `signal` aborts; never a timer that outlives the page. */
function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });
}
