import { describe, expect, it } from 'vitest';
import type { Signal } from '../../../../shared/brief.ts';
import { rankSignals } from '../../../../server/intel/priorities.ts';
import { deriveSignals } from '../../../../server/intel/signals.ts';
import { DEFAULT_SETTINGS } from '../../../../server/intel/settings.ts';
import { NOW, ago, event, facts, intent, tech, visit } from './facts.ts';

const signal = (kind: string, priority: Signal['priority'], daysAgo: number, contactId: string | null = null): Signal => ({
  kind,
  priority,
  reason: `${kind} ${daysAgo}`,
  action: { text: 'Act', channel: 'task', who: 'Account owner' },
  occurredAt: ago(daysAgo),
  knownAt: ago(daysAgo),
  accountId: 'acc_1',
  contactId,
});

describe('ranking by the priority hierarchy', () => {
  it('puts first-party above organisational above intent above review, however recent', () => {
    const ranked = rankSignals([signal('news', 4, 0), signal('intent_surge', 3, 1), signal('funding', 2, 20), signal('pricing_visits', 1, 6)], { limit: 10 });
    expect(ranked.map((s) => s.kind)).toEqual(['pricing_visits', 'funding', 'intent_surge', 'news']);
  });

  it('ranks the same class by recency, then the brief’s own contact first', () => {
    const ranked = rankSignals([signal('funding', 2, 30), signal('exec_hire', 2, 3), signal('departure', 2, 3, 'ct_focus')], { limit: 10, focusContactId: 'ct_focus' });
    expect(ranked.map((s) => s.kind)).toEqual(['departure', 'exec_hire', 'funding']);
  });

  it('keeps only the top ones', () => {
    expect(rankSignals([signal('a', 4, 1), signal('b', 1, 1), signal('c', 2, 1)], { limit: 2 }).map((s) => s.kind)).toEqual(['b', 'c']);
  });

  it('ranks real rules the same way: a pricing evaluation beats a competitor adoption beats a surge', () => {
    const f = facts({
      events: [intent('data warehouse', 90, '2026-11-16', 0), visit('pricing', 5), visit('pricing', 5.5), visit('pricing', 6)],
      technologies: [tech('Globex', { competitor: true, addedAt: ago(1) })],
    });
    expect(deriveSignals(f, DEFAULT_SETTINGS, NOW).map((s) => s.kind)).toEqual(['pricing_visits', 'competitor_added', 'intent_surge']);
  });

  it('sends news to the end of the line even when it is the freshest', () => {
    const f = facts({ events: [event({ kind: 'news', data: { headline: 'Acme wins award', url: 'https://news.example/a' } }, 0), intent('crm', 61, '2026-11-16', 6)] });
    expect(deriveSignals(f, DEFAULT_SETTINGS, NOW).map((s) => s.kind)).toEqual(['intent_surge', 'news']);
  });
});
