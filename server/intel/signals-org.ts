/**
 * Organisational triggers (priority 2): funding, a new executive, a champion or another member
 * of the buying group leaving (`champion_left`), a job change the page shows, a competitor
 * adopted or dropped, an acquisition. Lesser changes (a non-competitor tool, a departure outside
 * the buying group, news) go to the review queue (4).
 *
 * @example
 * orgSignals(facts, DEFAULT_SETTINGS, now)
 * // [{ kind: 'competitor_added', reason: 'Adopted competitor Globex CRM on 2026-11-02 (21 days ago)', … }]
 */
import type { BuyingRole } from '../../shared/brief.ts';
import { showsJobChange } from '../../shared/company.ts';
import { knownAtOf, type AccountFacts, type EventFact, type SignalDraft } from './facts.ts';
import { buyingRoleOf } from './relationship.ts';
import type { IntelSettings } from './settings.ts';
import { dayOf, daysBefore, daysBetween } from './time.ts';

type Departure = Extract<EventFact, { kind: 'departure' }>;

/** "on 2026-11-02 (21 days ago)": every trigger says when, in numbers. */
const when = (at: string, now: Date) => {
  const ago = daysBetween(at, now);
  return `on ${dayOf(at)} (${ago === 0 ? 'today' : ago === 1 ? '1 day ago' : `${ago} days ago`})`;
};

/** "US$12M": money always says its currency ("$" alone is also the Canadian, Australian… dollar). */
const usd = (amount: number) =>
  amount >= 1e9 ? `US$${+(amount / 1e9).toFixed(1)}B` : amount >= 1e6 ? `US$${+(amount / 1e6).toFixed(1)}M` : amount >= 1e3 ? `US$${Math.round(amount / 1e3)}K` : `US$${Math.round(amount)}`;

/**
 * A departure with the leaver's CRM record when the event names them (by contact id: imports
 * resolve the person to a contact when they store the event) and their buying role.
 */
export interface DepartureFact {
  event: Departure;
  contactId: string | null;
  name: string | null;
  title: string;
  /** The leaver's buying role at the account: any role makes them part of the buying group. */
  role: BuyingRole | null;
}

/** How a reason names the leaver's role: "Maya Chen, your champion, left Northwind". */
const ROLE_PHRASE: Record<BuyingRole, string> = {
  champion: 'your champion',
  decision_maker: 'your decision maker',
  influencer: 'an influencer in the buying group',
  blocker: 'a blocker in the buying group',
  user: 'a user in the buying group',
  other: 'in the buying group',
};
export const rolePhrase = (role: BuyingRole) => ROLE_PHRASE[role];

/** Whether the leaver's departure puts the account's open deals at risk: anyone in the buying group but a blocker. */
export const departureRisksDeals = (d: DepartureFact) => d.role !== null && d.role !== 'blocker';

/** Departures in the window, matched to the account's contacts to tell the buying group from anyone else. */
export function departuresSince(facts: Pick<AccountFacts, 'events' | 'contacts'>, since: string, now: Date): DepartureFact[] {
  const until = now.toISOString();
  const out: DepartureFact[] = [];
  for (const event of facts.events) {
    if (event.kind !== 'departure' || event.occurredAt < since || event.occurredAt > until) continue;
    const contactId = event.data.contactId ?? event.contactId;
    const known = contactId ? facts.contacts.find((c) => c.id === contactId) : undefined;
    out.push({
      event,
      contactId,
      name: known?.name ?? event.data.name ?? null,
      title: event.data.title,
      role: buyingRoleOf(known?.buyingRole ?? null),
    });
  }
  return out;
}

/**
 * The account's champion has left and no other champion remains: the plays that would ask the
 * champion for something (a call, an intro, a reference) are replaced (plays.ts `playFor`).
 */
export function championGone(facts: Pick<AccountFacts, 'events' | 'contacts'>): boolean {
  const left = new Set(facts.events.flatMap((e) => (e.kind === 'departure' ? [e.data.contactId ?? e.contactId] : [])));
  const champions = facts.contacts.filter((c) => c.buyingRole === 'champion');
  return champions.some((c) => left.has(c.id)) && champions.every((c) => left.has(c.id));
}

