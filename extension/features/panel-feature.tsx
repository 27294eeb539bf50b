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
import { wait } from '../core/page/wait.ts';
import { PanelView } from './panel-view.tsx';

/**
 * @example features.add(panelFeature(linkedinProfilePanel));
 */
export function panelFeature<Subject>(spec: PanelFeatureSpec<Subject>): Feature<ContentScriptContext> {
  return {
    id: spec.id,
    site: spec.site.id,
    include: spec.include,
    elements: spec.elements,
    init: ({ signal, url, element, context }) =>
      runPanel(spec, {
        signal,
        doc: document,
        url,
        element,
        send: sendMessage,
        onConnectionStatus: (until, listener) => onConnectionStatus(browser.runtime, until, listener),
        async mount() {
          const paint = await mountPanel(context, signal, spec.ui, spec.site.anchor);
          return (state, actions) => paint(<PanelView state={state} actions={actions} site={spec.site} touches={spec.touches} now={new Date()} />);
        },
        wait,
        now: () => new Date(),
        uuid: () => crypto.randomUUID(),
      }),
  };
}
