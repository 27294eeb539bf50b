/**
 * An expired token, as the rep meets it (issue 9, item 7, the extension's side): connected as the
 * demo rep, the server then answers the token with 401 problem+json `token-expired` (served here by
 * routing the server's brief endpoint, as the server answers an expired token). An open profile
 * panel, the options page and the side panel's header each say the token expired, on which day,
 * and what to do; the panel changes without a reload once the rep has reconnected.
 */
import type { Route } from '@playwright/test';
import { builtContentScripts, capturesAvailable, CAPTURES_DIR, test } from './fixtures.ts';
import { crmRecordOf, waitForPanelText } from './linkedin-panel.ts';

const ready = capturesAvailable() && builtContentScripts() > 0;

const SUBJECT = { url: 'https://www.linkedin.com/in/maya-rani-perera-48213c77/', file: '2024-07-25--profile--grouped-roles.html' };
const EXPIRED_AT = '2026-11-20T12:00:00.000Z';
const EXPIRED_WORDS = 'Your token expired on 20 November 2026: ask your admin for a new one';
const WAIT = 30_000;

test.describe('an expired token', () => {
  test.skip(!ready, `captures at ${CAPTURES_DIR} and a built content script are needed`);
  test.use({ connected: true });

  test('is said in the panel, the options page and the side panel, and the panel shows the brief once the rep reconnects', async ({ harness: h, page: profile, extensionPage }) => {
    let expired = true;
    await h.routeLinkedIn(SUBJECT.url, SUBJECT.file);
    // Registered after the harness's catch-all, so it is asked first; the rest goes on to the server.
    await h.context.route(`${h.serverUrl}/v1/**`, (route: Route) => {
      if (!expired || route.request().method() === 'OPTIONS' || new URL(route.request().url()).pathname === '/v1/health') return route.fallback();
      return route.fulfill({
        status: 401,
        headers: { 'content-type': 'application/problem+json', 'access-control-allow-origin': `chrome-extension://${h.extensionId}` },
        body: JSON.stringify({ type: '/problems/token-expired', title: 'The token has expired', status: 401, detail: 'This token expired.', expiredAt: EXPIRED_AT }),
      });
    });
    await profile.goto(SUBJECT.url);
    await waitForPanelText(profile, EXPIRED_WORDS, WAIT);

    const options = await extensionPage('options');
    await options.getByRole('status').getByText('Your token expired on 20 November 2026: ask your admin for a new one, then paste it here and Connect.').waitFor({ timeout: WAIT });

    const sidePanel = await extensionPage('sidepanel');
    await sidePanel.getByRole('status').filter({ hasText: EXPIRED_WORDS }).first().waitFor({ timeout: WAIT });

    // A new token (here: the server accepts the token again) and Connect: the open panel follows.
    expired = false;
    await options.getByLabel('Token').fill(h.token);
    await options.getByRole('button', { name: 'Connect', exact: true }).click();
    await waitForPanelText(profile, crmRecordOf(SUBJECT.url).account.name, WAIT);
  });
});
