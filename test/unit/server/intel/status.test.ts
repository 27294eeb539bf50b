/** The status rules on a fixed clock (NOW): promote a tier, move a stage, never overwrite a value set by hand. */
import { describe, expect, it } from 'vitest';
import type { ActivityFact } from '../../../../server/intel/facts.ts';
import { DEFAULT_SETTINGS } from '../../../../server/intel/settings.ts';
import { isSetByHand, statusRules, type StatusInput } from '../../../../server/intel/status.ts';
import { ago, event, intent, NOW } from './facts.ts';

const meeting = (daysAgo: number): ActivityFact => ({ type: 'meeting', occurredAt: ago(daysAgo), contactId: null, userId: 'u_sam' });
const base: StatusInput = { stage: 'awareness', tier: 2, stageSetBy: null, tierSetBy: null, events: [], activities: [], icpFit: { score: 50 } };
const requested = event({ kind: 'meeting_request', data: {} }, 3);
const replied = event({ kind: 'reply', data: { channel: 'linkedin' } }, 2);
const surge = intent('Data warehousing', 72, '2026-11-16', 1);

describe('status rules', () => {
  it('a meeting request moves awareness to engaged, with the reason', () => {
    expect(statusRules({ ...base, events: [requested] }, DEFAULT_SETTINGS, NOW)).toEqual({
      changes: [{ kind: 'stage', from: 'awareness', to: 'engaged', rule: 'rule:meeting-requested', reason: 'meeting requested on 2026-11-20 → engaged' }],
      suggestions: [],
    });
  });

  it('a reply moves identified to engaged', () => {
    const { changes } = statusRules({ ...base, stage: 'identified', events: [replied] }, DEFAULT_SETTINGS, NOW);
    expect(changes).toEqual([{ kind: 'stage', from: 'identified', to: 'engaged', rule: 'rule:replied', reason: 'reply by linkedin on 2026-11-21 → engaged' }]);
  });

  it('old replies, and accounts already engaged or further, do not move', () => {
    expect(statusRules({ ...base, events: [event({ kind: 'reply', data: { channel: 'email' } }, 15)] }, DEFAULT_SETTINGS, NOW).changes).toEqual([]);
    for (const stage of ['engaged', 'evaluating', 'negotiating', 'closed'] as const) {
      expect(statusRules({ ...base, stage, events: [requested, replied] }, DEFAULT_SETTINGS, NOW).changes).toEqual([]);
    }
  });

  it('a held meeting with a second one scheduled moves to evaluating; either alone does not', () => {
    const { changes } = statusRules({ ...base, stage: 'engaged', activities: [meeting(-4), meeting(6)] }, DEFAULT_SETTINGS, NOW);
    expect(changes).toEqual([{ kind: 'stage', from: 'engaged', to: 'evaluating', rule: 'rule:meeting-held-next-scheduled', reason: 'meeting held on 2026-11-17 and another scheduled for 2026-11-27 → evaluating' }]);
    expect(statusRules({ ...base, stage: 'engaged', activities: [meeting(6)] }, DEFAULT_SETTINGS, NOW).changes).toEqual([]);
    expect(statusRules({ ...base, stage: 'engaged', activities: [meeting(-4)] }, DEFAULT_SETTINGS, NOW).changes).toEqual([]);
    // The held meeting must be recent (30 days by default).
    expect(statusRules({ ...base, stage: 'engaged', activities: [meeting(-4), meeting(31)] }, DEFAULT_SETTINGS, NOW).changes).toEqual([]);
  });

  it('a surge with ICP fit above the threshold promotes to Tier 1, and names both numbers', () => {
    const { changes } = statusRules({ ...base, events: [surge], icpFit: { score: 85 } }, DEFAULT_SETTINGS, NOW);
    expect(changes).toEqual([{ kind: 'tier', from: '2', to: '1', rule: 'rule:intent-surge-fit', reason: 'surge 72 on Data warehousing and ICP fit 85 → Tier 1' }]);
    expect(statusRules({ ...base, tier: null, events: [surge], icpFit: { score: 85 } }, DEFAULT_SETTINGS, NOW).changes[0]).toMatchObject({ from: null, to: '1' });
  });

  it('no promotion under either threshold, for a stale week, or for a Tier 1 account', () => {
    const run = (input: Partial<StatusInput>) => statusRules({ ...base, events: [surge], icpFit: { score: 85 }, ...input }, DEFAULT_SETTINGS, NOW).changes;
    expect(run({ icpFit: { score: 79 } })).toEqual([]);
    expect(run({ events: [intent('Data warehousing', 69, '2026-11-16', 1)] })).toEqual([]);
    expect(run({ events: [intent('Data warehousing', 90, '2026-10-26', 1)] })).toEqual([]);
    expect(run({ tier: 1 })).toEqual([]);
  });

  it('never overwrites a stage or tier set by hand or by import: the move becomes a suggestion', () => {
    const input = { ...base, events: [requested, surge], icpFit: { score: 90 } };
    const byHand = statusRules({ ...input, stageSetBy: 'u_sam', tierSetBy: 'import' }, DEFAULT_SETTINGS, NOW);
    expect(byHand.changes).toEqual([]);
    expect(byHand.suggestions.map((s) => `${s.kind} ${s.from}→${s.to}`)).toEqual(['stage awareness→engaged', 'tier 2→1']);
    // A value a rule set may move again.
    const byRule = statusRules({ ...input, stageSetBy: 'rule:replied', tierSetBy: 'rule:intent-surge-fit' }, DEFAULT_SETTINGS, NOW);
    expect(byRule.changes).toHaveLength(2);
    expect(byRule.suggestions).toEqual([]);
    expect([isSetByHand(null), isSetByHand('rule:x'), isSetByHand('u_1'), isSetByHand('import')]).toEqual([false, false, true, true]);
  });

  it('thresholds are settings', () => {
    const settings = { ...DEFAULT_SETTINGS, status: { ...DEFAULT_SETTINGS.status, promoteFit: 60, promoteSurge: 50, promoteTier: 2 as const } };
    const { changes } = statusRules({ ...base, tier: 3, events: [intent('Data warehousing', 55, '2026-11-16', 1)], icpFit: { score: 61 } }, settings, NOW);
    expect(changes).toEqual([expect.objectContaining({ from: '3', to: '2', reason: 'surge 55 on Data warehousing and ICP fit 61 → Tier 2' })]);
  });
});
