/**
 * Profiles the CRM does not hold show the not-in-CRM state, with the server's suggestions when it
 * has any. Both pages are the real "complete" capture, edited at route time: once as an invented
 * member (another name and slug), once as a second profile with the same name as a CRM contact.
 */
import { builtContentScripts, capturesAvailable, CAPTURES_DIR, expect, test } from './fixtures.ts';
import { panel, panelText } from './linkedin-panel.ts';

const ready = capturesAvailable() && builtContentScripts() > 0;

const CAPTURE = '2024-07-12--profile--complete.html';
const CAPTURED_SLUG = 'daniel-ortega-lind';
const CAPTURED_NAME = 'Daniel Ortega Lind';

/** The capture as another member's page: every mention of the slug (top-card links) and maybe the name swapped. */
const asMember = (slug: string, name: string) => (html: string) => html.replaceAll(CAPTURED_SLUG, slug).replaceAll(CAPTURED_NAME, name);

test.describe('LinkedIn panel for members not in the CRM', () => {
  test.skip(!ready, `captures at ${CAPTURES_DIR} and a built content script are needed`);
  test.use({ connected: true });

  test('shows not-in-CRM, without suggestions, for an invented member', async ({ page, routeLinkedIn }) => {
    const url = 'https://www.linkedin.com/in/elin-marklund-4a1b2c/';
    await routeLinkedIn(url, CAPTURE, asMember('elin-marklund-4a1b2c', 'Elin Marklund'));
    await page.goto(url);
    const state = panel(page).locator('[data-state="not-in-crm"]');
    await state.waitFor({ timeout: 30_000 });
    // The page's own name and company, as the extractor read them from the edited capture.
    expect(await state.textContent()).toContain('No CRM contact matches Elin Marklund at Novare Potential.');
    expect(await state.textContent()).toContain('No likely matches.');
    expect(await panelText(page)).not.toContain(CAPTURED_NAME);
  });

  test('suggests the CRM contact with the same name at the same company for another profile', async ({ page, routeLinkedIn }) => {
    const url = 'https://www.linkedin.com/in/daniel-ortega-lind-b2b/';
    await routeLinkedIn(url, CAPTURE, asMember('daniel-ortega-lind-b2b', CAPTURED_NAME));
    await page.goto(url);
    const suggestions = panel(page).locator('[data-state="not-in-crm"] ul[aria-label="Suggestions"]');
    await suggestions.waitFor({ timeout: 30_000 });
    const items = suggestions.locator('li');
    expect(await items.count()).toBe(1);
    const text = await items.first().textContent();
    // CRM data: the contact's title at its account and why it is suggested.
    expect(text).toContain('Tech Education Team Lead at Novare Potential');
    expect(text).toContain('Same name at Novare Potential');
    await items.first().getByRole('button', { name: `This is them: ${CAPTURED_NAME}` }).waitFor();
  });
});
