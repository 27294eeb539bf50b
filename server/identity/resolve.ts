/**
 * Identity resolution: refs from a page → the CRM records they point at.
 * (First cut: LinkedIn slug and exact email only; the identity change completes it.)
 */
import type { DB } from '../db/connect.ts';
import type { IdentityRef } from '../../shared/refs.ts';
import type { Resolution } from '../../shared/match.ts';
import { normalizeEmail, normalizeLinkedInSlug } from './normalize.ts';

/** Resolves each ref within one team; the answer is in the same order as the refs. */
export async function resolveRefs(db: DB, teamId: string, refs: IdentityRef[]): Promise<Resolution[]> {
  return Promise.all(refs.map((ref) => resolveRef(db, teamId, ref)));
}

export async function resolveRef(db: DB, teamId: string, ref: IdentityRef): Promise<Resolution> {
  if (ref.kind === 'linkedin') {
    const slug = normalizeLinkedInSlug(ref.profileUrl);
    if (slug.ok) {
      const row = await db
        .selectFrom('contacts')
        .select(['id', 'account_id'])
        .where('team_id', '=', teamId)
        .where('linkedin_slug', '=', slug.value)
        .executeTakeFirst();
      if (row) {
        return {
          match: { contactId: row.id, ...(row.account_id ? { accountId: row.account_id } : {}), method: 'linkedin_url', confidence: 1, explanation: 'LinkedIn URL in CRM' },
          suggestions: [],
          warnings: [],
        };
      }
    }
  }
  if (ref.kind === 'email') {
    const email = normalizeEmail(ref.address);
    if (email.ok) {
      const row = await db
        .selectFrom('contact_emails as e')
        .innerJoin('contacts as c', 'c.id', 'e.contact_id')
        .select(['c.id', 'c.account_id'])
        .where('e.team_id', '=', teamId)
        .where('e.email', '=', email.value)
        .executeTakeFirst();
      if (row) {
        return {
          match: { contactId: row.id, ...(row.account_id ? { accountId: row.account_id } : {}), method: 'email', confidence: 1, explanation: 'Email address in CRM' },
          suggestions: [],
          warnings: [],
        };
      }
    }
  }
  return { match: null, suggestions: [], warnings: [] };
}
