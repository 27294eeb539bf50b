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
import type { Page } from '@playwright/test';
import { builtContentScripts, capturesAvailable, CAPTURES_DIR, expect, test, type DemoServer, type ExtensionBrowser } from './fixtures.ts';
import { captures, crmRecordOf, waitForPanelText } from './linkedin-panel.ts';

const ready = capturesAvailable() && builtContentScripts() > 0;

const PROFILES = 10;
/** From the Connect click to the CRM's account name in the panel, on this loaded 2-core machine. */
const BOUND_MS = 10_000;
/** How long to keep looking past the bound, so a failure says what the panel showed instead. */
const LOOK_MS = 30_000;

/**
 * Opens the options page and fills in the server and the demo rep's token, as a new rep would:
 * once the page says "Not connected" (its first word from the background). A rep reads the form
 * before typing; a test that types at once would also time Chromium's first read of the
 * managed policy in a browser started a second ago (2-7 s here, core/README.md), not the product.
 */
async function fillOptions(browser: ExtensionBrowser, server: DemoServer): Promise<Page> {
  const options = await browser.context.newPage();
  await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
  await options.getByRole('status').getByText('Not connected').waitFor({ timeout: LOOK_MS });
  await options.getByLabel('Server URL').fill(server.url);
  await options.getByLabel('Token').fill(server.token);
  return options;
}

const connectButton = (options: Page) => options.getByRole('button', { name: 'Connect', exact: true });

// One server for the file (`demoServer`); a NEW browser profile for each test (`freshBrowser`).
test.describe('the first profile after connecting, in fresh browser profiles', () => {
  test.skip(!ready, `captures at ${CAPTURES_DIR} and a built content script are needed`);
  test.describe.configure({ timeout: 120_000 });
  const measured: { run: string; ms: number }[] = [];
  const subjects = ready ? captures() : [];
  const runs = Array.from({ length: PROFILES }, (_, i) => ({ i: i + 1, subject: subjects[i % subjects.length]! }));

  test.afterAll(() => {
    if (measured.length) console.log(`first-connect: Connect click → brief in the open panel (ms): ${measured.map((m) => `${m.run} ${m.ms}`).join(', ')}`);
  });

  for (const { i, subject } of ready ? runs : []) {
    test(`profile ${i} (a): a LinkedIn profile opened at the moment Connect is clicked shows its brief`, async ({ freshBrowser: browser, demoServer: server }) => {
      const { account } = crmRecordOf(subject.url);
      await browser.routeLinkedIn(subject.url, subject.file);
      const options = await fillOptions(browser, server);
      const profile = await browser.context.newPage();
      const clickedAt = Date.now();
      await Promise.all([connectButton(options).click(), profile.goto(subject.url)]);
      await waitForPanelText(profile, account.name, LOOK_MS);
      const ms = Date.now() - clickedAt;
      measured.push({ run: `${i}a`, ms });
      expect(ms).toBeLessThanOrEqual(BOUND_MS);
    });
  }

  for (const { i, subject } of ready ? runs : []) {
    test(`profile ${i} (b): a profile tab already open when the rep connects shows its brief without a reload`, async ({ freshBrowser: browser, demoServer: server }) => {
      const { account } = crmRecordOf(subject.url);
      await browser.routeLinkedIn(subject.url, subject.file);
      const profile = await browser.context.newPage();
      await profile.goto(subject.url);
      await waitForPanelText(profile, 'Signalhouse is not connected', LOOK_MS);
      const options = await fillOptions(browser, server);
      const clickedAt = Date.now();
      await connectButton(options).click();
      await waitForPanelText(profile, account.name, LOOK_MS);
      const ms = Date.now() - clickedAt;
      measured.push({ run: `${i}b`, ms });
      expect(ms).toBeLessThanOrEqual(BOUND_MS);
    });
  }
});
