/**
 * Every CSS selector the Meet adapter uses, named and dated. No capture of a Meet page exists
 * (../shared/fixtures/meet/README.md); all come from extensions' and meeting bots' code
 * (host-pages.md §4a, 2022-2026) and are checked only on the hand-made pages in `test/fixtures/meet/`.
 * The URL carries the meeting code; the DOM only adds the title and the stage.
 */
import type { Selectors } from '../common/dom.ts';

/** The meeting code on the page (google-timer / google-reactions extensions, edupal `scrapeMeetData.js`, 2022-24). */
export const MEETING_CODE: Selectors = ['[data-unresolved-meeting-id]'];

/** The meeting's title when the page has one (some extensions' fallback to `document.title`, unverified). */
export const MEETING_TITLE: Selectors = ['[data-meeting-title]'];

/** The pre-join "Join now" / "Ask to join" button (Vexa-ai `googlemeet/selectors.ts` and other bots, 2025-26). */
export const JOIN_BUTTON: Selectors = ['button[jsname="Qx7uuf"]'];

/** The name field a guest (not signed in) fills before asking to join. Same sources; English aria-label. */
export const GUEST_NAME_INPUT: Selectors = ['input[aria-label="Your name"]'];

/** In the call: the Leave call button (StanleyMango/WhoAmIGoogleMeetEdition, meeting bots, 2023-26). English aria-label. */
export const LEAVE_CALL: Selectors = ['button[aria-label="Leave call"]'];

/** The call has ended (meeting bots, 2025-26). */
export const CALL_ENDED: Selectors = ['[data-call-ended="true"]'];
