/**
 * Lookalike detection: a domain, email address or LinkedIn slug that imitates another one.
 * Normalisation already keeps lookalikes from matching (punycode never equals ASCII; invisible
 * characters are refused); this module says *what* is being imitated, so the rep sees
 * "acme.com lookalike: contains Cyrillic letters" instead of a silent "no match".
 *
 * Three tells, in order: invisible characters (zero-width, bidi controls, soft hyphen);
 * compatibility letters that fold onto others (fullwidth `ａ`); and Cyrillic or Greek letters
 * that look Latin, either mixed with Latin in one label or making up a whole label on their own.
 * A genuinely Cyrillic name (`пример.рф`) uses letters with no Latin twin and is left alone.
 */
import { domainToUnicode } from 'node:url';
import { normalizeLinkedInSlug } from './normalize.ts';

export interface Lookalike {
  /** The value it imitates, as a rep would type it: `acme.com`, `jane@acme.com`. */
  imitates: string;
  /** Why: "contains Cyrillic letters". */
  reason: string;
}

export type LookalikeKind = 'domain' | 'email' | 'slug';

// Global, for replace only: `.test` on a global regex is stateful.
const INVISIBLE = /[\p{Cf}\p{Cc}]/gu;
const hasInvisible = (text: string) => /[\p{Cf}\p{Cc}]/u.test(text);

/**
 * Cyrillic and Greek letters (lower case) that render like a Latin letter in common fonts.
 * Small on purpose: it covers the letters used in real homograph attacks, not all of Unicode's
 * confusables list.
 */
const CONFUSABLES: Readonly<Record<string, string>> = {
  // Cyrillic
  а: 'a', с: 'c', ԁ: 'd', е: 'e', һ: 'h', і: 'i', ј: 'j', ӏ: 'l', о: 'o', р: 'p', ԛ: 'q', ѕ: 's',
  ѵ: 'v', ԝ: 'w', х: 'x', у: 'y', ү: 'y',
  // Greek
  α: 'a', ϲ: 'c', ι: 'i', ϳ: 'j', κ: 'k', ο: 'o', ρ: 'p', υ: 'u', ν: 'v', χ: 'x', γ: 'y',
  // Armenian
  հ: 'h', ո: 'n', օ: 'o', զ: 'q', ս: 'u', ց: 'g',
  // Latin letters from other blocks that pass for ASCII ones
  ı: 'i', ɑ: 'a', ɡ: 'g', ǀ: 'l',
};

const SCRIPTS: ReadonlyArray<[name: string, pattern: RegExp]> = [
  ['Cyrillic', /\p{Script=Cyrillic}/u],
  ['Greek', /\p{Script=Greek}/u],
  ['Armenian', /\p{Script=Armenian}/u],
];

/** Replaces each look-alike letter by the ASCII letter it imitates. */
export function skeleton(text: string): string {
  let out = '';
  for (const char of text) out += CONFUSABLES[char] ?? char;
  return out;
}

/** The scripts other than Latin that make a token a lookalike, or null when it is not one. */
function imitatingScripts(token: string): string[] | null {
  const foreign = SCRIPTS.filter(([, pattern]) => pattern.test(token)).map(([name]) => name);
  const hasConfusable = [...token].some((char) => char in CONFUSABLES);
  if (!hasConfusable) return null;
  const mixedWithLatin = /[a-z]/.test(token) || /\p{Script=Latin}/u.test(token);
  // A whole label of foreign letters is a lookalike only when every letter has a Latin twin.
  const wholeImitation = /^\p{ASCII}*$/u.test(skeleton(token));
  if (!mixedWithLatin && !wholeImitation) return null;
  return foreign.length ? foreign : ['look-alike'];
}

/** Tokens that are checked separately: labels of a domain, the local part of an address, a slug. */
function tokensOf(value: string, kind: LookalikeKind): string[] {
  if (kind === 'slug') return [value];
  if (kind === 'email') {
    const at = value.lastIndexOf('@');
    return [value.slice(0, at), ...value.slice(at + 1).split('.')];
  }
  return value.split('.');
}

