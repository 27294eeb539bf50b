/**
 * Who a contract-test person card shows: the name and the email address, read inside the card
 * only. Pure: reads the element and the URL, never throws.
 */
import { personIdFromUrl } from './routes.ts';
import { DRIFT_NAMES, PERSON_EMAIL, PERSON_NAME } from './selectors.ts';

export interface TestPerson {
  id: string;
  name?: string;
  email?: string;
}

/**
 * @example extractPerson(card, new URL('https://contract-test.signalhouse.invalid/people/p-1')) // { id: 'p-1', name: 'Daniel Ortega Lind', email: '…' }
 */
export function extractPerson(card: ParentNode | undefined, url: URL): TestPerson | null {
  const id = personIdFromUrl(url);
  if (!id) return null;
  const name = card?.querySelector(PERSON_NAME)?.textContent?.trim().slice(0, 200) || undefined;
  const href = card?.querySelector(PERSON_EMAIL)?.getAttribute('href') ?? '';
  const email = /^mailto:([^?\s]{3,320})$/i.exec(href)?.[1];
  return { id, ...(name ? { name } : {}), ...(email ? { email: decodeURIComponent(email) } : {}) };
}

/** The required selectors that matched nothing in the card, by drift name. */
export function personDrift(person: TestPerson): string[] {
  return [...(person.name ? [] : [DRIFT_NAMES.name]), ...(person.email ? [] : [DRIFT_NAMES.email])];
}
