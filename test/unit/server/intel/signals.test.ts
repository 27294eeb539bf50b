import { describe, expect, it } from 'vitest';
import { Signal } from '../../../../shared/brief.ts';
import { deriveSignals } from '../../../../server/intel/signals.ts';
import { DEFAULT_SETTINGS, settingsFrom } from '../../../../server/intel/settings.ts';
import { NOW, ago, deal, event, facts, intent, person, tech, visit } from './facts.ts';

const kinds = (f: ReturnType<typeof facts>, settings = DEFAULT_SETTINGS) => deriveSignals(f, settings, NOW).map((s) => s.kind);
const only = (f: ReturnType<typeof facts>, settings = DEFAULT_SETTINGS) => {
  const signals = deriveSignals(f, settings, NOW);
  expect(signals).toHaveLength(1);
  return signals[0]!;
};

describe('first-party buying behaviour', () => {
  it('one blog visit is not a signal', () => {
    expect(deriveSignals(facts({ events: [visit('blog', 1)] }), DEFAULT_SETTINGS, NOW)).toEqual([]);
  });

  it('two pricing-page visits in a week are not yet a signal', () => {
    expect(kinds(facts({ events: [visit('pricing', 1), visit('pricing', 3)] }))).toEqual([]);
  });

  it('the third pricing-page visit in 7 days is, and says so', () => {
    const signal = only(facts({ events: [visit('pricing', 1, 'ct_dana'), visit('pricing', 3), visit('pricing', 6)] }));
    expect(signal).toMatchObject({ kind: 'pricing_visits', priority: 1, reason: 'Visited pricing 3 times in the last 7 days, latest yesterday', contactId: 'ct_dana', occurredAt: ago(1) });
    expect(signal.action.channel).toBe('call');
  });

  it('a pricing visit older than the window does not count towards the three', () => {
    expect(kinds(facts({ events: [visit('pricing', 1), visit('pricing', 3), visit('pricing', 8)] }))).toEqual([]);
  });

  it('the play names the champion when the account has one', () => {
    const signal = only(facts({ events: [visit('pricing', 1), visit('pricing', 2), visit('pricing', 3)], contacts: [person('ct_1', 'Dana Reyes', 'champion')] }));
    expect(signal.action.who).toBe('Dana Reyes');
  });

  it('a demo-request visit and a trial sign-up visit are first-party signals on their own', () => {
    expect(kinds(facts({ events: [visit('demo', 2)] }))).toEqual(['demo_request']);
    expect(kinds(facts({ events: [visit('trial', 2)] }))).toEqual(['trial_signup']);
  });

  it('a reply to outreach and a meeting request are first-party signals', () => {
    const f = facts({
      events: [event({ kind: 'reply', data: { channel: 'email' } }, 1, 'ct_1'), event({ kind: 'meeting_request', data: { start: ago(-3) } }, 2)],
      contacts: [person('ct_1', 'Dana Reyes')],
    });
    const signals = deriveSignals(f, DEFAULT_SETTINGS, NOW);
    expect(signals.map((s) => s.kind)).toEqual(['reply', 'meeting_request']);
    expect(signals[0]!.reason).toBe('Dana Reyes replied by email yesterday');
    expect(signals[1]!.reason).toBe(`Asked for a meeting 2 days ago for ${ago(-3).slice(0, 10)}`);
    expect(signals[0]!.action.who).toBe('Dana Reyes');
  });

  it('a meeting on the calendar in the next two weeks is the thing to prepare for', () => {
    const signal = only(facts({ activities: [{ type: 'meeting', occurredAt: ago(-2), contactId: null, userId: null }] }));
    expect(signal).toMatchObject({ kind: 'meeting_scheduled', priority: 1, reason: `Meeting scheduled for ${ago(-2).slice(0, 10)} (in 2 days)` });
    const withDana = only(facts({ contacts: [person('ct_1', 'Dana Reyes')], activities: [{ type: 'meeting', occurredAt: ago(-1), contactId: 'ct_1', userId: null }] }));
    expect(withDana.reason).toBe(`Meeting with Dana Reyes scheduled for ${ago(-1).slice(0, 10)} (in 1 day)`);
    expect(withDana.action).toMatchObject({ who: 'Dana Reyes', target: { kind: 'contact', contactId: 'ct_1' } });
  });

  it('many visits to ordinary pages go to the review queue, not an alert', () => {
    const events = Array.from({ length: 10 }, (_, i) => visit(i < 7 ? 'docs' : 'blog', i % 6));
    const signal = only(facts({ events }));
    expect(signal).toMatchObject({ kind: 'site_engagement', priority: 4, reason: 'Visited our site 10 times in the last 7 days (docs 7, blog 3), latest today' });
  });
});

