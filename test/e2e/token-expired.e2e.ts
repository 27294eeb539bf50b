/**
 * An expired token, as the rep meets it (issue 9, item 7, the extension's side): connected as the
 * demo rep, the server then answers the token with 401 problem+json `token-expired` (served here by
 * routing the server's brief endpoint, as the server answers an expired token). An open profile
 * panel, the options page and the side panel's header each say the token expired, on which day,
 * and what to do; the panel changes without a reload once the rep has reconnected.
 */
import { afterAll, beforeAll, describe, it } from 'vitest';
import type { Route } from 'playwright-core';
import { builtContentScripts, capturesAvailable, CAPTURES_DIR, startHarness, type Harness } from './harness.ts';
import { crmRecordOf, waitForPanelText } from './linkedin-panel.ts';

const ready = capturesAvailable() && builtContentScripts() > 0;
if (!ready) console.warn(`token-expired.e2e: skipped (captures at ${CAPTURES_DIR} and a built content script are needed)`);

const SUBJECT = { url: 'https://www.linkedin.com/in/maya-rani-perera-48213c77/', file: '2024-07-25--profile--grouped-roles.html' };
const EXPIRED_AT = '2026-11-20T12:00:00.000Z';
const EXPIRED_WORDS = 'Your token expired on 20 November 2026: ask your admin for a new one';
const WAIT = 30_000;

describe.skipIf(!ready)('an expired token', () => {
  let h: Harness;
  let expired = true;
  beforeAll(async () => {
    h = await startHarness();
    await h.connectAsDemoRep();
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
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('is said in the panel, the options page and the side panel, and the panel shows the brief once the rep reconnects', async () => {
    const profile = await h.context.newPage();
    await profile.goto(SUBJECT.url);
    await waitForPanelText(profile, EXPIRED_WORDS, WAIT);

    const options = await h.context.newPage();
    await options.goto(`chrome-extension://${h.extensionId}/options.html`);
    await options.getByRole('status').getByText('Your token expired on 20 November 2026: ask your admin for a new one, then paste it here and Connect.').waitFor({ timeout: WAIT });

    const sidePanel = await h.context.newPage();
    await sidePanel.goto(`chrome-extension://${h.extensionId}/sidepanel.html`);
    await sidePanel.getByRole('status').filter({ hasText: EXPIRED_WORDS }).first().waitFor({ timeout: WAIT });

    // A new token (here: the server accepts the token again) and Connect: the open panel follows.
    expired = false;
    await options.getByLabel('Token').fill(h.token);
    await options.getByRole('button', { name: 'Connect', exact: true }).click();
    await waitForPanelText(profile, crmRecordOf(SUBJECT.url).account.name, WAIT);
  });
});
