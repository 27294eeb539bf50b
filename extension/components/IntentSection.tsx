/**
 * Intent: third-party topics with score and trend, and first-party visits over 7 and 30 days.
 */
import type { Intent } from '../../shared/brief.ts';
import { formatAge } from './format.ts';
import { Row, Section, type Fold } from './Section.tsx';

// The arrow is for the eye; the word is for screen readers and for anyone who misreads an arrow.
const TRENDS = {
  up: { arrow: '↑', word: 'rising' },
  down: { arrow: '↓', word: 'falling' },
  flat: { arrow: '→', word: 'steady' },
  new: { arrow: '★', word: 'new' },
} as const;

/**
 * @example
 * <IntentSection intent={brief.intent} now={now} />
 */
/** "Intent rising · 12 visits this week": where interest is going, nothing empty. */
export function intentSummary(intent: Intent): string {
  const trends = intent.topics.map((t) => t.trend);
  const direction = trends.includes('up') || trends.includes('new') ? 'Intent rising' : trends.includes('down') ? 'Intent falling' : trends.length > 0 ? 'Intent steady' : undefined;
  const visits = intent.firstParty.visits7d;
  return [direction, visits > 0 ? `${visits} site visit${visits === 1 ? '' : 's'} this week` : undefined].filter(Boolean).join(' · ');
}

export function IntentSection({ intent, now, fold }: { intent: Intent; now: Date; fold?: Fold }) {
  const { firstParty } = intent;
  const topics = [...intent.topics].sort((a, b) => b.score - a.score);
  return (
    <Section title="Intent" count={topics.length} summary={intentSummary(intent)} {...fold}>
      {topics.length > 0 ? (
        <ul className="m-0 list-none p-0">
          {topics.map((t, i) => (
            <li key={`${t.topic}-${i}`} className="flex gap-[6px]">
              <span className="flex-1">{t.topic}</span>
              <span className="tabular-nums">{Math.round(t.score)}</span>
              <span className="w-[64px] text-slate-600 dark:text-slate-300" title={`week ${t.week}`}>
                <span aria-hidden="true">{TRENDS[t.trend].arrow}</span> {TRENDS[t.trend].word}
              </span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="m-0 text-slate-500 dark:text-slate-400">No intent topics.</p>
      )}
      <dl className="m-0 pt-[4px]">
        <Row label="Site visits">{`${firstParty.visits7d} in 7d · ${firstParty.visits30d} in 30d`}</Row>
        <Row label="Pricing page">{`${firstParty.pricing7d} in 7d · ${firstParty.pricing30d} in 30d`}</Row>
        {firstParty.lastVisitAt ? <Row label="Last visit">{formatAge(firstParty.lastVisitAt, now) ?? firstParty.lastVisitAt}</Row> : null}
      </dl>
    </Section>
  );
}
