/**
 * The browser suite's fixtures on @playwright/test: specs import `test` and `expect` from here.
 *
 * - `harness`: the real server (demo team, its own temp DATA_DIR, free loopback port) and Chromium
 *   with the built extension in a fresh profile, ONE PER SPEC FILE, as the suite has always run:
 *   tests of a file share the server's data and the browser's state. Playwright has no file scope,
 *   so a worker-scoped holder keeps it for the file and stops it when the first test of the
 *   next file starts (or the worker ends). `test.use({ connected: true })` connects the extension as the demo rep first;
 *   `test.use({ serverEnv: {...} })` adds server settings.
 * - `context`, `extensionId`, `page`: the harness's browser context, the extension's id, and a new
 *   tab in that context per test (closed after it). `extensionPage('options' | 'sidepanel')` opens
 *   one of the extension's own pages.
 * - `routeLinkedIn`, `routePage`: site routing, the harness's: serve a capture or a page at its real
 *   URL through `context.route` (every other non-loopback request is aborted).
 * - `freshBrowser`: a NEW profile per test (the extension just installed, never connected), for
 *   specs that try what a new user meets; `demoServer`: a server for the file without a browser.
 *
 * Specs that build state in order across their tests (an import, then the panel showing it) use
 * `test.describe.configure({ mode: 'serial' })`; those that hold one page across tests start a
 * harness in `test.beforeAll` with `startHarness()` (as before the move, re-exported here).
 * Traces and screenshots are recorded for every context either way (playwright.config.ts).
 */
import { test as base, expect, type BrowserContext, type Page } from '@playwright/test';
import {
  launchExtensionBrowser,
  startDemoServer,
  startHarness,
  type DemoServer,
  type ExtensionBrowser,
  type Harness,
} from './harness.ts';

export { expect };
export * from './harness.ts';

/** Starting a server and a browser on a loaded 2-core machine (the old suite's hook timeout). */
export const HOOK_TIMEOUT = 120_000;

/** What a spec file holds for its whole run, released when the worker starts another file. */
class PerFile {
  private file: string | undefined;
  private readonly held = new Map<string, { value: unknown; release: () => Promise<void> }>();

  /** Releases what another file held (its server and browser stop), once a test of `file` starts. */
  async enter(file: string): Promise<void> {
    if (this.file !== file) await this.releaseAll();
    this.file = file;
  }

  async get<T>(file: string, key: string, start: () => Promise<T>, release: (value: T) => Promise<void>): Promise<T> {
    await this.enter(file);
    const held = this.held.get(key);
    if (held) return held.value as T;
    const value = await start();
    this.held.set(key, { value, release: () => release(value) });
    return value;
  }

  async releaseAll(): Promise<void> {
    for (const { release } of [...this.held.values()].reverse()) await release().catch(() => undefined);
    this.held.clear();
    this.file = undefined;
  }
}

export interface E2eOptions {
  /** Connect the extension as the demo rep when the file's harness starts (through its options page). */
  connected: boolean;
  /** Server settings added to the file's server (e.g. `EXTENSION_IDS`). */
  serverEnv: Record<string, string>;
}

export interface E2eFixtures {
  harness: Harness;
  context: BrowserContext;
  extensionId: string;
  page: Page;
  /** Opens `options.html` or `sidepanel.html` of the extension in a new tab. */
  extensionPage: (name: 'options' | 'sidepanel') => Promise<Page>;
  routeLinkedIn: Harness['routeLinkedIn'];
  routePage: Harness['routePage'];
  freshBrowser: ExtensionBrowser;
  demoServer: DemoServer;
}

interface WorkerFixtures {
  perFile: PerFile;
}

interface AutoFixtures {
  /** Stops the previous file's harness at this file's first test, even when this file uses none. */
  leavePreviousFile: void;
}

export const test = base.extend<E2eOptions & E2eFixtures & AutoFixtures, WorkerFixtures>({
  connected: [false, { option: true }],
  serverEnv: [{}, { option: true }],

  perFile: [
    // Playwright reads a fixture's dependencies from its first parameter, which must be a pattern.
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const perFile = new PerFile();
      await use(perFile);
      await perFile.releaseAll();
    },
    { scope: 'worker', timeout: 60_000 },
  ],

  leavePreviousFile: [
    async ({ perFile }, use, testInfo) => {
      await perFile.enter(testInfo.file);
      await use();
    },
    { auto: true, timeout: 60_000 },
  ],

  harness: [
    async ({ perFile, connected, serverEnv }, use, testInfo) => {
      const key = `harness ${JSON.stringify({ connected, serverEnv })}`;
      const harness = await perFile.get(
        testInfo.file,
        key,
        async () => {
          const h = await startHarness({ serverEnv });
          if (connected) await h.connectAsDemoRep();
          return h;
        },
        (h) => h.stop(),
      );
      await use(harness);
    },
    { timeout: HOOK_TIMEOUT },
  ],

  demoServer: [
    async ({ perFile, serverEnv }, use, testInfo) => {
      const server = await perFile.get(testInfo.file, `server ${JSON.stringify(serverEnv)}`, () => startDemoServer(serverEnv), (s) => s.stop());
      await use(server);
    },
    { timeout: HOOK_TIMEOUT },
  ],

  context: async ({ harness }, use) => {
    await use(harness.context);
  },

  extensionId: async ({ harness }, use) => {
    await use(harness.extensionId);
  },

  page: async ({ context }, use) => {
    const page = await context.newPage();
    await use(page);
    await page.close().catch(() => undefined);
  },

  extensionPage: async ({ context, extensionId }, use) => {
    const opened: Page[] = [];
    await use(async (name) => {
      const page = await context.newPage();
      opened.push(page);
      await page.goto(`chrome-extension://${extensionId}/${name}.html`);
      return page;
    });
    for (const page of opened) await page.close().catch(() => undefined);
  },

  routeLinkedIn: async ({ harness }, use) => {
    await use(harness.routeLinkedIn);
  },

  routePage: async ({ harness }, use) => {
    await use(harness.routePage);
  },

  freshBrowser: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const browser = await launchExtensionBrowser();
      await use(browser);
      await browser.close();
    },
    { timeout: HOOK_TIMEOUT },
  ],
});
