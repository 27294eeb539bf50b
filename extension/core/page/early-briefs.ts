/**
 * The cached brief asked beside the site's mode, at page load (issue 11: the panel's data within
 * 16 ms of the name on a warm profile). The every-page script asks the background two things when
 * a page loads: the site's mode (core/page/site-mode.ts), and, where the URL alone names the
 * person (a LinkedIn profile: `Site.earlyRefs`), the brief cache's answer for them. Both travel
 * at once; the panel runner, started once the mode is known, takes the answer instead of asking
 * the cache again (one round trip to the service worker on the rep's path instead of two: marks
 * in docs/benchmarks.md).
 *
 * Only the cache: nothing leaves the machine before the mode is known, and the background answers
 * nothing for a site that is `off`. An answer nobody takes within five seconds is dropped (early-answers.ts).
 *
 * A raw message, not the @webext-core contract: this file is in the every-page script (3 kB gzip
 * budget, `npm run size`); the background checks the refs as a `getBriefs` payload.
 */
import { browser } from 'wxt/browser';
import type { IdentityRef } from '../../../shared/refs.ts';
import { earlyAnswers } from './early-answers.ts';

/** The every-page script's question: `{ type: EARLY_BRIEFS_REQUEST, site, refs }`, answered like `getBriefs` from the cache, or null. */
export const EARLY_BRIEFS_REQUEST = 'signalhouse:early-briefs?';

/** Where the answers wait in this isolated world (shared by the every-page script and the bundle). */
const shelf = earlyAnswers('signalhouse.early-briefs');

/** The question for `refs` on `site`. */
export const earlyBriefsRequest = (site: string, refs: readonly IdentityRef[]) => ({ type: EARLY_BRIEFS_REQUEST, site, refs });

/**
 * Asks the background's brief cache for `refs` now; the answer waits for `takeEarlyBriefs`.
 *
 * @example askEarlyBriefs('linkedin', [{ kind: 'linkedin', profileUrl: 'https://www.linkedin.com/in/jane-doe/' }])
 */
export function askEarlyBriefs(site: string, refs: readonly IdentityRef[], send: (message: unknown) => Promise<unknown> = (m) => browser.runtime.sendMessage(m)): void {
  if (refs.length === 0) return;
  shelf.put(JSON.stringify(refs), send(earlyBriefsRequest(site, refs)).catch(() => null));
}

/**
 * The early answer for exactly these refs, once (null when the background gave none), or
 * undefined when none was asked (or it waited too long): the caller asks as usual.
 *
 * @example const early = takeEarlyBriefs(urlRefs) ?? send('getBriefs', { refs: urlRefs, from: 'cache' });
 */
export function takeEarlyBriefs(refs: readonly IdentityRef[]): Promise<unknown> | undefined {
  return shelf.take(JSON.stringify(refs));
}
