/**
 * The digest's rule places a signal by when it became known, not by the date it describes: a
 * weekly intent score dated its Monday that arrived on Thursday is news in Friday's digest.
 */
import { describe, expect, it } from 'vitest';
import { digestOf } from '../../../../server/intel/digest.ts';
import type { ReviewInput } from '../../../../server/intel/review.ts';
import { DEFAULT_SETTINGS } from '../../../../server/intel/settings.ts';
import { deriveSignals } from '../../../../server/intel/signals.ts';
import { event, facts } from './facts.ts';

const FRIDAY = new Date('2026-12-04T08:00:00.000Z');
const THURSDAY_DIGEST = '2026-12-03T08:00:00.000Z';

const surgeArriving = (knownAt: string): ReviewInput => {
  const score = { ...event({ kind: 'intent', data: { topic: 'Data warehousing', score: 78, week: '2026-11-30' } }, 0), occurredAt: '2026-11-30T00:00:00.000Z', knownAt };
  const signals = deriveSignals(facts({ events: [score] }), DEFAULT_SETTINGS, FRIDAY);
  return {
    account: { id: 'acc_1', name: 'Northwind', tier: 2, stage: 'engaged', owner: null, history: [] },
    lastTouch: null,
    intent: { topics: [], firstParty: { visits7d: 0, visits30d: 0, pricing7d: 0, pricing30d: 0, lastVisitAt: null } },
    signals,
    openDeals: [],
  };
};

describe('the digest follows when a signal became known', () => {
  it('takes a Monday-dated score that arrived after the previous digest, with the week in its text', () => {
    const body = digestOf([surgeArriving('2026-12-03T14:00:00.000Z')], new Map(), DEFAULT_SETTINGS, THURSDAY_DIGEST, FRIDAY);
    expect(body.lines.map((l) => [l.kind, l.occurredAt, l.alert])).toEqual([['intent_surge', '2026-11-30T00:00:00.000Z', true]]);
    expect(body.lines[0]!.reason).toContain('in the week of 2026-11-30');
  });

  it('leaves out a score known before the previous digest (it was shown then)', () => {
    const body = digestOf([surgeArriving('2026-12-02T14:00:00.000Z')], new Map(), DEFAULT_SETTINGS, THURSDAY_DIGEST, FRIDAY);
    expect(body.lines).toEqual([]);
  });

  it('reads an event with no arrival time as known when it occurred', () => {
    const signals = deriveSignals(facts({ events: [event({ kind: 'funding', data: { round: 'Seed' } }, 1)] }), DEFAULT_SETTINGS, FRIDAY);
    expect(signals[0]!.knownAt).toBe(signals[0]!.occurredAt);
  });
});
