/**
 * Helpers the LinkedIn e2e specs share: the captures as `expected.json` lists them (read in place),
 * the demo data written for their subjects, and ways to read the panel, which lives in the open
 * shadow root of `signalhouse-linkedin-panel`.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { FEATURED_ACCOUNTS, FEATURED_PEOPLE, type FeaturedAccount, type FeaturedPerson } from '../../server/seed/featured.ts';
import { CAPTURES_DIR } from './harness.ts';

export const PANEL_HOST = 'signalhouse-linkedin-panel';

export interface Capture {
  file: string;
  url: string;
  /** The name on the page. */
  name: string;
  currentCompany?: string;
}

/** The six real captures, in `expected.json` order. */
export function captures(): Capture[] {
  const expected = JSON.parse(readFileSync(path.join(CAPTURES_DIR, 'expected.json'), 'utf8')) as Record<string, unknown>;
  return Object.entries(expected)
    .filter(([file]) => file.endsWith('.html'))
    .map(([file, value]) => ({ file, ...(value as Omit<Capture, 'file'>) }));
}

/** The capture's HTML as served. */
export function captureHtml(file: string): string {
  return readFileSync(path.join(CAPTURES_DIR, file), 'utf8');
}

/** What the demo CRM holds for the member at `url` (server/seed/featured.ts). */
export function crmRecordOf(url: string): { person: FeaturedPerson; account: FeaturedAccount } {
  const slug = /\/in\/([^/]+)\//.exec(url)?.[1];
  const person = FEATURED_PEOPLE.find((p) => p.slug === slug);
  const account = FEATURED_ACCOUNTS.find((a) => a.key === person?.accountKey);
  if (!person || !account) throw new Error(`no featured demo person for ${url}`);
  return { person, account };
}

/** The panel's whole text ('' when there is no panel), read in the page. */
export function panelText(page: Page): Promise<string> {
  return page.evaluate((host) => document.querySelector(host)?.shadowRoot?.textContent ?? '', PANEL_HOST);
}

/** Waits until the panel shows a brief (not the "looking up" card) and answers its text. */
export async function waitForBrief(page: Page, timeout = 30_000): Promise<string> {
  await page.locator(`${PANEL_HOST} [data-panel="brief"]`).waitFor({ timeout });
  return panelText(page);
}

/**
 * Records the panel's text at every animation frame (every paint) in the page, from now on, so a
 * spec can assert what never showed, not only what shows at the end.
 */
export async function recordPanelFrames(page: Page): Promise<void> {
  await page.evaluate((host) => {
    const frames: string[] = [];
    (window as unknown as { __panelFrames: string[] }).__panelFrames = frames;
    const tick = () => {
      frames.push(document.querySelector(host)?.shadowRoot?.textContent ?? '');
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  }, PANEL_HOST);
}

/** The texts `recordPanelFrames` collected so far. */
export function panelFrames(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { __panelFrames: string[] }).__panelFrames);
}

/**
 * Waits until the panel's text (read as `panelText` reads it) contains `text`, polling from the
 * test; answers how long that took. Rejects after `timeout` ms with the last text seen.
 */
export async function waitForPanelText(page: Page, text: string, timeout = 30_000): Promise<number> {
  const started = Date.now();
  let last = '';
  while (Date.now() - started < timeout) {
    last = await panelText(page).catch(() => '');
    if (last.includes(text)) return Date.now() - started;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  // The shadow root's stylesheet is text too and comes first: the panel's words are at the end.
  throw new Error(`the panel did not show "${text}" within ${timeout} ms; it ended with ${JSON.stringify(last.slice(-300))}`);
}
