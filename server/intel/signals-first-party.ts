/**
 * First-party buying behaviour (priority 1): visits to pricing, demo and trial pages over a
 * threshold, replies to outreach, meeting requests, and a meeting on the calendar. Thresholds
 * keep noise down: one blog visit is nothing; the third pricing-page visit in a week is a signal.
 *
 * @example
 * firstPartySignals(facts, DEFAULT_SETTINGS, now)
 * // [{ kind: 'pricing_visits', reason: 'Visited pricing 3 times in the last 7 days, latest today', … }]
 */
import type { PageType } from '../../shared/events.ts';
import { latestKnownAt, type AccountFacts, type EventFact, type SignalDraft } from './facts.ts';
import type { IntelSettings } from './settings.ts';
import { dayOf, daysAfter, daysBefore, daysBetween, plural } from './time.ts';

type Visit = Extract<EventFact, { kind: 'web_visit' }>;

/** Web visits in the window, newest first (events arrive newest first). */
function visitsBetween(events: readonly EventFact[], since: string, until: string): Visit[] {
  return events.filter((e): e is Visit => e.kind === 'web_visit' && e.occurredAt >= since && e.occurredAt <= until);
}

const nameOf = (facts: AccountFacts, contactId: string | null) =>
  contactId ? (facts.contacts.find((c) => c.id === contactId)?.name ?? null) : null;

/**
 * The account's champions with no departure event, in contact order. Persisted with the account's
 * intelligence (server/briefs) so a brief whose page shows its contact elsewhere can skip them.
 */
export function championsInPlace(facts: Pick<AccountFacts, 'events' | 'contacts'>): { id: string; name: string }[] {
  const left = new Set(facts.events.flatMap((e) => (e.kind === 'departure' ? [e.data.contactId ?? e.contactId] : [])));
  return facts.contacts.filter((c) => c.buyingRole === 'champion' && !left.has(c.id)).map((c) => ({ id: c.id, name: c.name }));
}

/** "today", "yesterday", "3 days ago": when it happened, in calendar days (UTC). */
export function dayWords(at: string, now: Date): string {
  const days = daysBetween(dayOf(at), dayOf(now.toISOString()));
  return days <= 0 ? 'today' : days === 1 ? 'yesterday' : `${days} days ago`;
}

/** "once", "twice", "3 times". */
export const times = (n: number) => (n === 1 ? 'once' : n === 2 ? 'twice' : `${n} times`);

/** The one contact behind every event, when they are all the same known person; else null. */
function onePerson(facts: AccountFacts, events: readonly EventFact[]): string | null {
  const ids = new Set(events.map((e) => e.contactId));
  const [only] = ids;
  return ids.size === 1 && only ? nameOf(facts, only) : null;
}

/** "Dana Reyes requested a demo" or "Requested a demo": the sentence's subject when we know it. */
const sentence = (who: string | null, rest: string) => (who ? `${who} ${rest}` : `${rest.charAt(0).toUpperCase()}${rest.slice(1)}`);

export function visitSignals(facts: AccountFacts, settings: IntelSettings, now: Date): SignalDraft[] {
  const { windowDays } = settings.firstParty;
  const visits = visitsBetween(facts.events, daysBefore(now, windowDays), now.toISOString());
  const ofType = (type: PageType) => visits.filter((v) => v.data.pageType === type);
  const out: SignalDraft[] = [];
  const inWindow = `in the last ${plural(windowDays, 'day')}`;

  const pricing = ofType('pricing');
  if (pricing.length >= settings.firstParty.pricingVisits) {
    const latest = pricing[0]!;
    out.push({
      kind: 'pricing_visits',
      reason: sentence(onePerson(facts, pricing), `visited pricing ${times(pricing.length)} ${inWindow}, latest ${dayWords(latest.occurredAt, now)}`),
      occurredAt: latest.occurredAt,
      knownAt: latestKnownAt(pricing),
      contactId: latest.contactId,
    });
  }
  const demo = ofType('demo');
  if (demo.length >= settings.firstParty.demoVisits) {
    const latest = demo[0]!;
    const again = demo.length > 1 ? ` (${times(demo.length)} ${inWindow})` : '';
    out.push({
      kind: 'demo_request',
      reason: sentence(nameOf(facts, latest.contactId), `requested a demo ${dayWords(latest.occurredAt, now)}${again}`),
      occurredAt: latest.occurredAt,
      knownAt: latestKnownAt(demo),
      contactId: latest.contactId,
      who: nameOf(facts, latest.contactId),
    });
  }
  const trial = ofType('trial');
  if (trial.length >= settings.firstParty.trialVisits) {
    const latest = trial[0]!;
    const again = trial.length > 1 ? ` (${times(trial.length)} ${inWindow})` : '';
    out.push({
      kind: 'trial_signup',
      reason: sentence(nameOf(facts, latest.contactId), `signed up for a trial ${dayWords(latest.occurredAt, now)}${again}`),
      occurredAt: latest.occurredAt,
      knownAt: latestKnownAt(trial),
      contactId: latest.contactId,
      who: nameOf(facts, latest.contactId),
    });
  }
  if (visits.length >= settings.firstParty.siteVisits) {
    const byType = new Map<string, number>();
    for (const v of visits) byType.set(v.data.pageType, (byType.get(v.data.pageType) ?? 0) + 1);
    const parts = [...byType].sort((a, b) => b[1] - a[1]).map(([type, n]) => `${type} ${n}`);
    out.push({
      kind: 'site_engagement',
      reason: `Visited our site ${times(visits.length)} ${inWindow} (${parts.join(', ')}), latest ${dayWords(visits[0]!.occurredAt, now)}`,
      occurredAt: visits[0]!.occurredAt,
      knownAt: latestKnownAt(visits),
      contactId: null,
    });
  }
  return out;
}

