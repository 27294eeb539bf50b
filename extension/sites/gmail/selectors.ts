/**
 * Every CSS selector the Gmail adapter uses, named and dated (host-pages.md §2, Dec 2026).
 * "2014 captures" are the two real thread-list pages in `../shared/fixtures/gmail/` (Dec 2014,
 * MIT/Apache-2.0 test data of InboxSDK). No licensed capture of a conversation or a compose window
 * exists: those selectors come from InboxSDK (snapshot 2026-07) and gmail.js (2026-03), a 2025-08
 * held-out real message and dated live-DOM notes, and are checked only on the hand-made pages in
 * `test/fixtures/gmail/`. Gmail's short classes (`gD`, `g2`, `hP`, `adn`) have held from 2014 to
 * 2026, but attributes (`[email]`, `[data-hovercard-id]`, `[data-message-id]`) come first.
 */
import type { Selectors } from '../common/dom.ts';

// ── Conversation view ─────────────────────────────────────────────────────────────────────────

/**
 * The subject heading, which carries the thread ids. Gmail keeps earlier conversations in the page,
 * hidden: take the visible one. gmail.js `h2.hP`; InboxSDK `.ha h2`; 2019 and 2026 copies of real headers.
 */
export const THREAD_SUBJECT: Selectors = ['h2[data-thread-perm-id]', 'h2[data-legacy-thread-id]', 'h2.hP', '.ha h2'];

/** Reading pane fallback for the thread id: the selected row of the list (InboxSDK PR #1309, 2023). */
export const SELECTED_ROW_THREAD: Selectors = ['[gh="tl"] tr.aps [data-legacy-thread-id]', '[gh="tl"] tr.aps [data-thread-id]'];

/**
 * One message of the conversation, expanded or collapsed: `div.adn.ads[data-message-id]` inside
 * `div[role=list] > div[role=listitem]` (InboxSDK `gmail-message-view.ts`; Sept 2026 live-DOM notes).
 */
export const MESSAGE: Selectors = ['[data-message-id]', '[data-legacy-message-id]', 'div.adn'];

/** A collapsed message (header and snippet only) and a message folded into "N older messages" (InboxSDK view states). */
export const MESSAGE_COLLAPSED_CLASSES = ['kv', 'ky'] as const;
export const MESSAGE_HIDDEN_CLASSES = ['kQ', 'kx'] as const;

/** The sender: `h3.iw span.gD[email]` (held-out 2025-08; gmail.js), InboxSDK's `td.gF span[email]`, the avatar. */
export const MESSAGE_SENDER: Selectors = ['h3.iw span[email]', 'span.gD[email]', '.gF span[email]', 'img.ajn[data-hovercard-id]'];

/**
 * The summary line's recipients: `span.hb span.g2[email]` (held-out 2025-08; gmail.js `span[email].g2`;
 * InboxSDK `.hb span[email]`). The line does not tell To, Cc and Bcc apart; the user shows as `name="me"`.
 */
export const MESSAGE_RECIPIENTS: Selectors = ['span.hb span[email]', 'span.g2[email]'];

/**
 * "Show details" table, when open: rows labelled "from:", "to:", "cc:", "bcc:" (gmail.js
 * `details_button`; the table's markup is unverified, English labels only).
 */
export const MESSAGE_DETAILS_ROWS: Selectors = ['table tr'];

/** The message date: `span.g3[title]`, title localised (held-out 2025-08; 2019 copy; InboxSDK `.gK .g3`). */
export const MESSAGE_DATE: Selectors = ['span.g3[title]', '.gK [title]'];

/** The body, `div.ii.gt > div.a3s` (class attribute may end in a space: match classes). Never read for people. */
export const MESSAGE_BODY: Selectors = ['div.a3s', 'div.ii.gt'];

/** Quoted earlier messages inside a body (Sept 2026 notes; gmail.js). */
export const QUOTED_TEXT: Selectors = ['.gmail_quote', 'blockquote', '.gmail_extra'];

// ── Thread list (2014 captures) ───────────────────────────────────────────────────────────────

/** A row: `tr.zA` (`.zE` unread, `.yO` read); the vertical reading pane spreads one over 2-3 `tr.zA`. 2014 captures. */
export const LIST_ROW: Selectors = ['tr.zA'];

/** The senders cell; the `.afn` screen-reader line beside it repeats senders as `span[email]` (2014 captures). */
export const LIST_SENDERS: Selectors = ['.yW span[email]'];

/** The subject: first span in `.y6` that is not the `.y2` snippet (2014 captures); `span.bog` in later rows (InboxSDK). */
export const LIST_SUBJECT: Selectors = ['.y6 > span:not(.y2)', 'span.bog'];

