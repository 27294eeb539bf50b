import { describe, expect, it } from 'vitest';
import type { DealView } from '../../../../shared/brief.ts';
import { nextBestAction } from '../../../../server/intel/next-action.ts';
import { relationshipOf, stakeholdersOf } from '../../../../server/intel/relationship.ts';
import { deriveSignals } from '../../../../server/intel/signals.ts';
import { DEFAULT_SETTINGS } from '../../../../server/intel/settings.ts';
import { castOf, type Cast } from '../../../../server/intel/address.ts';
import type { PersonFact } from '../../../../server/intel/facts.ts';
import { NOW, ago, deal, event, facts, intent, person, visit } from './facts.ts';

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

const NOBODY: Cast = { accountName: 'Acme', owner: null, people: [] };
const SWEDBANK = (contacts: PersonFact[]) => ({ accountName: 'Swedbank', contacts });
const erik = { ...person('ct_erik', 'Erik Holm', 'champion', 3), title: 'Head of Data' };
const maya = person('ct_maya', 'Maya Rani Perera', 'influencer', 2);
const pricing = [visit('pricing', 1, 'ct_maya'), visit('pricing', 2, 'ct_maya'), visit('pricing', 3, 'ct_maya')];

describe('the next best action', () => {
  it('follows the top signal when a buyer is moving', () => {
    const signals = deriveSignals(facts({ events: [visit('pricing', 1), visit('pricing', 2), visit('pricing', 3), intent('crm', 80, '2026-11-16')] }), DEFAULT_SETTINGS, NOW);
    const action = nextBestAction({ signals, deals: [openDeal({ risks: [{ kind: 'stalled', reason: 'No stage change in 45 days' }] })], hasAccount: true, lastTouchAt: ago(1), cast: NOBODY }, DEFAULT_SETTINGS, NOW);
    expect(action).toMatchObject({ reason: 'Visited pricing 3 times in the last 7 days, latest yesterday', action: signals[0]!.action });
  });

  it('addresses the worst risk on the largest deal when nothing is moving', () => {
    const deals = [
      openDeal({ id: 'small', name: 'Small', amount: 5_000, risks: [{ kind: 'no_next_step', reason: 'No next step recorded' }] }),
      openDeal({ id: 'big', name: 'Big', amount: 90_000, risks: [{ kind: 'stalled', reason: 'No stage change in 45 days' }] }),
    ];
    const cast = castOf(facts({ contacts: [erik] }), null);
    expect(nextBestAction({ signals: [], deals, hasAccount: true, lastTouchAt: ago(1), cast }, DEFAULT_SETTINGS, NOW)).toMatchObject({
      reason: '"Big": No stage change in 45 days',
      action: { text: 'Agree a dated next step with Erik Holm or re-qualify the deal', who: 'Erik Holm', target: { kind: 'contact', contactId: 'ct_erik' } },
    });
  });

  it('re-engages an account that went quiet, and says for how long', () => {
    expect(nextBestAction({ signals: [], deals: [], hasAccount: true, lastTouchAt: ago(20), cast: NOBODY }, DEFAULT_SETTINGS, NOW)?.reason).toBe(
      `No activity in 20 days (last touch ${ago(20).slice(0, 10)})`,
    );
    expect(nextBestAction({ signals: [], deals: [], hasAccount: true, lastTouchAt: ago(3), cast: NOBODY }, DEFAULT_SETTINGS, NOW)).toBeNull();
  });
});

