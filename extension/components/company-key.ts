/**
 * Company names reduced for comparison, so "Acme, Inc." and "ACME" are the same company.
 * Mirrors `companyKey` in server/identity/normalize.ts (the extension must not bundle server code);
 * keep the two suffix lists in step.
 */

const COMPANY_SUFFIXES =
  /\b(inc|incorporated|ltd|limited|llc|llp|plc|corp|corporation|co|company|gmbh|ag|ab|publ|sa|sas|sarl|bv|nv|oy|oyj|as|asa|aps|spa|srl|pty|kk|group|holding|holdings)\b/g;

function nameKey(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * Lower case, accents folded, punctuation and legal suffixes dropped.
 *
 * @example
 * companyKey('Acme, Inc.') // 'acme'
 */
export function companyKey(name: string): string {
  const plain = nameKey(name);
  const key = plain.replace(COMPANY_SUFFIXES, ' ').replace(/\s+/g, ' ').trim();
  // A company called just "Holdings" would reduce to nothing and then equal every other such name.
  return key || plain;
}

/**
 * Whether two company names mean the same company.
 *
 * @example
 * sameCompany('Acme, Inc.', 'ACME') // true
 * sameCompany('Beta GmbH', 'Acme')  // false
 */
export function sameCompany(a: string, b: string): boolean {
  return companyKey(a) === companyKey(b);
}
