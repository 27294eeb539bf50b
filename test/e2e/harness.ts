/**
 * The browser end-to-end harness: the REAL server (demo data, temp DATA_DIR, free port on
 * 127.0.0.1), Debian's Chromium headless with the built extension in a temp profile, and
 * LinkedIn pages served from captures at their real URLs. Nothing leaves the machine: every
 * request that is not loopback or a routed LinkedIn page is aborted. `stopServer()` and
 * `startServer()` take the server away and bring it back at the same URL on the same data (the
 * offline specs); the demo team is seeded only into an empty DATA_DIR, so nothing is wiped.
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
import { chromium, type BrowserContext, type Route, type Worker } from 'playwright-core';
import { servedHosts, sitesFor } from '../../extension/sites/registry.ts';

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
  /** The demo admin's token (imports), as the server printed it. */
  adminToken: string;
  /** Connects the extension as the demo rep through its options page (as a rep would). */
  connectAsDemoRep(): Promise<void>;
  /**
   * Serves `htmlFile` (a capture or a hand-made fixture, by file name) as the document at `url`;
   * `edit`, when given, rewrites the HTML at route time (e.g. another member's name).
   */
  routeLinkedIn(url: string, htmlFile: string, edit?: (html: string) => string): Promise<void>;
  /** As `routeLinkedIn`, for a page of any site: an HTML file (absolute path) or the HTML itself. */
  routePage(url: string, source: PageSource, edit?: (html: string) => string): Promise<void>;
  /** Stops the server (SIGTERM, as an operator would); the browser and the data dir stay. */
  stopServer(): Promise<void>;
  /** Starts the server again at the same URL on the same DATA_DIR (an existing team is not re-seeded). */
  startServer(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Builds `.output/chrome-mv3` with WXT (a few seconds) and copies it to `dir` (EXTENSION_DIR);
 * `env` adds build settings (bench:panel's `BENCH_AGAINST` builds a second variant this way).
 */
export function buildExtension(dir: string = EXTENSION_DIR, env: Record<string, string> = {}): void {
  // A runner may set NODE_ENV=test (vitest does), which the React plugin reads as "development" and compiles JSX for
  // react/jsx-dev-runtime, while the bundle gets React's production build: jsxDEV is not a function.
  // WXT_TEST_SITES=1: the registry's test-only sites are built in too (never in a production build).
  execFileSync('npx', ['wxt', 'build'], { cwd: REPO_ROOT, stdio: 'ignore', env: { ...process.env, ...env, NODE_ENV: 'production', WXT_TEST_SITES: '1' } });
  rmSync(dir, { recursive: true, force: true });
  cpSync(BUILD_DIR, dir, { recursive: true });
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

/** What a routed page serves: an HTML file (absolute path, or a LinkedIn fixture's name) or the HTML itself. */
export type PageSource = { file: string } | { html: string };

/** Resolves a fixture file name: hand-made fixtures first, then the real captures. */
export function fixturePath(htmlFile: string): string {
  for (const dir of [HANDMADE_DIR, CAPTURES_DIR]) {
    const candidate = path.join(dir, htmlFile);
    if (existsSync(candidate)) return candidate;
  }
  throw new Error(`no LinkedIn fixture named ${htmlFile}`);
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);
/** Where LinkedIn pages are served from fixtures (extension/sites/registry.ts). */
const LINKEDIN_SERVED_HOSTS = servedHosts(sitesFor(true)).linkedin ?? [];

/** A page URL without query or hash and with one trailing slash, so `/in/x` and `/in/x/?a=b` match. */
function pageKey(url: string): string {
  const u = new URL(url);
  return `${u.origin}${u.pathname.replace(/\/?$/, '/')}`;
}

interface ServerProcess {
  child: ChildProcess;
  url: string;
  token: string;
  adminToken: string;
}

/**
 * Starts `server/cli/start.ts` (seeds the demo team into an empty DATA_DIR) and waits for its URL
 * and the rep and admin tokens. `port` 0 picks a free one.
 */
function startServer(dataDir: string, extraEnv: Record<string, string>, port = 0): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/cli/start.ts'], {
    cwd: REPO_ROOT,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_REQUESTS: '0', ...extraEnv },
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
      const adminToken = /^Demo admin token: (shk_\S+)$/m.exec(out)?.[1];
      if (url && token && adminToken) {
        clearTimeout(timer);
        child.removeAllListeners('exit');
        resolve({ child, url, token, adminToken });
      }
    });
  });
}

