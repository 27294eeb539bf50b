/**
 * Options page end to end: the built extension in Chromium connects to the real server with
 * the demo rep's token and shows who the token belongs to; a wrong token shows an error.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './harness.ts';

describe('options page', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('loads the extension under the id the server allows by default (manifest key)', async () => {
    expect(h.extensionId).toBe('kbhdpjlnpmgpfcommknmpolgmgkalbhm');
    const origin = `chrome-extension://${h.extensionId}`;
    const preflight = await fetch(`${h.serverUrl}/v1/me`, {
      method: 'OPTIONS',
      headers: { Origin: origin, 'Access-Control-Request-Method': 'GET', 'Access-Control-Request-Headers': 'authorization' },
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBe(origin);
  });

  it('connects with the demo rep token and shows user, team and server version', async () => {
    const me = (await (await fetch(`${h.serverUrl}/v1/me`, { headers: { Authorization: `Bearer ${h.token}` } })).json()) as {
      user: { name: string };
    };
    const page = await h.context.newPage();
    await page.goto(`chrome-extension://${h.extensionId}/options.html`);
    await page.getByLabel('Server URL').fill(h.serverUrl);
    await page.getByLabel('Token').fill(h.token);
    await page.getByRole('button', { name: 'Connect', exact: true }).click();
    const status = page.getByRole('status');
    await status.getByText(me.user.name).waitFor();
    expect(await status.textContent()).toContain('Northwind Demo');
    expect(await status.textContent()).toMatch(/Server version\s*\d+\.\d+\.\d+/);
    await page.close();
  });

  it('shows an error for a wrong token', async () => {
    const page = await h.context.newPage();
    await page.goto(`chrome-extension://${h.extensionId}/options.html`);
    await page.getByLabel('Server URL').fill(h.serverUrl);
    await page.getByLabel('Token').fill('shk_wrong-token-for-this-server');
    await page.getByRole('button', { name: 'Connect', exact: true }).click();
    await page.getByRole('alert').getByText('Wrong token').waitFor();
    await page.close();
  });
});
