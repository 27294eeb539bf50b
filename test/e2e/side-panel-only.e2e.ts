/**
 * A site's mode end to end (core/site-modes.ts), set the way a rep sets it: in the options page's
 * "Sites", on the real extension, connected as the demo rep.
 *
 * - side-panel-only: a profile capture gets NOTHING from us. Measured in the page's own world from
 *   document start (an init script): its element count, every element added after the parser
 *   (a MutationObserver), its style sheets; compared with the same capture served at a host no
 *   content script matches (the page as it is without us). The same measure in `on` mode counts the
 *   panel's host, so it would fail if anything were injected. The side panel (sidepanel.html in a
 *   tab: the tab used last before it stands for the active tab, use-this-page.ts) shows that
 *   profile's brief under "This page".
 * - off: a profile opened directly gets nothing (the same measure); the every-page script loads
 *   nothing: after in-page navigation from the feed to a profile no panel bundle is parsed (CDP `Debugger.scriptParsed`, as linkedin-feed.e2e.ts) and no panel
 *   shows; turned on while the page is open, the page follows: the bundle loads and the panel shows.
 * - an administrator's pin (managed storage; the e2e build reads a stand-in from storage.local,
 *   core/background/shipped-sites.ts says why) shows read-only, "Set by your administrator".
 */
import type { CDPSession, Page } from '@playwright/test';
import { builtContentScripts, capturesAvailable, CAPTURES_DIR, expect, fixturePath, HOOK_TIMEOUT, startHarness, test, type Harness } from './fixtures.ts';
import { PANEL_HOST, panel as linkedInPanel } from './linkedin-panel.ts';

const CAPTURE = '2024-07-12--profile--complete.html';
const PROFILE_URL = 'https://www.linkedin.com/in/daniel-ortega-lind/';
/** The same capture where no content script of ours runs (`.test` never resolves; the harness serves it). */
const BASELINE_URL = 'https://baseline.example.test/in/daniel-ortega-lind/';
const FEED_URL = 'https://www.linkedin.com/feed/';
const FEED_CAPTURE = '2026-03--feed--handmade.html';
const PANEL_BUNDLE = '/content-scripts/linkedin-panel.js';
const CONTENT_SCRIPT = '/content-scripts/linkedin.js';
const TEST_POLICY_KEY = 'test:managedPolicy';
/** How long a page is watched after the extension had its chance, for anything injected late. */
const QUIET_MS = 2_000;

/** What the page's own world sees of its document: elements, every element added since document start, style sheets. */
interface PageMeasure {
  elements: number;
  added: string[];
  styleSheets: number;
  adopted: number;
  ours: number;
}

/**
 * Installed in the page's main world before any of its scripts: records every element added to the
 * document from its start (the parser's and anyone else's), by tag and attribute names, so a
 * difference names what was added. The parser's additions are the same on every load of a capture.
 */
function recordAdditions() {
  const added: string[] = [];
  new MutationObserver((records) => {
    for (const record of records)
      for (const node of record.addedNodes) if (node instanceof Element) added.push(`<${node.tagName.toLowerCase()} ${[...node.attributes].map((a) => a.name).join(' ')}>`);
  }).observe(document, { childList: true, subtree: true });
  (globalThis as unknown as { __additions: string[] }).__additions = added;
}

function measure(page: Page): Promise<PageMeasure> {
  return page.evaluate(() => ({
    elements: document.getElementsByTagName('*').length,
    added: (globalThis as unknown as { __additions: string[] }).__additions,
    styleSheets: document.styleSheets.length,
    adopted: document.adoptedStyleSheets.length,
    ours: document.querySelectorAll('[data-signalhouse-ui]').length,
  }));
}

/** What `measured` has beyond the page without us: elements added, sheets, our hosts. */
function beyond(measured: PageMeasure, without: PageMeasure) {
  const left = [...without.added];
  const extra = measured.added.filter((tag) => {
    const at = left.indexOf(tag);
    if (at === -1) return true;
    left.splice(at, 1);
    return false;
  });
  return {
    elements: measured.elements - without.elements,
    added: extra,
    missing: left.length,
    styleSheets: measured.styleSheets - without.styleSheets,
    adopted: measured.adopted - without.adopted,
    ours: measured.ours,
  };
}
const NOTHING = { elements: 0, added: [], missing: 0, styleSheets: 0, adopted: 0, ours: 0 };

