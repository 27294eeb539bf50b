/**
 * Reader of last resort before the URL: the member's name from `document.title`, which every
 * LinkedIn layout sets. "(1) Daniel Ortega Lind | LinkedIn" (Ember capture
 * `2024-07-12--profile--complete-with-head`, Jul 2024); the "(1)" is the unread-notification count.
 */
import { type LayoutReading } from '../profile.ts';

/**
 * The name in a LinkedIn page title, or `undefined` when the title names nobody.
 *
 * @example nameFromTitle('(1) Daniel Ortega Lind | LinkedIn') // 'Daniel Ortega Lind'
 */
export function nameFromTitle(title: string): string | undefined {
  const stripped = title
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^\(\d+\+?\)\s*/, '')
    .replace(/\s*\|\s*LinkedIn$/i, '');
  // Subpage titles put the section first ("Experience | Name"); guest titles add the company
  // after " - " ("Name - Company"). A real hyphenated name ("Anne-Marie") has no spaces around it.
  const name = stripped.split(' | ').at(-1)?.split(' - ')[0]?.trim();
  return name && !/^LinkedIn$/i.test(name) ? name : undefined;
}

/** Reads the member's name from `doc.title`. */
export function readTitle(doc: Document): LayoutReading {
  const name = nameFromTitle(doc.title ?? '');
  return name ? { name } : undefined;
}
