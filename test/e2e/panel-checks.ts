/**
 * Visual and accessibility checks of a panel inside its CLOSED shadow root, which neither
 * Playwright's locators (`mask`) nor @axe-core/playwright (it runs axe in the page's world) can
 * enter. Both go through the extension's world instead (./extension-world.ts):
 *
 * - `maskPanel(page, selector)`: puts a transparent box in the page's light DOM over every element
 *   of the panel matching `selector` and answers a locator of those boxes, for `toHaveScreenshot`'s
 *   `mask`.
 * - `panelAxe(page)`: injects axe-core into the extension's world and runs it on the panel. axe
 *   walks shadow roots through `element.shadowRoot`, which is null for a closed root in every
 *   world, so the host gets a `shadowRoot` getter in that world only (a property on the isolated
 *   world's wrapper of the host: the page's scripts never see it). Test-only.
 * - `cardColours(page, host, card)` and `expectScheme(colours, scheme)`: a card's background and
 *   text colours inside the root, and whether they are the scheme's (light: dark text on light;
 *   dark: light text on dark), for the dark-mode checks of every panel.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { expect, type Locator, type Page } from '@playwright/test';
import { callSource, evaluateInExtensionWorld } from './extension-world.ts';
import { PANEL_HOST } from './linkedin-panel.ts';

/** One axe violation, as much of it as a failure message needs. */
export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

const MASK_ATTRIBUTE = 'data-e2e-mask';

/** What to mask: the panel's elements matching `selector`, and whose text matches `text` when given. */
export interface MaskRule {
  selector: string;
  text?: RegExp;
}

/** Boxes over the panel's elements each rule picks, as a locator for `toHaveScreenshot({ mask: [it] })`. */
export async function maskPanel(page: Page, rules: MaskRule[], host: string = PANEL_HOST): Promise<Locator> {
  const sent = rules.map((r) => ({ selector: r.selector, text: r.text ? { source: r.text.source, flags: r.text.flags } : null }));
  const rects = await evaluateInExtensionWorld<{ x: number; y: number; width: number; height: number }[]>(
    page,
    callSource(rectsIn as (...args: never[]) => unknown, host, sent),
  );
  await page.evaluate(
    ({ rects, attribute }) => {
      for (const old of document.querySelectorAll(`[${attribute}]`)) old.remove();
      for (const r of rects) {
        const box = document.createElement('div');
        box.setAttribute(attribute, '');
        Object.assign(box.style, { position: 'fixed', left: `${r.x}px`, top: `${r.y}px`, width: `${r.width}px`, height: `${r.height}px`, pointerEvents: 'none', zIndex: '2147483647' });
        document.documentElement.append(box);
      }
    },
    { rects, attribute: MASK_ATTRIBUTE },
  );
  return page.locator(`[${MASK_ATTRIBUTE}]`);
}

function rectsIn(host: string, rules: { selector: string; text: { source: string; flags: string } | null }[]): { x: number; y: number; width: number; height: number }[] {
  const element = document.querySelector(host);
  const dom = (globalThis as unknown as { chrome: { dom: { openOrClosedShadowRoot(e: Element): ShadowRoot | null } } }).chrome.dom;
  const root = element && dom.openOrClosedShadowRoot(element);
  if (!root) return [];
  return rules
    .flatMap(({ selector, text }) => [...root.querySelectorAll(selector)].filter((e) => !text || new RegExp(text.source, text.flags).test(e.textContent ?? '')))
    // Each line box of a wrapped inline element, not the box around them all.
    .flatMap((e) => [...e.getClientRects()])
    .filter((r) => r.width > 0 && r.height > 0)
    .map((r) => ({ x: r.x, y: r.y, width: r.width, height: r.height }));
}

let axeSource: string | undefined;

/** axe-core's own build, read from node_modules (the version @axe-core/playwright uses). */
function axe(): string {
  axeSource ??= readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  return axeSource;
}

