/**
 * bench:panel's Meet and Zoom join pages (issue 13): the pre-call package after the URL is known.
 * Target: cold p95 <= 100 ms.
 *
 * A join page is a full page load whose URL alone names the meeting (its conference id), so the
 * start is the navigation's start (`performance.now()` 0: the browser has the URL before the
 * page's first byte) and every case is a `page.goto`. Two cases, the two ways a join page finds
 * its event:
 * - `meet`: meet.google.com/abc-defg-hij (the hand-made pre-join fixture), the Meet link of the
 *   Calendar event this browser saw (the setup opens the calendar surface's dialog once), found in
 *   the extension's own copy;
 * - `zoom`: acme.zoom.us/j/81234567890 (the hand-made vanity launch fixture), a meeting only the
 *   server knows (registered with `POST /v1/meetings` by the demo admin, a teammate of the rep).
 * Milestones as on Calendar (panel-calendar.ts): the package's first paint, and the first paint
 * with what changed since the last meeting. Cold only: the brief cache emptied before each load
 * (the extension's copy of the meetings it saw stays: the rep's calendar did see them).
 *
 * `BENCH_MARKS=1` prints where the time goes: the p50 of each step the bench build marks on the
 * way (core/page/bench-marks.ts: the every-page script, the bundle, the package's answers, the
 * render), per case, in ms after navigation start.
 */
import path from 'node:path';
import { REPO_ROOT } from '../e2e/harness.ts';
import { calendarWeekView, FIXTURE_MEET_URL, PACKAGE_UI, packageTimes } from './panel-calendar.ts';
import { evaluateInExtensionWorld } from '../e2e/extension-world.ts';
import { percentile, type PanelSurface } from './panel-surface.ts';

const JOIN_UI = 'signalhouse-join-package';
const ZOOM_URL = 'https://acme.zoom.us/j/81234567890?pwd=Zm9vYmFyc2VjcmV0';
const DAY_URL = 'https://calendar.google.com/calendar/u/0/r/day';

export const joinSurface: PanelSurface = {
  id: 'join',
  title: 'Meet and Zoom join pages: the pre-call package after the URL is known (full page loads)',
  startLabel: 'url',
  modes: ['cold'],
  targets: { cold: 100 },
  completeLabel: 'complete: the package with what changed since the last meeting (nothing pending)',
  async open({ h }) {
    // The rep's calendar shows the event once: the extension keeps it with its Meet link.
    const view = await calendarWeekView(h);
    await h.routePage(DAY_URL, { html: view.full });
    const calendar = await h.context.newPage();
    await calendar.goto(DAY_URL);
    await packageTimes(calendar, PACKAGE_UI, 0);
    await calendar.close();
    // A teammate's calendar saw the Zoom meeting: only the server has it.
    const start = new Date(Date.now() + 86_400_000);
    start.setUTCHours(10, 0, 0, 0);
    const seen = await fetch(`${h.serverUrl}/v1/meetings`, {
      method: 'POST',
      headers: { authorization: `Bearer ${h.adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        eventId: 'benchzoom0panel000000001',
        start: start.toISOString(),
        conference: { provider: 'zoom', id: '81234567890' },
        attendees: ['daniel.ortega.lind@novarepotential.se', 'rohan.whitfield@novarepotential.se'],
      }),
    });
    if (!seen.ok) throw new Error(`POST /v1/meetings answered ${seen.status}: ${await seen.text()}`);

    const pages = new Map([
      ['meet', { url: FIXTURE_MEET_URL, file: path.join(REPO_ROOT, 'test/fixtures/meet/2026-12-04--prejoin--calendar-invite--handmade.html') }],
      ['zoom', { url: ZOOM_URL, file: path.join(REPO_ROOT, 'test/fixtures/zoom/2026-12-04--launch--vanity--handmade.html') }],
    ]);
    for (const { url, file } of pages.values()) await h.routePage(url, { file });
    const page = await h.context.newPage();
    /** The served page's own times (ms after navigation start): how much of the wait is the page arriving. */
    const loads: { firstByte: number; domContentLoaded: number }[] = [];
    /** Per case, each marked step's first time in each load (BENCH_MARKS=1). */
    const marks = new Map<string, Map<string, number[]>>();
    return {
      cases: [...pages.keys()],
      async measure(label) {
        await page.goto(pages.get(label)!.url);
        // A new document: its paint log starts empty.
        const times = await packageTimes(page, JOIN_UI, 0);
        loads.push(
          await page.evaluate(() => {
            const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
            return { firstByte: nav.responseStart, domContentLoaded: nav.domContentLoadedEventEnd };
          }),
        );
        if (process.env.BENCH_MARKS === '1') {
          const log = await evaluateInExtensionWorld<{ ui: string; at: number; card: string | null }[]>(page, `(globalThis[Symbol.for('signalhouse.paint-log')] ?? [])`);
          const steps = marks.get(label) ?? new Map<string, number[]>();
          marks.set(label, steps);
          const seen = new Set<string>();
          for (const entry of log) {
            const step = entry.ui === 'mark' ? entry.card ?? '' : `paint ${entry.card ?? 'none'}`;
            if (seen.has(step)) continue;
            seen.add(step);
            steps.set(step, [...(steps.get(step) ?? []), entry.at]);
          }
        }
        return { start: 0, ...times };
      },
      async epilogue() {
        for (const [label, steps] of marks) {
          const order = [...steps].map(([step, at]) => ({ step, p50: percentile(at, 50), n: at.length })).sort((a, b) => a.p50 - b.p50);
          console.log(`marks, ${label} (p50 ms after navigation start, n): ${order.map((m) => `${m.step} ${m.p50.toFixed(1)} (${m.n})`).join(', ')}`);
        }
        const counted = loads.slice(-loads.length + pages.size); // without the warm-up round
        const p50 = (values: number[]) => percentile(values, 50).toFixed(1);
        console.log(`the served page itself: first byte p50 ${p50(counted.map((l) => l.firstByte))} ms, DOMContentLoaded p50 ${p50(counted.map((l) => l.domContentLoaded))} ms after navigation start`);
      },
      close: () => page.close(),
    };
  },
};
