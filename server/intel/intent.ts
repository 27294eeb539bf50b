/**
 * Intent: third-party topic scores (latest week per topic, with the trend against the week
 * before) and first-party visit counts (all pages and pricing, over 7 and 30 days).
 *
 * @example
 * intentOf(facts.events, DEFAULT_SETTINGS, now)
 * // { topics: [{ topic: 'data warehouse', score: 72, trend: 'up', week: '2026-11-16' }], firstParty: { visits7d: 4, … } }
 */
import type { Intent } from '../../shared/brief.ts';
import { knownAtOf, type EventFact } from './facts.ts';
import type { IntelSettings } from './settings.ts';
import { daysBefore } from './time.ts';

export type IntentTopic = Intent['topics'][number];

type IntentEvent = Extract<EventFact, { kind: 'intent' }>;

/** Whether a topic is one of ours (every topic when the team has not listed any). */
export function isOurTopic(topic: string, settings: IntelSettings): boolean {
  const ours = settings.intent.topics;
  if (ours.length === 0) return true;
  const key = topic.trim().toLowerCase();
  return ours.some((t) => t.trim().toLowerCase() === key);
}

/** A topic's latest week, with the score of the week before it (null when it is new). */
export interface TopicScore {
  topic: string;
  score: number;
  week: string;
  occurredAt: string;
  /** When the latest week's score arrived (a weekly score is dated its Monday and lands later). */
  knownAt: string;
  contactId: string | null;
  previousScore: number | null;
}

/** Latest week per topic (topics compared case-insensitively; a re-sent week keeps the newest delivery). */
export function latestTopicScores(events: readonly EventFact[]): TopicScore[] {
  const byTopic = new Map<string, { latest: IntentEvent; previous: IntentEvent | null }>();
  for (const event of events) {
    if (event.kind !== 'intent') continue;
    const key = event.data.topic.toLowerCase();
    const seen = byTopic.get(key);
    if (!seen) byTopic.set(key, { latest: event, previous: null });
    else if (event.data.week > seen.latest.data.week) byTopic.set(key, { latest: event, previous: seen.latest });
    else if (event.data.week < seen.latest.data.week && (!seen.previous || event.data.week > seen.previous.data.week)) {
      seen.previous = event;
    }
  }
  return [...byTopic.values()].map(({ latest, previous }) => ({
    topic: latest.data.topic,
    score: latest.data.score,
    week: latest.data.week,
    occurredAt: latest.occurredAt,
    knownAt: knownAtOf(latest),
    contactId: latest.contactId,
    previousScore: previous?.data.score ?? null,
  }));
}

/**
 * The brief's topics: latest score per topic with its trend — `new` with no earlier week, else
 * `up`/`down` when the change is at least `trendDelta`, `flat` otherwise. Highest score first, capped.
 */
export function intentTopics(events: readonly EventFact[], settings: IntelSettings): IntentTopic[] {
  const topics: IntentTopic[] = latestTopicScores(events).map(({ topic, score, week, previousScore }) => {
    let trend: IntentTopic['trend'] = 'new';
    if (previousScore !== null) {
      const delta = score - previousScore;
      trend = delta >= settings.intent.trendDelta ? 'up' : delta <= -settings.intent.trendDelta ? 'down' : 'flat';
    }
    return { topic, score, trend, week };
  });
  topics.sort((a, b) => b.score - a.score || (a.topic < b.topic ? -1 : 1));
  return topics.slice(0, settings.limits.topics);
}

export function firstPartyCounts(events: readonly EventFact[], now: Date): Intent['firstParty'] {
  const since7 = daysBefore(now, 7);
  const since30 = daysBefore(now, 30);
  const until = now.toISOString();
  const counts = { visits7d: 0, visits30d: 0, pricing7d: 0, pricing30d: 0, lastVisitAt: null as string | null };
  for (const event of events) {
    if (event.kind !== 'web_visit' || event.occurredAt > until) continue;
    if (!counts.lastVisitAt || event.occurredAt > counts.lastVisitAt) counts.lastVisitAt = event.occurredAt;
    if (event.occurredAt < since30) continue;
    const pricing = event.data.pageType === 'pricing';
    counts.visits30d++;
    if (pricing) counts.pricing30d++;
    if (event.occurredAt >= since7) {
      counts.visits7d++;
      if (pricing) counts.pricing7d++;
    }
  }
  return counts;
}

/** The brief's intent section. */
export function intentOf(events: readonly EventFact[], settings: IntelSettings, now: Date): Intent {
  return { topics: intentTopics(events, settings), firstParty: firstPartyCounts(events, now) };
}
