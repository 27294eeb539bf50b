import { describe, expect, it } from 'vitest';
import { fieldWithProvenance, fieldsOf, isStale, parseFieldSources } from '../../../../server/intel/freshness.ts';
import { DEFAULT_SETTINGS, settingsFrom } from '../../../../server/intel/settings.ts';
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
