/**
 * Which Gmail pages the extension serves, from the URL alone. Gmail is one page
 * (`/mail/u/<n>/`) that moves between views and conversations in the hash:
 * `#inbox`, `#inbox/<thread token>`, `#label/<label>/<token>`, `#search/<query>/<token>`,
 * `#category/<tab>/<token>`, with or without a reading pane (the hash has the same form). A compose
 * window adds `?compose=<id>` to the hash without changing the view.
 *
 * The thread token (`FMfcgzQXJWLZ…`, or 16 hex digits in older links) is a view token, not the
 * thread id the DOM carries (host-pages.md §2a): it keys the page, the DOM names the thread.
 */

const APP_PATH = /^\/mail(?:\/u\/(\d+))?\/?$/;
/** Views whose thread token is the second segment: `#inbox/<token>`. */
const SIMPLE_VIEWS = new Set(['inbox', 'starred', 'snoozed', 'sent', 'drafts', 'imp', 'all', 'spam', 'trash', 'scheduled', 'chats', 'important']);
/** Views with an argument before the token: `#label/<name>/<token>`, `#search/<query>/<token>`. */
const ARGUMENT_VIEWS = new Set(['label', 'search', 'category', 'advanced-search', 'apps']);
/** Gmail's thread tokens: long alphanumeric view tokens, or the older 16 hex digits. */
const TOKEN = /^(?:[A-Za-z0-9]{20,}|[0-9a-f]{16})$/;

/** mail.google.com over https, by exact name. */
export function isGmailHost(url: URL): boolean {
  return url.protocol === 'https:' && url.hostname.toLowerCase() === 'mail.google.com';
}

/** The Gmail app (`/mail/`, `/mail/u/<n>/`): compose windows can open on any of its views. */
export function isMailApp(url: URL): boolean {
  return isGmailHost(url) && APP_PATH.test(url.pathname);
}

/** The signed-in account's index in the path (`/mail/u/1/` → 1; `/mail/` → 0). */
export function accountIndex(url: URL): number {
  return Number(APP_PATH.exec(url.pathname)?.[1] ?? 0);
}

/**
 * The hash as view segments (percent-decoding left to callers), its `?compose=` query left out
 * (a compose window is not a view; nothing here reads it, and the every-page script's 3 kB budget
 * has no room for a query parser).
 */
