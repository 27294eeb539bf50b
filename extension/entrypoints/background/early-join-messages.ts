/**
 * The background's side of a join page's early questions (core/page/early-join.ts): the
 * every-page script asks the rep's side, the meeting and its package at document start. Each is
 * answered as the typed message of that name (`dispatch`: the payload checked as that message's,
 * the sender as any content script's), and only where the site is `on`: elsewhere the page shows no
 * package, so nothing is read or asked of the server (null).
 */
import type { SiteModes } from '../../core/background/site-modes.ts';
import { EARLY_JOIN_ASKS, EARLY_JOIN_REQUEST, type EarlyJoinAsk } from '../../core/page/early-join.ts';
import type { ModeQuestions } from './site-mode-messages.ts';

/** The question's parts, or null for any other message. */
export function readEarlyJoinRequest(message: unknown): { site: string; ask: EarlyJoinAsk; payload: unknown } | null {
  if (typeof message !== 'object' || message === null) return null;
  const { type, site, ask, conference, loadedAt } = message as Record<string, unknown>;
  if (type !== EARLY_JOIN_REQUEST || typeof site !== 'string' || !EARLY_JOIN_ASKS.includes(ask as EarlyJoinAsk)) return null;
  // getConnection takes no payload; the meeting's two take the page's conference and load.
  return { site, ask: ask as EarlyJoinAsk, payload: ask === 'getConnection' ? undefined : { conference, loadedAt } };
}

/**
 * @example answerEarlyJoin(browser.runtime, siteModes, (ask, payload, sender) => dispatch(handlers, ask, payload, sender, base))
 */
export function answerEarlyJoin(runtime: ModeQuestions, modes: Pick<SiteModes, 'modeOf'>, answer: (ask: EarlyJoinAsk, payload: unknown, sender: unknown) => Promise<unknown>): void {
  runtime.onMessage.addListener((message, sender, sendResponse) => {
    const asked = readEarlyJoinRequest(message);
    if (asked === null) return undefined;
    modes
      .modeOf(asked.site)
      .then((mode) => (mode === 'on' ? answer(asked.ask, asked.payload, sender) : null))
      .then(sendResponse, () => sendResponse(null));
    // The answer comes after this listener returns: keep the channel open for it.
    return true;
  });
}
