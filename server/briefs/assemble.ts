/**
 * Assembles a Brief from its parts: the contact (read live: its view with provenance, its own
 * relationship) and the account's intelligence (account-intel.ts, computed now or read from its
 * persisted snapshot), plus what the request brings (the match, the page). What depends on the
 * contact is decided here — a job change the page shows, its contact first among equal signals,
 * the cap on signals, the next best action. Pure: same parts and clock, same brief.
 *
 * @example
 * const brief = briefOf({ contact, intel, settings }, { match, page }, now);
 */
import type { Brief, ContactView, NextBestAction, Signal } from '../../shared/brief.ts';
import type { Match, Suggestion } from '../../shared/match.ts';
import { linkedInUrlOf } from '../identity/normalize.ts';
import type { PageFact } from '../intel/facts.ts';
import { fieldsOf } from '../intel/freshness.ts';
import { jobChangeStep, readdressForJobChange, type JobChange } from '../intel/job-change.ts';
import { nextBestAction } from '../intel/next-action.ts';
import { rankSignals } from '../intel/priorities.ts';
import { buyingRoleOf } from '../intel/relationship.ts';
import type { IntelSettings } from '../intel/settings.ts';
import { pageShowsJobChange } from '../intel/signals-org.ts';
import { accountIntelOf, type AccountIntel, type IntelCore, type ShownIntel } from './account-intel.ts';
import { briefFromAnswer, type BriefAnswer } from './answer.ts';
import type { ContactRecord, GatheredBrief } from './gather.ts';

export interface BriefContext {
  match: Match;
  suggestions?: Suggestion[];
  warnings?: string[];
  /** What the page showed (LinkedIn), compared with the CRM for job changes. */
  page?: PageFact;
  /** The page's employer when it is an account of the team (new-employer.ts): a job change's new door. */
  newEmployer?: { id: string; name: string } | null;
}

/**
 * What a brief is made of: the contact it is about (if any), its account's intelligence (if any),
 * the team's settings. The intelligence is whole when just computed; read from its snapshot it is
 * the core, and its shown parts the stored JSON text (snapshot.ts `StoredIntel`).
 */
export type BriefParts =
  | { contact: ContactRecord | null; intel: AccountIntel | null; shown?: undefined; settings: IntelSettings }
  | { contact: ContactRecord | null; intel: IntelCore; shown: string; settings: IntelSettings };

function shownOf(parts: BriefParts): ShownIntel | string | null {
  if (parts.shown !== undefined) return parts.shown;
  const { intel } = parts;
  return intel ? { account: intel.account, intent: intel.intent, stakeholders: intel.stakeholders } : null;
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
    phones: field('phones', contact.phones.length > 0 ? contact.phones : null),
  };
}

/** The job change the page shows for the brief's contact, or null (shared/company.ts decides, as the panel's banner does). */
function jobChangeOf(intel: IntelCore, contact: ContactRecord | null, context: BriefContext): JobChange | null {
  const company = context.page?.company;
  if (!contact || !company) return null;
  const facts = { page: context.page, focusContactId: contact.id, accountName: intel.account.name, pastEmployers: contact.pastEmployers.map((p) => p.company) };
  if (!pageShowsJobChange(facts)) return null;
  return {
    contact: { id: contact.id, name: contact.name, title: contact.title, buyingRole: contact.buyingRole },
    accountId: intel.account.id,
    oldAccount: intel.account.name,
    newCompany: company,
    newAccount: context.newEmployer ?? null,
  };
}

/** The brief's next step: from the job change when the page shows one, else the account's best play seen from this person. */
function nextStepOf(intel: IntelCore, signals: Signal[], change: JobChange | null, contactId: string | null, lastTouchAt: string | null, settings: IntelSettings, now: Date): NextBestAction | null {
  if (change) return jobChangeStep(change, intel.cast);
  return nextBestAction({ signals, deals: intel.openDeals, hasAccount: true, lastTouchAt, championGone: intel.championGone, cast: intel.cast, focusContactId: contactId }, settings, now);
}

/** The brief of its parts, ready to send (answer.ts). */
export function briefAnswerOf(parts: BriefParts, context: BriefContext, now: Date): BriefAnswer {
  const { contact, intel, settings } = parts;
  const change = intel ? jobChangeOf(intel, contact, context) : null;
  // A job change: the old account's plays are no longer addressed to this person (job-change.ts).
  const accountSignals = intel ? (change ? readdressForJobChange(intel.signals, change, intel.cast, intel.championGone, settings, now) : intel.signals) : [];
  const signals = rankSignals(accountSignals, { limit: settings.limits.signals, focusContactId: contact?.id ?? null });
  const openDeals = intel?.openDeals ?? [];
  // A contact brief is about the person: their own last touch and counts; deals are the account's.
  const lastTouch = contact ? contact.lastTouch : (intel?.lastTouch ?? null);
  const counts = contact ? contact.activityCounts : (intel?.activityCounts ?? {});
  const lastTouchAt = [contact?.lastTouch?.at, intel?.lastTouch?.at].filter((t): t is string => !!t).sort().at(-1) ?? null;
  const match: Match = {
    ...context.match,
    ...(contact ? { contactId: contact.id } : {}),
    ...(intel ? { accountId: intel.account.id } : {}),
  };
  const body = {
    match,
    suggestions: context.suggestions ?? [],
    warnings: context.warnings ?? [],
    contact: contact ? contactView(contact, settings, now) : null,
    signals,
    relationship: { lastTouch, meetings: counts.meeting ?? 0, emails: counts.email ?? 0, dealsWon: intel?.dealsWon ?? 0, dealsLost: intel?.dealsLost ?? 0 },
    openDeals,
    nextBestAction: intel ? nextStepOf(intel, signals, change, contact?.id ?? null, lastTouchAt, settings, now) : null,
    generatedAt: now.toISOString(),
  };
  return { body, shown: shownOf(parts) };
}

/** The brief of its parts as a Brief object. */
export function briefOf(parts: BriefParts, context: BriefContext, now: Date): Brief {
  return briefFromAnswer(briefAnswerOf(parts, context, now));
}

/** A brief from freshly gathered facts (no snapshot read or written). */
export function assembleBrief(gathered: GatheredBrief, context: BriefContext, now: Date): Brief {
  const { contact, account, settings } = gathered;
  return briefOf({ contact, intel: account ? accountIntelOf(account, settings, now) : null, settings }, context, now);
}
