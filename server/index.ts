/**
 * Starts listening. Everything else lives in app.ts (routes) and cli/start.ts (first-run setup).
 */
import { serve } from '@hono/node-server';
import { createApp } from './app.ts';
import { migrateToLatest, openDatabase, type OpenedDatabase } from './db/connect.ts';
import { readEnv, type ServerEnv } from './env.ts';

export interface RunningServer {
  url: string;
  db: OpenedDatabase;
  close(): Promise<void>;
}

export async function startServer(env: ServerEnv = readEnv(), db?: OpenedDatabase): Promise<RunningServer> {
  const database = db ?? (await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.DATA_DIR }));
  await migrateToLatest(database);
  const app = createApp({ db: database, now: () => new Date(), env });
  return new Promise((resolve) => {
    const server = serve({ fetch: app.fetch, port: env.PORT, hostname: env.HOST }, (info) => {
      const host = info.address.includes(':') ? `[${info.address}]` : info.address;
      resolve({
        url: `http://${host}:${info.port}`,
        db: database,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => void database.close().then(done));
          }),
      });
    });
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const running = await startServer();
  console.log(`Listening on ${running.url}`);
  const stop = () => void running.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
