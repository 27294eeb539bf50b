/**
 * Zoom's join pages as the runners see them: a page is its meeting (`zoom:<id>`, whatever host,
 * page form or query: the password never enters the key); the package sits at the top right.
 */
import type { Site } from '../../core/page/contract.ts';
import { zoomPageKey } from './routes.ts';

export const zoom: Site = {
  id: 'zoom',
  name: 'Zoom',
  surface: 'zoom',
  pageKey: zoomPageKey,
  anchor: { kind: 'fixed', top: 16, right: 16 },
};
