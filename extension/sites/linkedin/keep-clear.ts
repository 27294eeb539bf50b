/**
 * What the LinkedIn panel must never cover (issue 11): the profile's top card, its member's name
 * heading and photo, in the Ember layout (the real captures) or the SDUI one. The panel's mount
 * measures these on every scroll and resize and places the panel beside or below them
 * (core/page/placement.ts), or shows it as a tab on the edge.
 */
import { queryFirst } from '../common/dom.ts';
import { EMBER_NAME, EMBER_PHOTO, EMBER_TOP_CARD, SDUI_NAME, SDUI_PHOTO, SDUI_TOP_CARD } from './selectors.ts';

/** The top card's name heading and photo, those the page shows (none off a profile). */
export function topCardKeepClear(doc: Document): Element[] {
  const ember = queryFirst(doc, EMBER_TOP_CARD);
  if (ember) return [queryFirst(ember, EMBER_NAME), queryFirst(ember, EMBER_PHOTO)].filter((e): e is Element => e !== null);
  const sdui = queryFirst(doc, SDUI_TOP_CARD);
  if (sdui) return [queryFirst(sdui, SDUI_NAME), queryFirst(sdui, SDUI_PHOTO)].filter((e): e is Element => e !== null);
  return [];
}