/** Replies and meeting requests (events) in the engagement window: one signal per kind, the latest. */
export function engagementSignals(facts: AccountFacts, settings: IntelSettings, now: Date): SignalDraft[] {
  const since = daysBefore(now, settings.firstParty.engagementDays);
  const until = now.toISOString();
  const recent = facts.events.filter((e) => e.occurredAt >= since && e.occurredAt <= until);
  const out: SignalDraft[] = [];

  const replies = recent.filter((e): e is Extract<EventFact, { kind: 'reply' }> => e.kind === 'reply');
  if (replies.length > 0) {
    const latest = replies[0]!;
    out.push({
      kind: 'reply',
      reason: sentence(
        nameOf(facts, latest.contactId),
        `replied ${latest.data.channel === 'other' ? '' : `by ${latest.data.channel} `}${dayWords(latest.occurredAt, now)}${replies.length > 1 ? ` (${plural(replies.length, 'reply', 'replies')} in the last ${plural(settings.firstParty.engagementDays, 'day')})` : ''}`,
      ),
      occurredAt: latest.occurredAt,
      knownAt: latestKnownAt(replies),
      contactId: latest.contactId,
      who: nameOf(facts, latest.contactId),
    });
  }
  const requests = recent.filter((e): e is Extract<EventFact, { kind: 'meeting_request' }> => e.kind === 'meeting_request');
  if (requests.length > 0) {
    const latest = requests[0]!;
    const when = latest.data.start ? ` for ${dayOf(latest.data.start)}` : '';
    out.push({
      kind: 'meeting_request',
      reason: sentence(nameOf(facts, latest.contactId), `asked for a meeting ${dayWords(latest.occurredAt, now)}${when}`),
      occurredAt: latest.occurredAt,
      knownAt: latestKnownAt(requests),
      contactId: latest.contactId,
      who: nameOf(facts, latest.contactId),
    });
  }

  // A meeting already on the calendar: the brief is the pre-call package, so say so first.
  const horizon = daysAfter(now, settings.firstParty.upcomingMeetingDays);
  const upcoming = facts.activities
    .filter((a) => a.type === 'meeting' && a.occurredAt > until && a.occurredAt <= horizon)
    .sort((a, b) => (a.occurredAt < b.occurredAt ? -1 : 1))[0];
  if (upcoming) {
    // Calendar days (UTC), so a meeting tomorrow morning is "in 1 day", not "today".
    const inDays = daysBetween(dayOf(until), dayOf(upcoming.occurredAt));
    const upcomingWith = nameOf(facts, upcoming.contactId);
    out.push({
      kind: 'meeting_scheduled',
      reason: `Meeting${upcomingWith ? ` with ${upcomingWith}` : ''} scheduled for ${dayOf(upcoming.occurredAt)} (${inDays === 0 ? 'today' : `in ${plural(inDays, 'day')}`})`,
      occurredAt: upcoming.occurredAt,
      contactId: upcoming.contactId,
      who: nameOf(facts, upcoming.contactId),
    });
  }
  return out;
}
