import { describe, expect, it } from 'vitest';
import type { DealView } from '../../../../shared/brief.ts';
import { nextBestAction } from '../../../../server/intel/next-action.ts';
import { DEFAULT_PLAYS } from '../../../../server/intel/plays.ts';
import { relationshipOf, stakeholdersOf } from '../../../../server/intel/relationship.ts';
import { deriveSignals } from '../../../../server/intel/signals.ts';
import { DEFAULT_SETTINGS } from '../../../../server/intel/settings.ts';
import { NOW, ago, deal, facts, intent, person, visit } from './facts.ts';

const openDeal = (fields: Partial<DealView>): DealView => ({
  id: 'deal_1',
  name: 'Acme platform',
  stage: 'proposal',
  amount: 10_000,
  currency: 'USD',
  closeDate: null,
  forecastCategory: 'pipeline',
  nextStep: null,
  owner: null,
  risks: [],
  ...fields,
});

describe('the next best action', () => {
  it('follows the top signal when a buyer is moving', () => {
    const signals = deriveSignals(facts({ events: [visit('pricing', 1), visit('pricing', 2), visit('pricing', 3), intent('crm', 80, '2026-11-16')] }), DEFAULT_SETTINGS, NOW);
    const action = nextBestAction({ signals, deals: [openDeal({ risks: [{ kind: 'stalled', reason: 'No stage change in 45 days' }] })], hasAccount: true, lastTouchAt: ago(1) }, DEFAULT_SETTINGS, NOW);
    expect(action).toEqual({ reason: '3rd pricing-page visit in 7 days', action: signals[0]!.action });
  });

  it('addresses the worst risk on the largest deal when nothing is moving', () => {
    const deals = [
      openDeal({ id: 'small', name: 'Small', amount: 5_000, risks: [{ kind: 'no_next_step', reason: 'No next step recorded' }] }),
      openDeal({ id: 'big', name: 'Big', amount: 90_000, risks: [{ kind: 'stalled', reason: 'No stage change in 45 days' }] }),
    ];
    expect(nextBestAction({ signals: [], deals, hasAccount: true, lastTouchAt: ago(1) }, DEFAULT_SETTINGS, NOW)).toEqual({
      reason: '"Big": No stage change in 45 days',
      action: DEFAULT_PLAYS.stalled,
    });
  });

  it('re-engages an account that went quiet, and says for how long', () => {
    expect(nextBestAction({ signals: [], deals: [], hasAccount: true, lastTouchAt: ago(20) }, DEFAULT_SETTINGS, NOW)?.reason).toBe(
      `No activity in 20 days (last touch ${ago(20).slice(0, 10)})`,
    );
    expect(nextBestAction({ signals: [], deals: [], hasAccount: true, lastTouchAt: ago(3) }, DEFAULT_SETTINGS, NOW)).toBeNull();
  });
});

describe('relationship and stakeholders', () => {
  it('counts meetings, emails and deals won and lost', () => {
    const deals = [deal({ stage: 'Closed Won' }), deal({ stage: 'closed_lost' }), deal({ stage: 'won' }), deal()];
    expect(relationshipOf({ lastTouch: null, activityCounts: { meeting: 3, email: 12, call: 2 }, deals }, DEFAULT_SETTINGS)).toEqual({
      lastTouch: null,
      meetings: 3,
      emails: 12,
      dealsWon: 2,
      dealsLost: 1,
    });
  });

  it('maps decision makers and champions first, then who we spoke to last, capped at 12', () => {
    const people = [person('u1', 'Una', null, 1), person('c1', 'Cleo', 'champion', 30), person('d1', 'Dev', 'decision_maker', 90), person('c2', 'Cy', 'champion', 2)];
    const many = Array.from({ length: 20 }, (_, i) => person(`p${i}`, `P${i}`, null, i + 5));
    expect(stakeholdersOf(people, DEFAULT_SETTINGS).map((s) => s.name)).toEqual(['Dev', 'Cy', 'Cleo', 'Una']);
    expect(stakeholdersOf([...people, ...many], DEFAULT_SETTINGS)).toHaveLength(12);
  });
});
