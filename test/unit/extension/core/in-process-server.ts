/**
 * The extension's connection wired to the REAL server app in this process (no port, no network):
 * background handler tests drive messages through it against a real database.
 *
 * @example
 * const { connection, store } = await connectInProcess(h, 'today-test-1', h.rep.token);
 * const handlers = createHandlers({ connection, now: () => TEST_NOW });
 */
import { afterAll, beforeAll, expect } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createConnection, type Connection } from '../../../../extension/core/background/connection.ts';
import { connectionStore } from '../../../../extension/core/background/connection-store.ts';
import { dispatch, type Handlers } from '../../../../extension/core/background/handlers.ts';
import type { MessageName } from '../../../../extension/core/protocol.ts';
import { seedBriefTeam } from '../../server/briefs/seed.ts';
import { makeHarness, TEST_NOW, type Harness } from '../../server/harness.ts';

/** The extension's own origin, as the background sees its pages' messages come from it. */
export const EXTENSION = 'chrome-extension://abc/';

/**
 * A real server app on a fresh database with the brief test team (briefs/seed.ts), for the whole
 * file: call at the top level; `ready` receives the harness before the file's own hooks run.
 *
 * @example
 * let h: Harness;
 * seededServer((harness) => (h = harness));
 */
export function seededServer(ready: (h: Harness) => unknown): void {
  let h: Harness | undefined;
  beforeAll(async () => {
    h = await makeHarness();
    await seedBriefTeam(h);
    ready(h);
  });
  afterAll(() => h?.close());
}

/** A message from the side panel (an extension page), through the background's dispatch. */
export const fromSidePanel = <K extends MessageName>(handlers: Handlers, name: K, data: unknown) =>
  dispatch(handlers, name, data, { url: `${EXTENSION}sidepanel.html` }, EXTENSION);

/** The URL the extension is told; requests never leave the process. */
export const IN_PROCESS_SERVER = 'http://127.0.0.1:8787';

/** A connection on its own store name; connected with `token` unless it is null. Close `store` after the test. */
export async function connectInProcess(
  h: Harness,
  storeName: string,
  token: string | null,
): Promise<{ connection: Connection; store: ReturnType<typeof connectionStore> }> {
  const store = connectionStore(storeName);
  const inProcess = ((input: RequestInfo | URL, init?: RequestInit) => Promise.resolve(h.app.request(input, init))) as typeof fetch;
  const connection = createConnection({ store, managed: fakeBrowser.storage.managed, fetch: inProcess, now: () => TEST_NOW });
  if (token) expect((await connection.connect({ serverUrl: IN_PROCESS_SERVER, token })).ok).toBe(true);
  return { connection, store };
}
