/**
 * A panel feature as the runner runs it: `panelFeature(spec)` binds the generic panel runner
 * (core/page/panel-runner.ts) to the extension (messaging, the connection's broadcasts, the
 * shadow-root mount at the site's anchor, real timers) and renders each state with `PanelView`.
 * A feature file is then its spec and one `features.add(panelFeature(spec))`.
 */
import { browser } from 'wxt/browser';
import type { ContentScriptContext } from '#imports';
import { onConnectionStatus } from '../core/connection-status.ts';
import { sendMessage } from '../core/messaging.ts';
import type { Feature, PanelFeatureSpec } from '../core/page/contract.ts';
import { mountPanel } from '../core/page/mount.ts';
import { runPanel, type PanelActions, type PanelMemory, type PanelState } from '../core/page/panel-runner.ts';
import { listenForPanelShortcut } from '../core/page/panel-shortcut.ts';
import { feedSidePanel, subjectTeller } from '../core/page/side-panel-feed.ts';
import { takeEarlyBriefs } from '../core/page/early-briefs.ts';
import { followForgetting, tabMemory } from '../core/page/tab-memory.ts';
import { wait } from '../core/page/wait.ts';
import { PanelView, type PanelViewProps } from './panel-view.tsx';

/** What a feature adds to the generic panel: its own part (Gmail's per-message logging). */
export interface PanelFeatureOptions {
  extra?: PanelViewProps['extra'];
}

/** How long a page's answer repaints the same page in this tab without asking the worker (then the server repaints). */
const RECENT_MS = 60_000;
/** Every panel feature of this tab shares one memory, keyed by feature and page. */
const recentPanels = tabMemory<PanelMemory>({ maxAgeMs: RECENT_MS, maxEntries: 16 });

/**
 * In `side-panel-only` mode nothing is mounted: the feature reads the page and hands its subject
 * to the side panel (core/page/side-panel-feed.ts).
 *
 * @example features.add(panelFeature(linkedinProfilePanel));
 */
export function panelFeature<Subject>(spec: PanelFeatureSpec<Subject>, options: PanelFeatureOptions = {}): Feature<ContentScriptContext> {
  return {
    id: spec.id,
    site: spec.site.id,
    include: spec.include,
    elements: spec.elements,
    // Side-panel-only: the feature only reads the page and tells the background (side-panel-feed.ts).
    modes: ['on', 'side-panel-only'],
    init: ({ signal, url, element, context, mode }) => {
      if (mode === 'side-panel-only') return feedSidePanel(spec, { signal, doc: document, url, element, send: sendMessage, wait });
      const tell = subjectTeller(spec, { send: sendMessage, url, signal });
      followForgetting(browser.runtime);
      return runPanel(spec, {
        signal,
        doc: document,
        url,
        element,
        send: sendMessage,
        onConnectionStatus: (until, listener) => onConnectionStatus(browser.runtime, until, listener),
        recent: recentPanels,
        earlyBriefs: takeEarlyBriefs,
        async mount() {
          // The card, or the tab on the edge: the rep's choice (remembered), or no room beside the
          // host's own content, unless the rep opened it anyway (on this page).
          let room = true;
          let openedAnyway = false;
          let last: { state: PanelState; actions: PanelActions } | undefined;
          const asTab = () => last !== undefined && (last.state.collapsed === true || (!room && !openedAnyway));
          const show = () => {
            openedAnyway = true;
            if (last?.state.collapsed) last.actions.setCollapsed(false);
            else render();
          };
          const hide = () => {
            openedAnyway = false;
            last?.actions.setCollapsed(true);
          };
          const paint = await mountPanel(context, signal, spec.ui, spec.site.anchor, {
            keepClear: spec.keepClear ? () => spec.keepClear!(document) : undefined,
            onRoom(fits) {
              room = fits;
              render();
            },
          });
          const render = () => {
            if (last) paint(<PanelView state={last.state} actions={last.actions} site={spec.site} touches={spec.touches} now={new Date()} asTab={asTab()} onShow={show} onHide={hide} extra={options.extra} />);
          };
          listenForPanelShortcut(document, signal, () => (asTab() ? show() : hide()));
          return (state, actions) => {
            last = { state, actions };
            render();
          };
        },
        wait,
        now: () => new Date(),
        uuid: () => crypto.randomUUID(),
        // The side panel's "This page" follows the page in `on` mode too.
        onSettled: (subject) => tell(subject, true),
      });
    },
  };
}
