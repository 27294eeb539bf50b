/**
 * Gmail's compose card (issue 12): one run per compose window (new message, reply, forward,
 * pop-out; several at once), living as long as its element, across in-page navigation
 * (`acrossPages`: started by the every-page script's compose watch, sites/gmail/page.ts).
 *
 * - Recipients: the window's To, Cc and Bcc chips (sites/gmail/compose.ts), without the rep, the
 *   team and the never-log list (dropped before any request), are asked about in ONE request per
 *   change of the set (`getComposeContext`: only those not known yet); a removed recipient's card
 *   goes at once. Answers are kept for a minute in this tab, so a second window to the same person
 *   paints from memory.
 * - Talking points: "Insert" puts the line at the caret in the body as plain text.
 * - Sent emails: when the rep turned on "log sent emails to CRM contacts" (options page), a window
 *   sent with a message id (the draft's `msg-a:` id Gmail keeps) is logged through the outbox under
 *   the key the thread's "Log email" uses (sites/gmail/email-key.ts), so logging it later from the
 *   thread is a duplicate, not a second activity. The log is held for Gmail's "Undo send" and
 *   cancelled when a window shows the same draft again within it (gmail-sent-log.ts).
 * The card is in a closed shadow root beside the window (core/page/mount.ts): nothing of it is in
 * the page's DOM.
 */
import type { ContentScriptContext } from '#imports';
import { browser } from 'wxt/browser';
import type { RecipientContext, TalkingPoint } from '../../shared/compose.ts';
import { logSentFrom, LOG_SENT_KEY } from '../core/log-sent-setting.ts';
import { sendMessage } from '../core/messaging.ts';
import type { Feature } from '../core/page/contract.ts';
import { features } from '../core/page/features.ts';
import { mountPanel, type Paint } from '../core/page/mount.ts';
import { followForgetting, tabMemory } from '../core/page/tab-memory.ts';
import { wait } from '../core/page/wait.ts';
import { toEmailRefs, type Person } from '../sites/common/participants.ts';
import { composeClosed, composeDrift, COMPOSE_ROOT_SELECTOR, readCompose, type ComposeWindow } from '../sites/gmail/compose.ts';
import { composeFrom, followCaret, insertPlainText, onSend, watchRecipients } from '../sites/gmail/compose-actions.ts';
import { isMailApp } from '../sites/gmail/routes.ts';
import { gmail } from '../sites/gmail/site.ts';
import { ComposeCard, type ComposeCardStatus } from './gmail-compose-card.tsx';
import { externalRecipients, sentEmailActivity } from './gmail-compose-logic.ts';
import { mailSide } from './gmail-mail-side.ts';
import { createSentLog } from './gmail-sent-log.ts';

/** How long an answer about a person serves another window in this tab. */
const REMEMBER_MS = 60_000;
/** A window that goes within this long of Send was sent (Gmail closes it at once; an error keeps it open). */
const SENT_WITHIN_MS = 15_000;
/** Gmail builds a window's fields over a few frames: drift is judged this long after the window appears. */
const DRIFT_AFTER_MS = 2_500;

/** Answers about people, by address: forgotten with the tab's other memories (core/page/tab-memory.ts). */
const remembered = tabMemory<RecipientContext>({ maxAgeMs: REMEMBER_MS, maxEntries: 200 });

/**
 * This tab's sent windows held for Gmail's "Undo send": Undo reopens the draft in this tab only.
 * The clock is read through `Date` at each call, not `Date.now` taken when this module loads: a
 * test's clock set later is the one read (the unit test broke once the real day passed its date).
 */
const sentLog = createSentLog({ log: (payload) => sendMessage('logActivity', payload), cancel: (id) => sendMessage('cancelHeldActivity', { id }), now: () => Date.now() });

/** The rep's side, asked once a minute at most: every window of the tab needs it at once. */
let asked: { side: ReturnType<typeof mailSide>; at: number } | undefined;
function sideNow(): ReturnType<typeof mailSide> {
  if (!asked || Date.now() - asked.at > REMEMBER_MS) asked = { side: mailSide(), at: Date.now() };
  return asked.side;
}

