/**
 * "My flags" end to end: real Chromium with the built extension, connected as the demo rep to the
 * real demo server. The rep flags a demo contact's title with their own token (what the LinkedIn
 * panel's `flagData` sends); the side panel lists it as Open; the demo admin accepts it with a
 * value through `POST /v1/flags/:id/resolve`; opened again, the side panel says
 * "Accepted: <value> — <note>" for that flag.
 */
import type { Page } from '@playwright/test';
import { DirectorySearch } from '../../shared/directory.ts';
import { FlagAnswer } from '../../shared/flag.ts';
import { expect, HOOK_TIMEOUT, startHarness, test, type Harness } from './fixtures.ts';

test.describe('my flags in the side panel', () => {
  // The flag is Open, then the admin resolves it.
  test.describe.configure({ mode: 'serial' });
  let h: Harness;
  let panel: Page;
  let flagId: string;

  const api = async (method: string, url: string, token: string, body?: unknown) => {
    const res = await fetch(`${h.serverUrl}${url}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    return { status: res.status, body: (await res.json()) as unknown };
  };
  const myFlags = () => panel.getByRole('region', { name: 'My flags', exact: true });
  /** My flags are on the side panel's Review tab (issue 11). */
  const showReview = () => panel.getByRole('tab', { name: 'Review', exact: true }).click();

  test.beforeAll(async () => {
    test.setTimeout(HOOK_TIMEOUT);
    h = await startHarness();
    await h.connectAsDemoRep();
    const found = await api('GET', '/v1/accounts?q=Maya%20Rani', h.token);
    const contact = DirectorySearch.parse(found.body).contacts[0];
    if (!contact) throw new Error('the demo seed has no Maya Rani');
    const made = await api('POST', '/v1/flags', h.token, { entity: 'contact', entityId: contact.id, field: 'title', problem: 'Promoted this autumn', suggestedValue: 'Head of Data' });
    expect(made.status).toBe(201);
    flagId = FlagAnswer.parse(made.body).flag.id;
    panel = await h.context.newPage();
    await panel.goto(`chrome-extension://${h.extensionId}/sidepanel.html`);
  });
  test.afterAll(async () => {
    await h?.stop();
  });

  test('lists the rep’s flag as Open with what the rep said', async () => {
    await showReview();
    const row = myFlags().getByRole('listitem').filter({ hasText: 'Promoted this autumn' });
    await row.waitFor({ timeout: 20_000 });
    expect(await row.locator('[data-flag-outcome]').textContent()).toBe('Open');
    expect(await row.textContent()).toContain('Contact · title');
    expect(await row.textContent()).toContain('(suggested: Head of Data)');
  });

  test('shows the admin’s acceptance with its value and note', async () => {
    const resolved = await api('POST', `/v1/flags/${flagId}/resolve`, h.adminToken, { action: 'accept', value: 'Head of Data Platform', note: 'Confirmed with her' });
    expect(resolved.status).toBe(200);
    // The rep opens the panel again (a reload mounts it afresh, as reopening it does).
    await panel.reload();
    await showReview();
    const row = myFlags().getByRole('listitem').filter({ hasText: 'Promoted this autumn' });
    await row.locator('[data-flag-outcome]').getByText('Accepted: Head of Data Platform — Confirmed with her', { exact: true }).waitFor({ timeout: 20_000 });
    expect(await row.getAttribute('data-flag-status')).toBe('resolved');
  });
});
