/**
 * The contract-test page's markup, named and dated like a real site's: written with the page in
 * test/e2e/contract-test-site.e2e.ts (Dec 2026).
 */

/** The person's card: the element the panel feature lives on (one panel per card). Dec 2026. */
export const PERSON_CARD = 'article[data-contract-test="person"]';
/** The person's name inside the card. Dec 2026. */
export const PERSON_NAME = '[data-contract-test="name"]';
/** The person's email address inside the card (a `mailto:` link). Dec 2026. */
export const PERSON_EMAIL = 'a[data-contract-test="email"]';

/** Drift report names of the required selectors. */
export const DRIFT_NAMES = { name: 'contract-test.person.name', email: 'contract-test.person.email' } as const;
