/**
 * Every real capture, served at its own URL: the panel shows the member's CRM record (the demo
 * data in server/seed/featured.ts), which the page itself does not contain: the CRM's title at
 * the CRM's account, and the account's open deal. Ravi Kumaran's page says Tata Consultancy
 * Services while the CRM still has him at Infosys: the job-change banner says so.
 */
import { builtContentScripts, capturesAvailable, CAPTURES_DIR, expect, test } from './fixtures.ts';
import { captureHtml, captures, crmRecordOf, openAllSections, PANEL_HOST, panel, waitForBrief, waitForPanelText } from './linkedin-panel.ts';

const ready = capturesAvailable() && builtContentScripts() > 0;

test.describe('LinkedIn panel for each real capture', () => {
  test.skip(!ready, `captures at ${CAPTURES_DIR} and a built content script are needed`);
  test.use({ connected: true });

  for (const { file, url, name } of ready ? captures() : []) {
    test(`${file} shows ${name} from the CRM`, async ({ page, routeLinkedIn }) => {
      const { person, account } = crmRecordOf(url);
      const html = captureHtml(file);
      const crmLine = `${person.title} at ${account.name}`;
      // The deal exists only in the CRM: the panel cannot have copied it from the page.
      expect(html.includes(account.deal.name), 'the page names the deal').toBe(false);

      await routeLinkedIn(url, file);
      await page.goto(url);
      const text = await waitForBrief(page);
      const header = panel(page).locator('[data-panel="brief"] header');
      expect(await header.getByRole('heading').textContent()).toBe(name);
      expect(await header.locator('p').textContent()).toBe(crmLine);
      expect(text).toContain(name);
      // The deal is in Open deals, collapsed on the first screen; the rep opens it.
      await openAllSections(page);
      await waitForPanelText(page, account.deal.name);
      expect(await page.locator(PANEL_HOST).count()).toBe(1);
    });
  }

  test('shows the job change for the member the CRM still has at a previous employer', async ({ page, routeLinkedIn }) => {
    const url = 'https://www.linkedin.com/in/ravikumaran/';
    const { person, account } = crmRecordOf(url);
    expect(person.pageCompany).toBe('Tata Consultancy Services');
    expect(account.name).toBe('Infosys');
    await routeLinkedIn(url, '2024-08-19--profile--long-tenure.html');
    await page.goto(url);
    const banner = panel(page).locator('[data-banner="job-change"]');
    await banner.waitFor({ timeout: 30_000 });
    expect(await banner.textContent()).toContain('Now at Tata Consultancy Services — CRM says Infosys.');
  });

  test('shows no job-change banner where the page and the CRM agree', async ({ page, routeLinkedIn }) => {
    const url = 'https://www.linkedin.com/in/maya-rani-perera-48213c77/';
    await routeLinkedIn(url, '2024-07-25--profile--grouped-roles.html');
    await page.goto(url);
    await waitForBrief(page);
    expect(await panel(page).locator('[data-banner="job-change"]').count()).toBe(0);
  });
});
