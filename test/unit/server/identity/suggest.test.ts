import { describe, expect, it } from 'vitest';
import { companyKeyOfDomain, personNameKey, rankSuggestions, type NameCandidate } from '../../../../server/identity/suggest.ts';
import { meetingAccount } from '../../../../server/identity/meeting.ts';
import type { RefPlan } from '../../../../server/identity/plan.ts';
import type { Resolution } from '../../../../shared/match.ts';

const candidate = (contactId: string, accountId: string | null, accountName: string | null, name = 'Jane Doe'): NameCandidate => ({
  contactId,
  accountId,
  name,
  nameKey: 'jane doe',
  title: null,
  accountName,
});

describe('ranking namesakes', () => {
  const candidates = [
    candidate('ct_1', 'acc_g', 'Globex Corporation'),
    candidate('ct_2', 'acc_a', 'Acme, Inc.'),
    candidate('ct_3', 'acc_r', 'Acme Robotics'),
    candidate('ct_4', null, null),
  ];

  it('puts the same company first, a similar name next, other companies last', () => {
    const out = rankSuggestions({ nameKey: 'jane doe', companyKey: 'acme' }, candidates);
    expect(out.map((s) => [s.contactId, s.confidence])).toEqual([
      ['ct_2', 0.7],
      ['ct_3', 0.6],
      ['ct_1', 0.3],
      ['ct_4', 0.3],
    ]);
    expect(out[3]!.explanation).toBe('Same name, no company on record');
  });

  it('uses the account the domain matched when the page names no company', () => {
    const out = rankSuggestions({ nameKey: 'jane doe', accountId: 'acc_g' }, candidates);
    expect(out[0]).toMatchObject({ contactId: 'ct_1', confidence: 0.7, explanation: 'Same name at Globex Corporation' });
  });

  it('without any company, every namesake is an equal, modest suggestion', () => {
    const out = rankSuggestions({ nameKey: 'jane doe' }, candidates);
    expect(new Set(out.map((s) => s.confidence))).toEqual(new Set([0.4]));
  });

  it('never suggests someone with another name, and never more than five', () => {
    const many = Array.from({ length: 9 }, (_, i) => candidate(`ct_${i}`, null, null));
    expect(rankSuggestions({ nameKey: 'jane doe' }, many)).toHaveLength(5);
    expect(rankSuggestions({ nameKey: 'john doe' }, many)).toEqual([]);
  });

  it('reads "Doe, Jane" as Jane Doe and a domain as a company hint', () => {
    expect(personNameKey('Doe, Jane')).toBe('jane doe');
    expect(personNameKey('Jane Doe')).toBe('jane doe');
    expect(companyKeyOfDomain('mail.acme-robotics.co.uk')).toBe('acme robotics');
  });
});

describe("a meeting's account", () => {
  const plan = (email: string): RefPlan => ({ source: 'email', email, domains: [], aliasKeys: [], warnings: [], lookalike: false });
  const at = (accountId: string | null, contactId?: string, confidence = 0.6): Resolution => ({
    match: accountId ? { accountId, ...(contactId ? { contactId } : {}), method: contactId ? 'email' : 'domain', confidence, explanation: '' } : null,
    suggestions: [],
    warnings: [],
  });

  it('ignores the team’s own people and picks the account most guests belong to', () => {
    const plans = ['me@ours.com', 'a@globex.com', 'b@acme.com', 'c@acme.com'].map(plan);
    const out = meetingAccount(plans, [at('acc_ours', 'ct_me', 1), at('acc_g', 'ct_a', 1), at('acc_a'), at('acc_a')], new Set(['ours.com']));
    expect(out).toEqual({ accountId: 'acc_a', method: 'domain', confidence: 0.6, explanation: '2 of 3 external attendees are at this account' });
  });

  it('breaks a tie by known contacts, then by the order of the guest list', () => {
    const plans = ['a@globex.com', 'b@acme.com'].map(plan);
    expect(meetingAccount(plans, [at('acc_g'), at('acc_a', 'ct_b', 1)], new Set())?.accountId).toBe('acc_a');
    expect(meetingAccount(plans, [at('acc_g'), at('acc_a')], new Set())?.accountId).toBe('acc_g');
  });

  it('is nothing when no guest maps to an account', () => {
    expect(meetingAccount([plan('x@gmail.com')], [at(null)], new Set())).toBeNull();
  });
});
