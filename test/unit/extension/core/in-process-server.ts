/**
 * The extension's connection wired to the REAL server app in this process (no port, no network):
 * background handler tests drive messages through it against a real database.
 *
 * @example
 * const { connection, store } = await connectInProcess(h, 'today-test-1', h.rep.token);
 * const handlers = createHandlers({ connection, now: () => TEST_NOW });
 */
import { expect } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createConnection, type Connection } from '../../../../extension/core/connection.ts';
import { connectionStore } from '../../../../extension/core/connection-store.ts';
import { TEST_NOW, type Harness } from '../../server/harness.ts';

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
