/**
 * A join page's three questions asked by the every-page script at document start (issue 13: the
 * package within 100 ms of navigation start). The package runner needs the rep's side
 * (`getConnection`), the meeting (`findMeeting`) and its package (`getMeetingPackage`), and used
 * to ask them once the panel bundle had been parsed and run, 15-20 ms after the every-page script
 * starts; the answers then came back 20 ms later, while the page was still loading
 * (docs/benchmarks.md, the join marks). Asked here, the round trips overlap the bundle's load and
 * the runner takes the answers waiting for it.
 *
 * The same questions the runner would ask, with the same payloads (the conference the URL names,
 * the page load's `performance.timeOrigin`), and the background answers them through the same
 * gate as the typed messages, only where the site is `on` (elsewhere nothing is shown on the page,
 * so nothing is asked: null). An answer nobody takes within five seconds is dropped (early-answers.ts).
 *
 * Raw messages, not the @webext-core contract: this file is in the every-page script (3 kB gzip
 * budget, `npm run size`).
 */
import { browser } from 'wxt/browser';
import type { ConferenceId } from '../../../shared/meetings.ts';
import { earlyAnswers } from './early-answers.ts';

/** `{ type: EARLY_JOIN_REQUEST, site, ask, conference, loadedAt }`, answered as the message `ask` is, or null. */
export const EARLY_JOIN_REQUEST = 'signalhouse:early-join?';

/** The questions asked early, in the order the runner needs them. */
export const EARLY_JOIN_ASKS = ['getConnection', 'findMeeting', 'getMeetingPackage'] as const;
export type EarlyJoinAsk = (typeof EARLY_JOIN_ASKS)[number];

const shelf = earlyAnswers('signalhouse.early-join');
const keyOf = (ask: EarlyJoinAsk, conference: ConferenceId) => `${ask} ${conference.provider}:${conference.id}`;

/**
 * Asks the three questions for the join page of `conference` now; the answers wait for `takeEarlyJoin`.
 *
 * @example askEarlyJoin('meet', { provider: 'meet', id: 'abc-defg-hij' })
 */
export function askEarlyJoin(site: string, conference: ConferenceId | undefined, send: (message: unknown) => Promise<unknown> = (m) => browser.runtime.sendMessage(m)): void {
  if (!conference) return;
  const loadedAt = performance.timeOrigin;
  for (const ask of EARLY_JOIN_ASKS) {
    shelf.put(keyOf(ask, conference), send({ type: EARLY_JOIN_REQUEST, site, ask, conference, loadedAt }).catch(() => null));
  }
}

/**
 * The early answer to `ask` for `conference`, once: a promise of the message's answer, or of null
 * when the background gave none (ask as usual then); undefined when none waits.
 *
 * @example const side = takeEarlyJoin('getConnection', conference) ?? send('getConnection');
 */
export function takeEarlyJoin(ask: EarlyJoinAsk, conference: ConferenceId): Promise<unknown> | undefined {
  return shelf.take(keyOf(ask, conference));
}
