import { describe, expect, it } from 'vitest';
import { IntentEvent, WebVisitEvent, mondayOf } from '../../../../server/ingest/webhook-schemas.ts';

describe('webhook event schemas', () => {
  it("date an intent score by its week's Monday", () => {
    expect(mondayOf('2026-11-25')).toBe('2026-11-23');
    expect(mondayOf('2026-11-23')).toBe('2026-11-23');
    expect(mondayOf('2026-11-29')).toBe('2026-11-23');
    expect(IntentEvent.parse({ domain: 'WWW.Acme.com', topic: 'CRM', score: 0, week: '2026-01-01' })).toEqual({
      domain: 'acme.com',
      topic: 'CRM',
      score: 0,
      week: '2025-12-29',
    });
  });

  it('refuse a visit without a page type we know, or with a lookalike visitor address', () => {
    const visit = { domain: 'acme.com', url: 'https://acme.com/', pageType: 'pricing', occurredAt: '2026-11-22T10:00:00Z' };
    expect(WebVisitEvent.safeParse(visit).success).toBe(true);
    expect(WebVisitEvent.safeParse({ ...visit, pageType: 'landing' }).success).toBe(false);
    expect(WebVisitEvent.safeParse({ ...visit, visitorEmail: 'ja\u200bne@acme.com' }).success).toBe(false);
    expect(WebVisitEvent.safeParse({ ...visit, url: 'ftp://acme.com/file' }).success).toBe(false);
  });
});
