/**
 * Every CSS selector the Zoom adapter uses, named and dated. No capture of a Zoom page exists
 * (../shared/fixtures/zoom/README.md): these are code-derived leads (host-pages.md §4b, 2026), and
 * the URL, not the DOM, carries the meeting. The web client shows no title or attendee list worth reading.
 */
import type { Selectors } from '../common/dom.ts';

/** Web client pre-join form: name input and join button (Vexa-ai meeting bot, "verified from live DOM", 2025-26). */
export const WEB_CLIENT_PREJOIN: Selectors = ['#input-for-name', 'button.preview-join-button'];

/** Web client in the meeting: the app root and the Leave button (same source, 2025-26). */
export const WEB_CLIENT_IN_MEETING: Selectors = ['.meeting-app button[aria-label="Leave"]', 'button[aria-label="Leave"]'];

/** The title Zoom gives a page for an invalid or expired link (same source, 2025-26). English only. */
export const INVALID_LINK_TITLE = /^Error\s*-\s*Zoom$/i;