describe('the next step is about the person on screen', () => {
  it('names the champion when the play is for them, with who they are and their contact id ("Erik Holm, champion at Swedbank")', () => {
    const f = facts({ ...SWEDBANK([erik, maya]), events: pricing });
    const signals = deriveSignals(f, DEFAULT_SETTINGS, NOW);
    const step = nextBestAction({ signals, deals: [], hasAccount: true, lastTouchAt: ago(1), cast: castOf(f, null), focusContactId: 'ct_maya' }, DEFAULT_SETTINGS, NOW);
    expect(step!.action).toMatchObject({ channel: 'call', who: 'Erik Holm', text: 'Call Erik Holm today; reference the pricing evaluation and offer a tailored quote' });
    expect(step!.about).toEqual({ kind: 'someone-else', contactId: 'ct_erik', name: 'Erik Holm', role: 'champion', title: 'Head of Data', who: 'Erik Holm, champion at Swedbank' });
    expect(step!.reason).toBe('Maya Rani Perera visited pricing 3 times in the last 7 days, latest yesterday');
  });

  it('is "this person" when the play is for the person on screen', () => {
    const f = facts({ ...SWEDBANK([erik, maya]), events: pricing });
    const step = nextBestAction({ signals: deriveSignals(f, DEFAULT_SETTINGS, NOW), deals: [], hasAccount: true, lastTouchAt: ago(1), cast: castOf(f, null), focusContactId: 'ct_erik' }, DEFAULT_SETTINGS, NOW);
    expect(step!.about).toEqual({ kind: 'this-person' });
  });

  it('with no champion in the CRM, says how to find one, naming whom to ask; never "Champion"', () => {
    const lee = person('ct_lee', 'Lee Park', 'decision_maker', 5);
    const f = facts({ ...SWEDBANK([lee, maya]), events: pricing });
    const owner = { id: 'u_ana', name: 'Ana Lind' };
    const step = nextBestAction({ signals: deriveSignals(f, DEFAULT_SETTINGS, NOW, owner), deals: [], hasAccount: true, lastTouchAt: ago(1), cast: castOf(f, owner), focusContactId: 'ct_maya' }, DEFAULT_SETTINGS, NOW);
    expect(step!.action.who).toBe('Find a champion');
    expect(step!.about).toEqual({
      kind: 'find',
      role: 'champion',
      how: 'No champion at Swedbank in the CRM: ask Lee Park (decision maker) who leads the evaluation, or search LinkedIn for who leads the evaluation at Swedbank and add them as a contact',
    });
    // Nobody at all: ask the account's owner.
    const alone = facts({ ...SWEDBANK([]), events: [visit('pricing', 1), visit('pricing', 2), visit('pricing', 3)] });
    const none = nextBestAction({ signals: deriveSignals(alone, DEFAULT_SETTINGS, NOW, owner), deals: [], hasAccount: true, lastTouchAt: ago(1), cast: castOf(alone, owner) }, DEFAULT_SETTINGS, NOW);
    expect(none!.about).toMatchObject({ kind: 'find', how: expect.stringContaining('ask Ana Lind (account owner) who leads the evaluation') });
  });

  it('a demo request from someone unknown says where to find them, not "Visitor"', () => {
    const f = facts({ ...SWEDBANK([erik]), events: [visit('demo', 0)] });
    const [demo] = deriveSignals(f, DEFAULT_SETTINGS, NOW);
    expect(demo!.reason).toBe('Requested a demo today');
    expect(demo!.action.who).not.toBe('Visitor');
    expect(demo!.action.target).toEqual({
      kind: 'find',
      role: 'person who requested the demo',
      how: 'We do not know the person who requested the demo at Swedbank: check the demo form submission in the web analytics, or ask Erik Holm (champion) who it was',
    });
    const known = deriveSignals(facts({ ...SWEDBANK([erik, maya]), events: [visit('demo', 0, 'ct_maya')] }), DEFAULT_SETTINGS, NOW)[0]!;
    expect(known.reason).toBe('Maya Rani Perera requested a demo today');
    expect(known.action).toMatchObject({ who: 'Maya Rani Perera', text: 'Follow up with Maya Rani Perera within the hour and offer two demo slots', target: { kind: 'contact', contactId: 'ct_maya' } });
  });

  it('the rep\'s own work names the account owner, not "Account owner"', () => {
    const f = facts({ ...SWEDBANK([]), events: [event({ kind: 'news', data: { headline: 'Opens a Riga office', url: 'https://news.example/riga' } }, 2)] });
    const [news] = deriveSignals(f, DEFAULT_SETTINGS, NOW, { id: 'u_ana', name: 'Ana Lind' });
    expect(news!.action).toMatchObject({ who: 'Ana Lind', target: { kind: 'owner', userId: 'u_ana', name: 'Ana Lind' } });
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
