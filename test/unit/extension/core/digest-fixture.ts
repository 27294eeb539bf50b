/** A small digest for the Today tests: three lines of two classes, two of them alerts. */
import type { Digest, DigestLine } from '../../../../shared/digest.ts';

const account = (id: string, name: string) => ({ id, name, tier: 1 as const, stage: 'engaged' as const, owner: { id: 'usr_1', name: 'Sofia Lindqvist' } });

export function line(over: Partial<DigestLine> & Pick<DigestLine, 'key'>): DigestLine {
  return {
    kind: 'pricing_visits',
    priority: 1,
    account: account('acc_1', 'Swedbank'),
    contactId: null,
    reason: '3rd pricing-page visit in 7 days',
    action: { text: 'Call the champion today', channel: 'call', who: 'Erik Holm' },
    occurredAt: '2026-12-01T20:00:00.000Z',
    alert: false,
    state: 'new',
    ...over,
  };
}

export function digest(over: Partial<Digest> = {}): Digest {
  return {
    day: '2026-12-02',
    since: '2026-12-01T04:00:00.000Z',
    lines: [
      line({ key: 'k1', alert: true }),
      line({ key: 'k2', alert: true, account: account('acc_2', 'Lodestar Health'), kind: 'demo_request', reason: '1 demo-request page visit in 7 days' }),
      line({ key: 'k3', priority: 2, kind: 'exec_hire', account: account('acc_3', 'Meridian Retail'), reason: 'New CTO: Ada Berg', action: { text: 'Congratulate and introduce', channel: 'linkedin', who: 'Ada Berg' } }),
    ],
    omitted: 0,
    tasks: [{ text: 'Swedbank: Call the champion today (call, Erik Holm)', reason: '3rd pricing-page visit in 7 days', action: { text: 'Call the champion today', channel: 'call', who: 'Erik Holm' }, account: account('acc_1', 'Swedbank'), signalKey: 'k1' }],
    alertBudget: 3,
    alerts: 2,
    readingMinutes: 1,
    generatedAt: '2026-12-02T04:00:00.000Z',
    ...over,
  };
}
