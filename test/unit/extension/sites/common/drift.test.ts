// @vitest-environment jsdom
/**
 * Drift by name on the hand-made Gmail and Calendar pages and the real Calendar capture: the same
 * page passes with Google's markup and reports the renamed parts, by name only, when it is renamed.
 */
import { describe, expect, it } from 'vitest';
import { missingSelectors } from '../../../../../extension/sites/common/drift.ts';
import { DIALOG_REQUIRED, EDIT_REQUIRED } from '../../../../../extension/sites/calendar/selectors.ts';
import { COMPOSE_REQUIRED, THREAD_REQUIRED } from '../../../../../extension/sites/gmail/selectors.ts';
import { findComposeRoots } from '../../../../../extension/sites/gmail/compose.ts';
import { capturePresent, capturesDir, handmadeDir, loadPage, pageAt, readText } from './pages.ts';

/** Renames every attribute named `from` to `to`, as a Gmail or Calendar release might. */
function rename(doc: Document, from: string, to: string): void {
  for (const el of doc.querySelectorAll(`[${from}]`)) {
    el.setAttribute(to, el.getAttribute(from)!);
    el.removeAttribute(from);
  }
}

describe('drift on Gmail pages', () => {
  it('finds nothing missing on the conversation, and names what a rename broke', () => {
    const doc = loadPage(handmadeDir('gmail'), '2026-12-04--thread--conversation--handmade.html');
    expect(missingSelectors(doc, THREAD_REQUIRED)).toEqual([]);
    rename(doc, 'email', 'data-addr');
    rename(doc, 'data-hovercard-id', 'data-card');
    for (const el of doc.querySelectorAll('img.ajn')) el.remove();
    expect(missingSelectors(doc, THREAD_REQUIRED)).toEqual(['gmail.thread.sender']);
  });

  it('finds every compose window whole, and names its lost recipient fields', () => {
    const doc = loadPage(handmadeDir('gmail'), '2026-12-04--compose--several-windows--handmade.html');
    const newMessage = findComposeRoots(doc).find((r) => r.getAttribute('aria-label') === 'New Message')!;
    expect(missingSelectors(newMessage, COMPOSE_REQUIRED)).toEqual([]);
    rename(doc, 'name', 'data-field');
    expect(missingSelectors(newMessage, COMPOSE_REQUIRED)).toEqual(['gmail.compose.to', 'gmail.compose.subject']);
  });
});

describe('drift on Calendar pages', () => {
  it('finds the dialog whole, and names a renamed title', () => {
    const doc = loadPage(handmadeDir('calendar'), '2026-12-04--event-dialog--week-view--handmade.html');
    expect(missingSelectors(doc, DIALOG_REQUIRED)).toEqual([]);
    doc.getElementById('rAECCd')!.id = 'zz9';
    for (const el of doc.querySelectorAll('[role="heading"]')) el.removeAttribute('role');
    expect(missingSelectors(doc, DIALOG_REQUIRED)).toEqual(['calendar.dialog.title']);
  });

  it.skipIf(!capturePresent('calendar', '2022-01-11--eventedit-details--new-event.html'))('finds the real 2022 edit page whole, and names renamed ids', () => {
    const html = readText(capturesDir('calendar'), '2022-01-11--eventedit-details--new-event.html');
    const doc = pageAt(`<body data-viewfamily="EVENT_EDIT">${html}</body>`);
    expect(missingSelectors(doc, EDIT_REQUIRED)).toEqual([]);
    for (const id of ['xLocIn', 'xRTCIn']) doc.getElementById(id)!.id = `${id}2`;
    expect(missingSelectors(doc, EDIT_REQUIRED)).toEqual(['calendar.edit.location', 'calendar.edit.conference-row']);
  });
});
