/**
 * Assembles a Brief from gathered facts: views of the contact and account with per-field
 * provenance, then the intelligence (signals, intent, relationship, deal risks, stakeholders,
 * next best action) from the pure rules in server/intel. Pure: same facts and clock, same brief.
 *
 * @example
 * const brief = assembleBrief(gathered, { match, suggestions: [], warnings: [] }, now);
 */
import type { AccountView, Brief, ContactView, DealView, ForecastCategory, Technology } from '../../shared/brief.ts';
import type { Match, Suggestion } from '../../shared/match.ts';
import { linkedInUrlOf } from '../identity/normalize.ts';
import { isOpenDeal } from '../intel/deals.ts';
import type { DealFact, PageFact } from '../intel/facts.ts';
import { fieldsOf, isStale } from '../intel/freshness.ts';
import { intentOf } from '../intel/intent.ts';
import { nextBestAction } from '../intel/next-action.ts';
import { buyingRoleOf, relationshipOf, stakeholdersOf } from '../intel/relationship.ts';
import { accountRiskContext, dealRisks } from '../intel/risk.ts';
import type { IntelSettings } from '../intel/settings.ts';
import { deriveSignals } from '../intel/signals.ts';
import type { AccountRecord, ContactRecord, GatheredBrief } from './gather.ts';

export interface BriefContext {
  match: Match;
  suggestions?: Suggestion[];
  warnings?: string[];
  /** What the page showed (LinkedIn), compared with the CRM for job changes. */
  page?: PageFact;
}

function contactView(contact: ContactRecord, settings: IntelSettings, now: Date): ContactView {
  const field = fieldsOf(contact.fieldSources, settings, now);
  return {
    id: contact.id,
    name: contact.name,
    linkedinUrl: contact.linkedinSlug ? linkedInUrlOf(contact.linkedinSlug) : null,
    emails: contact.emails,
    title: field('title', contact.title),
    seniority: field('seniority', contact.seniority),
    department: field('department', contact.department),
    location: field('location', contact.location),
    buyingRole: buyingRoleOf(contact.buyingRole),
    tenureStart: field('tenure_start', contact.tenureStart),
    pastEmployers: field('past_employers', contact.pastEmployers.length > 0 ? contact.pastEmployers : null),
  };
}

function accountView(account: AccountRecord, settings: IntelSettings, now: Date): AccountView {
  const field = fieldsOf(account.fieldSources, settings, now);
  const technologies: Technology[] = account.facts.technologies.map((t) => ({
    name: t.name,
    category: t.category,
    competitor: t.competitor,
    addedAt: t.addedAt,
    removedAt: t.removedAt,
    source: t.source,
    refreshedAt: t.refreshedAt,
    stale: isStale(t.refreshedAt, settings, now),
  }));
  return {
    id: account.id,
    name: account.name,
    domains: account.domains,
    tier: account.tier,
    stage: account.stage,
    owner: account.owner,
    territory: account.territory,
    industry: field('industry', account.industry),
    employees: field('employees', account.employees),
    location: field('location', account.location),
    revenue: field('revenue', account.revenue),
    funding: field('funding', account.funding),
    description: field('description', account.description),
    technologies,
    history: account.history,
  };
}

const FORECAST: readonly ForecastCategory[] = ['commit', 'best_case', 'pipeline', 'omitted'];

function dealView(deal: DealFact, risks: DealView['risks']): DealView {
  const forecast = deal.forecastCategory.trim().toLowerCase().replace(/[\s-]+/g, '_') as ForecastCategory;
  return {
    id: deal.id,
    name: deal.name,
    stage: deal.stage,
    amount: deal.amount,
    currency: deal.currency,
    closeDate: deal.closeDate,
    forecastCategory: FORECAST.includes(forecast) ? forecast : 'pipeline',
    nextStep: deal.nextStep,
    owner: deal.owner,
    risks,
  };
}

/** Open deals, soonest close first (undated last), each with its risks. */
function openDealsOf(account: AccountRecord, settings: IntelSettings, now: Date): DealView[] {
  const context = accountRiskContext(account.facts, settings, now);
  return account.facts.deals
    .filter((d) => isOpenDeal(d.stage, settings))
    .sort((a, b) => (a.closeDate ?? '9999').localeCompare(b.closeDate ?? '9999'))
    .map((d) => dealView(d, dealRisks(d, account.facts, settings, now, context)));
}

export function assembleBrief(gathered: GatheredBrief, context: BriefContext, now: Date): Brief {
  const { contact, account, settings } = gathered;
  const facts = account ? { ...account.facts, page: context.page } : null;
  const signals = facts ? deriveSignals(facts, settings, now) : [];
  const openDeals = account ? openDealsOf(account, settings, now) : [];
  // A contact brief is about the person: their own last touch and counts; deals are the account's.
  const lastTouch = contact ? contact.lastTouch : (account?.lastTouch ?? null);
  const relationship = relationshipOf(
    { lastTouch, activityCounts: contact ? contact.activityCounts : (account?.activityCounts ?? {}), deals: account?.facts.deals ?? [] },
    settings,
  );
  const lastTouchAt = [contact?.lastTouch?.at, account?.lastTouch?.at].filter((t): t is string => !!t).sort().at(-1) ?? null;
  const match: Match = {
    ...context.match,
    ...(contact ? { contactId: contact.id } : {}),
    ...(account ? { accountId: account.id } : {}),
  };
  return {
    match,
    suggestions: context.suggestions ?? [],
    warnings: context.warnings ?? [],
    contact: contact ? contactView(contact, settings, now) : null,
    account: account ? accountView(account, settings, now) : null,
    signals,
    intent: facts ? intentOf(facts.events, settings, now) : null,
    relationship,
    openDeals,
    stakeholders: account ? stakeholdersOf(account.facts.contacts, settings) : [],
    nextBestAction: nextBestAction({ signals, deals: openDeals, hasAccount: account !== null, lastTouchAt }, settings, now),
    generatedAt: now.toISOString(),
  };
}
