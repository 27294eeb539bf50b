/**
 * The page panel's preferences (which sections the rep left open, whether the panel is collapsed
 * to its tab), kept by the background in
 * extension storage: the same on every page and every site, and out of the host page's reach (a
 * page's localStorage is the page's to read and clear). A toggle is merged into what is kept, so
 * two tabs toggling different sections both count; anything stored that no longer reads (an older
 * or damaged value) reads as nothing remembered.
 *
 * @example
 * const prefs = createPanelPrefsPort({ storage: browser.storage.local });
 * await prefs.set({ section: 'deals', open: true }); // ok({ sections: { deals: true } })
 */
import { ok, PanelPrefs, type Result, type SetPanelPrefsPayload } from '../protocol.ts';

export const PANEL_PREFS_KEY = 'panelPrefs';

export interface PanelPrefsStorage {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
}

export interface PanelPrefsPort {
  get(): Promise<Result<PanelPrefs>>;
  set(payload: SetPanelPrefsPayload): Promise<Result<PanelPrefs>>;
}

/** @example createPanelPrefsPort({ storage: browser.storage.local as unknown as PanelPrefsStorage }) */
export function createPanelPrefsPort({ storage }: { storage: PanelPrefsStorage }): PanelPrefsPort {
  const read = async (): Promise<PanelPrefs> => {
    const stored = (await storage.get(PANEL_PREFS_KEY))[PANEL_PREFS_KEY];
    const parsed = PanelPrefs.safeParse(stored);
    return parsed.success ? parsed.data : { sections: {} };
  };
  // Toggles from several tabs are applied one after another: a read-modify-write never loses one.
  let queue: Promise<unknown> = Promise.resolve();
  return {
    get: async () => ok(await read()),
    set(payload) {
      const next = queue.then(async () => {
        const prefs = await read();
        // The payload is one of the two (protocol.ts refines it): the collapsed state, or a section's.
        const merged: PanelPrefs =
          payload.collapsed !== undefined
            ? { ...prefs, collapsed: payload.collapsed }
            : payload.section !== undefined && payload.open !== undefined
              ? { ...prefs, sections: { ...prefs.sections, [payload.section]: payload.open } }
              : prefs;
        await storage.set({ [PANEL_PREFS_KEY]: merged });
        return ok(merged);
      });
      queue = next.catch(() => undefined);
      return next;
    },
  };
}
