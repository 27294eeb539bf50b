/**
 * A meeting feature as the feature runner runs it: `meetingFeature(spec)` binds the pre-call
 * package runner (core/page/meeting-runner.ts) to the extension (messaging, the shadow-root mount
 * at the site's anchor, real timers) and renders each state with `MeetingView`. In
 * `side-panel-only` mode nothing is mounted: the feature only stores the event's conference id
 * (so the join page still finds it) and adds nothing to the page.
 */
import { browser } from 'wxt/browser';
import type { ContentScriptContext } from '#imports';
import type { RememberedPackage } from '../core/meeting-package.ts';
import { sendMessage } from '../core/messaging.ts';
import type { Feature } from '../core/page/contract.ts';
import { runMeeting, type MeetingFeatureSpec } from '../core/page/meeting-runner.ts';
import { mountPanel } from '../core/page/mount.ts';
import { settle } from '../core/page/panel-runner.ts';
import { followForgetting, tabMemory } from '../core/page/tab-memory.ts';
import { takeEarlyJoin } from '../core/page/early-join.ts';
import type { AnswerOf } from '../core/protocol.ts';
import { wait } from '../core/page/wait.ts';
import { MeetingView } from '../components/MeetingView.tsx';

/**
 * The packages this tab showed in the last minute, by event (an event's dialog opened again paints
 * at once): in this content script's memory only, forgotten with the worker's cache.
 */
const recentPackages = tabMemory<RememberedPackage>({ maxAgeMs: 60_000, maxEntries: 16 });

/** @example features.add(meetingFeature(calendarDialogPackage)); */
export function meetingFeature<Subject>(spec: MeetingFeatureSpec<Subject>): Feature<ContentScriptContext> {
  return {
    id: spec.id,
    site: spec.site.id,
    include: spec.include,
    elements: spec.elements,
    modes: ['on', 'side-panel-only'],
    init: async ({ signal, url, element, context, mode }) => {
      if (mode === 'side-panel-only') {
        // Reads the page only: the event's conference id is kept for the join page, nothing is shown.
        const first = spec.extract(document, url, element);
        if (!first) return;
        const subject = spec.settled(first) ? first : await settle(spec, { doc: document, url, element, signal, wait }, first);
        const target = signal.aborted ? null : spec.target(subject);
        if (target?.kind === 'event' && target.ref.conference) void sendMessage('seeMeeting', { ref: target.ref }).catch(() => undefined);
        return;
      }
      followForgetting(browser.runtime);
      return runMeeting(spec, {
        signal,
        doc: document,
        url,
        element,
        send: sendMessage,
        async mount() {
          const paint = await mountPanel(context, signal, spec.ui, spec.site.anchor);
          return (state, actions) => paint(<MeetingView state={state} actions={actions} siteName={spec.site.name} now={new Date()} />);
        },
        wait,
        now: () => new Date(),
        uuid: () => crypto.randomUUID(),
        loadedAt: () => performance.timeOrigin,
        recent: recentPackages,
        // A join page's questions, asked by the every-page script at document start.
        early: (ask, conference) => takeEarlyJoin(ask, conference) as Promise<AnswerOf<typeof ask> | null> | undefined,
      });
    },
  };
}