/** Punycode labels back to the letters they encode, so `xn--cme-5cd.com` is judged as `аcme.com`. */
function unicodeForm(value: string, kind: LookalikeKind): string {
  if (kind === 'slug' || !/xn--/i.test(value)) return value;
  if (kind === 'domain') return domainToUnicode(value) || value;
  const at = value.lastIndexOf('@');
  if (at < 0) return value;
  return `${value.slice(0, at)}@${domainToUnicode(value.slice(at + 1)) || value.slice(at + 1)}`;
}

/**
 * Whether a domain, email address or slug imitates another, and which.
 *
 * @example detectLookalike('аcme.com', 'domain') // { imitates: 'acme.com', reason: 'contains Cyrillic letters' }
 * @example detectLookalike('acme.com', 'domain') // null
 */
export function detectLookalike(input: string, kind: LookalikeKind): Lookalike | null {
  let text = input.trim();
  if (kind === 'email') text = text.replace(/^mailto:/i, '').replace(/^[^<>]*<([^<>]*)>\s*$/s, '$1').trim();
  const raw = unicodeForm(text, kind);
  const visible = raw.replace(INVISIBLE, '');
  const folded = visible.normalize('NFKC').toLowerCase();
  const imitates = () => {
    const value = skeleton(folded);
    return kind === 'domain' ? value.replace(/^[a-z][a-z0-9+.-]*:\/\//, '').replace(/[/?#].*$/, '').replace(/^www\d*\./, '') : value;
  };
  if (visible !== raw) return { imitates: imitates(), reason: 'contains invisible characters' };
  if (visible.normalize('NFC') !== visible.normalize('NFKC') && /[^\p{ASCII}]/u.test(visible)) {
    return { imitates: imitates(), reason: 'contains letters that imitate other letters' };
  }
  if (!/[^\p{ASCII}]/u.test(folded)) return null;
  const scripts = new Set<string>();
  for (const token of tokensOf(folded, kind)) for (const script of imitatingScripts(token) ?? []) scripts.add(script);
  if (!scripts.size) return null;
  const named = [...scripts].filter((s) => s !== 'look-alike');
  const reason = named.length ? `contains ${named.join(' and ')} letters` : 'contains letters that imitate Latin ones';
  return { imitates: imitates(), reason };
}

/** The one-line warning a Resolution carries. */
export const lookalikeWarning = (found: Lookalike) => `${found.imitates} lookalike: ${found.reason}`;

const safeDecode = (text: string) => {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
};

/**
 * Lookalike check for what a ref carries: a LinkedIn profile URL is judged by its slug (the
 * rest of the URL is Latin by nature), an address or domain as a whole.
 *
 * @example lookalikeInRef('linkedin', 'https://www.linkedin.com/in/jane%E2%80%8B-doe/')
 * // { imitates: 'linkedin.com/in/jane-doe', reason: 'contains invisible characters' }
 */
export function lookalikeInRef(kind: 'linkedin' | 'email' | 'domain', raw: string): Lookalike | null {
  if (kind !== 'linkedin') return detectLookalike(raw, kind);
  // Invisible characters may arrive literally or percent-encoded (`%E2%80%8B`).
  const decoded = safeDecode(raw);
  if (hasInvisible(raw) || hasInvisible(decoded)) {
    const slug = normalizeLinkedInSlug(decoded.replace(INVISIBLE, ''));
    return { imitates: slug.ok ? `linkedin.com/in/${slug.value}` : raw.replace(INVISIBLE, ''), reason: 'contains invisible characters' };
  }
  const slug = normalizeLinkedInSlug(raw);
  if (!slug.ok) return null;
  const found = detectLookalike(slug.value, 'slug');
  return found && { ...found, imitates: `linkedin.com/in/${found.imitates}` };
}
