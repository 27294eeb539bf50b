/**
 * Mounts an element into jsdom with `act`, for component tests without a testing library. The
 * extension renders with Preact behind React's API (preact-alias.ts), so `act` is Preact's: it
 * flushes effects and updates before it returns, as React's does in a test environment.
 */
import { act } from 'preact/test-utils';
import type { ReactElement } from 'react';
import { createRoot, type Root } from 'react-dom/client';

export interface Mounted {
  container: HTMLElement;
  rerender: (element: ReactElement) => void;
  unmount: () => void;
}

/**
 * @example
 * const { container, unmount } = mount(<Panel brief={fullBrief} now={NOW} />);
 */
export function mount(element: ReactElement): Mounted {
  const container = document.createElement('div');
  document.body.append(container);
  let root: Root | undefined;
  act(() => {
    root = createRoot(container);
    root.render(element);
  });
  return {
    container,
    rerender: (next) => act(() => root?.render(next)),
    unmount: () => {
      act(() => root?.unmount());
      container.remove();
    },
  };
}

/** Clicks an element inside `act`. */
export function click(element: Element | null | undefined): void {
  if (!element) throw new Error('nothing to click');
  act(() => {
    (element as HTMLElement).click();
  });
}

/** Presses a key on an element the way a keyboard does: keydown, then keyup. */
export function press(element: Element | null | undefined, key: string): void {
  if (!element) throw new Error('nothing to press on');
  act(() => {
    element.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
    element.dispatchEvent(new KeyboardEvent('keyup', { key, bubbles: true, cancelable: true }));
  });
}

/** The first button whose text is `text` (exact, trimmed). */
export function buttonByText(root: ParentNode, text: string): HTMLButtonElement | undefined {
  return [...root.querySelectorAll('button')].find((b) => b.textContent?.trim() === text);
}

/** Sets an input's value the way typing does, so React's onChange sees it. */
export function type(element: HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement, value: string): void {
  const proto = Object.getPrototypeOf(element) as object;
  const setter = Object.getOwnPropertyDescriptor(proto, 'value')?.set;
  act(() => {
    setter?.call(element, value);
    element.dispatchEvent(new Event(element instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true }));
  });
}

/**
 * Lets every pending answer (resolved promises, chained awaits) and the renders they cause run:
 * a few macrotask turns inside `act`, each of which drains the microtasks before it.
 */
export function settle(): Promise<void> {
  return act(async () => {
    for (let turn = 0; turn < 3; turn++) await new Promise((resolve) => setTimeout(resolve, 0));
  });
}
