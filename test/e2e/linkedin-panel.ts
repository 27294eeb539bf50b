/**
 * Helpers the LinkedIn e2e specs share: the captures as `expected.json` lists them (read in place),
 * the demo data written for their subjects, and the tests' one way into the panel.
 *
 * The panel lives in a CLOSED shadow root on `PANEL_HOST`: the page (and so
 * Playwright's own locators, which run in a world of the page) cannot see into it. `panel(page)` is
 * a small locator that runs its queries in the extension's content-script world instead
 * (./extension-world.ts, over the DevTools protocol), and clicks and types with Playwright's real
 * mouse and keyboard at the element's place on screen.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { FEATURED_ACCOUNTS, FEATURED_PEOPLE, type FeaturedAccount, type FeaturedPerson } from '../../server/seed/featured.ts';
import { callSource, evaluateInExtensionWorld } from './extension-world.ts';
import { CAPTURES_DIR } from './harness.ts';

/** The panel's host element (light DOM: a plain div with one marker attribute, extension/core/page/mount.ts). */
export const PANEL_HOST = 'div[data-signalhouse-ui="signalhouse-linkedin-panel"]';

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


/** One step of a panel locator, resolved in the extension's world. */
type Step =
  | { kind: 'css'; selector: string }
  | { kind: 'role'; role: string; name?: string | { regex: string; flags: string }; exact?: boolean; level?: number }
  | { kind: 'text'; text: string | { regex: string; flags: string }; exact?: boolean }
  | { kind: 'label'; text: string; exact?: boolean }
  | { kind: 'nth'; index: number };

type Action =
  | { kind: 'count' }
  | { kind: 'state' }
  | { kind: 'text' }
  | { kind: 'point' }
  | { kind: 'focus'; select?: boolean }
  | { kind: 'selectOption'; label: string }
  | { kind: 'target' };

interface State {
  count: number;
  visible: boolean;
  enabled: boolean;
}

/**
 * Runs in the extension's world: finds the panel's closed root, resolves `steps` from it (as
 * Playwright's locators do: CSS, role and accessible name, text, label, nth) and performs `action`
 * on what it found. Self-contained: it is sent as source text.
 */
