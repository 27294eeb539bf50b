/**
 * Google Meet as the runners see it: a page is its meeting (`meet:<code>`: pre-join and call are
 * one URL); the package sits at the top right, where Meet's pre-join screen leaves room.
 */
import type { Site } from '../../core/page/contract.ts';
import { meetPageKey } from './routes.ts';

export const meet: Site = {
  id: 'meet',
  name: 'Google Meet',
  surface: 'meet',
  pageKey: meetPageKey,
  anchor: { kind: 'fixed', top: 16, right: 16 },
};
