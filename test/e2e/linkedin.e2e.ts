/**
 * LinkedIn profile end to end: a real 2024 capture served at the member's real URL, the
 * extension's content script reads it, the background asks the real server, and the panel
 * (in a shadow root) names the CRM account.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtContentScripts, capturesAvailable, CAPTURES_DIR, startHarness, type Harness } from './harness.ts';
import { PANEL_HOST, panel } from './linkedin-panel.ts';

const ready = capturesAvailable() && builtContentScripts() > 0;
if (!capturesAvailable()) console.warn(`linkedin.e2e: skipped, no captures at ${CAPTURES_DIR}`);
else if (!ready) console.warn('linkedin.e2e: skipped, the built extension has no content script');

describe.skipIf(!ready)('LinkedIn profile panel', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
    await h.connectAsDemoRep();
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('shows the matched account for a complete 2024 profile', async () => {
    const url = 'https://www.linkedin.com/in/daniel-ortega-lind/';
    await h.routeLinkedIn(url, '2024-07-12--profile--complete.html');
    const page = await h.context.newPage();
    await page.goto(url);
    // The capture itself names the company too: look only inside the panel's (closed) shadow root.
    await panel(page).getByText('Novare Potential').first().waitFor({ timeout: 20_000 });
    expect(await page.locator(PANEL_HOST).count()).toBe(1);
    await page.close();
  });
});