function inPanel(host: string, steps: Step[], action: Action): unknown {
  const element = document.querySelector(host);
  const root: ShadowRoot | null = element ? (globalThis as unknown as { chrome: { dom: { openOrClosedShadowRoot(e: Element): ShadowRoot | null } } }).chrome.dom.openOrClosedShadowRoot(element) : null;
  const norm = (text: string | null | undefined) => (text ?? '').replace(/\s+/g, ' ').trim();
  const matches = (value: string, want: string | { regex: string; flags: string }, exact?: boolean) => {
    if (typeof want !== 'string') return new RegExp(want.regex, want.flags).test(value);
    return exact ? value === norm(want) : value.toLowerCase().includes(norm(want).toLowerCase());
  };
  const visible = (e: Element) => {
    const rect = e.getBoundingClientRect();
    return rect.width > 0 && rect.height > 0 && e.checkVisibility({ visibilityProperty: true });
  };
  const roleOf = (e: Element): string => {
    const explicit = e.getAttribute('role');
    if (explicit) return explicit.split(' ')[0]!;
    const tag = e.tagName.toLowerCase();
    const type = (e.getAttribute('type') ?? 'text').toLowerCase();
    if (tag === 'button' || (tag === 'input' && ['button', 'submit', 'reset', 'image'].includes(type))) return 'button';
    if (/^h[1-6]$/.test(tag)) return 'heading';
    if (tag === 'a' && e.hasAttribute('href')) return 'link';
    if (tag === 'ul' || tag === 'ol' || tag === 'menu') return 'list';
    if (tag === 'li') return 'listitem';
    if (tag === 'fieldset' || tag === 'details') return 'group';
    if (tag === 'section' && (e.hasAttribute('aria-label') || e.hasAttribute('aria-labelledby'))) return 'region';
    if (tag === 'select') return (e as HTMLSelectElement).multiple || (e as HTMLSelectElement).size > 1 ? 'listbox' : 'combobox';
    if (tag === 'option') return 'option';
    if (tag === 'textarea') return 'textbox';
    if (tag === 'input') {
      if (type === 'search') return 'searchbox';
      if (type === 'checkbox' || type === 'radio') return type;
      if (['text', 'email', 'tel', 'url', 'number', 'password'].includes(type)) return 'textbox';
    }
    if (tag === 'output') return 'status';
    if (tag === 'nav') return 'navigation';
    if (tag === 'article') return 'article';
    if (tag === 'p') return 'paragraph';
    if (tag === 'dialog') return 'dialog';
    if (tag === 'img') return 'img';
    return '';
  };
  const byId = (id: string) => root?.getElementById(id);
  const labelsOf = (e: Element): string => {
    const labelled = e.getAttribute('aria-labelledby');
    if (labelled) return norm(labelled.split(/\s+/).map((id) => byId(id)?.textContent ?? '').join(' '));
    const aria = e.getAttribute('aria-label');
    if (aria) return norm(aria);
    const labels = (e as HTMLInputElement).labels;
    if (labels && labels.length) return norm([...labels].map((l) => l.textContent).join(' '));
    return '';
  };
  const nameOf = (e: Element): string => {
    const labelled = labelsOf(e);
    if (labelled) return labelled;
    const role = roleOf(e);
    if (['button', 'heading', 'link', 'listitem', 'option', 'tab', 'menuitem', 'cell', 'status'].includes(role)) return norm(e.textContent);
    return norm(e.getAttribute('title') ?? e.getAttribute('placeholder') ?? '');
  };
  // The scope itself and what is inside it, as Playwright's text, role and label engines search
  // (`locator('header p').getByText(...)` may answer the <p> itself); CSS steps look inside only.
  const descendants = (scope: Element | ShadowRoot) =>
    [...(scope instanceof Element ? [scope] : []), ...scope.querySelectorAll('*')].filter((e) => !['STYLE', 'SCRIPT'].includes(e.tagName));
  const step = (scopes: (Element | ShadowRoot)[], s: Step): Element[] => {
    if (s.kind === 'nth') {
      const all = scopes as Element[];
      const picked = s.index < 0 ? all[all.length + s.index] : all[s.index];
      return picked ? [picked] : [];
    }
    const found = new Set<Element>();
    for (const scope of scopes) {
      if (s.kind === 'css') for (const e of scope.querySelectorAll(s.selector)) found.add(e);
      if (s.kind === 'role')
        for (const e of descendants(scope)) {
          if (roleOf(e) !== s.role || !visible(e) || e.closest('[aria-hidden="true"]')) continue;
          if (s.level !== undefined && Number(e.getAttribute('aria-level') ?? e.tagName.slice(1)) !== s.level) continue;
          if (s.name !== undefined && !matches(nameOf(e), s.name, s.exact)) continue;
          found.add(e);
        }
      if (s.kind === 'text') {
        const hits = descendants(scope).filter((e) => matches(norm(e.textContent), s.text, s.exact));
        // The innermost elements holding the text, as Playwright's text engine answers.
        for (const e of hits) if (!hits.some((other) => other !== e && e.contains(other))) found.add(e);
      }
      if (s.kind === 'label')
        for (const e of descendants(scope)) {
          if (!['INPUT', 'SELECT', 'TEXTAREA', 'BUTTON'].includes(e.tagName) && !e.hasAttribute('aria-label') && !e.hasAttribute('aria-labelledby')) continue;
          if (matches(labelsOf(e), s.text, s.exact)) found.add(e);
        }
    }
    return [...found];
  };
  let scopes: (Element | ShadowRoot)[] = root ? [root] : [];
  for (const s of steps) scopes = step(scopes, s);
  // `panel(page)` alone is the shadow root itself.
  const targets = scopes;
  if (action.kind === 'count') return targets.length;
  if (action.kind === 'state') {
    const first = targets[0];
    if (!(first instanceof Element)) return { count: targets.length, visible: !!first, enabled: !!first };
    return {
      count: targets.length,
      visible: visible(first),
      enabled: !(first as HTMLButtonElement).disabled && first.getAttribute('aria-disabled') !== 'true',
    };
  }
  if (action.kind === 'target') {
    if (!targets[0]) throw new Error('panel locator: nothing found to evaluate on');
    return targets[0];
  }
  if (targets.length !== 1) throw new Error(`panel locator: ${targets.length} elements match ${JSON.stringify(steps)} (one needed)`);
  const target = targets[0] as HTMLElement;
  if (!(target instanceof Element)) throw new Error('panel locator: the shadow root itself has no such action');
  if (action.kind === 'text') return target.textContent;
  if (action.kind === 'focus') {
    target.focus();
    if (action.select && 'select' in target) (target as HTMLInputElement).select();
    return root?.activeElement === target;
  }
  if (action.kind === 'selectOption') {
    const select = target as HTMLSelectElement;
    const option = [...select.options].find((o) => norm(o.label || o.textContent) === norm(action.label));
    if (!option) throw new Error(`panel locator: no option labelled ${action.label}`);
    // What Playwright's selectOption does: pick it, then the events a user's pick fires.
    select.value = option.value;
    select.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    select.dispatchEvent(new Event('change', { bubbles: true }));
    return true;
  }
  // point: scrolled into view; where a click lands, and whether it lands on the element.
  target.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  const rect = target.getBoundingClientRect();
  const x = rect.left + rect.width / 2;
  const y = rect.top + rect.height / 2;
  const hit = root?.elementFromPoint(x, y);
  return { x, y, hits: !!hit && (hit === target || target.contains(hit)) };
}

