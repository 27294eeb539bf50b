/**
 * Where the background keeps the connection (server URL, token, who it belongs to): its own Dexie
 * database in the extension origin's IndexedDB. Content scripts cannot read it (their IndexedDB is
 * the host site's), unlike `storage.local`, which every content script of the extension can read.
 *
 * A database of its own, apart from `db.ts` (cache and outbox), so clearing the cache never
 * touches the token and the two schemas version independently.
 *
 * @example
 * const store = connectionStore();
 * await store.save({ serverUrl, token, user, team, serverVersion, connectedAt });
 */
import { Dexie, type Table } from 'dexie';

export const CONNECTION_DB_NAME = 'signalhouse-settings';

/** What Connect stored: the token stays in the background and is never sent to any page. */
export interface StoredConnection {
  serverUrl: string;
  /** Empty after Disconnect: the URL is kept for the next Connect. */
  token: string;
  user: { id: string; name: string; email: string; role: string } | null;
  team: { id: string; name: string } | null;
  serverVersion: string | null;
  /** ISO time of the last successful Connect. */
  connectedAt: string | null;
  /**
   * The server refused this token after it was saved (401: wrong or revoked, or `token-expired`),
   * kept so the options page still says so after the service worker restarted. A new Connect, or
   * the server accepting the token again, removes it. Not indexed: no schema version needed.
   */
  refused?: TokenRefusal;
}

/** Why the server last refused the saved token. */
export interface TokenRefusal {
  state: 'token_refused' | 'token_expired';
  /** When it expired (ISO), if the server said. */
  expiredAt: string | null;
}

export interface ConnectionStore {
  load(): Promise<StoredConnection | undefined>;
  save(connection: StoredConnection): Promise<void>;
  clear(): Promise<void>;
}

interface SettingRow {
  name: 'connection';
  connection: StoredConnection;
}

class SettingsDb extends Dexie {
  settings!: Table<SettingRow, string>;

  constructor(name: string) {
    super(name, { chromeTransactionDurability: 'strict' });
    // Version 1 (issue 3): one row per named setting. Append versions; never edit this one.
    this.version(1).stores({ settings: 'name' });
  }
}

/**
 * The connection store on Dexie. `name` is for tests (a fresh database each).
 *
 * @example const store = connectionStore(); const saved = await store.load();
 */
export function connectionStore(name: string = CONNECTION_DB_NAME): ConnectionStore & { close(): void } {
  const db = new SettingsDb(name);
  return {
    async load() {
      return (await db.settings.get('connection'))?.connection;
    },
    async save(connection) {
      await db.settings.put({ name: 'connection', connection });
    },
    async clear() {
      await db.settings.delete('connection');
    },
    close: () => db.close(),
  };
}
