/**
 * Engagement: recency-weighted first-party activity (site visits, pricing-page visits), intent
 * (the best current topic score), replies and meetings (held meetings and meeting requests).
 * Each item counts 1 on the day it happened and half that every `halfLifeDays` after; a component
 * earns its weight's share of 100 in proportion to its weighted count, full at `fullAt`. Only what
 * has happened by `now` counts (a meeting on the calendar is not engagement yet).
 *
 * @example
 * engagementOf(facts, settings, now)
 * // { score: 41, components: [{ name: 'Pricing visits', points: 17, max: 25, reason: '3 in the last 90 days, latest 2026-11-22 (2.1 after recency weighting; full at 3)' }, …] }
 */
import type { Score, ScoreComponent } from '../../shared/brief.ts';
import type { AccountFacts } from './facts.ts';
import { isOurTopic, latestTopicScores } from './intent.ts';
import { oneDecimal, pointsOf, scoreOf, sharesOf } from './scores.ts';
import type { IntelSettings } from './settings.ts';
import { dayOf, plural } from './time.ts';

const DAY_MS = 86_400_000;

/** 1 today, 0.5 one half-life ago; a time in the future weighs 0 (it has not happened). */
export function recencyWeight(at: string, now: Date, halfLifeDays: number): number {
  const age = (now.getTime() - new Date(at).getTime()) / DAY_MS;
  if (!Number.isFinite(age) || age < 0) return 0;
  return Math.pow(0.5, age / halfLifeDays);
}

interface Tally {
  count: number;
  weighted: number;
  latest: string | null;
}

function tally(times: readonly string[], now: Date, halfLifeDays: number): Tally {
  const t: Tally = { count: 0, weighted: 0, latest: null };
  for (const at of times) {
    const w = recencyWeight(at, now, halfLifeDays);
    if (w === 0) continue;
    t.count++;
    t.weighted += w;
    if (!t.latest || at > t.latest) t.latest = at;
  }
  return t;
}

export function engagementOf(facts: Pick<AccountFacts, 'events' | 'activities'>, settings: IntelSettings, now: Date): Score {
  const e = settings.engagement;
  const half = e.halfLifeDays;
  const visits: string[] = [];
  const pricing: string[] = [];
  const replies: string[] = [];
  const meetings: string[] = [];
  for (const event of facts.events) {
    if (event.kind === 'web_visit') (event.data.pageType === 'pricing' ? pricing : visits).push(event.occurredAt);
    else if (event.kind === 'reply') replies.push(event.occurredAt);
    else if (event.kind === 'meeting_request') meetings.push(event.occurredAt);
  }
  for (const activity of facts.activities) if (activity.type === 'meeting') meetings.push(activity.occurredAt);

  const parts = [
    { name: 'Site visits', what: ['visit', 'visits'], weight: e.visits.weight, fullAt: e.visits.fullAt, tally: tally(visits, now, half) },
    { name: 'Pricing visits', what: ['pricing-page visit', 'pricing-page visits'], weight: e.pricingVisits.weight, fullAt: e.pricingVisits.fullAt, tally: tally(pricing, now, half) },
    { name: 'Replies', what: ['reply', 'replies'], weight: e.replies.weight, fullAt: e.replies.fullAt, tally: tally(replies, now, half) },
    { name: 'Meetings', what: ['meeting held or requested', 'meetings held or requested'], weight: e.meetings.weight, fullAt: e.meetings.fullAt, tally: tally(meetings, now, half) },
  ] as const;

  // Intent: the best of our topics' latest scores, weighed by how long ago its week was delivered.
  let best: { topic: string; score: number; weighted: number; week: string } | null = null;
  for (const topic of latestTopicScores(facts.events)) {
    if (!isOurTopic(topic.topic, settings)) continue;
    const weighted = topic.score * recencyWeight(topic.occurredAt, now, half);
    if (!best || weighted > best.weighted) best = { topic: topic.topic, score: topic.score, weighted, week: topic.week };
  }

  const maxes = sharesOf([...parts.map((p) => p.weight), e.intent.weight]);
  const components: ScoreComponent[] = [];
  parts.forEach((p, i) => {
    const max = maxes[i]!;
    if (max === 0) return;
    const { count, weighted, latest } = p.tally;
    const reason = count === 0 ? `No ${p.what[1]} recorded` : `${plural(count, p.what[0], p.what[1])}, latest ${dayOf(latest!)} (${oneDecimal(weighted)} after recency weighting; full at ${p.fullAt})`;
    components.push({ name: p.name, points: pointsOf(weighted / p.fullAt, max), max, reason });
  });
  const intentMax = maxes[parts.length]!;
  if (intentMax > 0) {
    const reason = best ? `${best.topic} ${Math.round(best.score)} in the week of ${best.week} (${oneDecimal(best.weighted)} after recency weighting; full at ${e.intent.fullAt})` : 'No intent topic scores recorded';
    components.push({ name: 'Intent', points: pointsOf((best?.weighted ?? 0) / e.intent.fullAt, intentMax), max: intentMax, reason });
  }
  if (components.length === 0) components.push({ name: 'Engagement', points: 0, max: 0, reason: 'Every engagement weight is 0 in the settings' });
  return scoreOf(components);
}
