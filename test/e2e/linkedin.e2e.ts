/**
 * LinkedIn profile end to end: a real 2024 capture served at the member's real URL, the
 * extension's content script reads it, the background asks the real server, and the panel
 * (in a shadow root) names the CRM account.
 */
import { builtContentScripts, capturesAvailable, CAPTURES_DIR, expect, test } from './fixtures.ts';
import { PANEL_HOST, panel } from './linkedin-panel.ts';

test.describe('LinkedIn profile panel', () => {
  test.skip(!capturesAvailable(), `no captures at ${CAPTURES_DIR}`);
  test.skip(builtContentScripts() === 0, 'the built extension has no content script');
  test.use({ connected: true });

  test('shows the matched account for a complete 2024 profile', async ({ page, routeLinkedIn }) => {
    const url = 'https://www.linkedin.com/in/daniel-ortega-lind/';
    await routeLinkedIn(url, '2024-07-12--profile--complete.html');
    await page.goto(url);
    // The capture itself names the company too: look only inside the panel's (closed) shadow root.
    await panel(page).getByText('Novare Potential').first().waitFor({ timeout: 20_000 });
    expect(await page.locator(PANEL_HOST).count()).toBe(1);
  });
});
