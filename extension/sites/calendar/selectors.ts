/**
 * Every CSS selector the Calendar adapter uses, named and dated (host-pages.md §3, Dec 2026).
 * "2022 captures" are the two real event edit fragments in `../shared/fixtures/calendar/`
 * (January 2022, Apache-2.0); everything else is code-derived (extensions' code 2019-2026 and a
 * 2026 copy of the real dialog) and checked only on the hand-made pages in `test/fixtures/calendar/`.
 * Ids (`#xDetDlg…`, `#x…In`) before attributes before classes; Calendar's classes are never used.
 */
import type { Selectors } from '../common/dom.ts';

/** Which app view the page is: `EVENT` (grid) or `EVENT_EDIT` (brave-talk jest test, 2022; 2022 captures). */
export const VIEW_FAMILY: Selectors = ['body[data-viewfamily]'];

// ── Event details dialog (grid views): code-derived, 2019-2026 ──────────────────────────────

/**
 * The dialog, for element-scoped features: one per open event. `#xDetDlg[data-eventid]` inside
 * `div[role=dialog][jsname="ssXDle"]` (a 2026 copy of the real dialog; venue-chrome-extension 2024).
 */
export const EVENT_DIALOG: Selectors = ['div[role="dialog"]:has(#xDetDlg[data-eventid])', 'div[role="dialog"][jsname="ssXDle"]'];

/** The dialog's event root, carrying `data-eventid` (same 2026 copy). */
export const DIALOG_EVENT: Selectors = ['#xDetDlg[data-eventid]', '[data-eventid]:not([data-eventchip])'];

/** Title: `#rAECCd` (`span[role=heading]`), the dialog's `aria-labelledby` target (2026 copy). */
export const DIALOG_TITLE: Selectors = ['#rAECCd', '[role="heading"]'];

/** Time line: first line in `.AzuXid` inside `#xDetDlgWhen`; the recurrence rule is a later line (2026 copy). */
export const DIALOG_WHEN: Selectors = ['#xDetDlgWhen .AzuXid', '#xDetDlgWhen'];

/** Location (2026 copy). */
export const DIALOG_LOCATION: Selectors = ['#xDetDlgLoc'];

/** Description (2026 copy); Calendar wraps its links in `google.com/url?q=` redirects. */
export const DIALOG_DESCRIPTION: Selectors = ['#xDetDlgDesc'];

/** The conference area: `#xDetDlgVideo[data-details]` and its join link (2026 copy; Zoom-for-Calendar extension code). */
export const DIALOG_CONFERENCE: Selectors = ['#xDetDlgVideo'];

/** The guest area, with its "N guests" count (several extensions, 2021-2026). */
export const DIALOG_GUESTS: Selectors = ['#xDetDlgAtt'];

// ── Full event page `/r/eventedit` ───────────────────────────────────────────────────────────

/** Title input (automation scripts, 2020-2025; not in the 2022 captures). */
export const EDIT_TITLE: Selectors = ['#xTiIn', 'input[aria-label="Add title"]', 'input[aria-label="Title"]'];

/** Start and end date and time inputs (automation scripts, 2020-2025; not in the 2022 captures). */
export const EDIT_START_DATE: Selectors = ['#xStDaIn'];
export const EDIT_START_TIME: Selectors = ['#xStTiIn'];
export const EDIT_END_DATE: Selectors = ['#xEnDaIn'];
export const EDIT_END_TIME: Selectors = ['#xEnTiIn'];

/** Location input: `value`, `data-initial-value` (2022 captures). */
export const EDIT_LOCATION: Selectors = ['#xLocIn input[aria-label="Location"]', '#xLocIn input'];

/** Description editor; the "Add description" placeholder is a sibling, not content (2022 captures). */
export const EDIT_DESCRIPTION: Selectors = ['#xDescIn [role="textbox"][contenteditable="true"]', '#xDescIn [contenteditable="true"]'];

/** The conferencing row (2022 captures). Its add-on menu (`[role=menuitem]`, "Zoom Meeting") names no meeting. */
export const EDIT_CONFERENCE_ROW: Selectors = ['#xRTCIn'];

/** An existing conference in the row (Zoom-for-Calendar extension code; not in the 2022 captures). */
export const EDIT_CONFERENCE: Selectors = ['#xRTCIn #xDetDlgVideo'];

/** "Add Google Meet video conferencing", offered when there is no conference (2022 captures). */
export const EDIT_ADD_MEET: Selectors = ['#xAddRtcSel'];

/** Menus inside the conferencing row: their items are choices, never links to a meeting (2022 captures). */
export const MENU: Selectors = ['[role="menu"]', '[role="menuitem"]', '[role="listbox"]'];

/** The owner calendar: the selected option's base64 `data-value`, then the chip's `data-calendar-id` (2022 captures). */
export const EDIT_OWNER_CALENDAR: Selectors = ['#xCalSel [role="option"][aria-selected="true"][data-value]', '[data-calendar-id]'];

/** The owner calendar's display name (2022 captures). */
export const EDIT_OWNER_NAME: Selectors = ['#xCalOwn'];

// ── Guests (dialog and edit page): code-derived ─────────────────────────────────────────────

/** The guest list (several extensions, 2021-2026). English `aria-label`, with the dialog's `#xDetDlgAtt` as fallback. */
export const GUEST_LIST: Selectors = ['[aria-label="Guests invited to this event."]', '#xDetDlgAtt'];

/** One guest: an element carrying the address (`data-email`, else `data-hovercard-id`). */
export const GUEST_ITEM: Selectors = ['[data-email]', '[data-hovercard-id]'];

// ── Required selectors, by the names drift reports carry ──────────────────────────────────────

/** An open event dialog without these is drift (the guest list is optional: many events have none). */
export const DIALOG_REQUIRED = {
  'calendar.dialog.event': DIALOG_EVENT,
  'calendar.dialog.title': DIALOG_TITLE,
  'calendar.dialog.when': DIALOG_WHEN,
} as const;

/** The event page without these is drift: the fields the 2022 captures confirm. */
export const EDIT_REQUIRED = {
  'calendar.edit.location': EDIT_LOCATION,
  'calendar.edit.conference-row': EDIT_CONFERENCE_ROW,
  'calendar.edit.description': EDIT_DESCRIPTION,
} as const;
