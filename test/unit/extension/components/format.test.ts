/**
 * The panel's formatters: ages, tenure, money, confidence words and company comparison.
 */
import { describe, expect, it, vi } from 'vitest';
import { companyKey, sameCompany } from '../../../../shared/company.ts';
import { confidenceWord, formatAge, formatMoney, formatTenure, sourceLabel } from '../../../../extension/components/format.ts';

const now = new Date('2026-04-15T12:00:00Z');

describe('formatters', () => {
  it('says how old a value is in the shortest unit', () => {
    expect(formatAge('2026-04-15T11:59:30Z', now)).toBe('just now');
    expect(formatAge('2026-04-15T11:15:00Z', now)).toBe('45 min ago');
    expect(formatAge('2026-04-15T02:00:00Z', now)).toBe('10 h ago');
    expect(formatAge('2026-04-03T12:00:00Z', now)).toBe('12 d ago');
    expect(formatAge('2026-01-10T08:00:00Z', now)).toBe('3 mo ago');
    expect(formatAge('2023-04-01T00:00:00Z', now)).toBe('3 yr ago');
    expect(formatAge(null, now)).toBeUndefined();
    expect(formatAge('not a date', now)).toBeUndefined();
  });

  it('gives tenure as since YYYY-MM with years', () => {
    expect(formatTenure('2021-07', new Date('2024-09-10T00:00:00Z'))).toBe('since 2021-07 (3 yrs)');
    expect(formatTenure('2025-07', now)).toBe('since 2025-07 (9 mo)');
    expect(formatTenure('2025-04', now)).toBe('since 2025-04 (1 yr)');
  });

  it('formats money in the deal currency and survives unknown codes', () => {
    expect(formatMoney(48000, 'USD')).toBe('$48,000');
    expect(formatMoney(48000, 'EUR')).toBe('€48,000');
    expect(formatMoney(48000, 'not-a-code')).toBe('48,000 not-a-code');
    expect(formatMoney(null, 'USD')).toBeUndefined();
  });

  it("writes the usual currencies as Intl writes them, without building Intl's format (its set-up was most of a cold package's first render)", () => {
    const amounts = [0, -0, 1, 999.5, 1000, -1234567.5, 48000, 0.4, -0.4, 2.5, 120000, 99_999_999_999];
    const intl = (amount: number, currency: string) => new Intl.NumberFormat('en', { style: 'currency', currency, maximumFractionDigits: 0 }).format(amount);
    const expected = ['USD', 'EUR', 'GBP', 'JPY', 'CAD', 'AUD', 'INR', 'BRL', 'SEK', 'NOK', 'DKK', 'CHF'].flatMap((c) => amounts.map((a) => intl(a, c)));
    const built = vi.spyOn(Intl, 'NumberFormat');
    try {
      expect(['USD', 'EUR', 'GBP', 'JPY', 'CAD', 'AUD', 'INR', 'BRL', 'SEK', 'NOK', 'DKK', 'CHF'].flatMap((c) => amounts.map((a) => formatMoney(a, c)))).toEqual(expected);
      expect(built).not.toHaveBeenCalled();
    } finally {
      built.mockRestore();
    }
    // Any other currency is Intl's.
    expect(formatMoney(1500, 'PLN')).toBe(intl(1500, 'PLN'));
  });

  it('names sources and confidence in words', () => {
    expect(sourceLabel('crm')).toBe('CRM');
    expect(sourceLabel('clearbit')).toBe('clearbit');
    expect(sourceLabel(null)).toBe('unknown source');
    expect([confidenceWord(1), confidenceWord(0.8), confidenceWord(0.5)]).toEqual(['high', 'medium', 'low']);
  });

  it('compares companies without case, punctuation or legal suffixes', () => {
    expect(companyKey('Acme, Inc.')).toBe('acme');
    expect(sameCompany('Acme, Inc.', 'ACME')).toBe(true);
    expect(sameCompany('Beta GmbH', 'Acme')).toBe(false);
    // A name that is only a legal suffix tells nothing: no evidence of a different company.
    expect(sameCompany('Holdings', 'Group')).toBe(true);
    expect(sameCompany('Acme Robotics', 'ACME Inc')).toBe(true);
  });
});
