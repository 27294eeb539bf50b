/**
 * The service worker: it will own the cache, the outbox, the network and alarms.
 * (The extension itself is built out by its own issue; this entry keeps the build loadable.)
 */
import { defineBackground } from '#imports';

export default defineBackground(() => {
  // Nothing to wire yet.
});
