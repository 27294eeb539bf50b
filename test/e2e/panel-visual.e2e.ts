/**
 * The panel as reps see it on each real capture (issue 11, acceptance 1's screenshots and axe):
 * a screenshot of the panel (its box on the page, first screen and the collapsed sections below;
 * also the not-in-CRM card with Add as contact, and the collapsed tab)
 * at 1440×900 and 1024×768, in the light and the dark colour scheme, against committed baselines
 * (test/e2e/__screenshots__/panel-visual.e2e.ts/), and axe-core with no serious or critical
 * violation inside the panel's closed root.
 *
 * Stable by construction: the demo data is dated relative to the server's start and the panel
 * measures ages from the browser's clock, so ages do not move; calendar dates (`<time>`, the deal's
 * close date) do and are masked; animations are stopped and the caret hidden (playwright.config.ts);
 * the fonts are the machine's (Debian's fonts-dejavu behind `font-sans`). docs/testing.md says
 * how to refresh the baselines.
 */
import { builtContentScripts, capturesAvailable, CAPTURES_DIR, expect, test } from './fixtures.ts';
import { blocking, maskPanel, panelAxe, type MaskRule } from './panel-checks.ts';
import { captures, crmRecordOf, panel, panelBox, waitForBrief } from './linkedin-panel.ts';

const ready = capturesAvailable() && builtContentScripts() > 0;

const VIEWPORTS = [
  { width: 1440, height: 900 },
  { width: 1024, height: 768 },
] as const;

/**
 * What changes with the day and hour, masked: calendar dates (the deal's close date, a \`<time>\`), the
 * cache's "as of" clock time, the why-now line, whose server-written reason names the day
 * ("latest yesterday": a visit 8 h ago is yesterday at 02:00, today at 12:00), and a risk line
 * the server words with a calendar date. Ages ("8 h ago")
 * do not move: the demo data is dated relative to the server's start and the panel measures from the browser's clock.
 */
const VOLATILE: MaskRule[] = [
  { selector: 'time' },
  { selector: '[data-cache]' },
  // Always, not only when it says "today": the same visit reads "latest today", "yesterday" or "2 days
  // ago" by the hour the suite runs, and a mask that comes and goes changes the picture too.
  { selector: '[data-line="why-now"]' },
  // A risk the server words with a date ("no activity in 16 days (last: meeting on 2026-11-18)").
  { selector: '[data-line="deal-risk"]', text: /\d{4}-\d{2}-\d{2}/ },
];

const SCHEMES = ['light', 'dark'] as const;

test.describe('The panel on each real capture, as a picture and to axe', () => {
  test.skip(!ready, `captures at ${CAPTURES_DIR} and a built content script are needed`);
  test.use({ connected: true });

  for (const { file, url, name } of ready ? captures() : []) {
    for (const viewport of VIEWPORTS) {
      for (const scheme of SCHEMES) {
        const shot = `${file.replace(/\.html$/, '')}--${viewport.width}x${viewport.height}--${scheme}.png`;
        test(`${file}: ${name}'s panel at ${viewport.width}×${viewport.height} in the ${scheme} scheme looks as its baseline and axe finds nothing serious`, async ({ page, routeLinkedIn }) => {
          crmRecordOf(url);
          await page.setViewportSize(viewport);
          await page.emulateMedia({ colorScheme: scheme });
          await routeLinkedIn(url, file);
          await page.goto(url);
          await waitForBrief(page);
          // The server's brief, not the cached or URL-only one: the next step has its control.
          await panel(page).locator('[data-section="next-best-action"] :is(a, button)').first().waitFor({ timeout: 30_000 });
          await page.evaluate(() => document.fonts.ready.then(() => undefined));

          const mask = await maskPanel(page, VOLATILE);
          await expect(page).toHaveScreenshot(shot, { clip: await panelBox(page), mask: [mask] });

          const violations = blocking(await panelAxe(page));
          expect(violations, JSON.stringify(violations, null, 1)).toEqual([]);
        });
      }
    }
  }

  for (const scheme of SCHEMES) {
    test(`not in CRM (an invented member at a CRM account's company) and the collapsed tab, in the ${scheme} scheme, look as their baselines and axe finds nothing serious`, async ({ page, routeLinkedIn }) => {
      await page.setViewportSize({ width: 1440, height: 900 });
      await page.emulateMedia({ colorScheme: scheme });
      const url = 'https://www.linkedin.com/in/elin-marklund-4a1b2c/';
      await routeLinkedIn(url, '2024-07-12--profile--complete.html', (html) => html.replaceAll('daniel-ortega-lind', 'elin-marklund-4a1b2c').replaceAll('Daniel Ortega Lind', 'Elin Marklund'));
      await page.goto(url);
      // With its "Add as contact" at Novare Potential: the card's last part to arrive.
      await panel(page).locator('[data-add-contact]').waitFor({ timeout: 30_000 });
      await expect(page).toHaveScreenshot(`not-in-crm--1440x900--${scheme}.png`, { clip: await panelBox(page) });
      expect(blocking(await panelAxe(page))).toEqual([]);

      // Collapsed: the tab on the edge (the first screen's card is not in CRM here, so no priority dot);
      // the collapsed state is remembered, so the card is shown again after.
      await page.keyboard.press('Alt+Shift+KeyP');
      await panel(page).locator('[data-panel="tab"]').waitFor({ timeout: 10_000 });
      await expect(page).toHaveScreenshot(`collapsed-tab--1440x900--${scheme}.png`, { clip: await panelBox(page) });
      expect(blocking(await panelAxe(page))).toEqual([]);
      await page.keyboard.press('Alt+Shift+KeyP');
      await panel(page).locator('[data-state="not-in-crm"]').waitFor({ timeout: 10_000 });
    });
  }
});
