/**
 * The browser end-to-end harness: the REAL server (demo data, temp DATA_DIR, free port on
 * 127.0.0.1), Debian's Chromium headless with the built extension in a temp profile, and
 * LinkedIn pages served from captures at their real URLs. Nothing leaves the machine: every
 * request that is not loopback or a routed LinkedIn page is aborted.
 *
 * @example
 * const h = await startHarness();
 * await h.routeLinkedIn('https://www.linkedin.com/in/daniel-ortega-lind/', '2024-07-12--profile--complete.html');
 * const page = await h.context.newPage();
 * await page.goto(`chrome-extension://${h.extensionId}/options.html`);
 * await h.stop();
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Route } from 'playwright-core';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const BUILD_DIR = path.join(REPO_ROOT, '.output/chrome-mv3');
/**
 * The copy of the build the browser loads. A copy, because other work in the same tree may
 * rebuild `.output` mid-run (WXT empties it first); the manifest key keeps the id path-independent.
 */
export const EXTENSION_DIR = path.join(REPO_ROOT, 'node_modules/.cache/signalhouse-e2e/chrome-mv3');
/** Real LinkedIn captures, read in place beside the repository (not shipped with it). */
export const CAPTURES_DIR = path.resolve(REPO_ROOT, '../shared/fixtures/linkedin');
/** Hand-made fixtures that live in the repository. */
export const HANDMADE_DIR = path.join(REPO_ROOT, 'test/fixtures/linkedin');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface Harness {
  context: BrowserContext;
  extensionId: string;
  serverUrl: string;
  /** The demo rep's token as the server printed it. */
  token: string;
  /** Connects the extension as the demo rep through its options page (as a rep would). */
  connectAsDemoRep(): Promise<void>;
  /** Serves `htmlFile` (a capture or a hand-made fixture, by file name) as the document at `url`. */
  routeLinkedIn(url: string, htmlFile: string): Promise<void>;
  stop(): Promise<void>;
}

/** Builds `.output/chrome-mv3` with WXT (a few seconds) and copies it to EXTENSION_DIR. */
export function buildExtension(): void {
  // Vitest sets NODE_ENV=test, which the React plugin reads as "development" and compiles JSX for
  // react/jsx-dev-runtime, while the bundle gets React's production build: jsxDEV is not a function.
  execFileSync('npx', ['wxt', 'build'], { cwd: REPO_ROOT, stdio: 'ignore', env: { ...process.env, NODE_ENV: 'production' } });
  rmSync(EXTENSION_DIR, { recursive: true, force: true });
  cpSync(BUILD_DIR, EXTENSION_DIR, { recursive: true });
}

/** Whether the real captures are present; specs needing them skip with a notice otherwise. */
export function capturesAvailable(): boolean {
  return existsSync(CAPTURES_DIR);
}

/** Whether the built extension has a content script (the LinkedIn one is built separately). */
export function builtContentScripts(): number {
  const manifestPath = path.join(EXTENSION_DIR, 'manifest.json');
  if (!existsSync(manifestPath)) return 0;
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { content_scripts?: unknown[] };
  return manifest.content_scripts?.length ?? 0;
}

/** Resolves a fixture file name: hand-made fixtures first, then the real captures. */
export function fixturePath(htmlFile: string): string {
  for (const dir of [HANDMADE_DIR, CAPTURES_DIR]) {
    const candidate = path.join(dir, htmlFile);
    if (existsSync(candidate)) return candidate;
  }
  throw new Error(`no LinkedIn fixture named ${htmlFile}`);
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** A page URL without query or hash and with one trailing slash, so `/in/x` and `/in/x/?a=b` match. */
function pageKey(url: string): string {
  const u = new URL(url);
  return `${u.origin}${u.pathname.replace(/\/?$/, '/')}`;
}

interface ServerProcess {
  child: ChildProcess;
  url: string;
  token: string;
}

/** Starts `server/cli/start.ts` (seeds the demo team) and waits for its URL and rep token. */
function startServer(dataDir: string, extraEnv: Record<string, string>): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/cli/start.ts'], {
    cwd: REPO_ROOT,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_REQUESTS: '0', ...extraEnv },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => fail(new Error('server did not start within 60 s')), 60_000);
    const fail = (error: Error) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`${error.message}\n${err}`));
    };
    child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.once('exit', (code) => fail(new Error(`server exited with code ${code}`)));
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const url = /^Server: (\S+)$/m.exec(out)?.[1];
      const token = /^Demo rep token: (shk_\S+)$/m.exec(out)?.[1];
      if (url && token) {
        clearTimeout(timer);
        child.removeAllListeners('exit');
        resolve({ child, url, token });
      }
    });
  });
}

/**
 * Starts server and browser. `serverEnv` adds server settings (e.g. `EXTENSION_IDS`).
 * The extension must already be built (the e2e global setup does it).
 */
export async function startHarness(options: { serverEnv?: Record<string, string> } = {}): Promise<Harness> {
  if (!existsSync(path.join(EXTENSION_DIR, 'manifest.json'))) buildExtension();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'signalhouse-e2e-data-'));
  const profileDir = mkdtempSync(path.join(tmpdir(), 'signalhouse-e2e-profile-'));
  const server = await startServer(dataDir, options.serverEnv ?? {});

  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      `--disable-extensions-except=${EXTENSION_DIR}`,
      `--load-extension=${EXTENSION_DIR}`,
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });

  const pages = new Map<string, string>();
  // One handler for everything: the page under test, loopback, and aborts for the rest.
  await context.route('**/*', (route: Route) => {
    const request = route.request();
    const url = new URL(request.url());
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return route.continue();
    if (LOOPBACK_HOSTS.has(url.hostname) || LOOPBACK_HOSTS.has(`[${url.hostname}]`)) return route.continue();
    const file = request.resourceType() === 'document' ? pages.get(pageKey(request.url())) : undefined;
    if (file) return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: readFileSync(file) });
    return route.abort('blockedbyclient');
  });

  let worker = context.serviceWorkers()[0];
  worker ??= await context.waitForEvent('serviceworker', { timeout: 30_000 });
  const extensionId = new URL(worker.url()).host;

  return {
    context,
    extensionId,
    serverUrl: server.url,
    token: server.token,
    async connectAsDemoRep() {
      const page = await context.newPage();
      await page.goto(`chrome-extension://${extensionId}/options.html`);
      await page.getByLabel('Server URL').fill(server.url);
      await page.getByLabel('Token').fill(server.token);
      await page.getByRole('button', { name: 'Connect', exact: true }).click();
      await page.getByRole('status').getByText('Northwind Demo').waitFor();
      await page.close();
    },
    async routeLinkedIn(url, htmlFile) {
      if (new URL(url).hostname !== 'www.linkedin.com') throw new Error(`not a LinkedIn URL: ${url}`);
      pages.set(pageKey(url), fixturePath(htmlFile));
    },
    async stop() {
      await context.close().catch(() => undefined);
      await new Promise<void>((done) => {
        if (server.child.exitCode !== null) return done();
        server.child.once('exit', () => done());
        server.child.kill('SIGTERM');
        setTimeout(() => server.child.kill('SIGKILL'), 5_000).unref();
      });
      rmSync(dataDir, { recursive: true, force: true });
      rmSync(profileDir, { recursive: true, force: true });
    },
  };
}
