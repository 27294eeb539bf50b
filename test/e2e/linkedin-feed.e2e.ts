/**
 * LinkedIn pages we do not serve load no renderer (Preact behind React's API, preact-alias.ts): on the feed, the content script runs (its
 * predicates refuse the page) and the panel bundle is never fetched nor parsed. The same page
 * then navigates in-page (pushState) to a profile, and the bundle is loaded and the panel shows,
 * which proves the script recorder below would have seen the bundle on the feed.
 *
 * Scripts are recorded with CDP `Debugger.scriptParsed`, which lists every script parsed in the
 * tab, content scripts and modules in the extension's isolated world included.
 */
import type { CDPSession, Page } from '@playwright/test';
import { builtContentScripts, capturesAvailable, CAPTURES_DIR, expect, test } from './fixtures.ts';
import { PANEL_HOST, panel } from './linkedin-panel.ts';

const FEED_URL = 'https://www.linkedin.com/feed/';
const PROFILE_URL = 'https://www.linkedin.com/in/daniel-ortega-lind/';
const CONTENT_SCRIPT = '/content-scripts/linkedin.js';
const PANEL_BUNDLE = '/content-scripts/linkedin-panel.js';
/**
 * A string in the renderer's build, never in our own code: the element type symbol's name, which
 * preact/compat keeps so React libraries recognise its elements.
 */
const RENDERER_MARKER = 'react.element';
/** How long the feed is watched after the content script ran; init would import the bundle at once. */
const SETTLE_MS = 2_000;

interface ParsedScript {
  scriptId: string;
  url: string;
}

/** Records the extension's scripts parsed in `page` from now on (attach before navigating). */
async function recordExtensionScripts(page: Page): Promise<{ cdp: CDPSession; scripts: ParsedScript[] }> {
  const cdp = await page.context().newCDPSession(page);
  const scripts: ParsedScript[] = [];
  cdp.on('Debugger.scriptParsed', (event) => {
    if (event.url.startsWith('chrome-extension://')) scripts.push({ scriptId: event.scriptId, url: event.url });
  });
  await cdp.send('Debugger.enable');
  await cdp.send('Debugger.setSkipAllPauses', { skip: true });
  return { cdp, scripts };
}

async function waitFor(check: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const pathOf = (url: string) => new URL(url).pathname;

test.describe('LinkedIn feed (a page we do not serve)', () => {
  test.skip(!capturesAvailable(), `no captures at ${CAPTURES_DIR}`);
  test.skip(builtContentScripts() === 0, 'the built extension has no content script');
  test.use({ connected: true });

  test('runs the content script without the renderer, then loads the panel bundle after pushState to a profile', async ({ page, routeLinkedIn }) => {
    await routeLinkedIn(FEED_URL, '2026-03--feed--handmade.html');
    const { cdp, scripts } = await recordExtensionScripts(page);
    await page.goto(FEED_URL);

    await waitFor(() => scripts.some((s) => pathOf(s.url) === CONTENT_SCRIPT), 'the LinkedIn content script');
    await page.waitForTimeout(SETTLE_MS);
    expect(scripts.map((s) => pathOf(s.url))).not.toContain(PANEL_BUNDLE);
    for (const script of scripts) {
      const { scriptSource } = await cdp.send('Debugger.getScriptSource', { scriptId: script.scriptId });
      // A boolean, so a failure names the script instead of printing all of it.
      expect(scriptSource.includes(RENDERER_MARKER), `renderer in ${pathOf(script.url)}`).toBe(false);
    }
    expect(await page.locator(PANEL_HOST).count()).toBe(0);

    // LinkedIn's own router: the title and URL change in the page's world, the document stays.
    await page.evaluate((url) => {
      document.title = 'Daniel Ortega Lind | LinkedIn';
      history.pushState({}, '', url);
    }, PROFILE_URL);

    const shown = panel(page);
    await shown.getByText('Novare Potential').first().waitFor({ timeout: 20_000 });
    const bundle = scripts.find((s) => pathOf(s.url) === PANEL_BUNDLE);
    expect(bundle, 'panel bundle parsed after navigating to a profile').toBeDefined();
    const { scriptSource } = await cdp.send('Debugger.getScriptSource', { scriptId: bundle!.scriptId });
    expect(scriptSource.includes(RENDERER_MARKER), 'renderer in the panel bundle').toBe(true);
    // The bundle's Tailwind reached the shadow root: the card is positioned by its classes.
    const position = await shown.locator('div.fixed').first().evaluate((el) => getComputedStyle(el).position);
    expect(position).toBe('fixed');

    await cdp.detach();
  });
});