describe('organisational triggers', () => {
  it('a competitor adopted is an organisational signal; another tool goes to review', () => {
    const f = facts({ technologies: [tech('Globex CRM', { competitor: true, category: 'CRM', addedAt: ago(21) }), tech('Slack', { addedAt: ago(10) })] });
    const signals = deriveSignals(f, DEFAULT_SETTINGS, NOW);
    expect(signals.map((s) => [s.kind, s.priority])).toEqual([
      ['competitor_added', 2],
      ['tech_added', 4],
    ]);
    expect(signals[0]!.reason).toBe(`Adopted competitor Globex CRM (CRM) on ${ago(21).slice(0, 10)} (21 days ago)`);
  });

  it('a competitor dropped is a trigger too', () => {
    expect(only(facts({ technologies: [tech('Globex CRM', { competitor: true, addedAt: ago(400), removedAt: ago(5) })] })).kind).toBe('competitor_dropped');
  });

  it('a technology change from long ago is not news', () => {
    expect(kinds(facts({ technologies: [tech('Globex CRM', { competitor: true, addedAt: ago(200) })] }))).toEqual([]);
  });

  it('a funding round carries its amount and date', () => {
    const signal = only(facts({ events: [event({ kind: 'funding', data: { round: 'Series B', amountUsd: 40_000_000 } }, 12)] }));
    expect(signal).toMatchObject({ kind: 'funding', priority: 2, reason: `Raised Series B (US$40M) on ${ago(12).slice(0, 10)} (12 days ago)` });
  });

  it('a new executive is named in the reason and the play', () => {
    const signal = only(facts({ events: [event({ kind: 'exec_hire', data: { name: 'Sam Lee', title: 'VP Engineering' } }, 3)] }));
    expect(signal.reason).toContain('New VP Engineering Sam Lee hired');
    // Not a contact yet: the play says so and how to reach them.
    expect(signal.action).toMatchObject({ who: 'Sam Lee (not in the CRM yet)', target: { kind: 'find', role: 'Sam Lee' } });
    const known = only(facts({ contacts: [person('ct_sam', 'Sam Lee')], events: [event({ kind: 'exec_hire', data: { name: 'Sam Lee', title: 'VP Engineering' } }, 3)] }));
    expect(known.action).toMatchObject({ who: 'Sam Lee', target: { kind: 'contact', contactId: 'ct_sam' } });
  });

  it("the champion's departure is a trigger; a departure outside the buying group is for review", () => {
    const contacts = [person('ct_champ', 'Dana Reyes', 'champion'), person('ct_other', 'Lee Park')];
    const champion = only(facts({ contacts, events: [event({ kind: 'departure', data: { contactId: 'ct_champ', title: 'Head of Data' } }, 4)] }));
    expect(champion).toMatchObject({ kind: 'champion_left', priority: 2, contactId: 'ct_champ' });
    expect(champion.reason).toBe(`Dana Reyes, your champion, left Acme on ${ago(4).slice(0, 10)} (4 days ago)`);
    const other = only(facts({ contacts, events: [event({ kind: 'departure', data: { contactId: 'ct_other', title: 'Analyst' } }, 4)] }));
    expect(other).toMatchObject({ kind: 'departure', priority: 4 });
  });

  it('shows the job change when LinkedIn says Beta and the CRM says Acme', () => {
    const signal = only(facts({ focusContactId: 'ct_1', contacts: [person('ct_1', 'Ravi Kumaran')], page: { company: 'Beta Systems' } }));
    expect(signal).toMatchObject({ kind: 'job_change', priority: 2, contactId: 'ct_1' });
    expect(signal.reason).toBe('LinkedIn shows Beta Systems as the current employer; the CRM has Acme (seen 2026-11-23)');
  });

  it('is not fooled into a job change by a company suffix or a past employer the CRM already knows', () => {
    expect(kinds(facts({ focusContactId: 'ct_1', page: { company: 'ACME, Inc.' } }))).toEqual([]);
    expect(kinds(facts({ focusContactId: 'ct_1', page: { company: 'Initech' }, pastEmployers: ['Initech'] }))).toEqual([]);
  });
});

describe('counts in plain words', () => {
  it('says "pushed 1 day" and "for 1 day", never "1 days"', () => {
    const settings = { ...DEFAULT_SETTINGS, deals: { ...DEFAULT_SETTINGS.deals, stalledDays: 0 } };
    const d = deal({ stageChangedAt: ago(1) });
    const signals = deriveSignals(facts({ deals: [d], dealChanges: [{ dealId: d.id, field: 'close_date', from: '2026-12-01', to: '2026-12-02', at: ago(2) }] }), settings, NOW);
    expect(signals.find((s) => s.kind === 'close_date_slipped')!.reason).toBe('Close date of "Acme platform" pushed 1 day, from 2026-12-01 to 2026-12-02');
    expect(signals.find((s) => s.kind === 'deal_stalled')!.reason).toBe('"Acme platform" has been in proposal for 1 day (stalled after 0 days)');
  });
});