const pattern = (value: string | RegExp) => (typeof value === 'string' ? value : { regex: value.source, flags: value.flags });

/**
 * A locator into the panel's closed shadow root: the subset of Playwright's Locator the specs use,
 * with the same names and defaults (`waitFor` waits for visible; actions need exactly one match).
 */
export class PanelLocator {
  constructor(
    private readonly page: Page,
    private readonly steps: Step[] = [],
    /** The panel's host element: LinkedIn's unless a spec names another site's. */
    private readonly host: string = PANEL_HOST,
  ) {}

  private then_(step: Step): PanelLocator {
    return new PanelLocator(this.page, [...this.steps, step], this.host);
  }

  locator(selector: string): PanelLocator {
    return this.then_({ kind: 'css', selector });
  }

  getByRole(role: string, options: { name?: string | RegExp; exact?: boolean; level?: number } = {}): PanelLocator {
    return this.then_({ kind: 'role', role, ...(options.name !== undefined ? { name: pattern(options.name) } : {}), exact: options.exact, level: options.level });
  }

  getByText(text: string | RegExp, options: { exact?: boolean } = {}): PanelLocator {
    return this.then_({ kind: 'text', text: pattern(text), exact: options.exact });
  }

  getByLabel(text: string, options: { exact?: boolean } = {}): PanelLocator {
    return this.then_({ kind: 'label', text, exact: options.exact });
  }

  first(): PanelLocator {
    return this.then_({ kind: 'nth', index: 0 });
  }

  nth(index: number): PanelLocator {
    return this.then_({ kind: 'nth', index });
  }

  private run<T>(action: Action): Promise<T> {
    return evaluateInExtensionWorld<T>(this.page, callSource(inPanel as (...args: never[]) => unknown, this.host, this.steps, action));
  }

  /** How many elements match now (0 while there is no panel; the root alone counts 1). */
  count(): Promise<number> {
    return this.run<number>({ kind: 'count' });
  }