/** The date with its full title: `td.xW span[title]`, `.apm span[title]` in the vertical pane (2014 captures). */
export const LIST_DATE: Selectors = ['td.xW span[title]', '.apm span[title]'];

/** Modern rows' thread ids (2019 and 2022 copies of real rows; InboxSDK `thread-row-parser.ts`). Absent in 2014. */
export const LIST_THREAD_ID: Selectors = ['[data-thread-id]', '[data-legacy-thread-id]'];

// ── Compose window ────────────────────────────────────────────────────────────────────────────

/**
 * One compose window, for element-scoped features: an inline reply region (`div.aoI[role=region][data-compose-id]`,
 * Sept 2026 notes) or a dialog holding the compose form (new message and pop-out: InboxSDK
 * `setup-compose-view-driver-stream.ts`), gmail.js's `.M9`/`.AD` roots last.
 */
export const COMPOSE_ROOT: Selectors = [
  'div[role="region"][data-compose-id]',
  'div[role="dialog"]:has(form input[name="subjectbox"])',
  'div[role="dialog"]:has(form input[name="composeid"])',
  'div.M9:has(form)',
];

/** A recipient field by its locale-free `name` (gmail.js; InboxSDK `page-parser.ts`, PeopleKit since Oct 2021). */
export const RECIPIENT_FIELD = (field: 'to' | 'cc' | 'bcc'): Selectors => [`div[name="${field}"]`];

/**
 * A chip in a field: `div[role=option][data-hovercard-id]` in the field's listbox (InboxSDK
 * `get-recipients.ts`; OutboxIQ probe 2026-05-19). The listbox excludes suggestion chips offered
 * beside it (gmail.js #713; their markup is unverified); an option without `data-hovercard-id` is an
 * autocomplete artefact.
 */
export const RECIPIENT_CHIP: Selectors = ['[role="listbox"] [role="option"][data-hovercard-id]'];

/** An address typed but not yet a chip (gmail.js #719). */
export const RECIPIENT_INPUT: Selectors = ['input[peoplekit-id]', 'input[role="combobox"]'];

/** Classic compose (pre-2021, some accounts): hidden inputs `"Name <email>"` (InboxSDK; gmail.js). */
export const CLASSIC_RECIPIENTS = (field: 'to' | 'cc' | 'bcc'): Selectors => [`.GS .vR > input[type="hidden"][name="${field}"]`, `input[type="hidden"][name="${field}"]`];

/** A collapsed reply shows its recipients as text until clicked (gmail.js #719 discussion). */
export const COLLAPSED_RECIPIENTS_TEXT: Selectors = ['.aoD.hl'];

/** Subject: `input[name=subjectbox]`; inline replies keep it in a hidden `input[name=subject]` (gmail.js, InboxSDK). */
export const COMPOSE_SUBJECT: Selectors = ['input[name="subjectbox"]', 'input[name="subject"]'];

/** The body: `div[contenteditable=true][role=textbox]` (`g_editable=true`) (gmail.js `compose.dom`; InboxSDK `gmail-compose-view.ts`). */
export const COMPOSE_BODY: Selectors = ['div[contenteditable="true"][role="textbox"]', 'div[contenteditable="true"][g_editable="true"]'];

/**
 * Send: `.T-I.aoO` in the send group `.dC` (labels are localised, so never by text); InboxSDK's
 * walk `.IZ .Up div > div[role=button]:not(.Uo):not([aria-haspopup=true])` last (host-pages.md §2c).
 */
export const COMPOSE_SEND: Selectors = ['.dC .T-I.aoO', 'div[role="button"].aoO', '.IZ .Up div > div[role="button"]:not(.Uo):not([aria-haspopup="true"])'];

/** The sender the rep picked (send-as aliases): `input[name=from]` (gmail.js `compose.dom`). */
export const COMPOSE_FROM: Selectors = ['input[name="from"]'];

/** Compose, draft and thread ids (gmail.js `compose.dom`; Sept 2026 notes). */
export const COMPOSE_ID: Selectors = ['input[name="composeid"]'];
export const COMPOSE_DRAFT: Selectors = ['input[name="draft"]'];
export const COMPOSE_THREAD: Selectors = ['input[name="rt"]'];

// ── Required selectors, by the names drift reports carry ──────────────────────────────────────

/** An open conversation without these is drift: the subject heading and at least one message. */
export const THREAD_REQUIRED = {
  'gmail.thread.subject': THREAD_SUBJECT,
  'gmail.thread.message': MESSAGE,
  'gmail.thread.sender': MESSAGE_SENDER,
} as const;

/** A compose window without recipient fields (chips or classic) is drift. */
export const COMPOSE_REQUIRED = {
  'gmail.compose.to': [...RECIPIENT_FIELD('to'), ...CLASSIC_RECIPIENTS('to')],
  'gmail.compose.subject': COMPOSE_SUBJECT,
} as const;
