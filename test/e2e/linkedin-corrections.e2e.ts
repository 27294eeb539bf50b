/**
 * Corrections from the LinkedIn panel, end to end: real Chromium with the built extension, the
 * real server with demo data on loopback, captures served at their real URLs. A rep says the
 * panel shows the wrong person, searches the CRM and picks another: the panel switches to them,
 * and the server remembers it (the alias is there, and a page load with the extension's cache
 * emptied still shows the picked person). Flags sent from the panel are read back from the
 * server with the rep's token.
 */
import type { Page } from '@playwright/test';
import { builtContentScripts, capturesAvailable, CAPTURES_DIR, emptyBriefCache, expect, test, type Harness } from './fixtures.ts';
import { panel } from './linkedin-panel.ts';

/** GET from the real server as the demo rep. */
async function asRep<T>(h: Harness, path: string): Promise<T> {
  const res = await fetch(`${h.serverUrl}${path}`, { headers: { authorization: `Bearer ${h.token}` } });
  expect(res.status).toBe(200);
  return (await res.json()) as T;
}

/** Opens the profile at `url` (served from `capture`) in a new tab once its panel names `name`. */
async function openProfile(h: Harness, url: string, capture: string, name: string): Promise<Page> {
  await h.routeLinkedIn(url, capture);
  const page = await h.context.newPage();
  await page.goto(url);
  await panel(page).getByRole('heading', { name }).waitFor({ timeout: 20_000 });
  return page;
}

test.describe('LinkedIn panel corrections', () => {
  test.skip(!capturesAvailable(), `no captures at ${CAPTURES_DIR}`);
  test.skip(builtContentScripts() === 0, 'the built extension has no content script');
  test.use({ connected: true });

  test('Wrong match?: a searched and picked contact replaces the match, and the server remembers it', async ({ harness: h }) => {
    const url = 'https://www.linkedin.com/in/daniel-ortega-lind/';
    const page = await openProfile(h, url, '2024-07-12--profile--complete.html', 'Daniel Ortega Lind');
    const card = panel(page);
    await expect(card.locator('[data-match-method="linkedin_url"]').count()).resolves.toBe(1);

    await card.getByRole('button', { name: 'Wrong match?' }).click();
    const search = card.getByRole('searchbox', { name: 'Search CRM contacts' });
    await search.fill('Aron Gustav');
    await search.press('Enter');
    await card.getByRole('list', { name: 'Search results' }).getByRole('button', { name: 'This is them: Aron Gustav' }).first().click();

    // The panel asks the server again and now shows the picked person, matched by the alias.
    await card.getByRole('heading', { name: 'Aron Gustav' }).waitFor({ timeout: 15_000 });
    await card.locator('[data-match-method="alias"]').waitFor();
    expect(await card.getByRole('heading', { name: 'Daniel Ortega Lind' }).count()).toBe(0);

    const { aliases } = await asRep<{ aliases: { refKey: string; contactId: string }[] }>(h, '/v1/aliases');
    expect(aliases.map((a) => a.refKey)).toContain('linkedin:daniel-ortega-lind');
    await page.close();

    // A second load with nothing cached: what the panel shows comes from the server's alias.
    await emptyBriefCache(h.context.serviceWorkers()[0] ?? (await h.context.waitForEvent('serviceworker')));
    const again = await h.context.newPage();
    await again.goto(url);
    const panelAgain = panel(again);
    await panelAgain.getByRole('heading', { name: 'Aron Gustav' }).waitFor({ timeout: 20_000 });
    await panelAgain.locator('[data-match-method="alias"]').waitFor();
    expect(await panelAgain.getByRole('heading', { name: 'Daniel Ortega Lind' }).count()).toBe(0);
    await again.close();
  });

  test('Flag wrong data: the flag reaches the server, the panel says it was sent, the rep reads it back', async ({ harness: h }) => {
    const url = 'https://www.linkedin.com/in/maya-rani-perera-48213c77/';
    const page = await openProfile(h, url, '2024-07-25--profile--grouped-roles.html', 'Maya Rani Perera');
    const card = panel(page);

    // Keyboard only: the controls are native buttons and form fields.
    const open = card.getByRole('button', { name: 'Flag wrong data' });
    await open.focus();
    await page.keyboard.press('Enter');
    await card.getByLabel('Field').selectOption({ label: 'Title: Scrum Master - Software Engineer' });
    await card.getByLabel('What is wrong?').fill('Moved to a product role in 2025');
    await card.getByLabel('Right value (optional)').fill('Product Owner');
    await card.getByRole('button', { name: 'Send flag' }).focus();
    await page.keyboard.press('Enter');
    await card.locator('[data-control="flag-wrong-data"] [data-send-status="sent"]').waitFor({ timeout: 15_000 });

    const { flags } = await asRep<{ flags: Record<string, unknown>[] }>(h, '/v1/flags');
    expect(flags).toContainEqual(
      expect.objectContaining({ entity: 'contact', field: 'title', problem: 'Moved to a product role in 2025', suggestedValue: 'Product Owner', status: 'open' }),
    );
    await page.close();
  });

  test('Job change banner: "Flag for CRM update" files the page’s employer as the right value', async ({ harness: h }) => {
    const url = 'https://www.linkedin.com/in/ravikumaran/';
    const page = await openProfile(h, url, '2024-08-19--profile--long-tenure.html', 'Ravi Kumaran');
    const banner = panel(page).locator('[data-banner="job-change"]');
    await banner.getByRole('button', { name: 'Flag for CRM update' }).click();
    await banner.locator('[data-send-status="sent"]').waitFor({ timeout: 15_000 });
    expect(await banner.getByRole('button', { name: 'Flag for CRM update' }).isDisabled()).toBe(true);

    const { flags } = await asRep<{ flags: Record<string, unknown>[] }>(h, '/v1/flags?status=open');
    expect(flags).toContainEqual(expect.objectContaining({ entity: 'contact', field: 'company', suggestedValue: 'Tata Consultancy Services' }));
    await page.close();
  });
});
