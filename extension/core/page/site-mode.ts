/**
 * The every-page script's side of a site's mode (`core/site-modes.ts`): ask the background once
 * per page load, then follow the changes it broadcasts while the page is open.
 *
 * - `off`: nothing runs (the panel bundle is never loaded);
 * - `on` / `side-panel-only`: `run(mode, signal)` starts the site's features in that mode; a change
 *   aborts `signal` first (the panel unmounts), then starts them again in the new mode, or not at
 *   all for `off`.
 *
 * A failure or no answer within `SITE_MODE_ANSWER_MS` counts as `on`: the background answers from
 * memory (or one storage read after its worker restarted) in a few milliseconds, so a missing answer
 * means the background is broken or being updated, and a rep whose extension hiccups keeps the
 * product they installed rather than a page that silently shows nothing. A rep or admin who chose
 * `off` or `side-panel-only` is still obeyed: the broadcast of the mode, or the next page load,
 * brings the page in line.
 *
 * The messaging is a parameter (`ModeChannel`), so tests drive it without a browser.
 */
import { readSiteMode, siteModeRequest, SITE_MODE_REQUEST, type SiteMode } from '../site-modes.ts';
import type { PageMode } from './contract.ts';

/** How long the every-page script waits for the mode before going on as `on`. */
export const SITE_MODE_ANSWER_MS = 500;

/** How the page reaches the background: one question, and the broadcasts it listens to. */
export interface ModeChannel {
  /** Sends `message` to the background; resolves to its answer. */
  ask(message: unknown): Promise<unknown>;
  /** Calls `listener` with every message the background sends the tab, until `signal` aborts. */
  listen(signal: AbortSignal, listener: (message: unknown) => void): void;
}

/**
 * `site`'s mode as the background answers it; `on` after a failure or after `timeoutMs` without one.
 *
 * @example await askSiteMode('linkedin', channel) // 'side-panel-only'
 */
export function askSiteMode(site: string, channel: ModeChannel, timeoutMs = SITE_MODE_ANSWER_MS): Promise<SiteMode> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve('on'), timeoutMs);
    const settle = (mode: SiteMode) => {
      clearTimeout(timer);
      resolve(mode);
    };
    try {
      channel.ask(siteModeRequest(site)).then(
        (answer) => settle(readSiteMode(answer, site, SITE_MODE_REQUEST) ?? 'on'),
        () => settle('on'),
      );
    } catch {
      settle('on');
    }
  });
}

/**
 * Runs `site`'s features in the mode the background gives, and again after each change, until `signal` aborts.
 *
 * @example followSiteMode('linkedin', { signal: ctx.signal, channel }, (mode, signal) => runFeatures({ ...host, signal, mode }, features));
 */
export function followSiteMode(
  site: string,
  { signal, channel, timeoutMs }: { signal: AbortSignal; channel: ModeChannel; timeoutMs?: number },
  run: (mode: PageMode, signal: AbortSignal) => void,
): Promise<void> {
  let current: SiteMode | undefined;
  let running: AbortController | undefined;
  const apply = (mode: SiteMode) => {
    if (mode === current || signal.aborted) return;
    current = mode;
    running?.abort();
    running = undefined;
    if (mode === 'off') return;
    running = new AbortController();
    run(mode, running.signal);
  };
  signal.addEventListener('abort', () => running?.abort(), { once: true });
  // Listening before asking: a change broadcast while the question is out wins over its answer.
  let changed = false;
  channel.listen(signal, (message) => {
    const mode = readSiteMode(message, site);
    if (mode === null) return;
    changed = true;
    apply(mode);
  });
  return askSiteMode(site, channel, timeoutMs).then((mode) => {
    if (!changed) apply(mode);
  });
}