export function eventTriggerSignals(facts: AccountFacts, settings: IntelSettings, now: Date): SignalDraft[] {
  const since = daysBefore(now, settings.org.lookbackDays);
  const until = now.toISOString();
  const out: SignalDraft[] = [];
  for (const event of facts.events) {
    if (event.occurredAt < since || event.occurredAt > until) continue;
    const base = { occurredAt: event.occurredAt, knownAt: knownAtOf(event), contactId: event.contactId };
    if (event.kind === 'funding') {
      const amount = event.data.amountUsd ? ` (${usd(event.data.amountUsd)})` : '';
      out.push({ ...base, kind: 'funding', reason: `Raised ${event.data.round}${amount} ${when(event.occurredAt, now)}` });
    } else if (event.kind === 'exec_hire') {
      const who = event.data.name ? ` ${event.data.name}` : '';
      out.push({ ...base, kind: 'exec_hire', reason: `New ${event.data.title}${who} hired ${when(event.occurredAt, now)}`, who: event.data.name ?? null, whoTitle: event.data.title });
    } else if (event.kind === 'acquisition') {
      const what = event.data.target ? `Acquired ${event.data.target}` : `Acquired by ${event.data.acquirer}`;
      out.push({ ...base, kind: 'acquisition', reason: `${what} ${when(event.occurredAt, now)}` });
    } else if (event.kind === 'news') {
      out.push({ ...base, kind: 'news', reason: `In the news ${when(event.occurredAt, now)}: ${event.data.headline}` });
    }
  }
  for (const d of departuresSince(facts, since, now)) {
    const base = { occurredAt: d.event.occurredAt, knownAt: knownAtOf(d.event), contactId: d.contactId };
    if (d.role) {
      // A member of the buying group: a trigger, its reason naming the person and their role.
      const who = d.name ?? `The ${d.title}`;
      out.push({ ...base, kind: 'champion_left', reason: `${who}, ${rolePhrase(d.role)}, left ${facts.accountName} ${when(d.event.occurredAt, now)}` });
    } else {
      const who = d.name ? `${d.name} (${d.title})` : d.title;
      out.push({ ...base, kind: 'departure', reason: `${who} left ${when(d.event.occurredAt, now)}` });
    }
  }
  return out;
}

/** Technographic changes: a competitor adopted or dropped is a trigger; other tools are for review. */
export function technologySignals(facts: AccountFacts, settings: IntelSettings, now: Date): SignalDraft[] {
  const since = daysBefore(now, settings.org.lookbackDays);
  const until = now.toISOString();
  const inWindow = (at: string | null): at is string => at !== null && at >= since && at <= until;
  const out: SignalDraft[] = [];
  for (const tech of facts.technologies) {
    const label = tech.category ? `${tech.name} (${tech.category})` : tech.name;
    if (inWindow(tech.addedAt)) {
      const base = { occurredAt: tech.addedAt, knownAt: knownAtOf({ occurredAt: tech.addedAt, knownAt: tech.addedKnownAt }), contactId: null };
      out.push(
        tech.competitor
          ? { ...base, kind: 'competitor_added', reason: `Adopted competitor ${label} ${when(tech.addedAt, now)}` }
          : { ...base, kind: 'tech_added', reason: `Added ${label} ${when(tech.addedAt, now)}` },
      );
    }
    if (inWindow(tech.removedAt)) {
      const base = { occurredAt: tech.removedAt, knownAt: knownAtOf({ occurredAt: tech.removedAt, knownAt: tech.removedKnownAt }), contactId: null };
      out.push(
        tech.competitor
          ? { ...base, kind: 'competitor_dropped', reason: `Dropped competitor ${label} ${when(tech.removedAt, now)}` }
          : { ...base, kind: 'tech_removed', reason: `Removed ${label} ${when(tech.removedAt, now)}` },
      );
    }
  }
  return out;
}

/**
 * The page shows a current employer other than the CRM's account: a job change (a champion may
 * have left; a new door may have opened). A page naming one of the contact's recorded past
 * employers is the page lagging behind the CRM, not a change.
 */
/** What the job-change rule reads: the page, the focus contact and the CRM's account and past employers. */
export type JobChangeFacts = Pick<AccountFacts, 'page' | 'focusContactId' | 'accountName' | 'pastEmployers'> & {
  contacts: readonly Pick<AccountFacts['contacts'][number], 'id' | 'name'>[];
};

export function pageShowsJobChange(facts: Omit<JobChangeFacts, 'contacts'>): boolean {
  // The panel's banner decides with the same rule (shared/company.ts), so the two never disagree.
  return !!facts.focusContactId && showsJobChange(facts.page?.company, facts.accountName, facts.pastEmployers ?? []);
}

export function jobChangeSignals(facts: JobChangeFacts, now: Date): SignalDraft[] {
  const company = facts.page?.company;
  if (!company || !pageShowsJobChange(facts)) return [];
  return [
    {
      kind: 'job_change',
      reason: `LinkedIn shows ${company} as the current employer; the CRM has ${facts.accountName} (seen ${dayOf(now.toISOString())})`,
      occurredAt: now.toISOString(),
      contactId: facts.focusContactId,
      who: facts.contacts.find((c) => c.id === facts.focusContactId)?.name ?? null,
    },
  ];
}
