import { describe, expect, it } from 'vitest';
import {
  companyKey,
  emailDomain,
  isFreeMailDomain,
  linkedInUrlOf,
  nameKey,
  normalizeDomain,
  normalizeEmail,
  normalizeLinkedInSlug,
  registrableDomain,
} from '../../../../server/identity/normalize.ts';

const value = (r: { ok: true; value: string } | { ok: false; reason: string }) => (r.ok ? r.value : `!${r.reason}`);

describe('LinkedIn profile slugs', () => {
  it.each([
    ['https://www.linkedin.com/in/jane-doe/', 'jane-doe'],
    ['https://se.linkedin.com/in/jane-doe', 'jane-doe'],
    ['https://uk.linkedin.com/in/jane-doe/?originalSubdomain=uk', 'jane-doe'],
    ['http://linkedin.com/in/jane-doe', 'jane-doe'],
    ['linkedin.com/in/jane-doe', 'jane-doe'],
    ['www.linkedin.com/in/jane-doe///', 'jane-doe'],
    ['https://m.linkedin.com/in/jane-doe', 'jane-doe'],
    ['https://www.linkedin.com/in/JANE-Doe/', 'jane-doe'],
    ['https://www.linkedin.com/in/jane-doe?trk=public_profile&lipi=x', 'jane-doe'],
    ['https://www.linkedin.com/in/jane-doe#experience', 'jane-doe'],
    ['https://www.linkedin.com/in/jane-doe/details/experience/', 'jane-doe'],
    ['https://www.linkedin.com/in/jane-doe/overlay/contact-info/', 'jane-doe'],
    ['  https://www.linkedin.com/in/jane-doe/  ', 'jane-doe'],
    ['https://de.linkedin.com/in/j%C3%B6rg-m%C3%BCller-1a2b3c/', 'jörg-müller-1a2b3c'],
    ['https://de.linkedin.com/in/J%C3%96RG-M/', 'jörg-m'],
    // NFD (o + combining diaeresis) and NFC spell the same slug.
    ['https://de.linkedin.com/in/jo%CC%88rg-m/', 'jörg-m'],
  ])('%s → %s', (url, slug) => {
    expect(value(normalizeLinkedInSlug(url))).toBe(slug);
  });

  it.each([
    ['https://www.linkedin.com/company/acme/', 'not a LinkedIn profile URL'],
    ['https://www.linkedin.com/feed/', 'not a LinkedIn profile URL'],
    ['https://www.linkedin.com/in/', 'not a LinkedIn profile URL'],
    ['https://evil-linkedin.com/in/jane-doe', 'not a LinkedIn URL'],
    ['https://linkedin.com.evil.example/in/jane-doe', 'not a LinkedIn URL'],
    ['ftp://www.linkedin.com/in/jane-doe', 'not a LinkedIn URL'],
    ['https://www.linkedin.com/in/%E0%A4%A', 'not a LinkedIn profile URL'],
    ['https://www.linkedin.com/in/jane%E2%80%8B-doe', 'not a LinkedIn profile URL'],
    ['https://www.linkedin.com/in/jane\u200b-doe', 'contains invisible characters that can disguise a lookalike'],
  ])('refuses %s', (url, reason) => {
    expect(normalizeLinkedInSlug(url)).toEqual({ ok: false, reason });
  });

  it('builds a URL that normalises back to the same slug', () => {
    for (const slug of ['jane-doe', 'jörg-müller', 'li-wei-李']) {
      expect(value(normalizeLinkedInSlug(linkedInUrlOf(slug)))).toBe(slug);
    }
  });
});

