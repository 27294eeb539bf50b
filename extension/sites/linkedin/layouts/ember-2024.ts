/**
 * Reader for the logged-in Ember ("voyager-web") profile, 2023 to mid-2024: the layout of the six
 * real captures. Reads the top card (name, headline, location, current company) and the first
 * entry of the experience card (current title and start), nothing else on the page.
 */
import { type LayoutReading, presentFields } from '../profile.ts';
import { currentRoleFrom, isInside, textOf, type CurrentRole } from '../read-text.ts';
import {
  EMBER_CONTACT_INFO,
  EMBER_CURRENT_COMPANY,
  EMBER_EXPERIENCE_ANCHOR,
  EMBER_EXPERIENCE_ENTRY,
  EMBER_HEADLINE,
  EMBER_LOCATION,
  EMBER_NAME,
  EMBER_SUB_COMPONENTS,
  EMBER_TOP_CARD,
  EMBER_VISIBLE_TEXT,
  NOT_THE_VIEWED_MEMBER,
  queryAllFirst,
  queryFirst,
} from '../selectors.ts';
import { showsOtherMember } from './member-links.ts';

/**
 * Reads the Ember 2024 profile of `slug` from `doc`.
 *
 * @example readEmber2024(document, 'daniel-ortega-lind') // { name: 'Daniel Ortega Lind', currentTitle: 'Tech Education Team Lead', … }
 */
export function readEmber2024(doc: Document, slug: string): LayoutReading {
  const card = queryFirst(doc, EMBER_TOP_CARD);
  if (!card || isInside(card, NOT_THE_VIEWED_MEMBER)) return undefined;
  if (showsOtherMember(card, slug)) return 'other-member';
  const role = firstExperienceRole(doc);
  return presentFields({
    name: textOf(queryFirst(card, EMBER_NAME)),
    headline: textOf(queryFirst(card, EMBER_HEADLINE)),
    location: locationOf(card),
    // The top card names the company the member chose to feature; the experience entry is the fallback.
    currentCompany: currentCompanyOf(card) ?? role?.company,
    currentTitle: role?.title,
    since: role?.since,
  });
}

/** The text just before the "Contact info" link; the class-named span when that link is missing. */
function locationOf(card: Element): string | undefined {
  const contact = queryFirst(card, EMBER_CONTACT_INFO);
  // Walk up at most three levels: the location is a sibling of the link's wrapper, not further.
  let el: Element | null = contact;
  for (let depth = 0; el && el !== card && depth < 3; depth++, el = el.parentElement) {
    const before = el.previousElementSibling;
    if (!before) continue;
    // A sibling holding links or buttons is the company/education panel, not a place.
    if (!before.querySelector('a, button')) return textOf(before);
    break;
  }
  return textOf(queryFirst(card, EMBER_LOCATION));
}

/** "Current company: Novare Potential. Click to skip to experience card" → "Novare Potential". */
function currentCompanyOf(card: Element): string | undefined {
  const button = queryFirst(card, EMBER_CURRENT_COMPANY);
  if (!button) return undefined;
  const label = button.getAttribute('aria-label')?.replace(/\s+/g, ' ').trim() ?? '';
  const match = /^Current company:\s*(.+?)\.?\s*Click to skip\b/.exec(label) ?? /^Current company:\s*(.+?)\.?$/.exec(label);
  return match?.[1]?.trim() || textOf(button);
}

const ENTRY_OR_SUBCOMPONENTS = [...EMBER_EXPERIENCE_ENTRY, ...EMBER_SUB_COMPONENTS].join(', ');

/** The visible header lines of one entry: its own `aria-hidden` spans, not those of its sub-components. */
function headerLines(entry: Element): string[] {
  return queryAllFirst(entry, EMBER_VISIBLE_TEXT)
    .filter((span) => span.parentElement?.closest(ENTRY_OR_SUBCOMPONENTS) === entry)
    .map((span) => textOf(span))
    .filter((line): line is string => line !== undefined);
}

/** Current role from the experience card's first entry, or `undefined` (no card, or the role ended). */
function firstExperienceRole(doc: Document): CurrentRole | undefined {
  // Only the card holding `#experience`: Education, Volunteering and others reuse the entry markup.
  const section = queryFirst(doc, EMBER_EXPERIENCE_ANCHOR)?.closest('section');
  if (!section || isInside(section, NOT_THE_VIEWED_MEMBER)) return undefined;
  // Document order puts an outer entry before the roles nested in it, so the first match is top-level.
  const first = queryFirst(section, EMBER_EXPERIENCE_ENTRY);
  if (!first) return undefined;
  // Grouped roles: the entry is the company and its roles are entries nested inside it (in
  // `.pvs-entity__sub-components`, but nesting alone says it, so a renamed class costs nothing).
  const firstRole = queryFirst(first, EMBER_EXPERIENCE_ENTRY);
  return currentRoleFrom(headerLines(first), firstRole ? headerLines(firstRole) : undefined);
}
