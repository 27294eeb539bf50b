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
import { runPanel } from '../core/page/panel-runner.ts';
import { feedSidePanel, subjectTeller } from '../core/page/side-panel-feed.ts';
import { wait } from '../core/page/wait.ts';
import { PanelView, type PanelViewProps } from './panel-view.tsx';

/** What a feature adds to the generic panel: its own part (Gmail's per-message logging). */
export interface PanelFeatureOptions {
  extra?: PanelViewProps['extra'];
}

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
      return runPanel(spec, {
        signal,
        doc: document,
        url,
        element,
        send: sendMessage,
        onConnectionStatus: (until, listener) => onConnectionStatus(browser.runtime, until, listener),
        async mount() {
          const paint = await mountPanel(context, signal, spec.ui, spec.site.anchor);
          return (state, actions) => paint(<PanelView state={state} actions={actions} site={spec.site} touches={spec.touches} now={new Date()} extra={options.extra} />);
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
