/**
 * bench:panel's Google Calendar surface (issue 13): the pre-call package after the event dialog's
 * title appears. Targets: warm p95 <= 16 ms, cold p95 <= 100 ms.
 *
 * Calendar opens an event's details dialog over the grid with no URL change, so that is what the
 * bench plays, in one page for the whole run: the week view served at calendar.google.com (the
 * hand-made fixture test/fixtures/calendar/2026-12-04--event-dialog--week-view--handmade.html
 * without its dialog), then per measurement the dialog closed (the package goes) and opened again
 * (the fixture's dialog appended to the body in one task, as meetings.e2e.ts does). The start is
 * that moment: the dialog's title (`#rAECCd`) is in the page from then on.
 *
 * The fixture's people are rewritten at route time to the demo CRM's (the rep for Casey Morgan,
 * the rep's team domain for northwind.example, Novare Potential's Daniel Ortega Lind and Rohan
 * Whitfield for Acme's guests), so the package has an account, guests, a deal and what changed.
 * Two milestones: `panel`, the package's first paint (account, guests, deal: `[data-panel=meeting-package]`),
 * and `complete`, the first paint where no part waits any more (`data-pending`: what changed since
 * the last meeting, a second request). Cold: the brief cache emptied first; warm: the same dialog
 * again right after.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { REPO_ROOT, type Harness } from '../e2e/harness.ts';
import { paintCount, waitForPaints, type Measured, type PanelSurface } from './panel-surface.ts';

export const PACKAGE_UI = 'signalhouse-calendar-package';
const PACKAGE_HOST = `div[data-signalhouse-ui="${PACKAGE_UI}"]`;
const WEEK_URL = 'https://calendar.google.com/calendar/u/0/r/week';
const FIXTURE = path.join(REPO_ROOT, 'test/fixtures/calendar/2026-12-04--event-dialog--week-view--handmade.html');
/** The fixture's Meet link: the join surface opens it. */
export const FIXTURE_MEET_URL = 'https://meet.google.com/abc-defg-hij';

/** The demo rep's address (GET /v1/me). */
async function repEmail(h: Harness): Promise<string> {
  const response = await fetch(`${h.serverUrl}/v1/me`, { headers: { authorization: `Bearer ${h.token}` } });
  if (!response.ok) throw new Error(`GET /v1/me answered ${response.status}`);
  return ((await response.json()) as { user: { email: string } }).user.email;
}

/** The week view with its event dialog, its people those of the demo CRM (see the header). */
export async function calendarWeekView(h: Harness): Promise<{ shell: string; dialog: string; full: string }> {
  const rep = await repEmail(h);
  const teamDomain = rep.slice(rep.indexOf('@') + 1);
  const full = readFileSync(FIXTURE, 'utf8')
    .replaceAll('casey.morgan@northwind.example', rep)
    .replaceAll('northwind.example', teamDomain)
    .replaceAll('jane.doe@acme.example', 'daniel.ortega.lind@novarepotential.se')
    .replaceAll('Doe, Jane', 'Ortega Lind, Daniel')
    .replaceAll('Bob.Stone@acme.example', 'Rohan.Whitfield@novarepotential.se')
    .replaceAll('Bob Stone', 'Rohan Whitfield')
    .replaceAll('procurement@acme.example', 'procurement@novarepotential.se');
  const open = full.indexOf('<div role="dialog"');
  const end = full.lastIndexOf('</body>');
  if (open < 0 || end < open) throw new Error(`${FIXTURE}: no event dialog`);
  return { shell: full.slice(0, open) + full.slice(end), dialog: full.slice(open, end), full };
}

/** Waits for a package of `ui` painted after paint-log entry `from`: its first paint, and the first with nothing pending. */
export async function packageTimes(page: Page, ui: string, from: number): Promise<Pick<Measured, 'panel' | 'host' | 'complete' | 'kind'>> {
  const isPackage = (p: { cards: string[] }) => p.cards.includes('meeting-package');
  const paints = await waitForPaints(page, ui, (ps) => ps.some((p) => isPackage(p) && !p.pending), from);
  const first = paints.find(isPackage)!;
  return { panel: first.at, complete: paints.find((p) => isPackage(p) && !p.pending)!.at, host: paints[0]?.at, kind: 'meeting-package' };
}

export const calendarSurface: PanelSurface = {
  id: 'calendar',
  title: "Google Calendar: the pre-call package after the event dialog's title appears (the dialog opened over the week view)",
  startLabel: 'title',
  modes: ['cold', 'warm'],
  targets: { warm: 16, cold: 100 },
  completeLabel: "complete: the package with what changed since the last meeting (nothing pending)",
  async open({ h }) {
    const view = await calendarWeekView(h);
    await h.routePage(WEEK_URL, { html: view.shell });
    const page = await h.context.newPage();
    await page.goto(WEEK_URL);
    return {
      cases: ['week-dialog'],
      async measure() {
        // The dialog closes: the package goes with it.
        await page.evaluate(() => document.querySelector('[role=dialog]')?.remove());
        await page.waitForFunction((host) => !document.querySelector(host), PACKAGE_HOST, { timeout: 10_000 });
        const from = await paintCount(page);
        const start = await page.evaluate((html) => {
          const dialog = new DOMParser().parseFromString(html, 'text/html').querySelector('[role=dialog]')!;
          document.body.append(document.importNode(dialog, true));
          return performance.now();
        }, view.dialog);
        return { start, ...(await packageTimes(page, PACKAGE_UI, from)) };
      },
      close: () => page.close(),
    };
  },
};
