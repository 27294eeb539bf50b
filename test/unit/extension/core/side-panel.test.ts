/**
 * The toolbar button opens the side panel: Chrome is told once to open it on a click; Firefox,
 * which has no such setting, toggles its sidebar from the click itself.
 */
import { describe, expect, it, vi } from 'vitest';
import { setupSidePanel } from '../../../../extension/entrypoints/background/side-panel.ts';

describe('setupSidePanel', () => {
  it('Chrome: asks for the panel to open on the toolbar button', () => {
    const setPanelBehavior = vi.fn(async () => undefined);
    const addListener = vi.fn();
    setupSidePanel({ sidePanel: { setPanelBehavior }, action: { onClicked: { addListener } } });
    expect(setPanelBehavior).toHaveBeenCalledWith({ openPanelOnActionClick: true });
    expect(addListener).not.toHaveBeenCalled();
  });

  it('Firefox: toggles the sidebar when the toolbar button is clicked', () => {
    const toggle = vi.fn(async () => undefined);
    let click: (() => void) | undefined;
    setupSidePanel({ sidebarAction: { toggle }, action: { onClicked: { addListener: (cb) => (click = cb) } } });
    expect(toggle).not.toHaveBeenCalled();
    click?.();
    expect(toggle).toHaveBeenCalledTimes(1);
  });

  it('a rejected Chrome call does not escape (an unhandled rejection would be logged)', async () => {
    const setPanelBehavior = vi.fn(async () => Promise.reject(new Error('no side panel here')));
    expect(() => setupSidePanel({ sidePanel: { setPanelBehavior } })).not.toThrow();
    await Promise.resolve();
  });
});
