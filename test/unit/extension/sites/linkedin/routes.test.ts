/**
 * The LinkedIn page predicates as a matrix: each predicate accepts its own example URLs and
 * refuses every other list's, so a new route is taught by adding one URL to a table in routes.ts.
 */
import { describe, expect, it } from 'vitest';
import { normalizeLinkedInSlug } from '../../../../../server/identity/normalize.ts';
import {
  NOT_SERVED_URL_EXAMPLES,
  PROFILE_SUBPAGE_URL_EXAMPLES,
  PROFILE_URL_EXAMPLES,
  canonicalProfileUrl,
  isProfile,
  isProfileSubpage,
  isServedPage,
  profileSlugFromUrl,
} from '../../../../../extension/sites/linkedin/routes.ts';

const LISTS = { PROFILE_URL_EXAMPLES, PROFILE_SUBPAGE_URL_EXAMPLES, NOT_SERVED_URL_EXAMPLES } as const;
type ListName = keyof typeof LISTS;

const PREDICATES: [name: string, predicate: (url: URL) => boolean, accepts: ListName[]][] = [
  ['isProfile', isProfile, ['PROFILE_URL_EXAMPLES']],
  ['isProfileSubpage', isProfileSubpage, ['PROFILE_SUBPAGE_URL_EXAMPLES']],
  ['isServedPage', isServedPage, ['PROFILE_URL_EXAMPLES', 'PROFILE_SUBPAGE_URL_EXAMPLES']],
];

describe('which LinkedIn pages the extension serves', () => {
  for (const [name, predicate, accepts] of PREDICATES) {
    for (const list of Object.keys(LISTS) as ListName[]) {
      const expected = accepts.includes(list);
      it(`${name} ${expected ? 'accepts' : 'refuses'} every URL in ${list}`, () => {
        for (const example of LISTS[list]) {
          expect
            .soft(predicate(new URL(example)), `${name}(${example}) should be ${expected}: fix ${list} in extension/sites/linkedin/routes.ts, or ${name}`)
            .toBe(expected);
        }
      });
    }
  }

  it('has examples in every list, so the matrix proves something', () => {
    for (const [list, examples] of Object.entries(LISTS)) expect(examples.length, list).toBeGreaterThan(3);
  });
});

describe('the member slug of a LinkedIn URL', () => {
  it('is lower-cased and percent-decoded, from any LinkedIn host', () => {
    expect(profileSlugFromUrl(new URL('https://se.linkedin.com/in/J%C3%B6rg-M/?trk=x'))).toBe('jörg-m');
    expect(profileSlugFromUrl(new URL('https://www.linkedin.com/in/Daniel-Ortega-Lind'))).toBe('daniel-ortega-lind');
  });

  it('is the profile owner on a subpage', () => {
    expect(profileSlugFromUrl(new URL('https://www.linkedin.com/in/arongustav/details/experience/'))).toBe('arongustav');
  });

  it('is absent on every page we do not serve', () => {
    for (const example of NOT_SERVED_URL_EXAMPLES) expect(profileSlugFromUrl(new URL(example)), example).toBeUndefined();
  });

  it("agrees with the server's normalizeLinkedInSlug on every served example", () => {
    for (const example of [...PROFILE_URL_EXAMPLES, ...PROFILE_SUBPAGE_URL_EXAMPLES]) {
      const server = normalizeLinkedInSlug(example);
      expect(server.ok && server.value, example).toBe(profileSlugFromUrl(new URL(example)));
    }
  });

  it('gives one canonical profile URL whatever host or subpage it came from', () => {
    expect(canonicalProfileUrl('jörg-m')).toBe('https://www.linkedin.com/in/j%C3%B6rg-m/');
    expect(canonicalProfileUrl('arongustav')).toBe('https://www.linkedin.com/in/arongustav/');
  });
});