/** A Chromium with the built extension in a fresh temp profile, LinkedIn pages routed from fixtures. */
export interface ExtensionBrowser {
  context: BrowserContext;
  extensionId: string;
  /** As `Harness.routeLinkedIn`. */
  routeLinkedIn(url: string, htmlFile: string, edit?: (html: string) => string): Promise<void>;
  /** As `Harness.routePage`. */
  routePage(url: string, source: PageSource, edit?: (html: string) => string): Promise<void>;
  /** Closes the browser and deletes its profile. */
  close(): Promise<void>;
}

/**
 * Launches Chromium on a NEW temp user-data dir (a fresh browser profile: the extension just
 * installed, never connected) with every non-loopback request aborted but the routed pages.
 */
export async function launchExtensionBrowser(extensionDir: string = EXTENSION_DIR): Promise<ExtensionBrowser> {
  if (!existsSync(path.join(extensionDir, 'manifest.json'))) buildExtension(extensionDir);
  const profileDir = mkdtempSync(path.join(tmpdir(), 'signalhouse-e2e-profile-'));
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      `--disable-extensions-except=${extensionDir}`,
      `--load-extension=${extensionDir}`,
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });

  const pages = new Map<string, { source: PageSource; edit?: ((html: string) => string) | undefined }>();
  // One handler for everything: the page under test, loopback, and aborts for the rest.
  await context.route('**/*', (route: Route) => {
    const request = route.request();
    const url = new URL(request.url());
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return route.continue();
    if (LOOPBACK_HOSTS.has(url.hostname) || LOOPBACK_HOSTS.has(`[${url.hostname}]`)) return route.continue();
    const served = request.resourceType() === 'document' ? pages.get(pageKey(request.url())) : undefined;
    if (served) {
      const html = 'html' in served.source ? served.source.html : readFileSync(served.source.file, 'utf8');
      return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: served.edit ? served.edit(html) : html });
    }
    return route.abort('blockedbyclient');
  });

  let worker = context.serviceWorkers()[0];
  worker ??= await context.waitForEvent('serviceworker', { timeout: 30_000 });
  const extensionId = new URL(worker.url()).host;

  return {
    context,
    extensionId,
    async routeLinkedIn(url, htmlFile, edit) {
      // The hosts the site registry says LinkedIn's fixtures are served at.
      if (!LINKEDIN_SERVED_HOSTS.includes(new URL(url).hostname)) throw new Error(`not a LinkedIn URL: ${url}`);
      pages.set(pageKey(url), { source: { file: fixturePath(htmlFile) }, edit });
    },
    async routePage(url, source, edit) {
      const { protocol, hostname } = new URL(url);
      if (protocol !== 'https:' && protocol !== 'http:') throw new Error(`not a web page: ${url}`);
      if (LOOPBACK_HOSTS.has(hostname)) throw new Error(`loopback is never routed (it is the server): ${url}`);
      const resolved = 'file' in source && !path.isAbsolute(source.file) ? { file: fixturePath(source.file) } : source;
      pages.set(pageKey(url), { source: resolved, edit });
    },
    async close() {
      await context.close().catch(() => undefined);
      rmSync(profileDir, { recursive: true, force: true });
    },
  };
}

/** The real server on the demo team in a temp DATA_DIR, for specs that launch browsers themselves. */
export interface DemoServer {
  url: string;
  token: string;
  adminToken: string;
  stop(): Promise<void>;
}