const composeCard: Feature<ContentScriptContext> = {
  id: 'gmail-compose-card',
  site: gmail.id,
  include: [isMailApp],
  elements: COMPOSE_ROOT_SELECTOR,
  acrossPages: true,
  async init({ signal, element, context }) {
    if (!element) return;
    followForgetting(browser.runtime);
    const [side, logSent] = await Promise.all([
      sideNow(),
      browser.storage.local
        .get(LOG_SENT_KEY)
        .then(logSentFrom)
        .catch(() => false),
    ]);
    if (signal.aborted) return;
    const contexts = new Map<string, RecipientContext>();
    let status: ComposeCardStatus = 'ready';
    let shown: Person[] = [];
    let drift = false;
    let paint: Paint | undefined;
    let mounting: Promise<Paint> | undefined;
    const caret = followCaret(element, signal);
    const insert = (point: TalkingPoint) => void insertPlainText(element, point.text, caret());

    const render = () => {
      if (signal.aborted) return;
      if (!paint && shown.length === 0 && !drift) return;
      if (!paint) {
        // The card's frame is mounted once the window has someone to show, never for an empty one.
        mounting ??= mountPanel(context, signal, 'signalhouse-gmail-compose', gmail.anchor, { beside: element }).then((p) => (paint = p));
        void mounting.then(render);
        return;
      }
      paint(<ComposeCard recipients={shown.map((person) => ({ person, context: contexts.get(person.address) }))} status={status} now={new Date()} onInsert={insert} drift={drift} />);
    };

    let asking = '';
    const update = async () => {
      const compose = readCompose(element);
      latest = compose;
      // This window showing a draft this tab sent moments ago is Gmail's Undo: its held log goes.
      void sentLog.opened(compose.draftId, element);
      shown = externalRecipients(compose, side);
      for (const person of shown) {
        const memory = remembered.recall(person.address);
        if (!contexts.has(person.address) && memory) contexts.set(person.address, memory);
      }
      const missing = shown.filter((person) => !contexts.has(person.address));
      const set = missing.map((person) => person.address).join(',');
      if (missing.length === 0 || set === asking) return render();
      asking = set;
      status = 'asking';
      render();
      const answer = await sendMessage('getComposeContext', { recipients: toEmailRefs(missing, 50) }).catch(() => null);
      if (signal.aborted || asking !== set) return;
      asking = '';
      if (!answer?.ok) {
        status = 'failed';
        return render();
      }
      // One answer per recipient asked, in order (the server's address is normalised its own way).
      answer.value.recipients.forEach((item, i) => {
        const address = missing[i]?.address;
        if (!address) return;
        contexts.set(address, item);
        remembered.remember(address, item);
      });
      status = 'ready';
      render();
    };

    let latest: ComposeWindow = readCompose(element);
    let sentAt: Date | undefined;
    let from: string | undefined;
    onSend(element, signal, () => {
      sentAt = new Date();
      from = composeFrom(element) ?? side.ownAddresses.at(-1);
      latest = readCompose(element);
    });
    signal.addEventListener(
      'abort',
      () => {
        if (!logSent || !sentAt || !from || !latest.draftId || Date.now() - sentAt.getTime() > SENT_WITHIN_MS || !composeClosed(element)) return;
        void sentLog.sent(latest.draftId, sentAt, element, sentEmailActivity(latest, { from, sentAt, contexts, id: crypto.randomUUID(), neverLog: side.neverLog }));
      },
      { once: true },
    );
    watchRecipients(element, signal, () => void update());
    await update();
    await wait(DRIFT_AFTER_MS, signal);
    const missing = signal.aborted ? [] : composeDrift(element);
    if (missing.length > 0) {
      // Names only, never the page's content (shared/drift.ts); the limited card says so.
      void sendMessage('reportDrift', { site: gmail.id, pageKind: 'compose', selectors: missing }).catch(() => undefined);
      drift = true;
      render();
    }
  },
};

features.add(composeCard);
