/**
 * An account's intelligence: every part of a Brief that depends only on the account and the
 * clock (its view, signals, intent, deals with risks, stakeholders, won/lost counts), computed
 * from gathered facts by the pure rules of server/intel. It is what `account_intel` persists
 * (snapshot.ts), so it is plain JSON: what goes in comes back out equal.
 *
 * It has two halves: the core a brief decides with (signals, champions, deals, counts: read on
 * every brief) and the parts a brief only shows (the account's view, intent, stakeholders: most
 * of the bytes). They are stored apart so a warm brief parses only the core and passes the
 * shown parts on as the JSON text they were stored as (answer.ts).
 *
 * @example
 * const intel = accountIntelOf(account, settings, now);
 * intel.signals[0]?.reason // 'Visited pricing 3 times in the last 7 days, latest today'
 */
import type { AccountView, DealView, ForecastCategory, Intent, Signal, Stakeholder, Technology, Touch } from '../../shared/brief.ts';
import { dealOutcome, isOpenDeal } from '../intel/deals.ts';
import type { DealFact } from '../intel/facts.ts';
import { fieldsOf, isStale } from '../intel/freshness.ts';
import { intentOf } from '../intel/intent.ts';
import { rankSignals } from '../intel/priorities.ts';
import { stakeholdersOf } from '../intel/relationship.ts';
import { engagementOf } from '../intel/scores-engagement.ts';
import { icpFitOf } from '../intel/scores-icp.ts';
import { statusRules, type StatusDecision } from '../intel/status.ts';
import { accountRiskContext, dealRisks } from '../intel/risk.ts';
import type { IntelSettings } from '../intel/settings.ts';
import type { Cast } from '../intel/address.ts';
import { addressContextOf, signalDrafts, signalsOf } from '../intel/signals.ts';
import type { AccountRecord } from './gather.ts';

/**
 * Bumped whenever the payload's shape or the rules change, so snapshots written by older code are
 * recomputed (snapshot.ts compares it). Defined here, where the payload is built, so this file
 * does not import snapshot.ts, which imports it.
 */
export const ACCOUNT_INTEL_VERSION = 5;

export interface AccountIntel {
  version: number;
  /** The stored settings it was computed with (settingsKey): a snapshot of other settings is never served. */
  settingsKey: string;
  account: AccountView;
  /** The account's own last touch and lifetime activity counts (an account brief's relationship). */
  lastTouch: Touch | null;
  activityCounts: Record<string, number>;
  dealsWon: number;
  dealsLost: number;
  /** Every account-level signal, ranked with no focus contact and NOT capped: a brief adds its contact's and caps. */
  signals: Signal[];
  /** Who is who at the account (buying-role holders still there, the owner): whom plays are addressed to (address.ts). */
  cast: Cast;
  /** The account's champion has left and none remains: no play asks the champion for anything (plays.ts). */
  championGone: boolean;
  intent: Intent;
  openDeals: DealView[];
  stakeholders: Stakeholder[];
  /** What the status rules would change (the job applies it) or suggest (a value set by hand). */
  status: StatusDecision;
}

/** The parts of an account's intelligence a brief passes on as they are and never reads. */
export type ShownIntel = Pick<AccountIntel, 'account' | 'intent' | 'stakeholders'>;

/** What a brief decides with: everything but the shown parts, and of the account its id and name. */
export type IntelCore = Omit<AccountIntel, keyof ShownIntel> & { account: Pick<AccountView, 'id' | 'name'> };

/** The two halves of an account's intelligence, as they are stored. Keys in the order of AccountIntel (version first). */
export function splitIntel(intel: AccountIntel): { core: IntelCore; shown: ShownIntel } {
  const { account, intent, stakeholders, ...rest } = intel;
  return { core: { ...rest, account: { id: account.id, name: account.name } }, shown: { account, intent, stakeholders } };
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
    icpFit: icpFitOf({ ...account, technologies: account.facts.technologies }, settings),
    engagement: engagementOf(account.facts, settings, now),
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

/** Identifies the stored settings rows (not their merged result), cheaply compared on every brief. */
export const settingsKey = (stored: { intel?: string | null; thresholds?: string | null }) => `${stored.intel ?? ''}\u0000${stored.thresholds ?? ''}`;

/** The account's intelligence at `now`, with no contact in focus and no page evidence. */
export function accountIntelOf(account: AccountRecord, settings: IntelSettings, now: Date, storedSettingsKey = ''): AccountIntel {
  const facts = { ...account.facts, focusContactId: null, page: undefined, pastEmployers: undefined };
  let dealsWon = 0;
  let dealsLost = 0;
  for (const deal of facts.deals) {
    const outcome = dealOutcome(deal.stage, settings);
    if (outcome === 'won') dealsWon++;
    else if (outcome === 'lost') dealsLost++;
  }
  const context = addressContextOf(facts, account.owner);
  const signals = signalsOf(signalDrafts(facts, settings, now), account.id, settings, context);
  const view = accountView(account, settings, now);
  const status = statusRules({ ...account, events: facts.events, activities: facts.activities, icpFit: view.icpFit }, settings, now);
  return {
    version: ACCOUNT_INTEL_VERSION,
    settingsKey: storedSettingsKey,
    account: view,
    lastTouch: account.lastTouch,
    activityCounts: account.activityCounts ?? {},
    dealsWon,
    dealsLost,
    signals: rankSignals(signals, { limit: Number.MAX_SAFE_INTEGER }),
    cast: context.cast,
    championGone: context.championGone,
    intent: intentOf(facts.events, settings, now),
    openDeals: openDealsOf(account, settings, now),
    stakeholders: stakeholdersOf(facts.contacts, settings),
    status,
  };
}
