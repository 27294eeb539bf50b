/**
 * Every CSS selector the LinkedIn adapter uses, named and dated. Nothing else in the extension
 * may hold LinkedIn markup knowledge.
 *
 * Each constant is an array of fallbacks, most trusted first: attributes, ARIA and ids before
 * class names, and never LinkedIn's hashed build classes (`qprYfSCHFUlw…`, `_885f3d1f`), which
 * change with every deploy. "Ember 2024 captures" are the six real pages in
 * `../shared/fixtures/linkedin/` (Jul-Aug 2024); "hand-made" fixtures are in `test/fixtures/linkedin/`.
 */

// The fallback-list helpers every site adapter shares; re-exported so LinkedIn's readers keep one import.
import type { Selectors } from '../common/dom.ts';

export { queryAllFirst, queryFirst, type Selectors } from '../common/dom.ts';

// ── Viewer chrome and side sections: never read ──────────────────────────────────────────────

/**
 * The logged-in viewer's own identity and rails naming other members. Extraction reads inside
 * the top card and experience section only; this list is the belt to that scoping's braces.
 * Ember 2024 captures (nav `.global-nav__me`, Jul 2024); `aside` on the hand-made SDUI page (Mar 2026).
 */
export const NOT_THE_VIEWED_MEMBER: Selectors = ['.global-nav', '.global-nav__me', '.feed-identity-module', 'aside'];

// ── SDUI layout (server-driven, 2025-2026): hand-made fixture only, no real capture ─────────

/**
 * Top card of the member on screen. `componentkey` = `com.linkedin.sdui.profile.card.ref<id>Topcard`,
 * not hashed, not localised (host-pages.md §1d, reported 2026). Hand-made `2026-03--profile--sdui`.
 */
export const SDUI_TOP_CARD: Selectors = [
  '[componentkey^="com.linkedin.sdui.profile.card.ref"][componentkey$="Topcard"]',
  '[componentkey$="Topcard"]',
  '[data-view-name="profile-top-card"]',
];

/** The member's name: an `h2` in the SDUI top card (not `h1`). Hand-made SDUI fixture, Mar 2026. */
export const SDUI_NAME: Selectors = ['h2', 'h1'];

/** The member's photo: the top card's first image (no stable class in SDUI). Hand-made SDUI fixture, Mar 2026. */
export const SDUI_PHOTO: Selectors = ['img'];

/** The top card's text lines, in order: degree, headline, companies, location, contact info. Mar 2026. */
export const SDUI_TOP_CARD_LINES: Selectors = ['p'];

/** Experience card: `componentkey` ending `ExperienceTopLevelSection` (host-pages.md §1d, 2026). */
export const SDUI_EXPERIENCE_SECTION: Selectors = [
  '[componentkey$="ExperienceTopLevelSection"]',
  '[data-testid^="profile_ExperienceTopLevelSection"]',
];

/** One experience entry (a role, or a company holding grouped roles). Hand-made SDUI fixture, Mar 2026. */
export const SDUI_EXPERIENCE_ENTRY: Selectors = ['[componentkey^="entity-collection-item"]'];

/** Grouped roles inside one company entry: a nested list (public SDUI scrapers, 2026). */
export const SDUI_GROUPED_ROLE: Selectors = ['li'];

/** Text lines of an SDUI entry. Hand-made SDUI fixture, Mar 2026. */
export const SDUI_ENTRY_LINES: Selectors = ['p'];

// ── Ember layout ("voyager-web", 2023 to mid-2024): the six real captures ───────────────────

/**
 * Top card of the member on screen; `data-member-id` is the *viewed* member's id, not the viewer's.
 * All six Ember 2024 captures (Jul-Aug 2024). Class fallback from twenty/scoutr extractors (2024).
 */
export const EMBER_TOP_CARD: Selectors = ['section[data-member-id]', 'main section.artdeco-card:has(h1)'];

