/**
 * Cache keys for briefs: one normalised identity key per ref (`linkedin:<slug>`, `email:<address>`,
 * `domain:<host>`, `contact:<id>`, `account:<id>`, `event:<id>`), by the same rules the server
 * stores and looks up by (`shared/identity-keys.ts`), so a cached brief is found by any spelling
 * the server would match.
 */
import type { BriefRef } from '../../../shared/brief.ts';

import { domainToAscii, normalizeDomain, normalizeEmail, normalizeLinkedInSlug, type Normalized } from '../../../shared/identity-keys.ts';

export { domainToAscii, normalizeDomain, normalizeEmail, normalizeLinkedInSlug, type Normalized };

/**
 * The cache key of a ref, or null when the ref cannot be cached: a name (it only ever yields
 * suggestions) or a value that does not normalise (the server would refuse it too).
 *
 * @example briefKeyOf({ kind: 'linkedin', profileUrl: 'https://de.linkedin.com/in/Jane-Doe/details/experience/' }) // 'linkedin:jane-doe'
 * @example briefKeyOf({ kind: 'email', address: 'Jane <JANE@Acme.com>' }) // 'email:jane@acme.com'
 * @example briefKeyOf({ contactId: 'ct_1' }) // 'contact:ct_1'
 */
export function briefKeyOf(ref: BriefRef): string | null {
  if ('contactId' in ref) return `contact:${ref.contactId}`;
  if ('accountId' in ref) return `account:${ref.accountId}`;
  switch (ref.kind) {
    case 'linkedin': {
      const slug = normalizeLinkedInSlug(ref.profileUrl);
      return slug.ok ? `linkedin:${slug.value}` : null;
    }
    case 'email': {
      const email = normalizeEmail(ref.address);
      return email.ok ? `email:${email.value}` : null;
    }
    case 'domain': {
      const domain = normalizeDomain(ref.domain);
      return domain.ok ? `domain:${domain.value}` : null;
    }
    case 'event':
      return `event:${ref.eventId}`;
    case 'name':
      return null;
  }
}
