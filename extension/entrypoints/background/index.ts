/**
 * The service worker: sole owner of the network, the connection (token), Dexie and alarms.
 * It only wires setup modules together.
 */
import { browser, defineBackground } from '#imports';
import { createConnection } from '../../core/connection.ts';
import { connectionStore } from '../../core/connection-store.ts';
import { createHandlers } from '../../core/handlers.ts';
import { setupMessages } from './messages.ts';

export default defineBackground(() => {
  const connection = createConnection({
    store: connectionStore(),
    // Absent where the browser has no managed area; connection.ts tolerates a failing read too.
    managed: browser.storage.managed,
    now: () => new Date(),
  });
  // SEAMS: pass `briefs` (cache.ts) and `outbox` (outbox.ts) here once they implement BriefsPort
  // and OutboxPort (core/handlers.ts); until then briefs come from the server without a cache.
  setupMessages(createHandlers({ connection, now: () => new Date() }));
});
