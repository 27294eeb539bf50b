/**
 * The keyboard shortcut that shows and hides a page panel: Alt+Shift+P (Option+Shift+P on a Mac).
 * Why this one: Chrome, Edge and Firefox bind nothing to Alt+Shift+P on Windows, Linux or macOS
 * (Chrome's Alt+Shift combinations are I, T and, on ChromeOS, A, M, N, S), LinkedIn's and Gmail's
 * own shortcuts use no Alt, and screen readers use Insert, Caps Lock or Ctrl+Option. Matched by
 * the key's place (`code`), not its character: Option+Shift+P types "∏" on a Mac, and layouts move
 * letters. Heard in the content script's world; the page never sees our listener.
 */

export const PANEL_SHORTCUT = { aria: 'Alt+Shift+P', words: 'Alt+Shift+P' } as const;

/** Whether a key press is the panel's shortcut. */
export function isPanelShortcut(event: Pick<KeyboardEvent, 'altKey' | 'shiftKey' | 'ctrlKey' | 'metaKey' | 'code' | 'repeat'>): boolean {
  return event.altKey && event.shiftKey && !event.ctrlKey && !event.metaKey && !event.repeat && event.code === 'KeyP';
}

/** Calls `toggle` on each press of the shortcut on `target`'s document until `signal` aborts. */
export function listenForPanelShortcut(target: Pick<Document, 'addEventListener'>, signal: AbortSignal, toggle: () => void): void {
  target.addEventListener(
    'keydown',
    (event) => {
      if (!isPanelShortcut(event as KeyboardEvent)) return;
      event.preventDefault();
      toggle();
    },
    { capture: true, signal },
  );
}
