/**
 * The extension's cache keys against the server's keys: both now come from shared/identity-keys.ts,
 * whose browser-safe IDN conversion (the URL hostname setter) must equal Node's `domainToASCII`,
 * on one table of inputs, or a cached brief would be filed under a key the server does not
 * recognise as the same person.
 */
import { describe, expect, it } from 'vitest';
import * as server from '../../../../server/identity/normalize.ts';
import { briefKeyOf, domainToAscii, normalizeDomain, normalizeEmail, normalizeLinkedInSlug } from '../../../../extension/core/background/cache-keys.ts';
import { domainToASCII } from 'node:url';

const SLUGS = [
  'https://www.linkedin.com/in/jane-doe/',
  'https://www.linkedin.com/in/Jane-Doe',
  'https://se.linkedin.com/in/J%C3%B6rg-M/?trk=x',
  'linkedin.com/in/jane-doe/details/experience/',
  'www.linkedin.com/in/jane-doe/overlay/contact-info/',
  '//www.linkedin.com/in/jane-doe#frag',
  'http://linkedin.com/in/jane-doe',
  'https://www.linkedin.com/in/%E2%80%8Bjane/',
  'https://www.linkedin.com/in/jane\u200b-doe/',
  'https://www.linkedin.com/in/%ZZ/',
  'https://www.linkedin.com/in/a%20b/',
  'https://www.linkedin.com/company/acme/',
  'https://www.linkedin.com/feed/',
  'https://evil-linkedin.com/in/jane-doe/',
  'https://linkedin.com.evil.com/in/jane-doe/',
  'ftp://www.linkedin.com/in/jane-doe/',
  'https://www.linkedin.com/in/',
  'https://www.linkedin.com/in/\u0430nna/',
  'not a url at all',
  '',
];

const EMAILS = [
  ' <Jane.Doe@ACME.com> ',
  'Jane <jane+news@acme.com>',
  'mailto:JANE@Acme.COM',
  'jane@www.acme.com',
  'jane@acme.com.',
  'jane@Bücher.example',
  'jane@ａcme.com',
  'jane@acme',
  'jane@acme.com/x',
  'jane@acme.com:25',
  'jane@ac me.com',
  'jane@ac%41me.com',
  'jane@[127.0.0.1]',
  'jane@1.2.3.4',
  'ja ne@acme.com',
  'jane\u200b@acme.com',
  'ｊane@acme.com',
  'jöhn@acme.com',
  '@acme.com',
  'jane@',
  'a@b@acme.com',
  'jane@xn--bcher-kva.example',
  'jane@ex\u00adample.com',
];

const DOMAINS = [
  'WWW.Acme.com.',
  'https://www.acme.co.uk/pricing?x=1',
  'acme.com:443',
  'acme.com/pricing',
  'www.com',
  'www2.acme.com',
  'Bücher.example',
  'ａcme.com',
  'ac me.com',
  'localhost',
  '1.2.3.4',
  'xn--bcher-kva.example',
  'http://[::1]/',
  'acme..com',
  '-acme.com',
  '',
];

describe('key normalisation agrees with the server', () => {
  it.each(SLUGS)('LinkedIn %j', (input) => expect(normalizeLinkedInSlug(input)).toEqual(server.normalizeLinkedInSlug(input)));
  it.each(EMAILS)('email %j', (input) => expect(normalizeEmail(input)).toEqual(server.normalizeEmail(input)));
  it.each(DOMAINS)('domain %j', (input) => expect(normalizeDomain(input)).toEqual(server.normalizeDomain(input)));
  it.each(['acme.com', 'Bücher.example', 'ａcme.com', 'a b.com', 'a/b.com', 'a%41.com', '', 'x', 'X', '[::1]', '0x7f.1'])(
    'domainToAscii %j is node:url domainToASCII',
    (input) => expect(domainToAscii(input)).toBe(domainToASCII(input)),
  );
});

describe('briefKeyOf', () => {
  it('files a ref under its normalised identity', () => {
    expect(briefKeyOf({ kind: 'linkedin', profileUrl: 'https://de.linkedin.com/in/Jane-Doe/details/experience/' })).toBe('linkedin:jane-doe');
    expect(briefKeyOf({ kind: 'email', address: 'Jane <JANE@Acme.com>' })).toBe('email:jane@acme.com');
    expect(briefKeyOf({ kind: 'domain', domain: 'https://WWW.acme.com/pricing' })).toBe('domain:acme.com');
    expect(briefKeyOf({ contactId: 'ct_1' })).toBe('contact:ct_1');
    expect(briefKeyOf({ accountId: 'ac_1' })).toBe('account:ac_1');
    expect(briefKeyOf({ kind: 'event', eventId: 'ev1', title: 't', start: '2025-01-01T00:00:00Z', attendees: [] })).toBe('event:ev1');
  });

  it('refuses what cannot be a stable key: names, and values that do not normalise', () => {
    expect(briefKeyOf({ kind: 'name', name: 'Jane Doe', company: 'Acme' })).toBeNull();
    expect(briefKeyOf({ kind: 'linkedin', profileUrl: 'https://www.linkedin.com/feed/' })).toBeNull();
    expect(briefKeyOf({ kind: 'email', address: 'jane\u200b@acme.com' })).toBeNull();
  });
});
