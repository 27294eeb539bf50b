/**
 * The facts the intelligence rules read: plain values gathered from the database by
 * `server/briefs/`, or built by hand in tests. No rule sees a row, a query or a clock of its own.
 */
import type { EventData } from '../../shared/events.ts';
import type { SignalKind } from './priorities.ts';

/**
 * A raw event with its typed data. Lists of these are newest first. `knownAt` is when we learned
 * of it (its import or delivery; never before `occurredAt`): a weekly intent score is dated its
 * Monday and a funding round may be reported days late, and the digest places signals by it.
 * Optional for facts built by hand: absent, it reads as `occurredAt` (`knownAtOf`).
 */
export type EventFact = EventData & { occurredAt: string; knownAt?: string | undefined; contactId: string | null; source: string };

/** When the event became known: its arrival, never before it happened. */
export const knownAtOf = (e: { occurredAt: string; knownAt?: string | undefined }): string =>
  e.knownAt && e.knownAt > e.occurredAt ? e.knownAt : e.occurredAt;

/** The latest time any of these became known (a signal built from several events is news when its newest part is). */
export const latestKnownAt = (events: readonly { occurredAt: string; knownAt?: string | undefined }[]): string | undefined =>
  events.reduce<string | undefined>((latest, e) => {
    const at = knownAtOf(e);
    return latest === undefined || at > latest ? at : latest;
  }, undefined);

export interface TechnologyFact {
  name: string;
  category: string | null;
  competitor: boolean;
  addedAt: string | null;
  removedAt: string | null;
  /** When we learned of the adoption / the removal (its import); absent, the date itself. */
  addedKnownAt?: string | undefined;
  removedKnownAt?: string | undefined;
  source: string | null;
  refreshedAt: string | null;
}

export interface DealFact {
  id: string;
  name: string;
  stage: string;
  amount: number | null;
  currency: string;
  /** `YYYY-MM-DD`. */
  closeDate: string | null;
  forecastCategory: string;
  nextStep: string | null;
  /** A competitor named on the deal (CRM field). */
  competitor: string | null;
  owner: { id: string; name: string } | null;
  stageChangedAt: string;
  createdAt: string;
}

/** One change in a deal's history (stage or close date), from `deal_history`. */
export interface DealChange {
  dealId: string;
  field: string;
  from: string | null;
  to: string | null;
  at: string;
}

export interface ActivityFact {
  type: string;
  occurredAt: string;
  contactId: string | null;
  userId: string | null;
}

/** A contact at the account, as the stakeholder map and the risk rules need it. */
export interface PersonFact {
  id: string;
  name: string;
  title: string | null;
  buyingRole: string | null;
  /** Their phone numbers (E.164 where known), for the stakeholder map's call action. */
  phones?: string[] | undefined;
  lastTouchAt: string | null;
  lastTouchType: string | null;
  /** The teammate's name (or id when the user is gone). */
  lastTouchBy: string | null;
}

/** What the host page itself showed about the person (LinkedIn): evidence of a job change. */
export interface PageFact {
  company?: string | undefined;
  title?: string | undefined;
}

/** Everything the signal, risk and intent rules read about one account. */
export interface AccountFacts {
  accountId: string;
  accountName: string;
  /** The contact the brief is about, when it is about one. */
  focusContactId: string | null;
  /** Raw events in the read window, newest first. */
  events: EventFact[];
  technologies: TechnologyFact[];
  /** All the account's deals, open and closed. */
  deals: DealFact[];
  dealChanges: DealChange[];
  /** Recent and upcoming activities, newest first. */
  activities: ActivityFact[];
  /** The account's contacts (capped), for names, roles and engagement. */
  contacts: PersonFact[];
  /** The account's last touch (denormalised from activities). */
  lastTouchAt: string | null;
  lastTouchType: string | null;
  /** Page evidence and the CRM's view of the focus contact, for job changes. */
  page?: PageFact | undefined;
  pastEmployers?: string[] | undefined;
}

/** What a signal rule yields; `deriveSignals` adds the priority class, the play and the account. */
export interface SignalDraft {
  kind: SignalKind;
  reason: string;
  occurredAt: string;
  contactId: string | null;
  /** When it became known, when later than `occurredAt` (a late report, a weekly score); else `occurredAt`. */
  knownAt?: string | undefined;
  /** The person's name when the event names someone who may not be a contact (a new executive). */
  who?: string | null;
  whoTitle?: string | null;
}
