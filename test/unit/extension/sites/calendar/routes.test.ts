/** Calendar pages as a matrix (grid views, existing and new event pages), and the eid in the URL. */
import { describe, expect, it } from 'vitest';
import {
  EVENT_EDIT_URL_EXAMPLES,
  GRID_URL_EXAMPLES,
  NEW_EVENT_URL_EXAMPLES,
  NOT_SERVED_URL_EXAMPLES,
  calendarPageKey,
  eidFromUrl,
  isEventEdit,
  isGridView,
  isNewEvent,
  isServedPage,
} from '../../../../../extension/sites/calendar/routes.ts';

const LISTS = { GRID_URL_EXAMPLES, EVENT_EDIT_URL_EXAMPLES, NEW_EVENT_URL_EXAMPLES, NOT_SERVED_URL_EXAMPLES } as const;
type ListName = keyof typeof LISTS;

const PREDICATES: [name: string, predicate: (url: URL) => boolean, accepts: ListName[]][] = [
  ['isGridView', isGridView, ['GRID_URL_EXAMPLES']],
  ['isEventEdit', isEventEdit, ['EVENT_EDIT_URL_EXAMPLES']],
  ['isNewEvent', isNewEvent, ['NEW_EVENT_URL_EXAMPLES']],
  ['isServedPage', isServedPage, ['GRID_URL_EXAMPLES', 'EVENT_EDIT_URL_EXAMPLES', 'NEW_EVENT_URL_EXAMPLES']],
];

describe('which Calendar pages the extension serves', () => {
  for (const [name, predicate, accepts] of PREDICATES) {
    for (const list of Object.keys(LISTS) as ListName[]) {
      const expected = accepts.includes(list);
      it(`${name} ${expected ? 'accepts' : 'refuses'} every URL in ${list}`, () => {
        for (const example of LISTS[list]) expect.soft(predicate(new URL(example)), `${name}(${example})`).toBe(expected);
      });
    }
  }
});

describe('the event in the URL', () => {
  it('is the eid of an event page, from the path or the old ?eid= links', () => {
    const eid = 'NHE4azJtOXYwYzFzNWg3bDNuNnAwcjJ0NHUgY2FzZXkubW9yZ2FuQG5vcnRod2luZC5leGFtcGxl';
    expect(eidFromUrl(new URL(EVENT_EDIT_URL_EXAMPLES[0]!))).toBe(eid);
    expect(eidFromUrl(new URL(EVENT_EDIT_URL_EXAMPLES[3]!))).toBe(eid);
    for (const url of [...NEW_EVENT_URL_EXAMPLES, ...GRID_URL_EXAMPLES]) expect(eidFromUrl(new URL(url)), url).toBeUndefined();
  });

  it('keys two events as two pages and ignores the query', () => {
    const [a, b] = [EVENT_EDIT_URL_EXAMPLES[0]!, EVENT_EDIT_URL_EXAMPLES[2]!].map((u) => calendarPageKey(new URL(u)));
    expect(a).not.toBe(b);
    expect(calendarPageKey(new URL(`${EVENT_EDIT_URL_EXAMPLES[0]}?pli=1`))).toBe(a);
  });
});
