/**
 * Options page end to end: the built extension in Chromium connects to the real server with
 * the demo rep's token and shows who the token belongs to; a wrong token shows an error.
 */
import { expect, test } from './fixtures.ts';

test.describe('options page', () => {
  test('loads the extension under the id the server allows by default (manifest key)', async ({ harness: h }) => {
    expect(h.extensionId).toBe('kbhdpjlnpmgpfcommknmpolgmgkalbhm');
    const origin = `chrome-extension://${h.extensionId}`;
    const preflight = await fetch(`${h.serverUrl}/v1/me`, {
      method: 'OPTIONS',
      headers: { Origin: origin, 'Access-Control-Request-Method': 'GET', 'Access-Control-Request-Headers': 'authorization' },
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBe(origin);
  });

  test('connects with the demo rep token and shows user, team and server version', async ({ harness: h, extensionPage }) => {
    const me = (await (await fetch(`${h.serverUrl}/v1/me`, { headers: { Authorization: `Bearer ${h.token}` } })).json()) as {
      user: { name: string };
    };
    const page = await extensionPage('options');
    await page.getByLabel('Server URL').fill(h.serverUrl);
    await page.getByLabel('Token').fill(h.token);
    await page.getByRole('button', { name: 'Connect', exact: true }).click();
    const status = page.getByRole('status');
    await status.getByText(me.user.name).waitFor();
    expect(await status.textContent()).toContain('Northwind Demo');
    expect(await status.textContent()).toMatch(/Server version\s*\d+\.\d+\.\d+/);
  });

  test('shows an error for a wrong token', async ({ harness: h, extensionPage }) => {
    const page = await extensionPage('options');
    await page.getByLabel('Server URL').fill(h.serverUrl);
    await page.getByLabel('Token').fill('shk_wrong-token-for-this-server');
    await page.getByRole('button', { name: 'Connect', exact: true }).click();
    await page.getByRole('alert').getByText('Wrong token').waitFor();
  });
});
