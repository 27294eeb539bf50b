/**
 * The panel's request — a brief for one LinkedIn profile — in one statement when it can be: the
 * contact holding the profile's slug, read with its account's snapshot and the team's alias for
 * that profile (snapshot-queries.ts `profileSnapshot`). The identity rules decide exactly as
 * resolve.ts does, from the same hits; only when they point elsewhere than that contact (a
 * teammate's correction to someone else, no contact with the slug) does the brief take the general
 * path. Saves the separate identity statement on every profile view.
 *
 * @example
 * await profileAnswer(db, teamId, { kind: 'linkedin', profileUrl: 'https://www.linkedin.com/in/jane-doe/' }, now)
 * // a BriefAnswer, or undefined: take the general path
 */
import type { LinkedInRef } from '../../shared/refs.ts';
import type { OpenedDatabase } from '../db/connect.ts';
import type { KeyHit, KeyHits } from '../identity/lookup.ts';
import { planRef } from '../identity/plan.ts';
import { matchFor } from '../identity/resolve.ts';
import type { BriefAnswer } from './answer.ts';
import { answerForPage, targetOf } from './brief-for.ts';
import { partsOfRow } from './parts.ts';
import { profileSnapshot, type ProfileRow } from './snapshot-queries.ts';

type AliasColumn = Exclude<ProfileRow['alias'], string | null>;

const aliasOf = (value: ProfileRow['alias']): AliasColumn | null => (typeof value === 'string' ? (JSON.parse(value) as AliasColumn) : value);

/** The brief's answer, or undefined when the general path must decide (resolve.ts, then the record's row). */
export async function profileAnswer(db: OpenedDatabase, teamId: string, ref: LinkedInRef, now: Date): Promise<BriefAnswer | undefined> {
  const planned = planRef(ref);
  if (planned.kind !== 'single') return undefined;
  const { plan } = planned;
  const [aliasKey] = plan.aliasKeys;
  if (!plan.slug || !aliasKey || plan.aliasKeys.length !== 1) return undefined;
  const [row] = await profileSnapshot(db, { team: teamId, slug: plan.slug, aliasKey });
  if (!row?.c_id) return undefined;
  const alias = aliasOf(row.alias);
  const hit = (via: KeyHit['via'], key: string, contactId: string | null, accountId: string | null, at: string | null): KeyHit => ({ via, key, contactId, accountId, at });
  const hits: KeyHits = {
    slug: new Map([[plan.slug, hit('slug', plan.slug, row.c_id, row.a_id ?? null, null)]]),
    email: new Map(),
    domain: new Map(),
    alias: new Map(alias ? [[aliasKey, hit('alias', aliasKey, alias.contact_id, alias.account_id, alias.at)]] : []),
  };
  const match = matchFor(plan, hits);
  if (match?.contactId !== row.c_id) return undefined;
  // A contact matched: resolve.ts gives no suggestions then, and the plan's warnings (a lookalike's).
  const target = targetOf(ref, { match, suggestions: [], warnings: plan.warnings });
  if (!target) return undefined;
  return answerForPage(db, teamId, await partsOfRow(db, teamId, row, now), target, now);
}
