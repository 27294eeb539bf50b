/**
 * Hand-built facts for the intelligence rules, on a fixed clock. Each helper makes one raw fact
 * "N days ago", so a test reads like the situation it describes.
 */
import type { EventData } from '../../../../shared/events.ts';
import type { AccountFacts, DealFact, EventFact, PersonFact, TechnologyFact } from '../../../../server/intel/facts.ts';

export const NOW = new Date('2026-11-23T09:00:00.000Z');

/** ISO time `days` before NOW (negative: in the future). */
export const ago = (days: number) => new Date(NOW.getTime() - days * 86_400_000).toISOString();
/** `YYYY-MM-DD`, `days` before NOW. */
export const dateAgo = (days: number) => ago(days).slice(0, 10);

export const event = (data: EventData, daysAgo: number, contactId: string | null = null): EventFact =>
  ({ ...data, occurredAt: ago(daysAgo), contactId, source: 'test' }) as EventFact;

export const visit = (pageType: 'pricing' | 'demo' | 'trial' | 'docs' | 'blog' | 'product' | 'careers' | 'other', daysAgo: number, contactId: string | null = null) =>
  event({ kind: 'web_visit', data: { url: `https://northwind.example/${pageType}`, pageType } }, daysAgo, contactId);

export const intent = (topic: string, score: number, week: string, daysAgo = 2) => event({ kind: 'intent', data: { topic, score, week } }, daysAgo);

export const person = (id: string, name: string, buyingRole: string | null = null, lastTouchDaysAgo: number | null = null): PersonFact => ({
  id,
  name,
  title: null,
  buyingRole,
  lastTouchAt: lastTouchDaysAgo === null ? null : ago(lastTouchDaysAgo),
  lastTouchType: lastTouchDaysAgo === null ? null : 'email',
  lastTouchBy: null,
});

export const tech = (name: string, fields: Partial<TechnologyFact> = {}): TechnologyFact => ({
  name,
  category: null,
  competitor: false,
  addedAt: null,
  removedAt: null,
  source: 'test',
  refreshedAt: null,
  ...fields,
});

/** An open deal that is healthy on NOW: recent stage change, a next step, a close date ahead. */
export const deal = (fields: Partial<DealFact> = {}): DealFact => ({
  id: 'deal_1',
  name: 'Acme platform',
  stage: 'proposal',
  amount: 50_000,
  currency: 'USD',
  closeDate: dateAgo(-30),
  forecastCategory: 'best_case',
  nextStep: 'Pricing review with procurement',
  competitor: null,
  owner: null,
  stageChangedAt: ago(5),
  createdAt: ago(60),
  ...fields,
});

/** An account with nothing going on; tests add the facts they are about. Events come out newest first, as gathered. */
export function facts(overrides: Partial<AccountFacts> = {}): AccountFacts {
  const events = [...(overrides.events ?? [])].sort((a, b) => b.occurredAt.localeCompare(a.occurredAt));
  return {
    accountId: 'acc_1',
    accountName: 'Acme',
    focusContactId: null,
    technologies: [],
    deals: [],
    dealChanges: [],
    activities: [],
    contacts: [],
    lastTouchAt: null,
    lastTouchType: null,
    ...overrides,
    events,
  };
}