  /** Polls until `ready(state)`, or throws after `timeout` ms naming the locator. */
  private async until(ready: (state: State) => boolean, timeout: number, what: string): Promise<State> {
    const deadline = Date.now() + timeout;
    for (;;) {
      const state = await this.run<State>({ kind: 'state' });
      if (ready(state)) return state;
      if (Date.now() > deadline) throw new Error(`panel locator ${JSON.stringify(this.steps)}: not ${what} within ${timeout} ms (${JSON.stringify(state)})`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  async waitFor(options: { state?: 'visible' | 'attached' | 'detached' | 'hidden'; timeout?: number } = {}): Promise<void> {
    const want = options.state ?? 'visible';
    const ready = {
      visible: (s: State) => s.count > 0 && s.visible,
      attached: (s: State) => s.count > 0,
      detached: (s: State) => s.count === 0,
      hidden: (s: State) => s.count === 0 || !s.visible,
    }[want];
    await this.until(ready, options.timeout ?? 30_000, want);
  }

  async textContent(options: { timeout?: number } = {}): Promise<string | null> {
    await this.until((s) => s.count > 0, options.timeout ?? 30_000, 'attached');
    return this.run<string | null>({ kind: 'text' });
  }

  async isDisabled(): Promise<boolean> {
    return !(await this.until((s) => s.count > 0, 30_000, 'attached')).enabled;
  }

  /** A real click (Playwright's mouse) at the element's centre, once it is visible, enabled and on top. */
  async click(options: { timeout?: number; clickCount?: number } = {}): Promise<void> {
    const timeout = options.timeout ?? 30_000;
    const deadline = Date.now() + timeout;
    for (;;) {
      await this.until((s) => s.count > 0 && s.visible && s.enabled, Math.max(0, deadline - Date.now()), 'visible and enabled');
      const point = await this.run<{ x: number; y: number; hits: boolean }>({ kind: 'point' });
      if (point.hits) return this.page.mouse.click(point.x, point.y, { clickCount: options.clickCount ?? 1 });
      if (Date.now() > deadline) throw new Error(`panel locator ${JSON.stringify(this.steps)}: something else is on top of it`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  async focus(): Promise<void> {
    await this.until((s) => s.count > 0 && s.visible, 30_000, 'visible');
    await this.run({ kind: 'focus' });
  }

  /** Focuses the field, selects what it holds and types `text` over it (real keyboard input). */
  async fill(text: string): Promise<void> {
    await this.until((s) => s.count > 0 && s.visible && s.enabled, 30_000, 'visible and enabled');
    await this.run({ kind: 'focus', select: true });
    if (text) await this.page.keyboard.insertText(text);
    else await this.page.keyboard.press('Delete');
  }

  /** Focuses the element and presses `key` on the real keyboard. */
  async press(key: string): Promise<void> {
    await this.focus();
    await this.page.keyboard.press(key);
  }

  async selectOption(option: { label: string }): Promise<void> {
    await this.until((s) => s.count > 0 && s.visible && s.enabled, 30_000, 'visible and enabled');
    await this.run({ kind: 'selectOption', label: option.label });
  }

  /** `fn(element, arg)` in the extension's world (the shadow root itself for `panel(page)`). Self-contained functions only. */
  async evaluate<R, A = undefined>(fn: (element: Element, arg: A) => R, arg?: A): Promise<R> {
    await this.until((s) => s.count > 0, 30_000, 'attached');
    // One expression: the element found, then `fn` on it (no eval: content scripts' CSP forbids it).
    const target = callSource(inPanel as (...args: never[]) => unknown, this.host, this.steps, { kind: 'target' });
    const expression = `(() => { const __name = (f) => f; return (${fn.toString()})(${target}, ${JSON.stringify(arg ?? null)}); })()`;
    return evaluateInExtensionWorld<R>(this.page, expression);
  }
}

/**
 * The tests' one way into the panel: a locator rooted at its closed shadow root (LinkedIn's, or
 * the one on `host`, another site's panel host selector).
 *
 * @example await panel(page).getByRole('button', { name: 'Wrong match?' }).click();
 */
export function panel(page: Page, host: string = PANEL_HOST): PanelLocator {
  return new PanelLocator(page, [], host);
}

/** The panel's whole text ('' when there is no panel), read in the extension's world. */
export function panelText(page: Page): Promise<string> {
  return evaluateInExtensionWorld<string>(page, callSource(panelTextIn as (...args: never[]) => unknown, PANEL_HOST));
}

function panelTextIn(host: string): string {
  const element = document.querySelector(host);
  const dom = (globalThis as unknown as { chrome: { dom: { openOrClosedShadowRoot(e: Element): ShadowRoot | null } } }).chrome.dom;
  return (element && dom.openOrClosedShadowRoot(element)?.textContent) ?? '';
}

/** Waits until the panel shows a brief (not the "looking up" card) and answers its text. */
/**
 * Opens every collapsed section of the panel, as a rep clicking each header would (sections are
 * collapsed by default since issue 11, and a closed one renders nothing inside): for specs that
 * read what the sections hold. The background remembers them open for the next pages too.
 */
export async function openAllSections(page: Page): Promise<void> {
  await panel(page).evaluate((root) => {
    for (const button of root.querySelectorAll<HTMLButtonElement>('section > h3 > button[aria-expanded="false"]')) button.click();
  });
}

export async function waitForBrief(page: Page, timeout = 30_000): Promise<string> {
  await panel(page).locator('[data-panel="brief"]').waitFor({ timeout });
  return panelText(page);
}

/**
 * Records the panel's text at every animation frame (every paint), from now on, in the
 * extension's world, so a spec can assert what never showed, not only what shows at the end.
 */
export async function recordPanelFrames(page: Page): Promise<void> {
  await evaluateInExtensionWorld(page, callSource(recordFramesIn as (...args: never[]) => unknown, PANEL_HOST));
}

function recordFramesIn(host: string): void {
  const dom = (globalThis as unknown as { chrome: { dom: { openOrClosedShadowRoot(e: Element): ShadowRoot | null } } }).chrome.dom;
  const frames: string[] = [];
  const urls: string[] = [];
  Object.assign(globalThis, { __panelFrames: frames, __panelFrameUrls: urls });
  const tick = () => {
    const element = document.querySelector(host);
    frames.push((element && dom.openOrClosedShadowRoot(element)?.textContent) ?? '');
    urls.push(location.href);
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}

/** The texts `recordPanelFrames` collected so far. */
export function panelFrames(page: Page): Promise<string[]> {
  return evaluateInExtensionWorld<string[]>(page, '(globalThis.__panelFrames ?? [])');
}

/**
 * The texts `recordPanelFrames` collected since the page's address last became `url` (e.g. every
 * frame painted after a pushState to it), however late the test asks.
 */
export async function panelFramesAt(page: Page, url: string): Promise<string[]> {
  const { frames, urls } = await evaluateInExtensionWorld<{ frames: string[]; urls: string[] }>(
    page,
    '({ frames: globalThis.__panelFrames ?? [], urls: globalThis.__panelFrameUrls ?? [] })',
  );
  let start = urls.length;
  while (start > 0 && urls[start - 1] === url) start--;
  return frames.slice(start);
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

/**
 * Where the panel is on screen (page coordinates, within the viewport): the box around every element
 * of its closed root that has a size. For visual checks, which cannot take a locator into the root:
 *
 * @example await expect(page).toHaveScreenshot('brief.png', { clip: await panelBox(page) });
 */
export async function panelBox(page: Page, host: string = PANEL_HOST): Promise<{ x: number; y: number; width: number; height: number }> {
  const box = await evaluateInExtensionWorld<{ x: number; y: number; width: number; height: number } | null>(
    page,
    callSource(panelBoxIn as (...args: never[]) => unknown, host),
  );
  if (!box) throw new Error('no panel on the page to take the box of');
  return box;
}

function panelBoxIn(host: string): { x: number; y: number; width: number; height: number } | null {
  const element = document.querySelector(host);
  const dom = (globalThis as unknown as { chrome: { dom: { openOrClosedShadowRoot(e: Element): ShadowRoot | null } } }).chrome.dom;
  const root = element && dom.openOrClosedShadowRoot(element);
  if (!root) return null;
  let left = Infinity;
  let top = Infinity;
  let right = -Infinity;
  let bottom = -Infinity;
  for (const e of root.querySelectorAll('*')) {
    const r = e.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) continue;
    left = Math.min(left, r.left);
    top = Math.min(top, r.top);
    right = Math.max(right, r.right);
    bottom = Math.max(bottom, r.bottom);
  }
  if (left === Infinity) return null;
  // Clipped to the viewport: a screenshot clip outside the page is an error.
  left = Math.max(0, Math.floor(left));
  top = Math.max(0, Math.floor(top));
  right = Math.min(innerWidth, Math.ceil(right));
  bottom = Math.min(innerHeight, Math.ceil(bottom));
  return { x: left, y: top, width: right - left, height: bottom - top };
}
