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
import type { Brief, ContactView, Signal } from '../../shared/brief.ts';
import type { Match, Suggestion } from '../../shared/match.ts';
import { linkedInUrlOf } from '../identity/normalize.ts';
import type { PageFact } from '../intel/facts.ts';
import { fieldsOf } from '../intel/freshness.ts';
import { nextBestAction } from '../intel/next-action.ts';
import { playFor } from '../intel/plays.ts';
import { rankSignals } from '../intel/priorities.ts';
import { buyingRoleOf } from '../intel/relationship.ts';
import type { IntelSettings } from '../intel/settings.ts';
import { championName } from '../intel/signals-first-party.ts';
import { jobChangeSignals, pageShowsJobChange } from '../intel/signals-org.ts';
import { signalsOf } from '../intel/signals.ts';
import { accountIntelOf, type AccountIntel, type IntelCore, type ShownIntel } from './account-intel.ts';
import { briefFromAnswer, type BriefAnswer } from './answer.ts';
import type { ContactRecord, GatheredBrief } from './gather.ts';

export interface BriefContext {
  match: Match;
  suggestions?: Suggestion[];
  warnings?: string[];
  /** What the page showed (LinkedIn), compared with the CRM for job changes. */
  page?: PageFact;
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
  };
}

/**
 * The account's signals for this brief: a job change when the page shows the contact elsewhere
 * (and then the pricing play no longer names them as the champion), the contact's signals first
 * among equals, capped.
 */
function signalsForBrief(intel: IntelCore, contact: ContactRecord | null, page: PageFact | undefined, settings: IntelSettings, now: Date): Signal[] {
  const focus = contact?.id ?? null;
  let signals = intel.signals;
  if (contact && page?.company) {
    const facts = {
      page,
      focusContactId: contact.id,
      accountName: intel.account.name,
      pastEmployers: contact.pastEmployers.map((p) => p.company),
      contacts: [{ id: contact.id, name: contact.name }],
    };
    if (pageShowsJobChange(facts)) {
      const who = championName(intel.champions, contact.id);
      const context = { championGone: intel.championGone };
      signals = [
        ...signals.map((s) => (s.kind === 'pricing_visits' ? { ...s, action: playFor('pricing_visits', settings, who, context) } : s)),
        ...signalsOf(jobChangeSignals(facts, now), intel.account.id, settings, context),
      ];
    }
  }
  return rankSignals(signals, { limit: settings.limits.signals, focusContactId: focus });
}

/** The brief of its parts, ready to send (answer.ts). */
export function briefAnswerOf(parts: BriefParts, context: BriefContext, now: Date): BriefAnswer {
  const { contact, intel, settings } = parts;
  const signals = intel ? signalsForBrief(intel, contact, context.page, settings, now) : [];
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
    nextBestAction: nextBestAction({ signals, deals: openDeals, hasAccount: intel !== null, lastTouchAt, championGone: intel?.championGone ?? false }, settings, now),
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
