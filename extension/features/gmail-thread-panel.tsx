/**
 * The Gmail thread panel: on an open conversation, who its external people are in the CRM (one
 * request for all of them) and the brief of the account most of them belong to. Everything generic
 * is the panel runner's (core/page/panel-runner.ts, `severalPeople`); this file says what Gmail
 * gives it: the thread read from the page (sites/gmail/thread-subject.ts), the rep's side (their
 * own addresses and the team's domain, from the connection and Gmail's title) and the never-log
 * list, which drops people before any ref is made.
 *
 * The rep's side is asked when a thread is left, for the next one (at most a minute old when it is
 * used: sites/gmail/ask-ahead.ts), so opening a thread does not wait for it.
 *
 * Hash navigation: a new thread is a new page (site.ts's page key), so the runner aborts this
 * panel and starts another. Gmail may still show the previous conversation for a moment; its
 * heading is remembered when a run ends and never read for the next thread.
 */
import type { ContentScriptContext } from '#imports';
import { sendMessage } from '../core/messaging.ts';
import type { Feature, PanelFeatureSpec } from '../core/page/contract.ts';
import { features } from '../core/page/features.ts';
import { askAhead } from '../sites/gmail/ask-ahead.ts';
import type { PanelState } from '../core/page/panel-runner.ts';
import { readMessageBody, visibleThreadHeading } from '../sites/gmail/extract-thread.ts';
import { isThread, threadTokenFromUrl } from '../sites/gmail/routes.ts';
import { gmail } from '../sites/gmail/site.ts';
import { readThreadSubject, threadDrift, threadRefs, threadSettled, type MailSide, type ThreadSubject } from '../sites/gmail/thread-subject.ts';
import { mailSide } from './gmail-mail-side.ts';
import { GmailThreadPart } from './gmail-thread-part.tsx';
import { panelFeature } from './panel-feature.tsx';

/** The conversation the rep last left: its heading is not the next thread's. */
let left: { heading: Element; token: string } | undefined;

/** The panel spec for one run, with the rep's side as it stood when the thread opened. */
export function threadPanelSpec(side: MailSide, notHeading?: Element): PanelFeatureSpec<ThreadSubject> {
  return {
    id: 'gmail-thread-panel',
    site: gmail,
    include: [isThread],
    ui: 'signalhouse-gmail-panel',
    pageKind: () => 'thread',
    extract: (doc, url) => readThreadSubject(doc, url, side, notHeading),
    settled: threadSettled,
    settleMs: 4_000,
    // The URL names a view, not a person: the people come from the page once it shows them.
    urlRefs: (subject) => (threadSettled(subject) ? threadRefs(subject) : []),
    refs: threadRefs,
    severalPeople: true,
    aliasRef: (subject) => threadRefs(subject)[0] ?? { kind: 'email', address: 'unknown@invalid.invalid' },
    facts: (subject) => (subject.thread.subject ? { name: subject.external[0]?.name ?? subject.external[0]?.address } : {}),
    urlFacts: (subject) => [`mail.google.com · conversation ${subject.thread.viewToken.slice(0, 12)}…`],
    drift: threadDrift,
    // Emails are logged per message (gmail-thread-part.tsx), not by the generic touch buttons.
    touches: [],
    touchKey: (subject, type, minute) => `gmail:${subject.thread.threadId ?? subject.thread.viewToken}:${type}:${minute.toISOString().slice(0, 16)}Z`,
  };
}

/** How old the rep's side asked when the last thread was left may be when the next one opens (ms). */
const SIDE_AHEAD_MS = 60_000;
/** The rep's side, asked when a thread is left for the next thread (sites/gmail/ask-ahead.ts). */
const sides = askAhead(mailSide, () => performance.now(), SIDE_AHEAD_MS);

const threadPanel: Feature<ContentScriptContext> = {
  id: 'gmail-thread-panel',
  site: gmail.id,
  include: [isThread],
  modes: ['on', 'side-panel-only'],
  async init(run) {
    const token = threadTokenFromUrl(run.url);
    const notHeading = left && left.token !== token ? left.heading : undefined;
    run.signal.addEventListener(
      'abort',
      () => {
        const heading = visibleThreadHeading(document);
        left = heading && token ? { heading, token } : undefined;
        // The next thread's side, asked now: a personal entry the rep added on this thread is in it.
        sides.ahead();
      },
      { once: true },
    );
    const side = await sides.next();
    if (run.signal.aborted) return;
    const extra = (state: PanelState) => (
      <GmailThreadPart state={state} bodies={side.bodies} send={sendMessage} readBody={(id) => readMessageBody(document, id)} uuid={() => crypto.randomUUID()} />
    );
    return panelFeature(threadPanelSpec(side, notHeading), { extra }).init(run);
  },
};

features.add(threadPanel);
