import { describe, expect, it } from 'vitest';
import { callingCodeOf, normalizePhone } from '../../../../server/identity/phone.ts';

describe('phone numbers as a rep dials them', () => {
  it('a number with its country code is E.164, however it was spaced or prefixed', () => {
    expect(normalizePhone('+46 70-123 45 67', null)).toEqual({ ok: true, value: '+46701234567' });
    expect(normalizePhone('0046 (0)70 123 45 67'.replace('(0)', ''), null)).toEqual({ ok: true, value: '+46701234567' });
    expect(normalizePhone('+1 (415) 555-0100', 'SE')).toEqual({ ok: true, value: '+14155550100' });
  });

  it('a national number takes its account’s country code, dropping the trunk 0 (Italy keeps it)', () => {
    expect(normalizePhone('070-123 45 67', 'SE')).toEqual({ ok: true, value: '+46701234567' });
    expect(normalizePhone('070-123 45 67', 'Sweden')).toEqual({ ok: true, value: '+46701234567' });
    expect(normalizePhone('(415) 555-0100', 'United States')).toEqual({ ok: true, value: '+14155550100' });
    expect(normalizePhone('06 1234 5678', 'IT')).toEqual({ ok: true, value: '+390612345678' });
  });

  it('with no country known, a national number is kept as typed rather than guessed', () => {
    expect(normalizePhone(' 070-123  45 67 ', null)).toEqual({ ok: true, value: '070-123 45 67' });
    expect(normalizePhone('070-123 45 67', 'Atlantis')).toEqual({ ok: true, value: '070-123 45 67' });
  });

  it('refuses what is not plainly a number, saying why', () => {
    expect(normalizePhone('call me maybe', null)).toEqual({ ok: false, reason: 'must be a phone number: digits, spaces and + - ( ) . only' });
    expect(normalizePhone('+1 555 0100 ext. 12', null)).toMatchObject({ ok: false });
    expect(normalizePhone('12345', null)).toEqual({ ok: false, reason: 'must have 6 to 15 digits' });
    expect(normalizePhone('+46 0', null)).toEqual({ ok: false, reason: 'is not a valid international number: + and 8 to 15 digits, the country code first' });
  });

  it('knows a country by its ISO code or its English name', () => {
    expect(callingCodeOf('se')).toEqual({ iso: 'SE', code: '46' });
    expect(callingCodeOf('United Kingdom')).toEqual({ iso: 'GB', code: '44' });
    expect(callingCodeOf('Mars')).toBeNull();
  });
});
