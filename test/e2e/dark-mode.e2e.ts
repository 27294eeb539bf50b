/**
 * Dark mode (issue 11, acceptance 5): the panel on a LinkedIn page, the panel on a Gmail thread
 * (the brief and Gmail's own thread part, issue 12), the side panel and the options page follow the
 * reader's `prefers-color-scheme` (Tailwind's `dark:` variants), with no serious or critical axe
 * violation in either scheme (contrast included), and the host page's own colours are left as they
 * were. The panel's pictures in the dark scheme are panel-visual.e2e.ts's; the meeting package's
 * scheme is checked in meetings.e2e.ts, where its data is.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { builtContentScripts, capturesAvailable, expect, test } from './fixtures.ts';
import { GMAIL_HOST, NOVARE, waitForGmailPanel } from './gmail-panel.ts';
import { PANEL_HOST, panelBox, waitForBrief } from './linkedin-panel.ts';
import { blocking, cardColours, expectScheme, panelAxe } from './panel-checks.ts';

const SCHEMES = ['light', 'dark'] as const;

async function bodyColours(page: Page): Promise<{ background: string; text: string }> {
  return page.evaluate(() => ({ background: getComputedStyle(document.body).backgroundColor, text: getComputedStyle(document.body).color }));
}

test.describe('Dark mode follows prefers-color-scheme', () => {
  test.use({ connected: true });

  for (const scheme of SCHEMES) {
    test(`the LinkedIn panel in the ${scheme} scheme, and the page's own colours untouched`, async ({ page, routeLinkedIn }) => {
      test.skip(!capturesAvailable() || builtContentScripts() === 0, 'captures and a built content script are needed');
      const url = 'https://www.linkedin.com/in/maya-rani-perera-48213c77/';
      await page.emulateMedia({ colorScheme: scheme });
      // The page without the extension's panel yet: its colours before we mount.
      await routeLinkedIn(url, '2024-07-25--profile--grouped-roles.html');
      await page.goto(url);
      await waitForBrief(page);
      expectScheme((await cardColours(page, PANEL_HOST, '[data-panel="brief"]'))!, scheme);
      // The host page's body as LinkedIn's own CSS paints it, whatever our scheme.
      const host = await bodyColours(page);
      await page.emulateMedia({ colorScheme: scheme === 'dark' ? 'light' : 'dark' });
      expect(await bodyColours(page)).toEqual(host);
      await page.emulateMedia({ colorScheme: scheme });
      expect(blocking(await panelAxe(page))).toEqual([]);
    });

    test(`the Gmail thread panel, its brief and its thread part, in the ${scheme} scheme, and axe finds nothing serious`, async ({ page, routePage }, testInfo) => {
      test.skip(builtContentScripts() === 0, 'a built content script is needed');
      await page.emulateMedia({ colorScheme: scheme });
      await routePage(NOVARE.url, { file: NOVARE.file });
      await page.goto(NOVARE.url);
      await waitForGmailPanel(page, ['Novare Potential', 'Log thread', 'Log email']);
      for (const card of ['[data-panel="brief"]', '[data-panel="thread-log"]']) expectScheme((await cardColours(page, GMAIL_HOST, card))!, scheme, card);
      // The picture, for a reader of the report (the brief's own baselines are panel-visual.e2e.ts's).
      await testInfo.attach(`gmail-${scheme}.png`, { body: await page.screenshot({ clip: await panelBox(page, GMAIL_HOST) }), contentType: 'image/png' });
      const violations = blocking(await panelAxe(page, GMAIL_HOST));
      expect(violations, JSON.stringify(violations, null, 1)).toEqual([]);
    });

    for (const name of ['sidepanel', 'options'] as const) {
      test(`the ${name} page in the ${scheme} scheme, and axe finds nothing serious`, async ({ extensionPage }) => {
        const page = await extensionPage(name);
        await page.emulateMedia({ colorScheme: scheme });
        await page.locator('main').waitFor();
        // The side panel's Today and the options' connection are on screen before axe looks.
        await page.waitForLoadState('networkidle').catch(() => undefined);
        expectScheme(await bodyColours(page), scheme);
        const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']).analyze();
        const serious = violations
          .filter((v) => v.impact === 'serious' || v.impact === 'critical')
          .map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ')) }));
        expect(serious, JSON.stringify(serious, null, 1)).toEqual([]);
      });
    }
  }
});