describe('email addresses', () => {
  it.each([
    [' Jane.Doe@ACME.com ', 'jane.doe@acme.com'],
    ['<jane.doe@acme.com>', 'jane.doe@acme.com'],
    ['mailto:jane.doe@acme.com', 'jane.doe@acme.com'],
    ['Jane Doe <Jane.Doe@Acme.com>', 'jane.doe@acme.com'],
    ['jane.doe@acme.com.', 'jane.doe@acme.com'],
    ['jane.doe+news@acme.com', 'jane.doe+news@acme.com'],
    ['jane@www.acme.com', 'jane@www.acme.com'],
    ['jörg@müller.de', 'jörg@xn--mller-kva.de'],
  ])('%s → %s', (input, expected) => {
    expect(value(normalizeEmail(input))).toBe(expected);
  });

  it('keeps plus-addresses distinct from the base address', () => {
    expect(value(normalizeEmail('jane+x@acme.com'))).not.toBe(value(normalizeEmail('jane@acme.com')));
  });

  it.each([
    ['jane.doe', 'not an email address'],
    ['@acme.com', 'not an email address'],
    ['jane@', 'not an email address'],
    ['jane doe@acme.com', 'not an email address'],
    ['jane@acme', 'not an email address'],
    ['jane.doe\u200b@acme.com', 'contains invisible characters that can disguise a lookalike'],
    ['jane@ａcme.com', 'contains letters that imitate other letters'],
    ['ｊane@acme.com', 'contains letters that imitate other letters'],
  ])('refuses %s', (input, reason) => {
    expect(normalizeEmail(input)).toEqual({ ok: false, reason });
  });

  it('takes the domain of a normalised address', () => {
    expect(emailDomain('jane@eu.acme.com')).toBe('eu.acme.com');
  });
});

describe('domains', () => {
  it.each([
    ['acme.com', 'acme.com'],
    ['WWW.Acme.com.', 'acme.com'],
    ['www2.acme.com', 'acme.com'],
    ['https://www.acme.com/pricing?x=1', 'acme.com'],
    ['acme.com/about', 'acme.com'],
    ['acme.com:8443', 'acme.com'],
    ['eu.acme.co.uk', 'eu.acme.co.uk'],
    ['www.com', 'www.com'],
    ['müller.de', 'xn--mller-kva.de'],
    // Cyrillic а survives as punycode: it can never equal acme.com.
    ['аcme.com', 'xn--cme-5cd.com'],
  ])('%s → %s', (input, expected) => {
    expect(value(normalizeDomain(input))).toBe(expected);
  });

  it.each([
    ['ａcme.com', 'contains letters that imitate other letters'],
    ['acme．com', 'contains letters that imitate other letters'],
    ['ａcme.müller.de', 'contains letters that imitate other letters'],
    ['ac\u200dme.com', 'contains invisible characters that can disguise a lookalike'],
    ['\u202eacme.com', 'contains invisible characters that can disguise a lookalike'],
    ['localhost', 'not a domain'],
    ['acme .com', 'not a domain'],
    ['', 'not a domain'],
  ])('refuses %s', (input, reason) => {
    expect(normalizeDomain(input)).toEqual({ ok: false, reason });
  });

  it('finds the registrable domain under public suffixes', () => {
    expect(registrableDomain('eu.mail.acme.co.uk')).toBe('acme.co.uk');
    expect(registrableDomain('sales.acme.com')).toBe('acme.com');
    expect(registrableDomain('acme.com')).toBe('acme.com');
    expect(registrableDomain('intranet.local')).toBe('intranet.local');
  });

  it('knows free-mail providers, including their subdomains, and nothing else', () => {
    for (const d of ['gmail.com', 'googlemail.com', 'yahoo.co.uk', 'mail.gmail.com', 'proton.me']) expect(isFreeMailDomain(d), d).toBe(true);
    for (const d of ['acme.com', 'google.com', 'mail.acme.com']) expect(isFreeMailDomain(d), d).toBe(false);
  });
});

describe('names and companies', () => {
  it('folds case, accents and punctuation out of names', () => {
    expect(nameKey('  Jörg   Müller ')).toBe('jorg muller');
    expect(nameKey("Mary-Jane O'Neil")).toBe('mary jane o neil');
    expect(nameKey('JANE DOE')).toBe(nameKey('jane doe'));
  });

  it('drops legal suffixes from company names', () => {
    expect(companyKey('Acme, Inc.')).toBe('acme');
    expect(companyKey('ACME')).toBe('acme');
    expect(companyKey('Globex Corporation')).toBe('globex');
    expect(companyKey('Volvo Group AB (publ)')).toBe('volvo');
    expect(companyKey('Acme Robotics GmbH')).toBe('acme robotics');
  });
});
