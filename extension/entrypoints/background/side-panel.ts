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

/** What opening the panel from a notification click needs: each browser's open call, and a tab as the fallback. */
export interface OpenPanelApis {
  sidePanel?: { open(options: { windowId: number }): Promise<void> };
  sidebarAction?: { open(): Promise<void> };
  windows?: { WINDOW_ID_CURRENT: number };
  tabs: { create(options: { url: string }): Promise<unknown> };
}

/**
 * Opens the side panel from a user action's handler (a notification click): the open call is made
 * synchronously, before any await, or the browser no longer counts the click. Where the browser
 * refuses, the panel's page opens in a tab instead, so the click always shows the digest.
 *
 * @example notifications.onClicked.addListener(() => openSidePanel(browser as unknown as OpenPanelApis, browser.runtime.getURL('/sidepanel.html')));
 */
export function openSidePanel(apis: OpenPanelApis, panelUrl: string): void {
  const inTab = () => void apis.tabs.create({ url: panelUrl }).catch(() => undefined);
  let opening: Promise<void> | undefined;
  try {
    if (apis.sidePanel) opening = apis.sidePanel.open({ windowId: apis.windows?.WINDOW_ID_CURRENT ?? -2 });
    else if (apis.sidebarAction) opening = apis.sidebarAction.open();
  } catch {
    opening = undefined;
  }
  if (opening) opening.catch(inTab);
  else inTab();
}
