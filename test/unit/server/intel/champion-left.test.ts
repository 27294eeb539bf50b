/**
 * A departure linked to a member of the buying group is a priority-2 "champion left" trigger
 * naming the person and their role; the open deals carry the "champion left" risk; and once the
 * account's champion has gone, no play asks the champion for anything (a call, an intro, a
 * reference) — the brief, the next best action and the review queue offer the play without them.
 */
import { describe, expect, it } from 'vitest';
import type { Play } from '../../../../shared/brief.ts';
import { accountIntelOf } from '../../../../server/briefs/account-intel.ts';
import type { AccountRecord } from '../../../../server/briefs/gather.ts';
import { nextBestAction } from '../../../../server/intel/next-action.ts';
import { DEFAULT_PLAYS, WITHOUT_CHAMPION, playFor } from '../../../../server/intel/plays.ts';
import { dealAtRiskItems, suggestedPlay, type ReviewInput } from '../../../../server/intel/review.ts';
import { dealRisks } from '../../../../server/intel/risk.ts';
import { DEFAULT_SETTINGS, settingsFrom } from '../../../../server/intel/settings.ts';
import { championGone } from '../../../../server/intel/signals-org.ts';
import { deriveSignals } from '../../../../server/intel/signals.ts';
import { NOW, ago, dateAgo, deal, event, facts, person, tech, visit } from './facts.ts';

const contacts = [person('ct_maya', 'Maya Chen', 'champion', 2), person('ct_lee', 'Lee Park', 'decision_maker', 3), person('ct_bo', 'Bo Ek', 'blocker', 4), person('ct_sam', 'Sam Berg')];
const left = (contactId: string, daysAgo = 3, title = 'VP Data') => event({ kind: 'departure', data: { title } }, daysAgo, contactId);
const northwind = (overrides: Parameters<typeof facts>[0] = {}) => facts({ accountName: 'Northwind', lastTouchAt: ago(2), lastTouchType: 'meeting', contacts, ...overrides });
const signalsOf = (f: ReturnType<typeof facts>) => deriveSignals(f, { ...DEFAULT_SETTINGS, limits: { ...DEFAULT_SETTINGS.limits, signals: 100 } }, NOW);
/** A play that asks the champion for something: addressed to them, or "call / ask / arm … the champion". */
const asksChampion = (play: Play) =>
  play.who === 'Champion' || (play.target?.kind === 'contact' && play.target.role === 'champion') || /\b(call|ask|asking|arm|with) the champion\b/i.test(play.text);
const NOBODY = { accountName: 'Northwind', owner: null, people: [] };

describe('a departure that names someone in the buying group', () => {
  it('the champion leaving (linked by the event row’s contact) is a priority-2 champion_left naming the role', () => {
    const [signal] = signalsOf(northwind({ events: [left('ct_maya')] }));
    expect(signal).toMatchObject({ kind: 'champion_left', priority: 2, contactId: 'ct_maya' });
    expect(signal!.reason).toBe(`Maya Chen, your champion, left Northwind on ${dateAgo(3)} (3 days ago)`);
    // Addressed to the decision maker who remains, by name.
    expect(signal!.action).toMatchObject({ who: 'Lee Park', text: DEFAULT_PLAYS.champion_left.text.replace('{who}', 'Lee Park'), target: { kind: 'contact', contactId: 'ct_lee' } });
  });

  it('a decision maker or a blocker leaving is champion_left too, with their role; someone outside the group is a priority-4 departure', () => {
    expect(signalsOf(northwind({ events: [left('ct_lee')] }))[0]).toMatchObject({
      kind: 'champion_left',
      priority: 2,
      reason: `Lee Park, your decision maker, left Northwind on ${dateAgo(3)} (3 days ago)`,
    });
    expect(signalsOf(northwind({ events: [left('ct_bo')] }))[0]!.reason).toContain('Bo Ek, a blocker in the buying group, left Northwind');
    expect(signalsOf(northwind({ events: [left('ct_sam', 3, 'Analyst')] }))[0]).toMatchObject({ kind: 'departure', priority: 4, reason: `Sam Berg (Analyst) left on ${dateAgo(3)} (3 days ago)` });
  });

  it('puts "champion left" first on every open deal, naming the role; a blocker leaving is no risk', () => {
    const f = northwind({ events: [left('ct_maya')], deals: [deal(), deal({ id: 'deal_2', name: 'Northwind expansion' })] });
    for (const d of f.deals) expect(dealRisks(d, f, DEFAULT_SETTINGS, NOW)[0]).toEqual({ kind: 'champion_left', reason: `Maya Chen, your champion, left on ${dateAgo(3)}` });
    expect(dealRisks(deal(), northwind({ events: [left('ct_lee')] }), DEFAULT_SETTINGS, NOW)[0]!.reason).toBe(`Lee Park, your decision maker, left on ${dateAgo(3)}`);
    expect(dealRisks(deal(), northwind({ events: [left('ct_bo')] }), DEFAULT_SETTINGS, NOW).map((r) => r.kind)).not.toContain('champion_left');
  });
});

