/**
 * Gmail's every-page script (`content-scripts/gmail.js`, on every page of mail.google.com): the
 * page key, the URL predicates and the compose watch, no React. It loads the panel bundle only
 * when the hash opens a conversation (`isThread`) or a compose window opens (`wakeOnCompose`):
 * the inbox and the other lists load nothing more until then.
 */
import { sitePageScript } from '../../core/page/site-entry.ts';
import { isThread } from './routes.ts';
import { COMPOSE_ROOT } from './selectors.ts';
import { gmail } from './site.ts';

const COMPOSE = COMPOSE_ROOT.join();

/**
 * Calls `start` once a compose window is in the page (new message, reply, forward, pop-out), then
 * stops watching: the bundle's compose feature follows every window from then on. One query per
 * batch of Gmail's mutations until then; no attribute watch (a compose window arrives as nodes).
 */
function wakeOnCompose(signal: AbortSignal, start: () => void): void {
  const observer = new MutationObserver(check);
  function check() {
    if (signal.aborted || !document.querySelector(COMPOSE)) return;
    observer.disconnect();
    start();
  }
  observer.observe(document, { childList: true, subtree: true });
  signal.addEventListener('abort', () => observer.disconnect());
  check();
}

export default sitePageScript(gmail, isThread, wakeOnCompose);
