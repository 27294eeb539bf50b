/**
 * What the server benchmarks share: the scale data set (`npm run seed:scale`, seeded on first use,
 * its account snapshots refreshed like the nightly job does) and the real server run as a child
 * process on it, on a free loopback port.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

export interface ScaleManifest {
  token: string;
  teamId: string;
  userId: string;
  sample: { contactIds?: string[]; linkedinUrls?: string[]; emails?: string[] };
}

export const scaleDataDir = () => path.resolve(process.env.SCALE_DATA_DIR ?? 'data/scale');

function readManifest(dataDir: string): ScaleManifest | null {
  const file = path.join(dataDir, 'scale-manifest.json');
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as ScaleManifest) : null;
}

/** The manifest of the scale data in `dataDir`, seeding it first when missing; stale snapshots refreshed. */
export function ensureScaleData(dataDir: string): ScaleManifest {
  let manifest = readManifest(dataDir);
  if (!manifest) {
    console.log(`No scale data in ${dataDir}: running npm run seed:scale first (takes minutes).`);
    const seeded = spawnSync('npx', ['tsx', 'server/cli/seed-scale.ts', '--data-dir', dataDir], { stdio: 'inherit' });
    if (seeded.status !== 0) process.exit(seeded.status ?? 1);
    manifest = readManifest(dataDir);
    if (!manifest) throw new Error('seed:scale wrote no manifest');
  }
  // Briefs are served from each account's persisted intelligence; make sure it is there and valid.
  // (One stale account makes it refresh all 100k, minutes: BENCH_SKIP_REFRESH=1 skips it while developing a benchmark.)
  if (process.env.BENCH_SKIP_REFRESH === '1') return manifest;
  const refreshed = spawnSync('npx', ['tsx', 'server/cli/intel-refresh.ts', '--data-dir', dataDir, '--team', manifest.teamId, '--if-stale'], { stdio: 'inherit' });
  if (refreshed.status !== 0) process.exit(refreshed.status ?? 1);
  return manifest;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

export interface ServerProcess {
  child: ChildProcess;
  url: string;
  stop(): Promise<void>;
}

/**
 * Starts `entry` (the product's server/index.ts, or a benchmark's variant) on SQLite in `dataDir`,
 * one node process with tsx as a hook (so the pid is the server's, and WORKERS forks are its
 * children), and resolves once it listens. `BENCH_SERVER_CPUS` (e.g. `0`) pins the server and its
 * workers to those cores with `taskset` (which execs, so the pid stays the server's): run the bench
 * itself under `taskset -c 1` and the load generator no longer shares the server's core.
 */
export async function startServerProcess(options: { dataDir: string; entry?: string; env?: Record<string, string> }): Promise<ServerProcess> {
  const port = await freePort();
  const args = ['--import', 'tsx', options.entry ?? 'server/index.ts'];
  const cpus = process.env.BENCH_SERVER_CPUS;
  const child = spawn(cpus ? 'taskset' : process.execPath, cpus ? ['-c', cpus, process.execPath, ...args] : args, {
    env: { ...process.env, DATA_DIR: options.dataDir, DATABASE_URL: '', PORT: String(port), LOG_REQUESTS: '0', SERVER_TIMING: '1', ...options.env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('Listening')) resolve();
    });
    child.on('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  child.stdout!.resume();
  return {
    child,
    url: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