/** The member's name: the only `h1` in the top card. All six Ember 2024 captures, Jul 2024. */
export const EMBER_NAME: Selectors = ['h1'];

/**
 * The member's photo in the top card (what the panel must never cover, with the name). All six
 * Ember 2024 captures (Jul-Aug 2024): a container div around an `img` with the `--show` modifier.
 */
export const EMBER_PHOTO: Selectors = ['.pv-top-card-profile-picture__container', 'img.pv-top-card-profile-picture__image--show'];

/**
 * Headline. The first `data-generated-suggestion-target` in the top card (the second one on the
 * page is the About text, hence the scoping). All six Ember 2024 captures, Jul-Aug 2024.
 */
export const EMBER_HEADLINE: Selectors = ['[data-generated-suggestion-target]', 'div.text-body-medium.break-words'];

/**
 * "Contact info" link; the location is the text just before it. All six Ember 2024 captures,
 * Jul-Aug 2024 (`id="top-card-text-details-contact-info"`).
 */
export const EMBER_CONTACT_INFO: Selectors = ['#top-card-text-details-contact-info', 'a[href*="/overlay/contact-info"]'];

/** Location by class, when the contact-info link is missing. Ember 2024 captures; twenty (2024). */
export const EMBER_LOCATION: Selectors = ['span.text-body-small.inline.t-black--light.break-words'];

/**
 * "Current company: Novare Potential. Click to skip to experience card" (English UI only).
 * Five of six Ember 2024 captures (absent on `near-empty`, whose member lists no job), Jul-Aug 2024.
 */
export const EMBER_CURRENT_COMPANY: Selectors = ['button[aria-label^="Current company: "]', '[aria-label^="Current company: "]'];

/**
 * `#experience` is an empty anchor `div`; its closest `section` is the experience card (other
 * cards reuse the same entity markup, so never search the whole page). Ember 2024 captures.
 */
export const EMBER_EXPERIENCE_ANCHOR: Selectors = ['#experience'];

/**
 * One experience entry. `data-view-name` in all Ember 2024 captures (Jul-Aug 2024); `div.pvs-entity`
 * is the 2023 markup before `data-view-name` existed (host-pages.md §1c, a 2023 capture).
 */
export const EMBER_EXPERIENCE_ENTRY: Selectors = ['div[data-view-name="profile-component-entity"]', 'div.pvs-entity'];

/**
 * Below an entry's header: descriptions, skills, and, for a company with grouped roles, the
 * roles themselves. Ember 2024 captures `grouped-roles`, `long-tenure` (Jul-Aug 2024). Class only:
 * no attribute marks it.
 */
export const EMBER_SUB_COMPONENTS: Selectors = ['.pvs-entity__sub-components'];

/**
 * The visible copy of each string. Every string is doubled (`span[aria-hidden="true"]` for sight,
 * `span.visually-hidden` for screen readers); reading both doubles it. Ember 2024 captures.
 */
export const EMBER_VISIBLE_TEXT: Selectors = ['span[aria-hidden="true"]'];

// ── Logged-out guest page (`public_profile_v3_desktop`, 2023) ───────────────────────────────

/**
 * Structured data: `@graph[]` with a `Person`. Two April 2023 guest captures described in
 * host-pages.md §1b (not redistributable); imitated by hand-made `2023-04--profile--guest`.
 */
export const GUEST_JSON_LD: Selectors = ['script[type="application/ld+json"]'];

/** `"<Name> - <Title> - <Company> | LinkedIn"`. April 2023 guest captures; hand-made guest fixture. */
export const GUEST_OG_TITLE: Selectors = ['meta[property="og:title"]', 'meta[name="og:title"]'];

/** Headline (JSON-LD has none). Class only, April 2023 guest captures (host-pages.md §1b). */
export const GUEST_HEADLINE: Selectors = ['h2.top-card-layout__headline'];
