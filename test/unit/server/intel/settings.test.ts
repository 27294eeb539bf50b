import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, settingsFrom, validateOverrides } from '../../../../server/intel/settings.ts';

describe('intel settings', () => {
  it('are the defaults when the team set nothing', () => {
    expect(settingsFrom({})).toBe(DEFAULT_SETTINGS);
    expect(DEFAULT_SETTINGS).toMatchObject({ staleAfterDays: 180, firstParty: { pricingVisits: 3, windowDays: 7 }, intent: { surgeThreshold: 60 } });
  });

  it('take the admin’s thresholds', () => {
    const settings = settingsFrom({ thresholds: JSON.stringify({ pricingVisits: 5, pricingWindowDays: 14, intentSurge: 75, staleAfterDays: 90 }) });
    expect(settings).toMatchObject({ staleAfterDays: 90, firstParty: { pricingVisits: 5, windowDays: 14, demoVisits: 1 }, intent: { surgeThreshold: 75 } });
  });

  it('merge a partial override onto the defaults', () => {
    expect(settingsFrom({ intel: '{"deals":{"stalledDays":21}}' }).deals).toEqual({ ...DEFAULT_SETTINGS.deals, stalledDays: 21 });
  });

  it('fall back to the defaults when what is stored no longer validates', () => {
    expect(settingsFrom({ intel: '{"deals":{"stalledDays":-1}}' })).toEqual(DEFAULT_SETTINGS);
    expect(settingsFrom({ intel: 'not json', thresholds: '{"pricingVisits":"x"}' })).toEqual(DEFAULT_SETTINGS);
    expect(validateOverrides({ firstParty: { pricingVisits: 0 } }).success).toBe(false);
  });
});
