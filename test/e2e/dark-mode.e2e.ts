/**
 * Dark mode (issue 11, acceptance 5): the panel on a LinkedIn page, the side panel and the options
 * page follow the reader's `prefers-color-scheme` (Tailwind's `dark:` variants), with no serious or
 * critical axe violation in either scheme (contrast included), and the host page's own colours
 * are left as they were. The panel's pictures in the dark scheme are panel-visual.e2e.ts's.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { builtContentScripts, capturesAvailable, expect, test } from './fixtures.ts';
import { callSource, evaluateInExtensionWorld } from './extension-world.ts';
import { PANEL_HOST, waitForBrief } from './linkedin-panel.ts';
import { blocking, panelAxe } from './panel-checks.ts';

const SCHEMES = ['light', 'dark'] as const;

/** A CSS colour's lightness from 0 (black) to 1 (white): Tailwind 4 computes `oklch(L C H)`, older values are `rgb()`. */
function lightness(color: string): number {
  const oklch = /oklch\(\s*([\d.]+)(%?)/.exec(color);
  if (oklch) return Number(oklch[1]) / (oklch[2] ? 100 : 1);
  const rgb = /rgba?\(\s*([\d.]+)[,\s]+([\d.]+)[,\s]+([\d.]+)/.exec(color);
  if (rgb) return (0.2126 * Number(rgb[1]) + 0.7152 * Number(rgb[2]) + 0.0722 * Number(rgb[3])) / 255;
  throw new Error(`cannot read the colour ${color}`);
}

/** The brief card's background and text colours, read in the extension's world. */
function cardColoursIn(host: string): { background: string; text: string } | null {
  const element = document.querySelector(host);
  const dom = (globalThis as unknown as { chrome: { dom: { openOrClosedShadowRoot(e: Element): ShadowRoot | null } } }).chrome.dom;
  const card = element && dom.openOrClosedShadowRoot(element)?.querySelector('[data-panel="brief"]');
  if (!card) return null;
  const style = getComputedStyle(card);
  return { background: style.backgroundColor, text: style.color };
}

async function bodyColours(page: Page): Promise<{ background: string; text: string }> {
  return page.evaluate(() => ({ background: getComputedStyle(document.body).backgroundColor, text: getComputedStyle(document.body).color }));
}

/** Light scheme: a light background under dark text; dark: the other way round. */
function expectScheme(colours: { background: string; text: string }, scheme: (typeof SCHEMES)[number]): void {
  const [background, text] = [lightness(colours.background), lightness(colours.text)];
  if (scheme === 'dark') expect({ background: background < 0.35, text: text > 0.8 }, JSON.stringify(colours)).toEqual({ background: true, text: true });
  else expect({ background: background > 0.9, text: text < 0.35 }, JSON.stringify(colours)).toEqual({ background: true, text: true });
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
      const card = await evaluateInExtensionWorld<{ background: string; text: string } | null>(page, callSource(cardColoursIn as (...args: never[]) => unknown, PANEL_HOST));
      expectScheme(card!, scheme);
      // The host page's body as LinkedIn's own CSS paints it, whatever our scheme.
      const host = await bodyColours(page);
      await page.emulateMedia({ colorScheme: scheme === 'dark' ? 'light' : 'dark' });
      expect(await bodyColours(page)).toEqual(host);
      await page.emulateMedia({ colorScheme: scheme });
      expect(blocking(await panelAxe(page))).toEqual([]);
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
