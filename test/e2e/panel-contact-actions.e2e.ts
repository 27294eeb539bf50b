/**
 * The panel's contact actions (issue 11, acceptance 5): a phone number as a `tel:` action, the email
 * address as a `mailto:` action and a copy, and "Add as contact" on the not-in-CRM card when the
 * page's company is a CRM account, creating the contact on the server (checked there) and showing
 * their brief. Pages are the real captures, edited at route time to be another member where needed.
 */
import { builtContentScripts, capturesAvailable, CAPTURES_DIR, expect, test } from './fixtures.ts';
import { panel, waitForBrief } from './linkedin-panel.ts';

const ready = capturesAvailable() && builtContentScripts() > 0;

const CAPTURE = '2024-07-12--profile--complete.html';
const CAPTURED_SLUG = 'daniel-ortega-lind';
const CAPTURED_NAME = 'Daniel Ortega Lind';
/** The capture as another member's page (Novare Potential stays the company). */
const asMember = (slug: string, name: string) => (html: string) => html.replaceAll(CAPTURED_SLUG, slug).replaceAll(CAPTURED_NAME, name);

test.describe('The panel’s phone, email and Add as contact actions', () => {
  test.skip(!ready, `captures at ${CAPTURES_DIR} and a built content script are needed`);
  test.use({ connected: true });
  test.describe.configure({ mode: 'serial' });

  test('a phone number imported for a contact is a tel: action, its address a mailto: action', async ({ page, routeLinkedIn, harness }) => {
    const csv = [
      'name,emails,phones,linkedin_url,account_domain,title',
      'Elsa Berg,elsa.berg@novarepotential.se,+46 70 123 45 67,https://www.linkedin.com/in/elsa-berg-7c1d/,novarepotential.se,Head of People',
    ].join('\n');
    const imported = await fetch(`${harness.serverUrl}/v1/import/contacts`, {
      method: 'POST',
      headers: { authorization: `Bearer ${harness.adminToken}`, 'content-type': 'text/csv' },
      body: csv,
    });
    expect(imported.status, await imported.text()).toBeLessThan(300);

    const url = 'https://www.linkedin.com/in/elsa-berg-7c1d/';
    await routeLinkedIn(url, CAPTURE, asMember('elsa-berg-7c1d', 'Elsa Berg'));
    await page.goto(url);
    await waitForBrief(page);
    await panel(page).getByRole('button', { name: /^▸?\s*Contact/ }).first().click();
    const call = panel(page).getByRole('link', { name: 'Call +46701234567' });
    await call.waitFor({ timeout: 10_000 });
    expect(await call.evaluate((a) => a.getAttribute('href'))).toBe('tel:+46701234567');
    const email = panel(page).getByRole('link', { name: 'Email elsa.berg@novarepotential.se' });
    expect(await email.evaluate((a) => a.getAttribute('href'))).toBe('mailto:elsa.berg@novarepotential.se');
  });

  test('the next step emails through mailto: with the address, and copies the address', async ({ page, context, routeLinkedIn }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: 'https://www.linkedin.com' });
    const url = 'https://www.linkedin.com/in/arongustav/';
    await routeLinkedIn(url, '2024-07-25--profile--no-company-logo.html');
    await page.goto(url);
    await waitForBrief(page);
    const step = panel(page).locator('[data-section="next-best-action"]');
    const mailto = step.getByRole('link', { name: /^Email / });
    await mailto.waitFor({ timeout: 30_000 });
    const href = await mailto.evaluate((a) => a.getAttribute('href'));
    expect(href).toMatch(/^mailto:[^?&]+@[^?&]+$/);
    const address = href!.slice('mailto:'.length);
    await step.getByRole('button', { name: `Copy address ${address}` }).click();
    await step.getByRole('button', { name: `Copied ${address}` }).waitFor({ timeout: 10_000 });
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(address);
  });

  test('Add as contact on the not-in-CRM card creates the person on the page’s company’s account, and the panel shows their brief', async ({ page, routeLinkedIn, harness }) => {
    const profileUrl = 'https://www.linkedin.com/in/elin-marklund-4a1b2c/';
    await routeLinkedIn(profileUrl, CAPTURE, asMember('elin-marklund-4a1b2c', 'Elin Marklund'));
    await page.goto(profileUrl);
    const card = panel(page).locator('[data-add-contact]');
    await card.waitFor({ timeout: 30_000 });
    expect(await card.textContent()).toContain('Novare Potential is an account in the CRM.');
    await card.getByRole('button', { name: 'Add Elin Marklund as contact' }).click();
    // The panel is about her now: her brief, at Novare Potential.
    await panel(page).locator('[data-panel="brief"] header h2').getByText('Elin Marklund', { exact: true }).waitFor({ timeout: 30_000 });

    // On the server: the rep's brief for her profile URL finds her, on the account.
    const answer = await fetch(`${harness.serverUrl}/v1/briefs`, {
      method: 'POST',
      headers: { authorization: `Bearer ${harness.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ refs: [{ kind: 'linkedin', profileUrl }] }),
    });
    expect(answer.status).toBe(200);
    const { briefs } = (await answer.json()) as { briefs: ({ contact: { name: string } | null; account: { name: string } | null } | null)[] };
    expect(briefs[0]).toMatchObject({ contact: { name: 'Elin Marklund' }, account: { name: 'Novare Potential' } });
  });
});
