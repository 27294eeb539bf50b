// @vitest-environment jsdom
/**
 * The panel's show/hide shortcut (extension/core/page/panel-shortcut.ts): Alt+Shift+P by the key's
 * place, nothing else.
 */
import { describe, expect, it, vi } from 'vitest';
import { isPanelShortcut, listenForPanelShortcut } from '../../../../../extension/core/page/panel-shortcut.ts';

const press = (init: KeyboardEventInit) => new KeyboardEvent('keydown', { bubbles: true, cancelable: true, ...init });

describe('the panel shortcut', () => {
  it('is Alt+Shift+P by the key’s place, whatever character the layout types (Option+Shift+P is ∏ on a Mac)', () => {
    expect(isPanelShortcut(press({ altKey: true, shiftKey: true, code: 'KeyP', key: '∏' }))).toBe(true);
    expect(isPanelShortcut(press({ altKey: true, shiftKey: true, code: 'KeyP', key: 'P' }))).toBe(true);
  });

  it('is not P alone, Alt+P, Ctrl+Alt+Shift+P, Meta+Alt+Shift+P or a held key repeating', () => {
    expect(isPanelShortcut(press({ code: 'KeyP', key: 'p' }))).toBe(false);
    expect(isPanelShortcut(press({ altKey: true, code: 'KeyP' }))).toBe(false);
    expect(isPanelShortcut(press({ altKey: true, shiftKey: true, ctrlKey: true, code: 'KeyP' }))).toBe(false);
    expect(isPanelShortcut(press({ altKey: true, shiftKey: true, metaKey: true, code: 'KeyP' }))).toBe(false);
    expect(isPanelShortcut(press({ altKey: true, shiftKey: true, code: 'KeyP', repeat: true }))).toBe(false);
  });

  it('toggles on each press until the page is left, and keeps the press from the page’s own handlers’ default', () => {
    const toggle = vi.fn();
    const controller = new AbortController();
    listenForPanelShortcut(document, controller.signal, toggle);
    const event = press({ altKey: true, shiftKey: true, code: 'KeyP' });
    document.body.dispatchEvent(event);
    expect(toggle).toHaveBeenCalledTimes(1);
    expect(event.defaultPrevented).toBe(true);
    controller.abort();
    document.body.dispatchEvent(press({ altKey: true, shiftKey: true, code: 'KeyP' }));
    expect(toggle).toHaveBeenCalledTimes(1);
  });
});
