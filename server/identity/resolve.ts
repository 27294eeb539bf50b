/**
 * Identity resolution: refs from a page → the CRM records they point at, with how and how sure.
 *
 * Rules, strongest first, per key: a teammate's correction (alias) overrides the automatic match
 * for the same key; then the LinkedIn slug or exact email; then the company domain (exact host,
 * then registrable domain; never a free-mail provider). Name + company only ever suggests.
 * Lookalikes cannot equal the real key (see normalize.ts) and carry a warning (lookalike.ts).
 *
 * A request costs one round trip for every exact key of every ref (lookup.ts), one more only if
 * some ref needs name suggestions, and one more only if it holds a calendar event.
 */
import type { DB } from '../db/connect.ts';
import type { IdentityRef } from '../../shared/refs.ts';
import type { Match, Resolution } from '../../shared/match.ts';
import { aliasKey } from './aliases.ts';
import { lookupExactKeys, type KeyHit, type KeyHits } from './lookup.ts';
import { planRef, type Planned, type RefPlan } from './plan.ts';
import { findNameCandidates, rankSuggestions, type NameCandidate } from './suggest.ts';
import { meetingAccount, teamMailDomains } from './meeting.ts';

/** How sure each kind of link is. An address's domain says less than a domain given as such. */
export const CONFIDENCE = {
  linkedin_url: 1,
  email: 1,
  alias: 0.95,
  domain: { host: 0.9, registrable: 0.85 },
  emailDomain: { host: 0.6, registrable: 0.55 },
} as const;

function withAccount(accountId: string | null): { accountId?: string } {
  return accountId ? { accountId } : {};
}

function aliasMatch(hit: KeyHit | undefined): Match | null {
  if (!hit) return null;
  return {
    ...(hit.contactId ? { contactId: hit.contactId } : {}),
    ...withAccount(hit.accountId),
    method: 'alias',
    confidence: CONFIDENCE.alias,
    // The date, not the teammate: who corrected it is in the audit log for admins.
    explanation: `Corrected by a teammate on ${(hit.at ?? '').slice(0, 10)}`,
  };
}

function contactMatch(hit: KeyHit | undefined, method: 'linkedin_url' | 'email', explanation: string): Match | null {
  if (!hit?.contactId) return null;
  return { contactId: hit.contactId, ...withAccount(hit.accountId), method, confidence: CONFIDENCE[method], explanation };
}

/**
 * The best match for one plan: per key, an alias first, then the automatic match.
 *
 * @example matchFor(plan, hits) // { contactId: 'ct_1', accountId: 'acc_1', method: 'linkedin_url', confidence: 1, explanation: 'LinkedIn URL in CRM' }
 */
export function matchFor(plan: RefPlan, hits: KeyHits): Match | null {
  if (plan.slug) {
    return (
      aliasMatch(hits.alias.get(aliasKey.linkedin(plan.slug))) ??
      contactMatch(hits.slug.get(plan.slug), 'linkedin_url', 'LinkedIn URL in CRM')
    );
  }
  if (plan.email) {
    const exact =
      aliasMatch(hits.alias.get(aliasKey.email(plan.email))) ??
      contactMatch(hits.email.get(plan.email), 'email', 'Email address in CRM');
    if (exact) return exact;
  }
  const weights = plan.source === 'domain' ? CONFIDENCE.domain : CONFIDENCE.emailDomain;
  for (const [index, domain] of plan.domains.entries()) {
    const alias = aliasMatch(hits.alias.get(aliasKey.domain(domain)));
    if (alias) return alias;
    const accountId = hits.domain.get(domain)?.accountId;
    if (accountId) {
      const registrable = index > 0;
      return {
        accountId,
        method: 'domain',
        confidence: registrable ? weights.registrable : weights.host,
        explanation: registrable ? `Company domain ${domain} (from ${plan.domains[0]})` : `Company domain ${domain}`,
      };
    }
  }
  return null;
}

/** Suggestions for a plan whose person is still unknown; a lookalike gets none. */
function suggestionsFor(plan: RefPlan, match: Match | null, candidates: NameCandidate[]) {
  if (!plan.name || plan.lookalike || match?.contactId) return [];
  return rankSuggestions({ ...plan.name, ...(match?.accountId ? { accountId: match.accountId } : {}) }, candidates);
}

const plansOf = (planned: Planned): RefPlan[] => (planned.kind === 'single' ? [planned.plan] : planned.attendees);

/**
 * Resolves each ref within one team; the answer is in the same order as the refs.
 *
 * @example
 * const [jane] = await resolveRefs(db, teamId, [{ kind: 'linkedin', profileUrl: 'https://se.linkedin.com/in/jane-doe/' }]);
 * jane.match // { contactId: 'ct_1', accountId: 'acc_1', method: 'linkedin_url', confidence: 1, explanation: 'LinkedIn URL in CRM' }
 */
export async function resolveRefs(db: DB, teamId: string, refs: IdentityRef[]): Promise<Resolution[]> {
  const planned = refs.map(planRef);
  const plans = planned.flatMap(plansOf);
  const hits = await lookupExactKeys(db, teamId, {
    slugs: plans.flatMap((p) => (p.slug ? [p.slug] : [])),
    emails: plans.flatMap((p) => (p.email ? [p.email] : [])),
    domains: plans.flatMap((p) => p.domains),
    aliasKeys: plans.flatMap((p) => p.aliasKeys),
  });
  const matches = new Map(plans.map((plan) => [plan, matchFor(plan, hits)]));

  const wantNames = plans.filter((p) => p.name && !p.lookalike && !matches.get(p)?.contactId).map((p) => p.name!.nameKey);
  const hasEvent = planned.some((p) => p.kind === 'event');
  const [candidates, ownDomains] = await Promise.all([
    wantNames.length ? findNameCandidates(db, teamId, wantNames) : Promise.resolve([]),
    hasEvent ? teamMailDomains(db, teamId) : Promise.resolve(new Set<string>()),
  ]);

  const resolutionOf = (plan: RefPlan): Resolution => {
    const match = matches.get(plan) ?? null;
    return { match, suggestions: suggestionsFor(plan, match, candidates), warnings: plan.warnings };
  };
  return planned.map((p) => {
    if (p.kind === 'single') return resolutionOf(p.plan);
    const attendees = p.attendees.map(resolutionOf);
    return {
      match: meetingAccount(p.attendees, attendees, ownDomains),
      suggestions: [],
      // A lookalike among the guests matters at the meeting level too: it may be the impostor.
      warnings: [...new Set(p.attendees.filter((a) => a.lookalike).flatMap((a) => a.warnings))],
      attendees,
    };
  });
}

/** Resolves one ref (see resolveRefs). */
export async function resolveRef(db: DB, teamId: string, ref: IdentityRef): Promise<Resolution> {
  const [resolution] = await resolveRefs(db, teamId, [ref]);
  return resolution!;
}
