/**
 * Every real capture, served at its own URL: the panel shows the member's CRM record (the demo
 * data in server/seed/featured.ts), which the page itself does not contain: the CRM's title at
 * the CRM's account, and the account's open deal. Ravi Kumaran's page says Tata Consultancy
 * Services while the CRM still has him at Infosys: the job-change banner says so.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtContentScripts, capturesAvailable, CAPTURES_DIR, startHarness, type Harness } from './harness.ts';
import { captureHtml, captures, crmRecordOf, PANEL_HOST, panel, waitForBrief } from './linkedin-panel.ts';

const ready = capturesAvailable() && builtContentScripts() > 0;
if (!ready) console.warn(`linkedin-captures.e2e: skipped (captures at ${CAPTURES_DIR} and a built content script are needed)`);

describe.skipIf(!ready)('LinkedIn panel for each real capture', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
    await h.connectAsDemoRep();
  });
  afterAll(async () => {
    await h?.stop();
  });

  it.each(ready ? captures() : [])('$file shows $name from the CRM', async ({ file, url, name }) => {
    const { person, account } = crmRecordOf(url);
    const html = captureHtml(file);
    const crmLine = `${person.title} at ${account.name}`;
    // The deal exists only in the CRM: the panel cannot have copied it from the page.
    expect(html.includes(account.deal.name), 'the page names the deal').toBe(false);

    await h.routeLinkedIn(url, file);
    const page = await h.context.newPage();
    try {
      await page.goto(url);
      const text = await waitForBrief(page);
      const header = panel(page).locator('[data-panel="brief"] header');
      expect(await header.getByRole('heading').textContent()).toBe(name);
      expect(await header.locator('p').textContent()).toBe(crmLine);
      expect(text).toContain(account.deal.name);
      expect(await page.locator(PANEL_HOST).count()).toBe(1);
    } finally {
      await page.close();
    }
  });

  it('shows the job change for the member the CRM still has at a previous employer', async () => {
    const url = 'https://www.linkedin.com/in/ravikumaran/';
    const { person, account } = crmRecordOf(url);
    expect(person.pageCompany).toBe('Tata Consultancy Services');
    expect(account.name).toBe('Infosys');
    await h.routeLinkedIn(url, '2024-08-19--profile--long-tenure.html');
    const page = await h.context.newPage();
    try {
      await page.goto(url);
      const banner = panel(page).locator('[data-banner="job-change"]');
      await banner.waitFor({ timeout: 30_000 });
      expect(await banner.textContent()).toContain('Now at Tata Consultancy Services — CRM says Infosys.');
    } finally {
      await page.close();
    }
  });

  it('shows no job-change banner where the page and the CRM agree', async () => {
    const url = 'https://www.linkedin.com/in/maya-rani-perera-48213c77/';
    await h.routeLinkedIn(url, '2024-07-25--profile--grouped-roles.html');
    const page = await h.context.newPage();
    try {
      await page.goto(url);
      await waitForBrief(page);
      expect(await panel(page).locator('[data-banner="job-change"]').count()).toBe(0);
    } finally {
      await page.close();
    }
  });
});
