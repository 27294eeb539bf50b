/**
 * The toolbar button opens the side panel: Chrome's `sidePanel` does it by itself once told to;
 * Firefox has no such setting, so the button toggles its sidebar from the click (the one place
 * Firefox lets an extension open a sidebar: a user action's handler).
 */

/** The parts of the browser APIs this file uses; each browser has one of the two panel APIs. */
export interface SidePanelApis {
  sidePanel?: { setPanelBehavior(behavior: { openPanelOnActionClick: boolean }): Promise<void> };
  sidebarAction?: { toggle(): Promise<void> };
  action?: { onClicked: { addListener(callback: () => void): void } };
}

/**
 * @example setupSidePanel(browser as unknown as SidePanelApis)
 */
export function setupSidePanel(apis: SidePanelApis): void {
  if (apis.sidePanel) {
    // A failure leaves the panel reachable from Chrome's side-panel menu; nothing to tell the rep.
    apis.sidePanel.setPanelBehavior({ openPanelOnActionClick: true }).catch(() => undefined);
    return;
  }
  const sidebar = apis.sidebarAction;
  if (sidebar) apis.action?.onClicked.addListener(() => void sidebar.toggle().catch(() => undefined));
}
