/**
 * Reader for the logged-in server-driven ("SDUI") profile LinkedIn has rolled out since 2025.
 * No public capture exists: this follows independent 2026 descriptions (host-pages.md §1d) and is
 * proven only by the hand-made fixture `2026-03--profile--sdui--handmade.html`. Classes are hashed
 * and rotate, so it reads only `componentkey`s, tag names and the order of the top card's lines.
 */
import { type LayoutReading, presentFields } from '../profile.ts';
import { currentRoleFrom, isInside, textOf, withoutEmploymentType, type CurrentRole } from '../read-text.ts';
import {
  NOT_THE_VIEWED_MEMBER,
  SDUI_ENTRY_LINES,
  SDUI_EXPERIENCE_ENTRY,
  SDUI_EXPERIENCE_SECTION,
  SDUI_GROUPED_ROLE,
  SDUI_NAME,
  SDUI_TOP_CARD,
  SDUI_TOP_CARD_LINES,
  queryAllFirst,
  queryFirst,
} from '../selectors.ts';
import { showsOtherMember } from './member-links.ts';

// Lines of the top card that are not about the member's work: "· 2nd", "(She/Her)", "Contact info".
const DEGREE = /^(?:·\s*)?(?:1st|2nd|3rd\+?)$/i;
const PRONOUNS = /^\(.{1,20}\)$/;

/**
 * Reads the SDUI profile of `slug` from `doc`.
 *
 * @example readSdui(document, 'lena-virtanen') // { name: 'Lena Virtanen', currentCompany: 'Northwind Freight', … }
 */
export function readSdui(doc: Document, slug: string): LayoutReading {
  const card = queryFirst(doc, SDUI_TOP_CARD);
  if (!card || isInside(card, NOT_THE_VIEWED_MEMBER)) return undefined;
  if (showsOtherMember(card, slug)) return 'other-member';
  const name = textOf(queryFirst(card, SDUI_NAME));
  const lines = queryAllFirst(card, SDUI_TOP_CARD_LINES)
    .filter((p) => !p.querySelector('a[href*="/overlay/contact-info"]'))
    .map((p) => textOf(p))
    .filter((line): line is string => !!line && line !== name && !DEGREE.test(line) && !PRONOUNS.test(line));
  // In order: headline, companies ("Employer · School"), location. With two lines left, the
  // companies line is the one with a "·"; place names do not carry one.
  const [headline, second, third] = lines;
  const companies = third !== undefined || second?.includes(' · ') ? second : undefined;
  const location = third ?? (companies ? undefined : second);
  const role = firstExperienceRole(doc);
  return presentFields({
    name,
    headline,
    location,
    // The experience entry pairs company with title; the top card's first company is the fallback.
    currentCompany: role?.company ?? (companies ? withoutEmploymentType(companies) : undefined),
    currentTitle: role?.title,
    since: role?.since,
  });
}

/** The `<p>` lines of `el` that are not inside a grouped role (`li`) below it. */
function ownLines(el: Element): string[] {
  const roleSelector = SDUI_GROUPED_ROLE.join(', ');
  return queryAllFirst(el, SDUI_ENTRY_LINES)
    .filter((p) => {
      const role = p.closest(roleSelector);
      return role === null || role === el || !el.contains(role);
    })
    .map((p) => textOf(p))
    .filter((line): line is string => line !== undefined);
}

/** Current role from the experience card's first entry; grouped roles sit in a nested list. */
function firstExperienceRole(doc: Document): CurrentRole | undefined {
  const section = queryFirst(doc, SDUI_EXPERIENCE_SECTION);
  if (!section || isInside(section, NOT_THE_VIEWED_MEMBER)) return undefined;
  const first = queryFirst(section, SDUI_EXPERIENCE_ENTRY);
  if (!first) return undefined;
  const firstRole = queryAllFirst(first, SDUI_GROUPED_ROLE).find((li) => ownLines(li).length > 0);
  return currentRoleFrom(ownLines(first), firstRole ? ownLines(firstRole) : undefined);
}
