import { describe, expect, it } from 'vitest';
import { detectLookalike, lookalikeInRef, lookalikeWarning, skeleton } from '../../../../server/identity/lookalike.ts';

describe('lookalike detection', () => {
  it.each([
    ['аcme.com', 'domain', 'acme.com lookalike: contains Cyrillic letters'],
    ['xn--cme-5cd.com', 'domain', 'acme.com lookalike: contains Cyrillic letters'],
    ['www.аcme.com', 'domain', 'acme.com lookalike: contains Cyrillic letters'],
    // A whole label of Cyrillic letters that all have Latin twins: "аррӏе" is apple.
    ['аррӏе.com', 'domain', 'apple.com lookalike: contains Cyrillic letters'],
    ['acme.cοm', 'domain', 'acme.com lookalike: contains Greek letters'],
    ['ａcme.com', 'domain', 'acme.com lookalike: contains letters that imitate other letters'],
    ['ac\u200bme.com', 'domain', 'acme.com lookalike: contains invisible characters'],
    ['jane@аcme.com', 'email', 'jane@acme.com lookalike: contains Cyrillic letters'],
    ['Jane <jаne@acme.com>', 'email', 'jane@acme.com lookalike: contains Cyrillic letters'],
    ['jane\u2060@acme.com', 'email', 'jane@acme.com lookalike: contains invisible characters'],
    ['jаne-doe', 'slug', 'jane-doe lookalike: contains Cyrillic letters'],
  ] as const)('%s is a lookalike', (input, kind, warning) => {
    const found = detectLookalike(input, kind);
    expect(found).not.toBeNull();
    expect(lookalikeWarning(found!)).toBe(warning);
  });

  it.each([
    ['acme.com', 'domain'],
    ['müller.de', 'domain'],
    // Genuinely Cyrillic names use letters with no Latin twin: not lookalikes.
    ['пример.рф', 'domain'],
    ['xn--e1afmkfd.xn--p1ai', 'domain'],
    ['иван@пример.рф', 'email'],
    ['jörg-müller', 'slug'],
    ['李伟', 'slug'],
    ['jane.doe+news@acme.com', 'email'],
  ] as const)('%s is not', (input, kind) => {
    expect(detectLookalike(input, kind)).toBeNull();
  });

  it('judges a profile URL by its slug, including percent-encoded invisible characters', () => {
    expect(lookalikeInRef('linkedin', 'https://www.linkedin.com/in/jane-doe/')).toBeNull();
    expect(lookalikeInRef('linkedin', 'https://ru.linkedin.com/in/иван-петров/')).toBeNull();
    expect(lookalikeInRef('linkedin', 'https://www.linkedin.com/in/jane%E2%80%8B-doe/')).toEqual({
      imitates: 'linkedin.com/in/jane-doe',
      reason: 'contains invisible characters',
    });
    expect(lookalikeInRef('linkedin', 'https://www.linkedin.com/in/j%D0%B0ne-doe/')).toEqual({
      imitates: 'linkedin.com/in/jane-doe',
      reason: 'contains Cyrillic letters',
    });
  });

  it('maps look-alike letters onto the Latin letters they imitate', () => {
    expect(skeleton('аррӏе')).toBe('apple');
    expect(skeleton('ραypal')).toBe('paypal');
    expect(skeleton('plain')).toBe('plain');
  });
});
