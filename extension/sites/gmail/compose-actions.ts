/**
 * What the compose card does with one Gmail compose window beyond reading it (compose.ts reads):
 * - `watchRecipients`: calls back when the window's recipients may have changed (chips added or
 *   removed, the draft id set), never for typing in the body: one MutationObserver on the window,
 *   records inside the body ignored, so typing costs the rep nothing but that filter;
 * - `followCaret` and `insertPlainText`: the caret in the body, kept when the rep clicks the card,
 *   and a talking point inserted there as TEXT (`insertText`, else a text node), never as HTML;
 * - `onSend`: the rep sent the window (Send clicked, or Ctrl/⌘+Enter in it).
 * Everything ends with the signal. The only page writes are the rep's own clicks on "Insert".
 */
import { queryFirst } from '../common/dom.ts';
import { COMPOSE_BODY, COMPOSE_FROM, COMPOSE_SEND } from './selectors.ts';

/** The window's body (the rep's text), or null when the window shows none (a collapsed reply). */
export function composeBody(root: Element): HTMLElement | null {
  return queryFirst(root, COMPOSE_BODY) as HTMLElement | null;
}

/** The send-as address the rep picked in the window, when Gmail shows the field. */
export function composeFrom(root: Element): string | undefined {
  const value = ((queryFirst(root, COMPOSE_FROM) as HTMLInputElement | null)?.value ?? '').trim().toLowerCase();
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value) ? value : undefined;
}

/**
 * Calls `onChange` (at most once per animation frame) after mutations of `root` outside its body:
 * chips, fields, hidden inputs (the draft id). Typing in the body changes nothing here.
 */
export function watchRecipients(root: Element, signal: AbortSignal, onChange: () => void): void {
  if (signal.aborted) return;
  let scheduled = 0;
  const observer = new MutationObserver((records) => {
    const body = composeBody(root);
    if (body && records.every((record) => body.contains(record.target))) return;
    if (!scheduled) scheduled = requestAnimationFrame(() => ((scheduled = 0), signal.aborted || onChange()));
  });
  observer.observe(root, { childList: true, subtree: true, attributes: true, attributeFilter: ['data-hovercard-id', 'data-name', 'value', 'name'] });
  signal.addEventListener(
    'abort',
    () => {
      observer.disconnect();
      cancelAnimationFrame(scheduled);
    },
    { once: true },
  );
}

/** The last caret position in `root`'s body, kept while the rep clicks elsewhere (the card). */
export function followCaret(root: Element, signal: AbortSignal): () => Range | undefined {
  let last: Range | undefined;
  const doc = root.ownerDocument;
  const note = () => {
    const body = composeBody(root);
    const selection = doc.getSelection();
    if (!body || !selection || selection.rangeCount === 0) return;
    const range = selection.getRangeAt(0);
    if (body.contains(range.startContainer) && body.contains(range.endContainer)) last = range.cloneRange();
  };
  doc.addEventListener('selectionchange', note, { signal });
  return () => (last && root.isConnected ? last : undefined);
}

/**
 * Inserts `text` as plain text at the caret in `root`'s body (the one kept by `followCaret` when
 * the focus left the body), else at its end. `insertText` keeps Gmail's undo and its own input
 * handling; where it is refused, a text node. Returns false when the window has no body.
 *
 * @example insertPlainText(compose, 'Congratulations on the funding round.', caret())
 */
export function insertPlainText(root: Element, text: string, caret?: Range): boolean {
  const body = composeBody(root);
  if (!body) return false;
  const doc = root.ownerDocument;
  const selection = doc.getSelection();
  const current = selection && selection.rangeCount > 0 ? selection.getRangeAt(0) : undefined;
  const inBody = current && body.contains(current.startContainer);
  body.focus();
  if (!inBody && selection) {
    let range = caret;
    if (!range || !body.contains(range.startContainer)) {
      range = doc.createRange();
      range.selectNodeContents(body);
      range.collapse(false);
    }
    selection.removeAllRanges();
    selection.addRange(range);
  }
  // execCommand is deprecated but still the only way to type into a contenteditable as the user would.
  if (doc.execCommand?.('insertText', false, text)) return true;
  const range = selection && selection.rangeCount > 0 ? selection.getRangeAt(0) : undefined;
  const node = doc.createTextNode(text);
  if (range && body.contains(range.startContainer)) {
    range.deleteContents();
    range.insertNode(node);
    range.setStartAfter(node);
    range.collapse(true);
  } else body.append(node);
  body.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText', data: text }));
  return true;
}

/** Calls `onSent` when the rep sends `root`: a click on Send, or Ctrl/⌘+Enter inside the window. */
export function onSend(root: Element, signal: AbortSignal, onSent: () => void): void {
  const sendSelector = COMPOSE_SEND.join(', ');
  root.addEventListener(
    'click',
    (event) => {
      const target = event.target as Element | null;
      if (target?.closest?.(sendSelector) && root.contains(target)) onSent();
    },
    { capture: true, signal },
  );
  root.addEventListener(
    'keydown',
    (event) => {
      const key = event as KeyboardEvent;
      if (key.key === 'Enter' && (key.ctrlKey || key.metaKey)) onSent();
    },
    { capture: true, signal },
  );
}
