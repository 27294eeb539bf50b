/**
 * The first profile after connecting (issue 9, item 9), tried as a new user would: in ten FRESH
 * browser profiles (a new temp user-data dir each, the extension just installed and never
 * connected), the rep fills Server URL and Token on the options page and clicks Connect, and
 * (a) opens a LinkedIn profile at the very moment of the click (no wait between), or
 * (b) already has a profile tab open, its panel saying Signalhouse is not connected.
 * Each time the brief (the member's CRM account name) must appear in that open panel without a
 * reload, within `BOUND_MS` of the click. One server serves every profile; the measured times
 * are printed at the end.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { builtContentScripts, capturesAvailable, CAPTURES_DIR, launchExtensionBrowser, startDemoServer, type DemoServer, type ExtensionBrowser } from './harness.ts';
import { captures, crmRecordOf, waitForPanelText } from './linkedin-panel.ts';

const ready = capturesAvailable() && builtContentScripts() > 0;
if (!ready) console.warn(`first-connect.e2e: skipped (captures at ${CAPTURES_DIR} and a built content script are needed)`);

const PROFILES = 10;
/** From the Connect click to the CRM's account name in the panel, on this loaded 2-core machine. */
const BOUND_MS = 10_000;
/** How long to keep looking past the bound, so a failure says what the panel showed instead. */
const LOOK_MS = 30_000;

describe.skipIf(!ready)('the first profile after connecting, in fresh browser profiles', () => {
  let server: DemoServer;
  const measured: { run: string; ms: number }[] = [];
  const subjects = ready ? captures() : [];
  const runs = Array.from({ length: PROFILES }, (_, i) => ({ i: i + 1, subject: subjects[i % subjects.length]! }));

  beforeAll(async () => {
    server = await startDemoServer();
  });
  afterAll(async () => {
    await server?.stop();
    if (measured.length) console.log(`first-connect: Connect click → brief in the open panel (ms): ${measured.map((m) => `${m.run} ${m.ms}`).join(', ')}`);
  });

  /**
   * Opens the options page and fills in the server and the demo rep's token, as a new rep would:
   * once the page says "Not connected" (its first word from the background). A rep reads the form
   * before typing; a test that types at once would also time Chromium's first read of the
   * managed policy in a browser started a second ago (2-7 s here, core/README.md), not the product.
   */
  async function fillOptions(browser: ExtensionBrowser): Promise<Page> {
    const options = await browser.context.newPage();
    await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
    await options.getByRole('status').getByText('Not connected').waitFor({ timeout: LOOK_MS });
    await options.getByLabel('Server URL').fill(server.url);
    await options.getByLabel('Token').fill(server.token);
    return options;
  }

  const connectButton = (options: Page) => options.getByRole('button', { name: 'Connect', exact: true });

  it.each(runs)('profile $i (a): a LinkedIn profile opened at the moment Connect is clicked shows its brief', { timeout: 120_000 }, async ({ i, subject }) => {
    const { account } = crmRecordOf(subject.url);
    const browser = await launchExtensionBrowser();
    try {
      await browser.routeLinkedIn(subject.url, subject.file);
      const options = await fillOptions(browser);
      const profile = await browser.context.newPage();
      const clickedAt = Date.now();
      await Promise.all([connectButton(options).click(), profile.goto(subject.url)]);
      await waitForPanelText(profile, account.name, LOOK_MS);
      const ms = Date.now() - clickedAt;
      measured.push({ run: `${i}a`, ms });
      expect(ms).toBeLessThanOrEqual(BOUND_MS);
    } finally {
      await browser.close();
    }
  });

  it.each(runs)('profile $i (b): a profile tab already open when the rep connects shows its brief without a reload', { timeout: 120_000 }, async ({ i, subject }) => {
    const { account } = crmRecordOf(subject.url);
    const browser = await launchExtensionBrowser();
    try {
      await browser.routeLinkedIn(subject.url, subject.file);
      const profile = await browser.context.newPage();
      await profile.goto(subject.url);
      await waitForPanelText(profile, 'Signalhouse is not connected', LOOK_MS);
      const options = await fillOptions(browser);
      const clickedAt = Date.now();
      await connectButton(options).click();
      await waitForPanelText(profile, account.name, LOOK_MS);
      const ms = Date.now() - clickedAt;
      measured.push({ run: `${i}b`, ms });
      expect(ms).toBeLessThanOrEqual(BOUND_MS);
    } finally {
      await browser.close();
    }
  });
});
