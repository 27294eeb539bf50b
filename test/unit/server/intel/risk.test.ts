import { describe, expect, it } from 'vitest';
import { dealRisks } from '../../../../server/intel/risk.ts';
import { DEFAULT_SETTINGS } from '../../../../server/intel/settings.ts';
import { NOW, ago, dateAgo, deal, event, facts, person, tech } from './facts.ts';

/** An account where the deal is healthy: recent touches with two people. */
const healthy = (overrides: Parameters<typeof facts>[0] = {}) =>
  facts({ lastTouchAt: ago(2), lastTouchType: 'meeting', contacts: [person('ct_1', 'Dana Reyes', 'champion', 2), person('ct_2', 'Lee Park', 'decision_maker', 10)], ...overrides });

const risksOf = (d = deal(), f = healthy()) => dealRisks(d, f, DEFAULT_SETTINGS, NOW);
const kinds = (d = deal(), f = healthy()) => risksOf(d, f).map((r) => r.kind);

describe('deal risk', () => {
  it('a healthy deal has no risks', () => {
    expect(risksOf()).toEqual([]);
  });

  it('stalled: no stage change in over 30 days', () => {
    expect(risksOf(deal({ stageChangedAt: ago(45) }))).toEqual([{ kind: 'stalled', reason: `No stage change in 45 days (in proposal since ${dateAgo(45)})` }]);
  });

  it('no next step', () => {
    expect(risksOf(deal({ nextStep: '  ' }))).toEqual([{ kind: 'no_next_step', reason: 'No next step recorded' }]);
  });

  it('no recent activity, and none at all', () => {
    expect(risksOf(deal(), healthy({ lastTouchAt: ago(21), lastTouchType: 'email' }))).toEqual([
      { kind: 'no_recent_activity', reason: `No activity in 21 days (last: email on ${dateAgo(21)})` },
    ]);
    expect(kinds(deal(), healthy({ lastTouchAt: null, lastTouchType: null }))).toEqual(['no_recent_activity']);
  });

  it('single-threaded: only one engaged contact in 90 days', () => {
    const f = healthy({ contacts: [person('ct_1', 'Dana Reyes', 'champion', 2), person('ct_2', 'Lee Park', null, 200)] });
    expect(risksOf(deal(), f)).toEqual([{ kind: 'single_threaded', reason: 'Single-threaded: 1 engaged contact in the last 90 days' }]);
  });

  it('counts a contact engaged through a logged activity too', () => {
    const f = healthy({
      contacts: [person('ct_1', 'Dana Reyes', 'champion', 2)],
      activities: [{ type: 'call', occurredAt: ago(5), contactId: 'ct_9', userId: null }],
    });
    expect(kinds(deal(), f)).toEqual([]);
  });

  it('competitor mentioned on the deal or in their stack', () => {
    const f = healthy({ technologies: [tech('Initech BI', { competitor: true, addedAt: ago(300) })] });
    expect(risksOf(deal({ competitor: 'Globex' }), f)).toEqual([
      { kind: 'competitor_mentioned', reason: 'Competitor in play: Globex (named on the deal), Initech BI (in their stack)' },
    ]);
  });

  it('champion left, which also leaves the deal single-threaded', () => {
    const f = healthy({ events: [event({ kind: 'departure', data: { contactId: 'ct_1', title: 'Head of Data' } }, 6)] });
    expect(risksOf(deal(), f)).toEqual([
      { kind: 'champion_left', reason: `Dana Reyes, your champion, left on ${dateAgo(6)}` },
      { kind: 'single_threaded', reason: 'Single-threaded: 1 engaged contact in the last 90 days' },
    ]);
  });

  it('close date slipped, and close date passed', () => {
    const f = healthy({
      dealChanges: [
        { dealId: 'deal_1', field: 'close_date', from: dateAgo(20), to: dateAgo(-10), at: ago(25) },
        { dealId: 'deal_1', field: 'close_date', from: dateAgo(-10), to: dateAgo(-30), at: ago(4) },
        { dealId: 'deal_other', field: 'close_date', from: dateAgo(20), to: dateAgo(-60), at: ago(4) },
      ],
    });
    expect(risksOf(deal(), f)).toEqual([{ kind: 'close_date_slipped', reason: `Close date pushed 2 times, now ${dateAgo(-30)} (was ${dateAgo(20)})` }]);
    expect(risksOf(deal({ closeDate: dateAgo(3) }))).toEqual([{ kind: 'close_date_passed', reason: `Close date ${dateAgo(3)} passed 3 days ago` }]);
  });

  it('lists the most severe first', () => {
    const f = healthy({ lastTouchAt: ago(40), events: [event({ kind: 'departure', data: { contactId: 'ct_1', title: 'Head of Data' } }, 6)] });
    expect(kinds(deal({ nextStep: null, stageChangedAt: ago(50) }), f)).toEqual(['champion_left', 'stalled', 'no_recent_activity', 'single_threaded', 'no_next_step']);
  });
});
