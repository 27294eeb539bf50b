/**
 * Guard against reading a stale card: after in-page navigation the URL names the new member
 * while the old member's card can still be on screen for a moment.
 */
import { profileSlugFromUrl } from '../routes.ts';

/**
 * True when `card` links to members (`/in/<slug>/…`) and none of them is `slug`. A card with no
 * member links at all proves nothing either way, so it is trusted.
 */
export function showsOtherMember(card: Element, slug: string): boolean {
  const linked = new Set<string>();
  for (const link of card.querySelectorAll('a[href*="/in/"]')) {
    let url: URL;
    try {
      url = new URL(link.getAttribute('href') ?? '', 'https://www.linkedin.com/');
    } catch {
      continue;
    }
    const linkedSlug = profileSlugFromUrl(url);
    if (linkedSlug) linked.add(linkedSlug);
  }
  return linked.size > 0 && !linked.has(slug);
}