describe('third-party intent', () => {
  it('a surge score of 55 is no signal; 72 is, with its numbers', () => {
    expect(kinds(facts({ events: [intent('data warehouse', 55, '2026-11-16')] }))).toEqual([]);
    const signal = only(facts({ events: [intent('data warehouse', 72, '2026-11-16'), intent('data warehouse', 48, '2026-11-09', 9)] }));
    expect(signal).toMatchObject({ kind: 'intent_surge', priority: 3 });
    expect(signal.reason).toBe('Researching "data warehouse" more than usual: intent score 72 in the week of 2026-11-16 (we flag 60 and up), up from 48 the week before');
    const cooling = only(facts({ events: [intent('data warehouse', 70, '2026-11-16'), intent('data warehouse', 85, '2026-11-09', 9)] }));
    expect(cooling.reason).toMatch(/, down from 85 the week before$/);
  });

  it('an old surge is not current', () => {
    expect(kinds(facts({ events: [intent('data warehouse', 90, '2026-10-05', 49)] }))).toEqual([]);
  });

  it('only our topics count once the team has listed them', () => {
    const settings = settingsFrom({ intel: JSON.stringify({ intent: { topics: ['Data Warehouse'] } }) });
    const f = facts({ events: [intent('data warehouse', 80, '2026-11-16'), intent('office chairs', 95, '2026-11-16')] });
    expect(deriveSignals(f, settings, NOW).map((s) => s.reason)).toEqual([expect.stringContaining('"data warehouse"')]);
  });

  it('the threshold is a setting, not code', () => {
    const settings = settingsFrom({ thresholds: JSON.stringify({ pricingVisits: 3, pricingWindowDays: 7, intentSurge: 50, staleAfterDays: 180 }) });
    expect(kinds(facts({ events: [intent('data warehouse', 55, '2026-11-16')] }), settings)).toEqual(['intent_surge']);
  });
});

describe('every signal', () => {
  const busy = facts({
    focusContactId: 'ct_1',
    page: { company: 'Beta' },
    contacts: [person('ct_1', 'Dana Reyes', 'champion')],
    events: [
      visit('pricing', 1),
      visit('pricing', 2),
      visit('pricing', 3),
      visit('demo', 1),
      visit('trial', 2),
      event({ kind: 'reply', data: { channel: 'linkedin' } }, 1),
      event({ kind: 'funding', data: { round: 'Seed' } }, 30),
      event({ kind: 'acquisition', data: { target: 'Initech' } }, 20),
      event({ kind: 'news', data: { headline: 'Acme opens a Berlin office', url: 'https://news.example/acme' } }, 6),
      event({ kind: 'departure', data: { contactId: 'ct_1', title: 'Head of Data' } }, 8),
      intent('data warehouse', 81, '2026-11-16'),
    ],
    technologies: [tech('Globex', { competitor: true, addedAt: ago(9) })],
  });

  it('parses as a Signal with a reason carrying its numbers and an action', () => {
    const signals = deriveSignals(busy, { ...DEFAULT_SETTINGS, limits: { ...DEFAULT_SETTINGS.limits, signals: 100 } }, NOW);
    expect(signals.length).toBeGreaterThanOrEqual(10);
    for (const signal of signals) {
      expect(() => Signal.parse(signal)).not.toThrow();
      // What happened, with when: a number, or today / yesterday.
      expect(signal.reason, signal.kind).toMatch(/\d|today|yesterday/);
      expect(signal.action.text.length, signal.kind).toBeGreaterThan(0);
    }
  });

  it('is capped at ten in a brief', () => {
    expect(deriveSignals(busy, DEFAULT_SETTINGS, NOW)).toHaveLength(10);
  });

  it('takes the admin’s play where one is set', () => {
    const settings = settingsFrom({ intel: JSON.stringify({ plays: { pricing_visits: { text: 'Send the ROI calculator', channel: 'email', who: 'SDR' } } }) });
    const signal = deriveSignals(facts({ events: [visit('pricing', 1), visit('pricing', 2), visit('pricing', 3)] }), settings, NOW)[0]!;
    // A role of the admin's own: where to find them, since no contact's title says it.
    expect(signal.action).toMatchObject({ text: 'Send the ROI calculator', channel: 'email', who: 'Find the SDR', target: { kind: 'find', role: 'SDR' } });
  });
});

describe('whom the pricing play names', () => {
  const pricing = [visit('pricing', 1), visit('pricing', 2), visit('pricing', 3)];
  const contacts = [person('ct_1', 'Dana Reyes', 'champion'), person('ct_2', 'Cy Ames', 'champion')];

  it('skips a champion who has left', () => {
    const f = facts({ contacts, events: [...pricing, event({ kind: 'departure', data: { contactId: 'ct_1', title: 'Head of Data' } }, 20)] });
    expect(deriveSignals(f, DEFAULT_SETTINGS, NOW).find((s) => s.kind === 'pricing_visits')!.action.who).toBe('Cy Ames');
  });

  it('skips a champion whose LinkedIn page shows another employer', () => {
    const f = facts({ contacts, events: pricing, focusContactId: 'ct_1', page: { company: 'Beta' } });
    expect(deriveSignals(f, DEFAULT_SETTINGS, NOW).find((s) => s.kind === 'pricing_visits')!.action.who).toBe('Cy Ames');
  });
});
