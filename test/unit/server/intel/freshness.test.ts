import { describe, expect, it } from 'vitest';
import { cadenceDaysFor, daysOverdue, fieldWithProvenance, fieldsOf, isStale, parseFieldSources, refreshDue } from '../../../../server/intel/freshness.ts';
import { DEFAULT_SETTINGS, settingsFrom, validateOverrides } from '../../../../server/intel/settings.ts';
import { NOW, ago } from './facts.ts';

describe('freshness', () => {
  it('marks a value stale after 180 days, not before', () => {
    expect(fieldWithProvenance('Fintech', { source: 'clearbit', refreshedAt: ago(181) }, DEFAULT_SETTINGS, NOW)).toEqual({
      value: 'Fintech',
      source: 'clearbit',
      refreshedAt: ago(181),
      stale: true,
    });
    expect(fieldWithProvenance('Fintech', { source: 'clearbit', refreshedAt: ago(179) }, DEFAULT_SETTINGS, NOW).stale).toBe(false);
  });

  it('does not call a value of unknown age stale, and shows no source for it', () => {
    expect(fieldWithProvenance(250, undefined, DEFAULT_SETTINGS, NOW)).toEqual({ value: 250, source: null, refreshedAt: null, stale: false });
  });

  it('an empty field cannot be stale', () => {
    expect(fieldWithProvenance(null, { source: 'crm', refreshedAt: ago(400) }, DEFAULT_SETTINGS, NOW).stale).toBe(false);
  });

  it('follows the admin’s stale age', () => {
    const settings = settingsFrom({ thresholds: JSON.stringify({ pricingVisits: 3, pricingWindowDays: 7, intentSurge: 60, staleAfterDays: 30 }) });
    expect(isStale(ago(45), settings, NOW)).toBe(true);
    expect(isStale(ago(45), DEFAULT_SETTINGS, NOW)).toBe(false);
  });

  it('reads provenance by column name or its camelCase spelling; a broken column is no provenance', () => {
    const field = fieldsOf(parseFieldSources(JSON.stringify({ tenureStart: { source: 'linkedin', refreshedAt: ago(1) } })), DEFAULT_SETTINGS, NOW);
    expect(field('tenure_start', '2024-03')).toMatchObject({ source: 'linkedin', stale: false });
    expect(parseFieldSources('{not json')).toEqual({});
    expect(parseFieldSources('[1]')).toEqual({});
  });
});

describe('refresh cadence', () => {
  it('is due past its source’s cadence, not at it: intent daily, firmographics quarterly', () => {
    expect(refreshDue({ source: 'intent', refreshedAt: ago(1.5) }, DEFAULT_SETTINGS, NOW)).toBe(true);
    expect(refreshDue({ source: 'intent', refreshedAt: ago(0.5) }, DEFAULT_SETTINGS, NOW)).toBe(false);
    expect(refreshDue({ source: 'firmographics', refreshedAt: ago(91) }, DEFAULT_SETTINGS, NOW)).toBe(true);
    expect(refreshDue({ source: 'firmographics', refreshedAt: ago(89) }, DEFAULT_SETTINGS, NOW)).toBe(false);
    expect(daysOverdue({ source: 'news', refreshedAt: ago(17.5) }, DEFAULT_SETTINGS, NOW)).toBe(10);
  });

  it('falls back from the source to its family before a colon, then to default, ignoring case', () => {
    const settings = validateOverrides({ freshness: { cadenceDays: { import: 10, default: 60 } } });
    expect(settings.success).toBe(true);
    const s = settings.data!;
    expect(cadenceDaysFor('import:accounts', s)).toBe(10);
    expect(cadenceDaysFor('Intent', s)).toBe(1);
    expect(cadenceDaysFor('some-vendor', s)).toBe(60);
    expect(cadenceDaysFor(null, s)).toBe(60);
  });

  it('never calls a value of unknown age due; stale keeps its own age', () => {
    expect(refreshDue({ source: 'intent', refreshedAt: null }, DEFAULT_SETTINGS, NOW)).toBe(false);
    expect(refreshDue({ source: 'intent', refreshedAt: 'yesterday' }, DEFAULT_SETTINGS, NOW)).toBe(false);
    expect(refreshDue({ source: 'crm', refreshedAt: ago(31) }, DEFAULT_SETTINGS, NOW)).toBe(true);
    expect(isStale(ago(31), DEFAULT_SETTINGS, NOW)).toBe(false);
  });

  it('refuses a cadence outside 1–3650 days by its field', () => {
    const bad = validateOverrides({ freshness: { cadenceDays: { intent: 0 } } });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues[0]!.path).toEqual(['freshness', 'cadenceDays', 'intent']);
    expect(validateOverrides({ freshness: { cadenceDays: { news: 3651 } } }).success).toBe(false);
    expect(validateOverrides({ freshness: { cadenceDays: { default: null } } }).success).toBe(false);
  });
});
