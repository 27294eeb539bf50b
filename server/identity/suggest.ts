/**
 * Name + company → suggestions. A name is not an identity (two Jane Does are common), so this
 * never produces a match: it proposes contacts the rep can confirm, which then becomes an alias.
 * Candidates come from one indexed query on `name_key`; ranking is a pure function.
 */
import { getDomainWithoutSuffix } from 'tldts';
import type { DB } from '../db/connect.ts';
import type { Suggestion } from '../../shared/match.ts';
import { companyKey, nameKey } from './normalize.ts';

/** What a ref tells us about a person by name. */
export interface NameQuery {
  nameKey: string;
  /** `companyKey` of the company the page names, when it names one. */
  companyKey?: string;
  /** An account already identified another way (the email's company domain). */
  accountId?: string;
}

/** A contact with the same name key, with what ranking needs. */
export interface NameCandidate {
  contactId: string;
  accountId: string | null;
  name: string;
  nameKey: string;
  title: string | null;
  accountName: string | null;
}

export const MAX_SUGGESTIONS = 5;
// A very common name must not pull thousands of rows; the ranking only ever shows five per ref.
const MAX_CANDIDATES = 500;

/**
 * The name key of a display name, with "Doe, Jane" (as some directories write it) turned round.
 *
 * @example personNameKey('Doe, Jane') // 'jane doe'
 */
export function personNameKey(displayName: string): string {
  const parts = displayName.split(',');
  const ordered = parts.length === 2 && parts[1]!.trim() ? `${parts[1]} ${parts[0]}` : displayName;
  return nameKey(ordered);
}

/** A company hint from an email domain: `jane@acme-robotics.co.uk` → `acme robotics`. */
export function companyKeyOfDomain(domain: string): string | undefined {
  const label = getDomainWithoutSuffix(domain, { allowPrivateDomains: false });
  return label ? companyKey(label) : undefined;
}

/** Same company when one key equals the other or starts it at a word boundary ("acme" / "acme robotics"). */
function sameCompany(a: string, b: string): 'exact' | 'partial' | null {
  if (!a || !b) return null;
  if (a === b) return 'exact';
  if (a.startsWith(`${b} `) || b.startsWith(`${a} `)) return 'partial';
  // Domains run words together: "acmerobotics" is "acme robotics".
  if (a.replaceAll(' ', '') === b.replaceAll(' ', '')) return 'exact';
  return null;
}

/**
 * Ranks the contacts sharing a name: same name at the same company first, then the same name
 * elsewhere. At most five; confidences stay below any match's.
 *
 * @example rankSuggestions({ nameKey: 'jane doe', companyKey: 'acme' }, candidates)
 * // [{ contactId: 'ct_1', name: 'Jane Doe', accountName: 'Acme Inc', confidence: 0.7, explanation: 'Same name at Acme Inc' }, …]
 */
export function rankSuggestions(query: NameQuery, candidates: NameCandidate[]): Suggestion[] {
  const knowsCompany = Boolean(query.companyKey || query.accountId);
  const ranked = candidates
    .filter((c) => c.nameKey === query.nameKey)
    .map((c) => {
      const byAccount = query.accountId !== undefined && c.accountId === query.accountId;
      const byName = query.companyKey && c.accountName ? sameCompany(query.companyKey, companyKey(c.accountName)) : null;
      let confidence: number;
      let explanation: string;
      if (byAccount || byName === 'exact') {
        confidence = 0.7;
        explanation = `Same name at ${c.accountName ?? 'the same company'}`;
      } else if (byName === 'partial') {
        confidence = 0.6;
        explanation = `Same name at a similarly named company, ${c.accountName}`;
      } else if (knowsCompany) {
        confidence = 0.3;
        explanation = c.accountName ? `Same name, but at ${c.accountName}` : 'Same name, no company on record';
      } else {
        confidence = 0.4;
        explanation = 'Same name; no company to compare';
      }
      const suggestion: Suggestion = { contactId: c.contactId, name: c.name, confidence, explanation };
      if (c.accountId) suggestion.accountId = c.accountId;
      if (c.title) suggestion.title = c.title;
      if (c.accountName) suggestion.accountName = c.accountName;
      return suggestion;
    });
  ranked.sort((a, b) => b.confidence - a.confidence || a.name.localeCompare(b.name) || a.contactId.localeCompare(b.contactId));
  return ranked.slice(0, MAX_SUGGESTIONS);
}

/**
 * Every contact of the team whose name key is one of these, with its account's name.
 *
 * @example await findNameCandidates(db, teamId, ['jane doe'])
 */
export async function findNameCandidates(db: DB, teamId: string, nameKeys: Iterable<string>): Promise<NameCandidate[]> {
  const keys = [...new Set(nameKeys)].filter(Boolean);
  if (!keys.length) return [];
  const rows = await db
    .selectFrom('contacts as c')
    .leftJoin('accounts as a', (j) => j.onRef('a.id', '=', 'c.account_id').onRef('a.team_id', '=', 'c.team_id'))
    .select(['c.id', 'c.account_id', 'c.name', 'c.name_key', 'c.title', 'a.name as account_name'])
    .where('c.team_id', '=', teamId)
    .where('c.name_key', 'in', keys.slice(0, 1000))
    .orderBy('c.name_key')
    .orderBy('c.id')
    .limit(MAX_CANDIDATES)
    .execute();
  return rows.map((r) => ({
    contactId: r.id,
    accountId: r.account_id,
    name: r.name,
    nameKey: r.name_key,
    title: r.title,
    accountName: r.account_name,
  }));
}
