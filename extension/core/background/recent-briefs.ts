/**
 * The side panel's "Recent" list (the `getRecentBriefs` message): briefs panels showed lately,
 * newest first, read from the brief cache alone, so the list works with the server down.
 *
 * Each item carries the ref the panel last asked with (kept with the cached row: an event's
 * title and times, a thread's address), else one rebuilt from its cache key (`linkedin:<slug>` →
 * the profile URL), so opening it asks `getBriefs` with a ref that finds the very same cached row,
 * then the server's fresher answer for the same identity.
 */
import type { Brief, BriefRef } from '../../../shared/brief.ts';
import { briefKeyOf, recentBriefs, type RecentCachedBrief } from './cache.ts';
import type { RecentBriefsPort } from './handlers.ts';
import { ok, type RecentBrief } from '../protocol.ts';

/** How many the panel lists when it does not say. */
export const DEFAULT_RECENT_BRIEFS = 20;

/**
 * The recent list as a `RecentBriefsPort`.
 *
 * @example createHandlers({ connection, recent: createRecentBriefsPort(), now })
 */
export function createRecentBriefsPort(): RecentBriefsPort {
  return {
    async recent(limit = DEFAULT_RECENT_BRIEFS) {
      return ok({ items: (await recentBriefs(limit)).map(recentView) });
    },
  };
}

/**
 * One cached brief as the list shows it.
 *
 * @example recentView({ key: 'linkedin:jane-doe', brief, fetchedAt, lastUsedAt }).ref // { kind: 'linkedin', profileUrl: 'https://www.linkedin.com/in/jane-doe/' }
 */
export function recentView({ key, ref, brief, fetchedAt, lastUsedAt }: RecentCachedBrief): RecentBrief {
  const { contact, account } = brief;
  return {
    key,
    // The kept ref only when it still names this row (a row an older version wrote keeps none).
    ref: (ref && briefKeyOf(ref) === key ? ref : null) ?? refOfKey(key) ?? recordRefOf(brief),
    title: contact?.name ?? account?.name ?? '',
    detail: contact ? [contact.title.value, account?.name].filter(Boolean).join(' at ') : 'Account',
    asOf: new Date(fetchedAt).toISOString(),
    viewedAt: new Date(lastUsedAt).toISOString(),
  };
}

/**
 * The ref whose `briefKeyOf` is `key` again, or null for a key no ref can be rebuilt from (an
 * event needs its title and times).
 *
 * @example refOfKey('contact:ct_1') // { contactId: 'ct_1' }
 */
export function refOfKey(key: string): BriefRef | null {
  const colon = key.indexOf(':');
  const kind = key.slice(0, colon);
  const value = key.slice(colon + 1);
  if (colon < 1 || !value) return null;
  switch (kind) {
    case 'linkedin':
      return { kind: 'linkedin', profileUrl: `https://www.linkedin.com/in/${encodeURIComponent(value)}/` };
    case 'email':
      return { kind: 'email', address: value };
    case 'domain':
      return { kind: 'domain', domain: value };
    case 'contact':
      return { contactId: value };
    case 'account':
      return { accountId: value };
    default:
      return null;
  }
}

/** The CRM record a brief is about; `recentBriefs` lists only briefs with a contact or an account. */
function recordRefOf(brief: Brief): BriefRef {
  return brief.contact ? { contactId: brief.contact.id } : { accountId: brief.account?.id ?? '' };
}
