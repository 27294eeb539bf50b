/**
 * The contract-test site as the runners see it: a page is its path AND hash (as Gmail's threads
 * are), so `#card` and `#notes` are two pages; the panel sits 8px from the top-right corner.
 * Touches logged here would be the API's: the test site is no surface of the ledger.
 */
import type { Site } from '../../core/page/contract.ts';

export const contractTest: Site = {
  id: 'contract-test',
  name: 'Contract Test',
  surface: 'api',
  pageKey: (url) => `${url.origin}${url.pathname}${url.hash}`,
  anchor: { kind: 'fixed', top: 8, right: 8 },
};
