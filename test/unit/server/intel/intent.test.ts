import { describe, expect, it } from 'vitest';
import { intentOf } from '../../../../server/intel/intent.ts';
import { DEFAULT_SETTINGS } from '../../../../server/intel/settings.ts';
import { NOW, ago, intent, visit } from './facts.ts';

describe('intent', () => {
  it('shows each topic’s latest week with its trend, highest first', () => {
    const events = [
      intent('data warehouse', 72, '2026-11-16'),
      intent('data warehouse', 48, '2026-11-09', 9),
      intent('Data Warehouse', 30, '2026-11-02', 16),
      intent('etl', 40, '2026-11-16'),
      intent('etl', 60, '2026-11-09', 9),
      intent('crm', 50, '2026-11-16'),
      intent('crm', 52, '2026-11-09', 9),
      intent('bi', 20, '2026-11-16'),
    ];
    expect(intentOf(events, DEFAULT_SETTINGS, NOW).topics).toEqual([
      { topic: 'data warehouse', score: 72, trend: 'up', week: '2026-11-16' },
      { topic: 'crm', score: 50, trend: 'flat', week: '2026-11-16' },
      { topic: 'etl', score: 40, trend: 'down', week: '2026-11-16' },
      { topic: 'bi', score: 20, trend: 'new', week: '2026-11-16' },
    ]);
  });

  it('counts first-party visits over 7 and 30 days, pricing separately', () => {
    const events = [visit('pricing', 1), visit('blog', 2), visit('pricing', 10), visit('docs', 29), visit('pricing', 31), visit('pricing', -1)];
    expect(intentOf(events, DEFAULT_SETTINGS, NOW).firstParty).toEqual({ visits7d: 2, visits30d: 4, pricing7d: 1, pricing30d: 2, lastVisitAt: ago(1) });
  });
});
