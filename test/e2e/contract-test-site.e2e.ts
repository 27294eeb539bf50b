/**
 * The site contract proven by a site that exists only for this test: a tiny page at a fixed
 * `.invalid` URL, served here with `context.route`, with its own `extension/sites/contract-test/`
 * folder, one feature file (`features/contract-test-panel.tsx`) and one registry line, built only
 * into the e2e build (WXT_TEST_SITES=1). Its feature lives on an element (the person card): the
 * panel shows the CRM's record for the card's email, and goes when the card goes.
 */
import { builtContentScripts, expect, HOOK_TIMEOUT, startHarness, test, type Harness } from './fixtures.ts';
import { panel } from './linkedin-panel.ts';

const PAGE_URL = 'https://contract-test.signalhouse.invalid/people/p-1#card';
const HOST = 'div[data-signalhouse-ui="signalhouse-contract-test-panel"]';

/** A person card for Daniel Ortega Lind, whose email the demo CRM holds (server/seed/featured.ts). */
const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>People · Contract test</title></head>
<body><main>
<article data-contract-test="person">
  <h1 data-contract-test="name">Daniel Ortega Lind</h1>
  <a data-contract-test="email" href="mailto:daniel.ortega.lind@novarepotential.se">Email</a>
</article>
</main></body></html>`;

const ready = builtContentScripts() > 0;

test.describe('the contract-test site', () => {
  test.skip(!ready, 'no built content script');
  test.describe.configure({ mode: 'serial' });
  let h: Harness;
  test.beforeAll(async () => {
    test.setTimeout(HOOK_TIMEOUT);
    h = await startHarness();
    await h.connectAsDemoRep();
    // Registered after the harness's catch-all, so it answers first (Playwright runs the newest route first).
    await h.context.route('https://contract-test.signalhouse.invalid/**', (route) =>
      route.request().resourceType() === 'document'
        ? route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: PAGE })
        : route.abort('blockedbyclient'),
    );
  });
  test.afterAll(async () => {
    await h?.stop();
  });

  test('shows the panel for the person card, found by the email on it', async () => {
    const page = await h.context.newPage();
    await page.goto(PAGE_URL);
    await panel(page, HOST).locator('[data-panel="brief"]').waitFor({ timeout: 30_000 });
    await panel(page, HOST).getByText('Novare Potential').first().waitFor({ timeout: 10_000 });
    expect(await page.locator(HOST).count()).toBe(1);
    // The site's anchor: 8px from the top-right corner, not LinkedIn's 64px.
    const top = await panel(page, HOST).locator('[data-panel="brief"]').evaluate((card) => Math.round(card.getBoundingClientRect().top));
    expect(top).toBe(8);
    await page.close();
  });

  test('ends the panel when the card it lives on leaves the page (no navigation)', async () => {
    const page = await h.context.newPage();
    await page.goto(PAGE_URL);
    await panel(page, HOST).locator('[data-panel="brief"]').waitFor({ timeout: 30_000 });
    await page.evaluate(() => document.querySelector('article')?.remove());
    await page.locator(HOST).waitFor({ state: 'detached', timeout: 10_000 });
    expect(await page.locator(HOST).count()).toBe(0);
    await page.close();
  });
});
