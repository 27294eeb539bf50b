/**
 * Relationship: our history with the person or account (last touch, meetings and emails
 * counted, deals won and lost) and the stakeholder map (buying roles first, then whoever we
 * spoke to most recently).
 *
 * @example
 * relationshipOf({ lastTouch, activityCounts: { meeting: 3, email: 12 }, deals }, DEFAULT_SETTINGS)
 * // { lastTouch, meetings: 3, emails: 12, dealsWon: 1, dealsLost: 0 }
 */
import type { BuyingRole, Relationship, Stakeholder, Touch } from '../../shared/brief.ts';
import { BuyingRole as BuyingRoleSchema } from '../../shared/brief.ts';
import { dealOutcome } from './deals.ts';
import type { DealFact, PersonFact } from './facts.ts';
import type { IntelSettings } from './settings.ts';

export interface RelationshipFacts {
  lastTouch: Touch | null;
  /** Lifetime activity counts by activity type. */
  activityCounts: Record<string, number>;
  deals: readonly DealFact[];
}

export function relationshipOf(facts: RelationshipFacts, settings: IntelSettings): Relationship {
  let dealsWon = 0;
  let dealsLost = 0;
  for (const deal of facts.deals) {
    const outcome = dealOutcome(deal.stage, settings);
    if (outcome === 'won') dealsWon++;
    else if (outcome === 'lost') dealsLost++;
  }
  return {
    lastTouch: facts.lastTouch,
    meetings: facts.activityCounts.meeting ?? 0,
    emails: facts.activityCounts.email ?? 0,
    dealsWon,
    dealsLost,
  };
}

/** Who decides comes first on the map; contacts without a role come last. */
const ROLE_ORDER: Record<BuyingRole, number> = { decision_maker: 0, champion: 1, blocker: 2, influencer: 3, user: 4, other: 5 };

// A Set, not safeParse: most contacts have no role, and building a zod error per contact is costly.
const BUYING_ROLES: ReadonlySet<string> = new Set(BuyingRoleSchema.options);

export const buyingRoleOf = (value: string | null): BuyingRole | null => (value !== null && BUYING_ROLES.has(value) ? (value as BuyingRole) : null);

/** The stakeholder map: the account's contacts by buying role, then most recent touch, capped. */
export function stakeholdersOf(contacts: readonly PersonFact[], settings: IntelSettings): Stakeholder[] {
  const rank = (p: PersonFact) => {
    const role = buyingRoleOf(p.buyingRole);
    return role ? ROLE_ORDER[role] : 6;
  };
  return [...contacts]
    .sort(
      (a, b) =>
        rank(a) - rank(b) ||
        ((b.lastTouchAt ?? '') < (a.lastTouchAt ?? '') ? -1 : (b.lastTouchAt ?? '') > (a.lastTouchAt ?? '') ? 1 : 0) ||
        (a.name < b.name ? -1 : a.name > b.name ? 1 : 0),
    )
    .slice(0, settings.limits.stakeholders)
    .map((p) => ({
      contactId: p.id,
      name: p.name,
      title: p.title,
      role: buyingRoleOf(p.buyingRole),
      lastTouch: touchOf(p.lastTouchAt, p.lastTouchType, p.lastTouchBy),
      ...(p.phones?.length ? { phones: p.phones } : {}),
    }));
}

/** A denormalised last touch as shown (`by` is the teammate's name, resolved when gathered). */
export function touchOf(at: string | null, type: string | null, by: string | null): Touch | null {
  if (!at) return null;
  return { at, type: type ?? 'activity', by };
}
