/**
 * Which contract-test pages are served, from the URL alone: a person at `/people/<id>`.
 */

export const CONTRACT_TEST_HOST = 'contract-test.signalhouse.invalid';

const PERSON_PATH = /^\/people\/([a-z0-9-]{1,64})\/?$/;

/** A person's page, e.g. `https://contract-test.signalhouse.invalid/people/p-1#card`. */
export function isPersonPage(url: URL): boolean {
  return url.protocol === 'https:' && url.hostname === CONTRACT_TEST_HOST && PERSON_PATH.test(url.pathname);
}

/** The person's id in the URL, or undefined. */
export function personIdFromUrl(url: URL): string | undefined {
  return isPersonPage(url) ? PERSON_PATH.exec(url.pathname)?.[1] : undefined;
}