function hashParts(url: URL): { segments: string[] } {
  const [view = ''] = url.hash.replace(/^#/, '').split('?', 1);
  return { segments: view.split('/').filter(Boolean) };
}

/**
 * The thread token the hash names, or `undefined` on a list, settings or any other view.
 *
 * @example threadTokenFromUrl(new URL('https://mail.google.com/mail/u/0/#label/Clients%2FAcme/FMfcgzQXJWLZqsKTvbHtwQfhNkdLwzXm')) // 'FMfcgzQXJWLZqsKTvbHtwQfhNkdLwzXm'
 */
export function threadTokenFromUrl(url: URL): string | undefined {
  if (!isMailApp(url)) return undefined;
  const { segments } = hashParts(url);
  const [view, ...rest] = segments;
  if (!view) return undefined;
  // Skip a page number (`#inbox/p2/<token>`) wherever the list puts it.
  const args = rest.filter((segment, i) => !(i < rest.length - 1 && /^p\d+$/.test(segment)));
  let token: string | undefined;
  if (SIMPLE_VIEWS.has(view) && args.length === 1) token = args[0];
  else if (ARGUMENT_VIEWS.has(view) && args.length === 2) token = args[1];
  return token && TOKEN.test(token) ? token : undefined;
}

/** A conversation is open: the hash names a thread (full page or reading pane). */
export function isThread(url: URL): boolean {
  return threadTokenFromUrl(url) !== undefined;
}

/** A list of conversations: a mail view (inbox, label, search, category) with no thread open. */
export function isThreadList(url: URL): boolean {
  if (!isMailApp(url) || isThread(url)) return false;
  const { segments } = hashParts(url);
  const [view, ...rest] = segments;
  if (!view) return url.hash === '' || url.hash === '#';
  if (SIMPLE_VIEWS.has(view)) return rest.length === 0 || (rest.length === 1 && /^p\d+$/.test(rest[0]!));
  if (ARGUMENT_VIEWS.has(view)) return rest.length === 1 || (rest.length === 2 && /^p\d+$/.test(rest[1]!));
  return false;
}

/** Every Gmail page the features run on: the whole app (threads, lists; compose windows anywhere). */
export function isServedPage(url: URL): boolean {
  return isMailApp(url);
}

/**
 * The page key: one per open conversation whatever list it was opened from (`#inbox/<t>` and
 * `#label/X/<t>` are the same thread), one per view otherwise; never the `?compose=` part (a compose
 * window opening or closing is not another page).
 *
 * @example gmailPageKey(new URL('https://mail.google.com/mail/u/0/#inbox/FMfcgzQXJWLZqsKTvbHtwQfhNkdLwzXm?compose=new')) // 'https://mail.google.com/mail/u/0/#thread/FMfcgzQXJWLZqsKTvbHtwQfhNkdLwzXm'
 */
export function gmailPageKey(url: URL): string {
  const base = `${url.origin}/mail/u/${accountIndex(url)}/`;
  const token = threadTokenFromUrl(url);
  if (token) return `${base}#thread/${token}`;
  const view = hashParts(url).segments.join('/');
  return `${base}#${view || 'inbox'}`;
}

/** Open conversations: `isThread` accepts these. */
export const THREAD_URL_EXAMPLES: readonly string[] = [
  'https://mail.google.com/mail/u/0/#inbox/FMfcgzQXJWLZqsKTvbHtwQfhNkdLwzXm',
  'https://mail.google.com/mail/u/1/#sent/KtbxLwgxBdCkPmWJRqTHzmLfNcsbvKVpHq',
  'https://mail.google.com/mail/u/0/#label/Clients%2FAcme/FMfcgzQXJWLZqsKTvbHtwQfhNkdLwzXm',
  'https://mail.google.com/mail/u/0/#search/from%3Ajane%40acme.example/FMfcgzQXJWLZqsKTvbHtwQfhNkdLwzXm',
  'https://mail.google.com/mail/u/0/#category/promotions/FMfcgzQXJWLZqsKTvbHtwQfhNkdLwzXm',
  'https://mail.google.com/mail/u/0/#inbox/FMfcgzQXJWLZqsKTvbHtwQfhNkdLwzXm?compose=CllgCJZYqrWbMxlWDLNsWzVfXx',
  'https://mail.google.com/mail/u/0/#inbox/p2/FMfcgzQXJWLZqsKTvbHtwQfhNkdLwzXm',
  'https://mail.google.com/mail/#inbox/16f438e906b36dac',
];

/** Lists: `isThreadList` accepts these. */
export const LIST_URL_EXAMPLES: readonly string[] = [
  'https://mail.google.com/mail/u/0/',
  'https://mail.google.com/mail/u/0/#inbox',
  'https://mail.google.com/mail/u/0/#inbox/p2',
  'https://mail.google.com/mail/u/0/#inbox?compose=new',
  'https://mail.google.com/mail/u/0/#label/Clients%2FAcme',
  'https://mail.google.com/mail/u/0/#search/FMfcgzQXJWLZqsKTvbHtwQfhNkdLwzXm',
  'https://mail.google.com/mail/u/0/#category/social',
  'https://mail.google.com/mail/u/2/#sent',
];

/** Gmail app pages that are neither: `isServedPage` accepts these (compose can open there), the others refuse. */
export const OTHER_APP_URL_EXAMPLES: readonly string[] = [
  'https://mail.google.com/mail/u/0/#settings/general',
  'https://mail.google.com/mail/u/0/#contacts',
  'https://mail.google.com/mail/u/0/#inbox/not-a-token',
  'https://mail.google.com/mail/u/0/#chat/home',
];

/** Not Gmail's app: every predicate refuses these. */
export const NOT_SERVED_URL_EXAMPLES: readonly string[] = [
  'http://mail.google.com/mail/u/0/#inbox',
  'https://mail.google.com.evil.example/mail/u/0/#inbox/FMfcgzQXJWLZqsKTvbHtwQfhNkdLwzXm',
  'https://mail.google.com/chat/u/0/',
  'https://mail.google.com/mail/u/0/popout/extra',
  'https://calendar.google.com/calendar/u/0/r',
];
