/**
 * Starts listening. Everything else lives in app.ts (routes) and cli/start.ts (first-run setup).
 * `main` takes the app factory so a benchmark can serve the same stack with routes of its own
 * (test/bench/floor-server.ts) under the same workers.
 */
import cluster from 'node:cluster';
import { serve } from '@hono/node-server';
import type { Hono } from 'hono';
import { createApp } from './app.ts';
import { exposureRefusal } from './admin/demo-tokens.ts';
import { holdContinue } from './http/body-limit.ts';
import { migrateToLatest, openDatabase, type OpenedDatabase } from './db/connect.ts';
import type { Deps } from './deps.ts';
import { readEnv, type ServerEnv } from './env.ts';

/** What `main` serves: the product's app unless a caller brings another built on the same deps. */
export type AppFactory = (deps: Deps) => Pick<Hono, 'fetch'>;

export interface RunningServer {
  url: string;
  db: OpenedDatabase;
  close(): Promise<void>;
}

export async function startServer(env: ServerEnv = readEnv(), db?: OpenedDatabase, makeApp: AppFactory = createApp): Promise<RunningServer> {
  const database = db ?? (await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.DATA_DIR }));
  await migrateToLatest(database);
  // Never listen beyond loopback while the demo team's tokens work (server/admin/demo-tokens.ts).
  const refusal = await exposureRefusal(database.kysely, env.HOST, new Date());
  if (refusal) {
    if (!db) await database.close();
    throw new Error(refusal);
  }
  const app = makeApp({ db: database, now: () => new Date(), env });
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
    // A refused body is refused before the client sends it (http/body-limit.ts).
    holdContinue(server);
  });
}

/** Listens as configured by the environment: one process, or WORKERS processes sharing the port. */
export async function main(makeApp: AppFactory = createApp): Promise<void> {
  const env = readEnv();
  if (env.WORKERS > 1 && cluster.isPrimary) {
    // Migrate once before the workers start, so they never race to create the schema.
    const db = await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.DATA_DIR });
    await migrateToLatest(db);
    const refusal = await exposureRefusal(db.kysely, env.HOST, new Date());
    await db.close();
    if (refusal) throw new Error(refusal);
    let listening = 0;
    for (let i = 0; i < env.WORKERS; i++) {
      cluster.fork().on('message', (message: { listening?: string }) => {
        if (message.listening && ++listening === env.WORKERS) console.log(`Listening on ${message.listening} (${env.WORKERS} workers)`);
      });
    }
    cluster.on('exit', (_worker, code) => {
      if (code !== 0) console.error(`a worker exited with code ${code}`);
    });
    const stop = () => {
      for (const worker of Object.values(cluster.workers ?? {})) worker?.kill('SIGTERM');
      process.exit(0);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  } else {
    const running = await startServer(env, undefined, makeApp);
    if (cluster.isWorker) process.send?.({ listening: running.url });
    else console.log(`Listening on ${running.url}`);
    const stop = () => void running.close().then(() => process.exit(0));
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await main().catch((error: unknown) => {
    process.stderr.write(`server failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
