/** Meet pages as a matrix: meeting, lookup and landing pages, and hosts that only look like Meet. */
import { describe, expect, it } from 'vitest';
import {
  LANDING_URL_EXAMPLES,
  LOOKUP_URL_EXAMPLES,
  MEETING_URL_EXAMPLES,
  NOT_MEET_URL_EXAMPLES,
  isLandingPage,
  isLookupPage,
  isMeetingPage,
  isServedPage,
  meetCodeFromUrl,
  meetPageKey,
} from '../../../../../extension/sites/meet/routes.ts';

const LISTS = { MEETING_URL_EXAMPLES, LOOKUP_URL_EXAMPLES, LANDING_URL_EXAMPLES, NOT_MEET_URL_EXAMPLES } as const;
type ListName = keyof typeof LISTS;

const PREDICATES: [name: string, predicate: (url: URL) => boolean, accepts: ListName[]][] = [
  ['isMeetingPage', isMeetingPage, ['MEETING_URL_EXAMPLES']],
  ['isLookupPage', isLookupPage, ['LOOKUP_URL_EXAMPLES']],
  ['isLandingPage', isLandingPage, ['LANDING_URL_EXAMPLES']],
  ['isServedPage', isServedPage, ['MEETING_URL_EXAMPLES', 'LOOKUP_URL_EXAMPLES']],
];

describe('which Meet pages the extension serves', () => {
  for (const [name, predicate, accepts] of PREDICATES) {
    for (const list of Object.keys(LISTS) as ListName[]) {
      const expected = accepts.includes(list);
      it(`${name} ${expected ? 'accepts' : 'refuses'} every URL in ${list}`, () => {
        for (const example of LISTS[list]) expect.soft(predicate(new URL(example)), `${name}(${example})`).toBe(expected);
      });
    }
  }
});

describe('the meeting code from the URL', () => {
  it('is the lower-cased code of every meeting page, and one page key whatever the query', () => {
    for (const url of MEETING_URL_EXAMPLES) {
      expect(meetCodeFromUrl(new URL(url)), url).toBe('abc-defg-hij');
      expect(meetPageKey(new URL(url)), url).toBe('meet:abc-defg-hij');
    }
  });

  it('is absent on lookup, landing and foreign pages', () => {
    for (const url of [...LOOKUP_URL_EXAMPLES, ...LANDING_URL_EXAMPLES, ...NOT_MEET_URL_EXAMPLES]) expect(meetCodeFromUrl(new URL(url)), url).toBeUndefined();
  });
});
