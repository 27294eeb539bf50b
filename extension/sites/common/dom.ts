/**
 * DOM helpers shared by the site adapters (LinkedIn, Gmail, Calendar, Meet, Zoom): named
 * fallback selector lists, text of an element, and whether the host has hidden an element.
 * Pure reads of the given root; never writes to the page.
 */

/** A list of fallback selectors for one thing on the page, most trusted first. */
export type Selectors = readonly string[];

/** First element matched by the first selector that matches anything, or null. */
export function queryFirst(root: ParentNode, selectors: Selectors): Element | null {
  for (const selector of selectors) {
    const found = root.querySelector(selector);
    if (found) return found;
  }
  return null;
}

/** All elements matched by the first selector that matches anything (empty when none). */
export function queryAllFirst(root: ParentNode, selectors: Selectors): Element[] {
  for (const selector of selectors) {
    const found = root.querySelectorAll(selector);
    if (found.length > 0) return [...found];
  }
  return [];
}

/** All elements matched by any of `selectors`, in document order, each once. */
export function queryAllOf(root: ParentNode, selectors: Selectors): Element[] {
  return selectors.length === 0 ? [] : [...root.querySelectorAll(selectors.join(', '))];
}

/** An element's text with whitespace collapsed; `undefined` when there is none. */
export function textOf(el: Element | null | undefined): string | undefined {
  const text = el?.textContent?.replace(/\s+/g, ' ').trim();
  return text ? text : undefined;
}

/** A non-empty trimmed attribute value, or `undefined`. */
export function attr(el: Element | null | undefined, name: string): string | undefined {
  const value = el?.getAttribute(name)?.trim();
  return value ? value : undefined;
}

/**
 * Whether the host hides `el`: Gmail keeps earlier conversations in the page with `display: none`
 * on an ancestor, so "in the DOM" is not "on screen". Uses the browser's `checkVisibility` where
 * the page has layout; otherwise (tests, detached documents) walks up looking for `hidden`,
 * an inline `display: none` or `visibility: hidden`.
 */
export function isHidden(el: Element): boolean {
  const check = (el as Element & { checkVisibility?: (options?: object) => boolean }).checkVisibility;
  if (typeof check === 'function' && el.ownerDocument.defaultView) return !check.call(el, { visibilityProperty: true });
  for (let node: Element | null = el; node; node = node.parentElement) {
    if (node.hasAttribute('hidden')) return true;
    const style = (node as HTMLElement).style;
    if (style && (style.display === 'none' || style.visibility === 'hidden')) return true;
  }
  return false;
}

/**
 * Unpadded (and URL-safe, and Google's `.`-padded) base64 to text; `undefined` when it is not base64.
 * Calendar's `data-eventid` and `eid`, Gmail's `jslog` values and Calendar's `data-solution` use it.
 *
 * @example decodeBase64Text('W1szXV0.') // '[[3]]'
 */
export function decodeBase64Text(value: string): string | undefined {
  const cleaned = value.trim().replace(/[.=]+$/, '').replace(/-/g, '+').replace(/_/g, '/');
  if (!cleaned || !/^[A-Za-z0-9+/]+$/.test(cleaned) || cleaned.length % 4 === 1) return undefined;
  try {
    const binary = atob(cleaned + '='.repeat((4 - (cleaned.length % 4)) % 4));
    const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}
