/**
 * Phone numbers as a rep dials them: E.164 (`+46701234567`) when the number carries its country
 * code (`+46 70…`, `0046 70…`) or the contact's account says which country it is in (a national
 * `070-123 45 67` at a Swedish account); else kept as typed, since guessing a country would dial
 * the wrong person. Only digits, spaces and `+ - ( ) .` are accepted; an extension is not.
 *
 * @example
 * normalizePhone('070-123 45 67', 'SE') // { ok: true, value: '+46701234567' }
 * normalizePhone('(415) 555-0100', null) // { ok: true, value: '(415) 555-0100' }
 * normalizePhone('call me', null)        // { ok: false, reason: 'must be a phone number: digits, spaces and + - ( ) . only' }
 */
import type { Normalized } from '../../shared/identity-keys.ts';

/** Country calling codes by ISO 3166 alpha-2 code and by English name (accounts store either). */
const CALLING_CODES: Record<string, string> = {
  US: '1', CA: '1', GB: '44', IE: '353', SE: '46', NO: '47', DK: '45', FI: '358', IS: '354', EE: '372', LV: '371', LT: '370',
  DE: '49', AT: '43', CH: '41', FR: '33', BE: '32', NL: '31', LU: '352', ES: '34', PT: '351', IT: '39', PL: '48', CZ: '420',
  HU: '36', RO: '40', GR: '30', TR: '90', IL: '972', AE: '971', SA: '966', IN: '91', SG: '65', MY: '60', ID: '62', PH: '63',
  TH: '66', VN: '84', CN: '86', HK: '852', TW: '886', JP: '81', KR: '82', AU: '61', NZ: '64', ZA: '27', NG: '234', KE: '254',
  EG: '20', BR: '55', MX: '52', AR: '54', CL: '56', CO: '57', PE: '51',
};
const COUNTRY_NAMES: Record<string, string> = {
  'united states': 'US', usa: 'US', 'united states of america': 'US', canada: 'CA', 'united kingdom': 'GB', uk: 'GB', 'great britain': 'GB',
  england: 'GB', ireland: 'IE', sweden: 'SE', norway: 'NO', denmark: 'DK', finland: 'FI', iceland: 'IS', estonia: 'EE', latvia: 'LV',
  lithuania: 'LT', germany: 'DE', austria: 'AT', switzerland: 'CH', france: 'FR', belgium: 'BE', netherlands: 'NL', luxembourg: 'LU',
  spain: 'ES', portugal: 'PT', italy: 'IT', poland: 'PL', 'czech republic': 'CZ', czechia: 'CZ', hungary: 'HU', romania: 'RO',
  greece: 'GR', turkey: 'TR', israel: 'IL', 'united arab emirates': 'AE', 'saudi arabia': 'SA', india: 'IN', singapore: 'SG',
  malaysia: 'MY', indonesia: 'ID', philippines: 'PH', thailand: 'TH', vietnam: 'VN', china: 'CN', 'hong kong': 'HK', taiwan: 'TW',
  japan: 'JP', 'south korea': 'KR', korea: 'KR', australia: 'AU', 'new zealand': 'NZ', 'south africa': 'ZA', nigeria: 'NG',
  kenya: 'KE', egypt: 'EG', brazil: 'BR', mexico: 'MX', argentina: 'AR', chile: 'CL', colombia: 'CO', peru: 'PE',
};
/** Countries whose national numbers keep their leading 0 after the country code (Italy's landlines). */
const KEEPS_TRUNK_ZERO = new Set(['IT']);

/** The calling code of a country as an account stores it ("SE", "Sweden"), or null. */
export function callingCodeOf(country: string | null | undefined): { iso: string; code: string } | null {
  const value = country?.trim();
  if (!value) return null;
  const iso = value.length === 2 ? value.toUpperCase() : COUNTRY_NAMES[value.toLowerCase()];
  const code = iso ? CALLING_CODES[iso] : undefined;
  return iso && code ? { iso, code } : null;
}

const ALLOWED = /^\+?[\d\s\-().]+$/;

/** E.164: a + and 8 to 15 digits, the first not 0. */
const e164 = (digits: string): Normalized<string> =>
  digits.length >= 8 && digits.length <= 15 && digits[0] !== '0'
    ? { ok: true, value: `+${digits}` }
    : { ok: false, reason: 'is not a valid international number: + and 8 to 15 digits, the country code first' };

export function normalizePhone(raw: string, country: string | null | undefined): Normalized<string> {
  const typed = raw.trim().replace(/\s+/g, ' ');
  if (!typed) return { ok: false, reason: 'is empty' };
  if (!ALLOWED.test(typed)) return { ok: false, reason: 'must be a phone number: digits, spaces and + - ( ) . only' };
  const digits = typed.replace(/\D/g, '');
  if (typed.startsWith('+')) return e164(digits);
  if (digits.startsWith('00')) return e164(digits.slice(2));
  if (digits.length < 6 || digits.length > 15) return { ok: false, reason: 'must have 6 to 15 digits' };
  const calling = callingCodeOf(country);
  if (!calling) return { ok: true, value: typed };
  const national = digits.startsWith('0') && !KEEPS_TRUNK_ZERO.has(calling.iso) ? digits.slice(1) : digits;
  return e164(`${calling.code}${national}`);
}
