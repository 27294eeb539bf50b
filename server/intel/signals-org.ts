/**
 * Organisational triggers (priority 2): funding, a new executive, a champion leaving, a job
 * change the page shows, a competitor adopted or dropped, an acquisition. Lesser changes (a
 * non-competitor tool, a departure outside the buying group, news) go to the review queue (4).
 *
 * @example
 * orgSignals(facts, DEFAULT_SETTINGS, now)
 * // [{ kind: 'competitor_added', reason: 'Adopted competitor Globex CRM on 2026-11-02 (21 days ago)', … }]
 */
import { showsJobChange } from '../../shared/company.ts';
import { knownAtOf, type AccountFacts, type EventFact, type SignalDraft } from './facts.ts';
import type { IntelSettings } from './settings.ts';
import { dayOf, daysBefore, daysBetween } from './time.ts';

type Departure = Extract<EventFact, { kind: 'departure' }>;

/** "on 2026-11-02 (21 days ago)": every trigger says when, in numbers. */
const when = (at: string, now: Date) => {
  const ago = daysBetween(at, now);
  return `on ${dayOf(at)} (${ago === 0 ? 'today' : ago === 1 ? '1 day ago' : `${ago} days ago`})`;
};

const usd = (amount: number) =>
  amount >= 1e9 ? `$${+(amount / 1e9).toFixed(1)}B` : amount >= 1e6 ? `$${+(amount / 1e6).toFixed(1)}M` : `$${Math.round(amount / 1e3)}K`;

/** A departure with the leaver's CRM record (when known) and whether they were the champion. */
export interface DepartureFact {
  event: Departure;
  name: string | null;
  title: string;
  champion: boolean;
}

/** Departures in the window, matched to the account's contacts to tell a champion from anyone else. */
export function departuresSince(facts: AccountFacts, since: string, now: Date): DepartureFact[] {
  const until = now.toISOString();
  const out: DepartureFact[] = [];
  for (const event of facts.events) {
    if (event.kind !== 'departure' || event.occurredAt < since || event.occurredAt > until) continue;
    const contactId = event.data.contactId ?? event.contactId;
    const known = contactId ? facts.contacts.find((c) => c.id === contactId) : undefined;
    out.push({
      event,
      name: event.data.name ?? known?.name ?? null,
      title: event.data.title,
      champion: known?.buyingRole === 'champion',
    });
  }
  return out;
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
      out.push({ ...base, kind: 'exec_hire', reason: `New ${event.data.title}${who} hired ${when(event.occurredAt, now)}`, who: event.data.name ?? null });
    } else if (event.kind === 'acquisition') {
      const what = event.data.target ? `Acquired ${event.data.target}` : `Acquired by ${event.data.acquirer}`;
      out.push({ ...base, kind: 'acquisition', reason: `${what} ${when(event.occurredAt, now)}` });
    } else if (event.kind === 'news') {
      out.push({ ...base, kind: 'news', reason: `In the news ${when(event.occurredAt, now)}: ${event.data.headline}` });
    }
  }
  for (const d of departuresSince(facts, since, now)) {
    const who = d.name ? `${d.name} (${d.title})` : d.title;
    out.push({
      kind: d.champion ? 'champion_left' : 'departure',
      reason: `${d.champion ? 'Champion ' : ''}${who} left ${when(d.event.occurredAt, now)}`,
      occurredAt: d.event.occurredAt,
      contactId: d.event.data.contactId ?? d.event.contactId,
    });
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
      out.push(
        tech.competitor
          ? { kind: 'competitor_added', reason: `Adopted competitor ${label} ${when(tech.addedAt, now)}`, occurredAt: tech.addedAt, contactId: null }
          : { kind: 'tech_added', reason: `Added ${label} ${when(tech.addedAt, now)}`, occurredAt: tech.addedAt, contactId: null },
      );
    }
    if (inWindow(tech.removedAt)) {
      out.push(
        tech.competitor
          ? { kind: 'competitor_dropped', reason: `Dropped competitor ${label} ${when(tech.removedAt, now)}`, occurredAt: tech.removedAt, contactId: null }
          : { kind: 'tech_removed', reason: `Removed ${label} ${when(tech.removedAt, now)}`, occurredAt: tech.removedAt, contactId: null },
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
