/**
 * Gmail as the runners see it: its name in words, its surface, which page a URL shows (Gmail is
 * one page that moves between conversations in the hash: `#inbox/<token>` and
 * `#label/X/<token>` are the same thread, a `?compose=` part is not another page; routes.ts
 * `gmailPageKey`) and where the panel sits (below Gmail's 64px header, Dec 2026, so it never
 * covers the search box or the account menu; the reading pane's list stays uncovered on the left).
 * No selectors here: this file is in the every-page script.
 */
import type { Site } from '../../core/page/contract.ts';
import { gmailPageKey } from './routes.ts';

export const gmail: Site = {
  id: 'gmail',
  name: 'Gmail',
  surface: 'gmail',
  pageKey: gmailPageKey,
  anchor: { kind: 'fixed', top: 72, right: 16 },
};