/** Starts the server on an empty temp DATA_DIR (the demo team is seeded); `stop` deletes the data. */
export async function startDemoServer(serverEnv: Record<string, string> = {}): Promise<DemoServer> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'signalhouse-e2e-data-'));
  const server = await startServer(dataDir, serverEnv);
  return {
    url: server.url,
    token: server.token,
    adminToken: server.adminToken,
    async stop() {
      await stopProcess(server.child);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Starts server and browser. `serverEnv` adds server settings (e.g. `EXTENSION_IDS`); `extensionDir`
 * loads another build than EXTENSION_DIR. The extension must already be built (the e2e global setup does it).
 */
export async function startHarness(options: { serverEnv?: Record<string, string>; extensionDir?: string } = {}): Promise<Harness> {
  const extensionDir = options.extensionDir ?? EXTENSION_DIR;
  if (!existsSync(path.join(extensionDir, 'manifest.json'))) buildExtension(extensionDir);
  const dataDir = mkdtempSync(path.join(tmpdir(), 'signalhouse-e2e-data-'));
  const serverEnv = options.serverEnv ?? {};
  let server: ServerProcess | null = await startServer(dataDir, serverEnv);
  const { url: serverUrl, token, adminToken } = server;
  const browser = await launchExtensionBrowser(extensionDir);
  const { context, extensionId } = browser;

  return {
    context,
    extensionId,
    serverUrl,
    token,
    adminToken,
    async connectAsDemoRep() {
      const page = await context.newPage();
      await page.goto(`chrome-extension://${extensionId}/options.html`);
      await page.getByLabel('Server URL').fill(serverUrl);
      await page.getByLabel('Token').fill(token);
      await page.getByRole('button', { name: 'Connect', exact: true }).click();
      await page.getByRole('status').getByText('Northwind Demo').waitFor();
      await page.close();
    },
    routeLinkedIn: browser.routeLinkedIn,
    routePage: browser.routePage,
    async stopServer() {
      if (server) await stopProcess(server.child);
      server = null;
    },
    async startServer() {
      if (server) throw new Error('the server is already running');
      const port = Number(new URL(serverUrl).port);
      const restarted = await startServer(dataDir, serverEnv, port);
      if (restarted.url !== serverUrl) {
        await stopProcess(restarted.child);
        throw new Error(`the server came back at ${restarted.url}, not ${serverUrl}`);
      }
      server = restarted;
    },
    async stop() {
      await browser.close();
      if (server) await stopProcess(server.child);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** SIGTERM (the server closes its database cleanly), SIGKILL after 5 s; resolves once it exited. */
function stopProcess(child: ChildProcess): Promise<void> {
  return new Promise<void>((done) => {
    if (child.exitCode !== null || child.signalCode !== null) return done();
    child.once('exit', () => done());
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 5_000).unref();
  });
}

/** Runs the e2e build's test hook `name` in the service worker; false when the build has none. */
function runTestHook(worker: Worker, name: string): Promise<boolean> {
  return worker.evaluate(async (hook) => {
    const run = (globalThis as Record<symbol, unknown>)[Symbol.for(hook)] as (() => Promise<void>) | undefined;
    if (!run) return false;
    await run();
    return true;
  }, name);
}

/**
 * Every tab forgets what its panels remember (core/page/tab-memory.ts); the worker's brief cache
 * keeps its copies (bench:panel's "saved" mode: the panel as a new tab would show it).
 */
export async function forgetTabMemories(worker: Worker): Promise<void> {
  if (!(await runTestHook(worker, 'signalhouse.test.forget-recent'))) throw new Error('this build has no tab memories to forget (an e2e build of an older commit?)');
}

/** Empties the extension's brief cache in its own database (the service worker's IndexedDB): the next panel is cold. */
export async function emptyBriefCache(worker: Worker): Promise<void> {
  // Through the cache itself where the build offers it (its in-memory copies go too); an older
  // build (bench:panel's comparison) keeps its briefs in IndexedDB only.
  if (await runTestHook(worker, 'signalhouse.test.forget-briefs')) return;
  await worker.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('signalhouse');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction('briefs', 'readwrite');
          tx.objectStore('briefs').clear();
          tx.oncomplete = () => {
            db.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
  );
}
