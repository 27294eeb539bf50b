/**
 * The page panel's remembered section state, kept by the background in extension storage
 * (panel-prefs.ts) and reached through `getPanelPrefs`/`setPanelPrefs` (core/protocol.ts).
 */
import { describe, expect, it } from 'vitest';
import { createPanelPrefsPort, PANEL_PREFS_KEY, type PanelPrefsStorage } from '../../../../extension/core/background/panel-prefs.ts';
import { createHandlers } from '../../../../extension/core/background/handlers.ts';
import { validatePayload } from '../../../../extension/core/protocol.ts';

/** browser.storage.local as far as the port uses it, with a delay so concurrent toggles interleave. */
function memoryStorage(initial: Record<string, unknown> = {}): PanelPrefsStorage & { items: Record<string, unknown> } {
  const items = { ...initial };
  const later = () => new Promise((resolve) => setTimeout(resolve, 1));
  return {
    items,
    async get(key) {
      await later();
      return key in items ? { [key]: structuredClone(items[key]) } : {};
    },
    async set(next) {
      await later();
      Object.assign(items, structuredClone(next));
    },
  };
}

describe('panel preferences', () => {
  it('remembers each section toggled, merged with the rest, in extension storage', async () => {
    const storage = memoryStorage();
    const port = createPanelPrefsPort({ storage });
    expect(await port.get()).toEqual({ ok: true, value: { sections: {} } });
    await port.set({ section: 'deals', open: true });
    await port.set({ section: 'signals', open: true });
    await port.set({ section: 'deals', open: false });
    expect(await port.get()).toEqual({ ok: true, value: { sections: { deals: false, signals: true } } });
    expect(storage.items[PANEL_PREFS_KEY]).toEqual({ sections: { deals: false, signals: true } });
  });

  it('remembers the panel collapsed to its tab beside the sections, and shown again', async () => {
    const port = createPanelPrefsPort({ storage: memoryStorage() });
    await port.set({ section: 'deals', open: true });
    await port.set({ collapsed: true });
    expect(await port.get()).toEqual({ ok: true, value: { sections: { deals: true }, collapsed: true } });
    await port.set({ collapsed: false });
    expect(await port.get()).toEqual({ ok: true, value: { sections: { deals: true }, collapsed: false } });
  });

  it('refuses a toggle that mixes a section and the collapsed state, or an unknown field', () => {
    expect(validatePayload('setPanelPrefs', { collapsed: true }).ok).toBe(true);
    expect(validatePayload('setPanelPrefs', { collapsed: true, section: 'deals', open: true }).ok).toBe(false);
    expect(validatePayload('setPanelPrefs', { collapsed: 'yes' }).ok).toBe(false);
  });

  it('loses no toggle when two tabs toggle different sections at the same time', async () => {
    const port = createPanelPrefsPort({ storage: memoryStorage() });
    await Promise.all([port.set({ section: 'deals', open: true }), port.set({ section: 'intent', open: true }), port.set({ section: 'account', open: true })]);
    expect(await port.get()).toEqual({ ok: true, value: { sections: { deals: true, intent: true, account: true } } });
  });

  it('reads a damaged or older stored value as nothing remembered', async () => {
    const port = createPanelPrefsPort({ storage: memoryStorage({ [PANEL_PREFS_KEY]: { sections: { deals: 'yes', x: true } } }) });
    expect(await port.get()).toEqual({ ok: true, value: { sections: {} } });
  });

  it('refuses a section it does not know and unknown fields, naming the field', () => {
    expect(validatePayload('setPanelPrefs', { section: 'secrets', open: true })).toMatchObject({ ok: false, error: { kind: 'invalid', field: 'section' } });
    expect(validatePayload('setPanelPrefs', { section: 'deals', open: true, color: 'red' })).toMatchObject({ ok: false, error: { kind: 'invalid', field: 'color' } });
    expect(validatePayload('getPanelPrefs', undefined)).toEqual({ ok: true, value: undefined });
  });

  it('is answered by the background through the port, and said unavailable without one', async () => {
    const connection = {} as never;
    const wired = createHandlers({ connection, now: () => new Date(), panelPrefs: createPanelPrefsPort({ storage: memoryStorage() }) });
    expect(await wired.setPanelPrefs({ section: 'stakeholders', open: true })).toEqual({ ok: true, value: { sections: { stakeholders: true } } });
    expect(await wired.getPanelPrefs(undefined)).toEqual({ ok: true, value: { sections: { stakeholders: true } } });
    const bare = createHandlers({ connection, now: () => new Date() });
    expect(await bare.getPanelPrefs(undefined)).toMatchObject({ ok: false, error: { kind: 'unavailable' } });
  });
});
