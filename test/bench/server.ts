/**
 * `npm run bench:server`: briefs against health on the scale data, in one run.
 *
 * Starts the real server in a child process on the scale database (seeding it first if it is
 * missing), then drives it with autocannon at 50 connections: health, briefs, health again.
 * Each brief request asks for one random known contact by LinkedIn URL. Prints req/s, p50 and
 * p99 for each, and the briefs/health throughput ratio — compare ratios, not absolute numbers,
 * across runs on these noisy machines.
 *
 * Targets (issue 2): briefs p99 ≤ 20 ms and ≥ 15% of health's throughput.
 * `WORKERS=2 npm run bench:server` measures two server processes (node:cluster) on the same file.
 *
 * `npm run bench:server -- --floor` also measures, in the same run, two floors under the brief
 * (test/bench/floor-server.ts): the same HTTP, auth and validation answering a fixed brief, after
 * the brief's one statement or none. What a brief cannot go below on this machine, however cheap
 * its assembly.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import autocannon from 'autocannon';

const dataDir = path.resolve(process.env.SCALE_DATA_DIR ?? 'data/scale');
const seconds = Number(process.env.BENCH_SECONDS ?? 15);
const floor = process.argv.includes('--floor');
const connections = 50;

interface Manifest {
  token: string;
  teamId: string;
  sample: { contactIds?: string[]; linkedinUrls?: string[] };
}

function readManifest(): Manifest | null {
  const file = path.join(dataDir, 'scale-manifest.json');
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as Manifest) : null;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

async function startServer(port: number): Promise<ChildProcess> {
  const entry = floor ? 'test/bench/floor-server.ts' : 'server/index.ts';
  const child = spawn(process.execPath, ['--import', 'tsx', entry], {
    env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', PORT: String(port), LOG_REQUESTS: '0' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('Listening')) resolve();
    });
    child.on('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  return child;
}

interface Figures {
  name: string;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
}

async function run(name: string, options: autocannon.Options): Promise<Figures> {
  const result = await autocannon({ connections, duration: seconds, ...options });
  return {
    name,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors,
    non2xx: result.non2xx,
  };
}

let manifest = readManifest();
if (!manifest) {
  console.log(`No scale data in ${dataDir}: running npm run seed:scale first (takes minutes).`);
  const seeded = spawnSync('npx', ['tsx', 'server/cli/seed-scale.ts', '--data-dir', dataDir], { stdio: 'inherit' });
  if (seeded.status !== 0) process.exit(seeded.status ?? 1);
  manifest = readManifest();
  if (!manifest) throw new Error('seed:scale wrote no manifest');
}
// Briefs are served from each account's persisted intelligence; make sure it is there and valid.
const refreshed = spawnSync('npx', ['tsx', 'server/cli/intel-refresh.ts', '--data-dir', dataDir, '--team', manifest.teamId, '--if-stale'], { stdio: 'inherit' });
if (refreshed.status !== 0) process.exit(refreshed.status ?? 1);
const urls = manifest.sample.linkedinUrls ?? [];
if (urls.length === 0) throw new Error('the scale manifest has no sample LinkedIn URLs');

const port = await freePort();
const server = await startServer(port);
const base = `http://127.0.0.1:${port}`;
const auth = { authorization: `Bearer ${manifest.token}`, 'content-type': 'application/json' };
const briefBody = () =>
  JSON.stringify({ refs: [{ kind: 'linkedin', profileUrl: urls[Math.floor(Math.random() * urls.length)] }] });

try {
  // Warm both paths before measuring: the JIT, and SQLite's page cache for every sampled contact
  // once (a steady-state server has its working set cached; a cold one measures the disk cache).
  await autocannon({ url: `${base}/v1/health`, connections, duration: 2 });
  let next = 0;
  await autocannon({
    url: `${base}/v1/briefs`,
    connections,
    amount: urls.length,
    method: 'POST',
    headers: auth,
    requests: [
      {
        method: 'POST',
        setupRequest: (req) => ({ ...req, body: JSON.stringify({ refs: [{ kind: 'linkedin', profileUrl: urls[next++ % urls.length] }] }) }),
      },
    ],
  });

  const health1 = await run('GET /v1/health', { url: `${base}/v1/health` });
  const briefsAt = (name: string, route: string) =>
    run(name, {
      url: `${base}${route}`,
      method: 'POST',
      headers: auth,
      requests: [{ method: 'POST', setupRequest: (req) => ({ ...req, body: briefBody() }) }],
    });
  const briefs = await briefsAt('POST /v1/briefs', '/v1/briefs');
  const floors = floor
    ? [await briefsAt("floor: brief's read", '/floor/read'), await briefsAt('floor: no read', '/floor/http')]
    : [];
  const health2 = await run('GET /v1/health', { url: `${base}/v1/health` });

  const healthRps = (health1.rps + health2.rps) / 2;
  const ratio = briefs.rps / healthRps;
  const rows = [health1, briefs, ...floors, health2];
  const workers = process.env.WORKERS ?? '1';
  console.log(`\n${connections} connections, ${seconds} s each, ${workers} server worker(s), scale data in ${path.relative(process.cwd(), dataDir)}`);
  console.log('route              req/s     p50 ms   p99 ms   errors  non-2xx');
  for (const r of rows) {
    console.log(
      `${r.name.padEnd(18)} ${r.rps.toFixed(0).padStart(7)}  ${r.p50.toFixed(1).padStart(7)}  ${r.p99.toFixed(1).padStart(7)}  ${String(r.errors).padStart(6)}  ${String(r.non2xx).padStart(7)}`,
    );
  }
  console.log(`\nbriefs / health throughput: ${(ratio * 100).toFixed(1)}% (target ≥ 15%)`);
  console.log(`briefs p99: ${briefs.p99.toFixed(1)} ms (target ≤ 20 ms)`);
  for (const f of floors) console.log(`${f.name}: ${((f.rps / healthRps) * 100).toFixed(1)}% of health, p99 ${f.p99.toFixed(1)} ms`);
  const ok = ratio >= 0.15 && briefs.p99 <= 20 && briefs.non2xx === 0 && briefs.errors === 0;
  console.log(ok ? 'targets met' : 'targets NOT met');
  process.exitCode = ok ? 0 : 1;
} finally {
  server.kill('SIGTERM');
}
