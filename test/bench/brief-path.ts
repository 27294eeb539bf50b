/**
 * `npm run bench:brief-path`: where a warm brief request's time goes, measured in-process on the
 * scale data (no HTTP, no autocannon). It times CPU (user + system) rather than wall-clock, which
 * other work on the machine disturbs far less, so its parts can be compared with each other on a
 * busy machine. It runs the real app's `POST /v1/briefs` through `app.request` for random sampled
 * contacts (one LinkedIn ref each), records the SQL statements such a request sends, and times
 * each statement alone on SQLite: µs of CPU per call, all in one run.
 *
 * It also times each statement where it really runs, inside the requests (wall-clock µs around the
 * statement): there it costs several times what it costs alone in a loop, because the request's
 * own JavaScript has evicted the statement's pages and SQLite's code from the CPU caches.
 */
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { createApp } from '../../server/app.ts';
import { migrateToLatest, openDatabase } from '../../server/db/connect.ts';
import { observeDirectStatements } from '../../server/db/execute.ts';
import { readEnv } from '../../server/env.ts';

const dataDir = path.resolve(process.env.SCALE_DATA_DIR ?? 'data/scale');
const manifest = JSON.parse(fs.readFileSync(path.join(dataDir, 'scale-manifest.json'), 'utf8')) as {
  token: string;
  sample: { linkedinUrls: string[] };
};
const urls = manifest.sample.linkedinUrls;
const rounds = Number(process.env.ROUNDS ?? 20_000);
const env = readEnv({ ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', LOG_REQUESTS: '0' });
const db = await openDatabase({ dataDir });
// Scale data built by an older commit gains the tables added since (what `npm start` does).
await migrateToLatest(db);
const app = createApp({ db, now: () => new Date(), env });
const headers = { authorization: `Bearer ${manifest.token}`, 'content-type': 'application/json' };
const pick = () => urls[Math.floor(Math.random() * urls.length)]!;
const briefRequest = async (url: string) =>
  (await app.request('/v1/briefs', { method: 'POST', headers, body: JSON.stringify({ refs: [{ kind: 'linkedin', profileUrl: url }] }) })).text();
const healthRequest = async () => (await app.request('/v1/health')).text();

/** µs of CPU per call of `fn`, over `rounds` calls. */
async function cpuPerCall(fn: () => unknown): Promise<number> {
  const start = process.cpuUsage();
  for (let i = 0; i < rounds; i++) await fn();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / rounds;
}

// Warm: every sampled contact once (SQLite's page cache, the JIT).
for (const url of urls) await briefRequest(url);

// The statements of one request, with their parameters, for each sampled URL (timed below).
const statements: { sql: string; params: unknown[][] }[] = [];
const stop = observeDirectStatements((_db, sql, parameters) => {
  let entry = statements.find((s) => s.sql === sql);
  if (!entry) statements.push((entry = { sql, params: [] }));
  entry.params.push([...parameters]);
});
for (const url of urls.slice(0, 2000)) await briefRequest(url);
stop();

const sqlite = new SQLite(path.join(dataDir, 'signalhouse.db'), { readonly: true });
sqlite.pragma('mmap_size = 17179869184');
sqlite.pragma('cache_size = -131072');

const health = await cpuPerCall(healthRequest);
const inRequests = new Map<string, { calls: number; ns: bigint }>();
const stopTiming = observeDirectStatements((_db, sql) => {
  const start = process.hrtime.bigint();
  return () => {
    const entry = inRequests.get(sql) ?? { calls: 0, ns: 0n };
    entry.calls++;
    entry.ns += process.hrtime.bigint() - start;
    inRequests.set(sql, entry);
  };
});
const briefs = await cpuPerCall(() => briefRequest(pick()));
stopTiming();
console.log(`${rounds} calls each, µs of CPU per call (compare within this run only)`);
console.log(`${'GET /v1/health, in-process'.padEnd(48)} ${health.toFixed(1).padStart(7)}`);
console.log(`${'POST /v1/briefs, one LinkedIn ref, in-process'.padEnd(48)} ${briefs.toFixed(1).padStart(7)}`);
let sqlTotal = 0;
let inRequestTotal = 0;
console.log(`${'  each statement'.padEnd(48)} ${'alone'.padStart(7)} ${'in requests'.padStart(12)}`);
for (const { sql, params } of statements) {
  const statement = sqlite.prepare(sql);
  let i = 0;
  const us = await cpuPerCall(() => statement.all(...params[i++ % params.length]!));
  const timed = inRequests.get(sql);
  const inRequest = timed ? Number(timed.ns / BigInt(timed.calls)) / 1000 : 0;
  sqlTotal += us;
  inRequestTotal += inRequest;
  console.log(`  ${sql.replace(/\s+/g, ' ').slice(0, 44).padEnd(46)} ${us.toFixed(1).padStart(7)} ${inRequest.toFixed(1).padStart(12)}`);
}
console.log(`${'  all statements'.padEnd(48)} ${sqlTotal.toFixed(1).padStart(7)} ${inRequestTotal.toFixed(1).padStart(12)}`);
console.log(`${'  the rest (HTTP, validation, assembly, JSON)'.padEnd(48)} ${(briefs - sqlTotal).toFixed(1).padStart(7)} ${(briefs - inRequestTotal).toFixed(1).padStart(12)}`);
sqlite.close();
await db.close();
