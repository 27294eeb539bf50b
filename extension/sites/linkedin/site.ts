/**
 * LinkedIn as the runners see it: its name in words, its surface, which page a URL shows (the
 * path: a hash or query change, `#experience`, `?trk=`, is the same profile) and where the panel
 * sits (below LinkedIn's 52px global nav, Nov 2026). No selectors here: this file is in the
 * every-page script.
 */
import type { Site } from '../../core/page/contract.ts';

export const linkedin: Site = {
  id: 'linkedin',
  name: 'LinkedIn',
  surface: 'linkedin',
  pageKey: (url) => `${url.origin}${url.pathname.replace(/\/+$/, '')}`,
  anchor: { kind: 'fixed', top: 64, right: 12 },
};
