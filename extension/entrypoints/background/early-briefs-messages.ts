/**
 * The background's side of the early brief (core/page/early-briefs.ts): an every-page script asks
 * the brief cache for the refs its URL gives, beside the site's mode, at page load. Answered as a
 * `getBriefs` from the cache through the same gate as every message (`dispatch`: the refs checked
 * as that payload, the sender as any content script's), and not at all for a site that is `off`:
 * a rep who turned a site off has nothing read for its pages. For a site that is `on` whose cache
 * misses, the server is asked too, now (`fromServer`): the panel, once it runs, takes that answer.
 */
import type { SiteModes } from '../../core/background/site-modes.ts';
import { EARLY_BRIEFS_REQUEST } from '../../core/page/early-briefs.ts';
import type { ModeQuestions } from './site-mode-messages.ts';

/** Whether a `getBriefs` answer from the cache holds a brief for every ref. */
export function holdsEveryBrief(answer: unknown): boolean {
  const briefs = (answer as { ok?: boolean; value?: { briefs?: unknown[] } } | null)?.value?.briefs;
  return (answer as { ok?: boolean } | null)?.ok === true && Array.isArray(briefs) && briefs.length > 0 && briefs.every((brief) => brief !== null);
}

/** The question's parts, or null for any other message. */
export function readEarlyBriefsRequest(message: unknown): { site: string; refs: unknown } | null {
  if (typeof message !== 'object' || message === null) return null;
  const { type, site, refs } = message as { type?: unknown; site?: unknown; refs?: unknown };
  return type === EARLY_BRIEFS_REQUEST && typeof site === 'string' ? { site, refs } : null;
}

/**
 * @example answerEarlyBriefs(browser.runtime, siteModes, (refs, sender) => dispatch(handlers, 'getBriefs', { refs, from: 'cache' }, sender, base))
 */
export function answerEarlyBriefs(
  runtime: ModeQuestions,
  modes: Pick<SiteModes, 'modeOf'>,
  fromCache: (refs: unknown, sender: unknown) => Promise<unknown>,
  fromServer: (refs: unknown, sender: unknown) => void = () => undefined,
): void {
  runtime.onMessage.addListener((message, sender, sendResponse) => {
    const asked = readEarlyBriefsRequest(message);
    if (asked === null) return undefined;
    modes
      .modeOf(asked.site)
      .then(async (mode) => {
        if (mode === 'off') return null;
        const cached = await fromCache(asked.refs, sender);
        // A cold panel (the cache misses) waits on the server: where the panel will show (`on`), its
        // request starts now (early-server-briefs.ts). A warm one paints the cache's answer and asks
        // the server itself, off its path; side-panel-only asks nothing until the side panel does.
        if (mode === 'on' && !holdsEveryBrief(cached)) fromServer(asked.refs, sender);
        return cached;
      })
      .then(sendResponse, () => sendResponse(null));
    // The answer comes after this listener returns: keep the channel open for it.
    return true;
  });
}