const pathOf = (url: string) => new URL(url).pathname;

async function recordExtensionScripts(page: Page): Promise<{ cdp: CDPSession; scripts: string[] }> {
  const cdp = await page.context().newCDPSession(page);
  const scripts: string[] = [];
  cdp.on('Debugger.scriptParsed', (event) => {
    if (event.url.startsWith('chrome-extension://')) scripts.push(pathOf(event.url));
  });
  await cdp.send('Debugger.enable');
  await cdp.send('Debugger.setSkipAllPauses', { skip: true });
  return { cdp, scripts };
}

test.describe('site modes', () => {
  test.skip(!capturesAvailable(), `no captures at ${CAPTURES_DIR}`);
  test.skip(builtContentScripts() === 0, 'the built extension has no content script');
  // One browser: the options tab sets the mode the later tests build on.
  test.describe.configure({ mode: 'serial' });
  let h: Harness;
  let options: Page;
  let sidePanel: Page;
  let baseline: PageMeasure;

  test.beforeAll(async () => {
    test.setTimeout(HOOK_TIMEOUT);
    h = await startHarness();
    await h.connectAsDemoRep();
    await h.routeLinkedIn(PROFILE_URL, CAPTURE);
    await h.routeLinkedIn(FEED_URL, FEED_CAPTURE);
    await h.routePage(BASELINE_URL, { file: fixturePath(CAPTURE) });
    sidePanel = await h.context.newPage();
    await sidePanel.goto(`chrome-extension://${h.extensionId}/sidepanel.html`);
    options = await h.context.newPage();
    await options.goto(`chrome-extension://${h.extensionId}/options.html`);
  });
  test.afterAll(async () => {
    await h?.stop();
  });

  const linkedInRow = () => options.getByRole('group', { name: 'LinkedIn' });
  const setMode = async (label: RegExp) => {
    await linkedInRow().getByRole('radio', { name: label }).check();
    await expect(linkedInRow().getByRole('radio', { name: label })).toBeChecked();
  };
  /** Opens `url` in a new tab with the page-world recorder installed; the tab is in front. */
  const open = async (url: string) => {
    const page = await h.context.newPage();
    await page.addInitScript(recordAdditions);
    await page.goto(url);
    await page.bringToFront();
    return page;
  };

  test('the page without us: the capture at a host no content script matches', async () => {
    const page = await open(BASELINE_URL);
    await page.waitForTimeout(QUIET_MS);
    baseline = await measure(page);
    expect(baseline.ours).toBe(0);
    expect(baseline.elements).toBeGreaterThan(100);
    await page.close();
  });

  test('side-panel-only: a profile gets no element, no style, no panel, and the side panel shows its brief', async () => {
    await setMode(/^Side panel only/);
    const page = await open(PROFILE_URL);
    const thisPage = sidePanel.getByRole('region', { name: 'This page', exact: true });
    // The brief in the side panel proves the content script ran here, read the page and told the background.
    await thisPage.getByRole('heading', { name: 'Daniel Ortega Lind', level: 2 }).waitFor({ timeout: 30_000 });
    await thisPage.getByText('Novare Potential').first().waitFor();
    await page.waitForTimeout(QUIET_MS);
    expect(beyond(await measure(page), baseline)).toEqual(NOTHING);
    // A hash or query change is the same profile: "This page" keeps it.
    await page.evaluate(() => {
      location.hash = '#experience';
      history.pushState({}, '', `${location.pathname}?trk=public_profile`);
    });
    await page.waitForTimeout(QUIET_MS);
    await expect(thisPage.getByRole('heading', { name: 'Daniel Ortega Lind', level: 2 })).toHaveCount(1);
    await page.close();
    // The tab closed: the side panel no longer shows its page.
    await expect(thisPage).toHaveCount(0, { timeout: 15_000 });
  });

  test('on: the same measure counts the panel, so it would have seen anything injected', async () => {
    await setMode(/^On/);
    const page = await open(PROFILE_URL);
    await linkedInPanel(page).getByText('Novare Potential').first().waitFor({ timeout: 30_000 });
    // The measure that found nothing in side-panel-only mode finds the panel's host here, and the
    // document-level style WXT's shadow-root UI adds beside it.
    expect(beyond(await measure(page), baseline)).toEqual({
      ...NOTHING,
      elements: 2,
      added: ['<div data-signalhouse-ui>', '<style wxt-shadow-root-document-styles>'],
      styleSheets: 1,
      ours: 1,
    });
    // And turned to side-panel-only while the page is open, the panel goes (the side panel keeps the brief).
    await setMode(/^Side panel only/);
    await expect(page.locator(PANEL_HOST)).toHaveCount(0, { timeout: 15_000 });
    await sidePanel.getByRole('region', { name: 'This page', exact: true }).getByRole('heading', { name: 'Daniel Ortega Lind', level: 2 }).waitFor({ timeout: 15_000 });
    await page.close();
  });

  test('off: the every-page script loads no panel bundle; turned on while the page is open, the panel comes', async () => {
    await setMode(/^Off/);
    // Opened directly, a profile gets nothing either (the manifest still injects the bundle there: it runs nothing).
    const direct = await open(PROFILE_URL);
    await direct.waitForTimeout(QUIET_MS);
    expect(beyond(await measure(direct), baseline)).toEqual(NOTHING);
    await direct.close();

    const page = await h.context.newPage();
    const { cdp, scripts } = await recordExtensionScripts(page);
    await page.goto(FEED_URL);
    await expect.poll(() => scripts.includes(CONTENT_SCRIPT), { timeout: 20_000 }).toBe(true);
    // LinkedIn's own router: the URL changes in the page's world, the document stays.
    await page.evaluate((url) => {
      document.title = 'Daniel Ortega Lind | LinkedIn';
      history.pushState({}, '', url);
    }, PROFILE_URL);
    await page.waitForTimeout(QUIET_MS + 1_000);
    expect(scripts).not.toContain(PANEL_BUNDLE);
    expect(await page.locator(PANEL_HOST).count()).toBe(0);

    await setMode(/^On/);
    await linkedInPanel(page).getByText('Novare Potential').first().waitFor({ timeout: 30_000 });
    expect(scripts).toContain(PANEL_BUNDLE);
    await cdp.detach();
    await page.close();
  });

  test('an administrator\'s pin shows read-only, "Set by your administrator", and open pages follow it', async () => {
    const page = await open(PROFILE_URL);
    await linkedInPanel(page).getByText('Novare Potential').first().waitFor({ timeout: 30_000 });
    await options.evaluate(
      ([key]) => (globalThis as unknown as { chrome: { storage: { local: { set(items: object): Promise<void> } } } }).chrome.storage.local.set({ [key!]: { sites: { linkedin: 'side-panel-only' } } }),
      [TEST_POLICY_KEY],
    );
    const pinned = linkedInRow().getByRole('radio', { name: /^Side panel only/ });
    await expect(pinned).toBeChecked({ timeout: 15_000 });
    for (const radio of await linkedInRow().getByRole('radio').all()) await expect(radio).toBeDisabled();
    await expect(linkedInRow().getByText('Set by your administrator.')).toBeVisible();
    await expect(page.locator(PANEL_HOST)).toHaveCount(0, { timeout: 15_000 });
    // A fresh options page shows the pin too (read through the background's cached policy).
    const fresh = await h.context.newPage();
    await fresh.goto(`chrome-extension://${h.extensionId}/options.html`);
    await expect(fresh.getByRole('group', { name: 'LinkedIn' }).getByRole('radio', { name: /^Side panel only/ })).toBeChecked();
    await expect(fresh.getByRole('group', { name: 'LinkedIn' }).getByRole('radio', { name: /^On/ })).toBeDisabled();
    await fresh.close();
    await page.close();
  });
});