/**
 * axe-core's violations of WCAG 2.x A and AA (and best practices) in the panel on `host`, run in
 * the extension's world. Impacts are kept so a spec can say which it refuses.
 */
export async function panelAxe(page: Page, host: string = PANEL_HOST): Promise<AxeViolation[]> {
  // axe's source defines `axe` on the world's global object; evaluated once per document.
  const loaded = await evaluateInExtensionWorld<boolean>(page, `typeof globalThis.axe === 'object'`);
  if (!loaded) await evaluateInExtensionWorld(page, `${axe()}\n;true`);
  return evaluateInExtensionWorld<AxeViolation[]>(page, callSource(axeIn as (...args: never[]) => unknown, host), 30_000);
}

async function axeIn(host: string): Promise<AxeViolation[]> {
  const element = document.querySelector(host);
  const dom = (globalThis as unknown as { chrome: { dom: { openOrClosedShadowRoot(e: Element): ShadowRoot | null } } }).chrome.dom;
  const root = element && dom.openOrClosedShadowRoot(element);
  if (!element || !root) throw new Error(`no panel on ${host}`);
  // This world's wrapper of the host only: the page's own scripts still read null.
  Object.defineProperty(element, 'shadowRoot', { configurable: true, get: () => root });
  const axe = (globalThis as unknown as { axe: { run(context: unknown, options: unknown): Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] }[] }> } }).axe;
  const result = await axe.run(
    { include: [element] },
    { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] }, resultTypes: ['violations'] },
  );
  return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.slice(0, 5).map((n) => JSON.stringify(n.target)) }));
}

/** Violations a rep would be stopped by: axe's serious and critical ones (issue 11's bar). */
export function blocking(violations: AxeViolation[]): AxeViolation[] {
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** A CSS colour's lightness from 0 (black) to 1 (white): Tailwind 4 computes `oklch(L C H)`, older values are `rgb()`. */
export function lightness(color: string): number {
  const oklch = /oklch\(\s*([\d.]+)(%?)/.exec(color);
  if (oklch) return Number(oklch[1]) / (oklch[2] ? 100 : 1);
  const rgb = /rgba?\(\s*([\d.]+)[,\s]+([\d.]+)[,\s]+([\d.]+)/.exec(color);
  if (rgb) return (0.2126 * Number(rgb[1]) + 0.7152 * Number(rgb[2]) + 0.0722 * Number(rgb[3])) / 255;
  throw new Error(`cannot read the colour ${color}`);
}

export type Scheme = 'light' | 'dark';
export interface Colours {
  background: string;
  text: string;
}

/** Light scheme: a light background under dark text; dark: the other way round. */
export function expectScheme(colours: Colours, scheme: Scheme, what = ''): void {
  const [background, text] = [lightness(colours.background), lightness(colours.text)];
  const message = `${what} ${JSON.stringify(colours)}`.trim();
  if (scheme === 'dark') expect({ background: background < 0.35, text: text > 0.8 }, message).toEqual({ background: true, text: true });
  else expect({ background: background > 0.9, text: text < 0.35 }, message).toEqual({ background: true, text: true });
}

/** The background and text colours of the first element matching `card` inside the panel on `host` (null: none). */
export function cardColours(page: Page, host: string, card: string): Promise<Colours | null> {
  return evaluateInExtensionWorld<Colours | null>(page, callSource(cardColoursIn as (...args: never[]) => unknown, host, card));
}

function cardColoursIn(host: string, card: string): Colours | null {
  const element = document.querySelector(host);
  const dom = (globalThis as unknown as { chrome: { dom: { openOrClosedShadowRoot(e: Element): ShadowRoot | null } } }).chrome.dom;
  const found = element && dom.openOrClosedShadowRoot(element)?.querySelector(card);
  if (!found) return null;
  const style = getComputedStyle(found);
  return { background: style.backgroundColor, text: style.color };
}