describe('once the champion has gone, no play asks the champion', () => {
  const busy = (events: ReturnType<typeof event>[]) =>
    northwind({
      events: [...events, visit('pricing', 1), visit('pricing', 2), visit('pricing', 3), event({ kind: 'acquisition', data: { target: 'Initech' } }, 5)],
      technologies: [tech('Globex CRM', { competitor: true, addedAt: ago(4) })],
    });

  it('is gone only when every champion has left', () => {
    expect(championGone(northwind({ events: [left('ct_maya')] }))).toBe(true);
    expect(championGone(northwind({ events: [left('ct_lee')] }))).toBe(false);
    expect(championGone(northwind({ contacts: [...contacts, person('ct_cy', 'Cy Ames', 'champion')], events: [left('ct_maya')] }))).toBe(false);
    expect(championGone(northwind())).toBe(false);
  });

  it('the signals’ plays: the champion while in place, the economic buyer or decision maker once gone', () => {
    const before = signalsOf(busy([]));
    expect(before.find((s) => s.kind === 'pricing_visits')!.action.who).toBe('Maya Chen');
    expect(before.filter((s) => asksChampion(s.action)).map((s) => s.kind).sort()).toEqual(['acquisition', 'competitor_added', 'pricing_visits']);

    const after = signalsOf(busy([left('ct_maya')]));
    expect(after.map((s) => s.kind)).toContain('champion_left');
    expect(after.filter((s) => asksChampion(s.action))).toEqual([]);
    expect(after.find((s) => s.kind === 'pricing_visits')!.action).toMatchObject({ text: WITHOUT_CHAMPION.pricing_visits!.text.replace('{who}', 'Lee Park'), who: 'Lee Park' });
    expect(after.find((s) => s.kind === 'competitor_added')!.action.who).toBe('Lee Park');
  });

  it('another champion still in place keeps the plays, naming them', () => {
    const f = busy([left('ct_maya')]);
    const signals = signalsOf({ ...f, contacts: [...f.contacts, person('ct_cy', 'Cy Ames', 'champion')] });
    expect(signals.find((s) => s.kind === 'pricing_visits')!.action).toMatchObject({ text: DEFAULT_PLAYS.pricing_visits.text.replace('{who}', 'Cy Ames'), who: 'Cy Ames', target: { contactId: 'ct_cy' } });
  });

  it('the next best action and the review queue’s plays for risks and quiet accounts do not ask the champion either', () => {
    const deals = [{ id: 'd', name: 'Northwind platform', stage: 'proposal', amount: 1, currency: 'USD', closeDate: null, forecastCategory: 'pipeline' as const, nextStep: null, owner: null, risks: [{ kind: 'stalled', reason: 'No stage change in 45 days' }] }];
    const gone = nextBestAction({ signals: [], deals, hasAccount: true, lastTouchAt: ago(1), championGone: true, cast: NOBODY }, DEFAULT_SETTINGS, NOW);
    // Nobody in the CRM decides either: the play says how to find them.
    expect(gone!.action).toMatchObject({ text: WITHOUT_CHAMPION.stalled!.text.replace('{who}', 'the decision maker'), target: { kind: 'find', role: 'decision maker' } });
    const quiet = nextBestAction({ signals: [], deals: [], hasAccount: true, lastTouchAt: ago(40), championGone: true, cast: NOBODY }, DEFAULT_SETTINGS, NOW);
    expect(asksChampion(quiet!.action)).toBe(false);
    const review: ReviewInput = { account: { id: 'a', name: 'Northwind', tier: 1, stage: 'engaged', owner: null, history: [] }, lastTouch: null, intent: { topics: [], firstParty: { visits7d: 0, visits30d: 0, pricing7d: 0, pricing30d: 0, lastVisitAt: null } }, signals: [], openDeals: deals, championGone: true };
    expect(asksChampion(suggestedPlay(review, DEFAULT_SETTINGS))).toBe(false);
    expect(dealAtRiskItems(review, DEFAULT_SETTINGS).map((i) => asksChampion(i.suggestedAction))).toEqual([false]);
  });

  it('an admin’s play addressed to the champion is replaced too, by their own "<kind>:without_champion" when set', () => {
    const mine = { text: 'Ask the champion for a reference call', channel: 'call' as const, who: 'Champion' };
    const instead = { text: 'Book the CFO for a business case review', channel: 'meeting' as const, who: 'CFO' };
    const settings = settingsFrom({ intel: JSON.stringify({ plays: { acquisition: mine, 'acquisition:without_champion': instead } }) });
    expect(playFor('acquisition', settings, { championGone: false })).toEqual(mine);
    expect(playFor('acquisition', settings, { championGone: true })).toEqual(instead);
    expect(playFor('tech_added', settingsFrom({ intel: JSON.stringify({ plays: { tech_added: mine } }) }), { championGone: true })).toEqual(DEFAULT_PLAYS.champion_left);
  });

  it('is part of the account’s stored intelligence, so warm briefs and digests apply it', () => {
    const f = busy([left('ct_maya')]);
    const record = { id: 'acc_1', name: 'Northwind', domains: [], tier: 1, stage: 'engaged', owner: null, territory: null, industry: null, employees: null, location: null, revenue: null, funding: null, description: null, fieldSources: {}, history: [], lastTouch: null, activityCounts: {}, facts: f } as unknown as AccountRecord;
    const intel = accountIntelOf(record, DEFAULT_SETTINGS, NOW);
    expect(intel.championGone).toBe(true);
    expect(intel.cast.people.filter((p) => p.role === 'champion')).toEqual([]);
    expect(intel.signals.filter((s) => asksChampion(s.action))).toEqual([]);
  });
});
