/**
 * Names and companies compared the same way on both sides: the server's suggestions and its
 * job-change rule (server/intel/signals-org.ts), and the panel's job-change banner. Pure and
 * browser-safe; server/identity/normalize.ts re-exports `nameKey` and `companyKey`.
 */

/**
 * Lower case, accents folded, punctuation dropped, spaces collapsed: for suggestions, never links.
 *
 * @example nameKey('  Zoë  Ångström ') // 'zoe angstrom'
 */
export function nameKey(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

const COMPANY_SUFFIXES =
  /\b(inc|incorporated|ltd|limited|llc|llp|plc|corp|corporation|co|company|gmbh|ag|ab|publ|sa|sas|sarl|bv|nv|oy|oyj|as|asa|aps|spa|srl|pty|kk|group|holding|holdings)\b/g;

/**
 * A company name reduced for comparison: `Acme, Inc.` and `ACME` compare equal. A name made only
 * of a legal suffix ("Holdings") reduces to nothing: no evidence either way.
 *
 * @example companyKey('Acme, Inc.') // 'acme'
 */
export function companyKey(name: string): string {
  return nameKey(name).replace(COMPANY_SUFFIXES, ' ').replace(/\s+/g, ' ').trim();
}

/**
 * The same company, as far as the names tell: equal keys, or one key starting the other at a word
 * boundary ("Acme" / "Acme Robotics"). A name that reduces to nothing is no evidence of a
 * difference, so it counts as the same.
 *
 * @example sameCompany('Acme, Inc.', 'ACME') // true
 * @example sameCompany('Beta GmbH', 'Acme') // false
 */
export function sameCompany(a: string, b: string): boolean {
  const ka = companyKey(a);
  const kb = companyKey(b);
  if (!ka || !kb) return true;
  return ka === kb || ka.startsWith(`${kb} `) || kb.startsWith(`${ka} `);
}

/**
 * Whether a page showing `pageCompany` as the current employer means a job change: it is neither
 * the CRM's account nor one of the recorded past employers (a page naming one of those lags behind
 * the CRM). False when either company is unknown.
 *
 * @example showsJobChange('Tata Consultancy Services', 'Infosys', []) // true
 * @example showsJobChange('Initech', 'Acme', ['Initech']) // false
 */
export function showsJobChange(pageCompany: string | null | undefined, crmCompany: string | null | undefined, pastEmployers: readonly string[] = []): boolean {
  const page = pageCompany?.trim();
  const crm = crmCompany?.trim();
  if (!page || !crm || sameCompany(page, crm)) return false;
  return !pastEmployers.some((past) => sameCompany(page, past));
}
