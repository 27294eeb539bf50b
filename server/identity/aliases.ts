/**
 * Aliases: a teammate's correction ("wrong match? this is Jane at Acme"), remembered for the whole
 * team. An alias is keyed like the automatic match it overrides (`linkedin:<slug>`,
 * `email:<address>`, `domain:<domain>`), so resolution can look both up in one query.
 */
import type { DB } from '../db/connect.ts';
import type { AliasesTable } from '../db/schema.ts';
import type { Selectable } from 'kysely';
import type { AliasableRef, AliasView } from '../../shared/alias.ts';
import { isFreeMailDomain, normalizeDomain, normalizeEmail, normalizeLinkedInSlug } from './normalize.ts';
import { lookalikeInRef, lookalikeWarning } from './lookalike.ts';
import { newId } from '../auth/users.ts';

/** How an alias key is spelled; resolution builds its keys with the same functions. */
export const aliasKey = {
  linkedin: (slug: string) => `linkedin:${slug}`,
  email: (address: string) => `email:${address}`,
  domain: (domain: string) => `domain:${domain}`,
};

export type AliasKeyResult = { ok: true; value: string; field: string } | { ok: false; field: string; reason: string };

/**
 * The key a correction for this ref is stored under, or why none can be. Lookalikes are refused:
 * a correction must never teach the server that `аcme.com` (Cyrillic а) is Acme. A free-mail
 * domain is refused as well: `gmail.com` is nobody's company.
 *
 * @example aliasKeyOf({ kind: 'domain', domain: 'www.Acme.com' }) // { ok: true, value: 'domain:acme.com' }
 */
export function aliasKeyOf(ref: AliasableRef): AliasKeyResult {
  const [field, raw] =
    ref.kind === 'linkedin'
      ? (['ref.profileUrl', ref.profileUrl] as const)
      : ref.kind === 'email'
        ? (['ref.address', ref.address] as const)
        : (['ref.domain', ref.domain] as const);
  const lookalike = lookalikeInRef(ref.kind, raw);
  if (lookalike) return { ok: false, field, reason: `${lookalikeWarning(lookalike)}; a correction cannot link it` };
  const normalized =
    ref.kind === 'linkedin' ? normalizeLinkedInSlug(raw) : ref.kind === 'email' ? normalizeEmail(raw) : normalizeDomain(raw);
  if (!normalized.ok) return { ok: false, field, reason: normalized.reason };
  if (ref.kind === 'domain' && isFreeMailDomain(normalized.value)) {
    return { ok: false, field, reason: `${normalized.value} is a free-mail provider and never identifies a company` };
  }
  return { ok: true, value: aliasKey[ref.kind](normalized.value), field };
}

/** An alias as the API shows it (shared/alias.ts). */
export type Alias = AliasView;

export const aliasOf = (row: Selectable<AliasesTable>): Alias => ({
  id: row.id,
  refKey: row.ref_key,
  contactId: row.contact_id,
  accountId: row.account_id,
  createdBy: row.created_by,
  createdAt: row.created_at,
});

/**
 * Records (or replaces) the team's correction for one key: the latest teammate's word wins,
 * and the alias keeps its id so a client holding it still finds it.
 *
 * @example await recordAlias(trx, { teamId, refKey: 'linkedin:jane-doe', contactId: 'ct_1', accountId: null, userId }, now)
 */
export async function recordAlias(
  db: DB,
  input: { teamId: string; refKey: string; contactId: string | null; accountId: string | null; userId: string },
  now: Date,
): Promise<Alias> {
  const at = now.toISOString();
  const row = await db
    .insertInto('aliases')
    .values({
      id: newId('als'),
      team_id: input.teamId,
      ref_key: input.refKey,
      contact_id: input.contactId,
      account_id: input.accountId,
      created_by: input.userId,
      created_at: at,
    })
    .onConflict((oc) =>
      oc.columns(['team_id', 'ref_key']).doUpdateSet({
        contact_id: input.contactId,
        account_id: input.accountId,
        created_by: input.userId,
        created_at: at,
      }),
    )
    .returningAll()
    .executeTakeFirstOrThrow();
  return aliasOf(row);
}
