/** Gmail's pages as a matrix (threads, lists, other app views, not Gmail), and the page key with the thread in it. */
import { describe, expect, it } from 'vitest';
import {
  LIST_URL_EXAMPLES,
  NOT_SERVED_URL_EXAMPLES,
  OTHER_APP_URL_EXAMPLES,
  THREAD_URL_EXAMPLES,
  accountIndex,
  gmailPageKey,
  isServedPage,
  isThread,
  isThreadList,
  threadTokenFromUrl,
} from '../../../../../extension/sites/gmail/routes.ts';

const LISTS = { THREAD_URL_EXAMPLES, LIST_URL_EXAMPLES, OTHER_APP_URL_EXAMPLES, NOT_SERVED_URL_EXAMPLES } as const;
type ListName = keyof typeof LISTS;

const PREDICATES: [name: string, predicate: (url: URL) => boolean, accepts: ListName[]][] = [
  ['isThread', isThread, ['THREAD_URL_EXAMPLES']],
  ['isThreadList', isThreadList, ['LIST_URL_EXAMPLES']],
  ['isServedPage', isServedPage, ['THREAD_URL_EXAMPLES', 'LIST_URL_EXAMPLES', 'OTHER_APP_URL_EXAMPLES']],
];

describe('which Gmail pages the extension serves', () => {
  for (const [name, predicate, accepts] of PREDICATES) {
    for (const list of Object.keys(LISTS) as ListName[]) {
      const expected = accepts.includes(list);
      it(`${name} ${expected ? 'accepts' : 'refuses'} every URL in ${list}`, () => {
        for (const example of LISTS[list]) expect.soft(predicate(new URL(example)), `${name}(${example})`).toBe(expected);
      });
    }
  }
});

describe('the thread in the hash', () => {
  const TOKEN = 'FMfcgzQXJWLZqsKTvbHtwQfhNkdLwzXm';

  it('is the same thread from the inbox, a label, a search, a category or a later page', () => {
    for (const url of THREAD_URL_EXAMPLES.filter((u) => u.includes(TOKEN))) expect(threadTokenFromUrl(new URL(url)), url).toBe(TOKEN);
  });

  it('gives one page key per thread, whatever list it was opened from and with a compose window open', () => {
    const keys = new Set(THREAD_URL_EXAMPLES.filter((u) => u.includes(TOKEN) && u.includes('/u/0/')).map((u) => gmailPageKey(new URL(u))));
    expect([...keys]).toEqual([`https://mail.google.com/mail/u/0/#thread/${TOKEN}`]);
  });

  it('gives another page key for another thread, another account and a list', () => {
    const keys = [
      'https://mail.google.com/mail/u/0/#inbox/FMfcgzQXJWLZqsKTvbHtwQfhNkdLwzXm',
      'https://mail.google.com/mail/u/0/#inbox/KtbxLwgxBdCkPmWJRqTHzmLfNcsbvKVpHq',
      'https://mail.google.com/mail/u/1/#inbox/FMfcgzQXJWLZqsKTvbHtwQfhNkdLwzXm',
      'https://mail.google.com/mail/u/0/#inbox',
    ].map((u) => gmailPageKey(new URL(u)));
    expect(new Set(keys).size).toBe(4);
    expect(gmailPageKey(new URL('https://mail.google.com/mail/u/0/#inbox?compose=new'))).toBe('https://mail.google.com/mail/u/0/#inbox');
  });

  it('reads the account index from the path', () => {
    expect(accountIndex(new URL('https://mail.google.com/mail/u/2/#sent'))).toBe(2);
    expect(accountIndex(new URL('https://mail.google.com/mail/#inbox'))).toBe(0);
  });
});
