/**
 * What `npm run bench:panel` (test/bench/panel.ts) asks of each surface it measures, and the
 * helpers the surfaces share. One module per surface (panel-linkedin.ts, panel-gmail.ts, …), each
 * exporting one `PanelSurface`; panel.ts lists them, one line each.
 *
 * A surface says what the rep waits FROM (`startLabel`: LinkedIn's name, Gmail's sender, …), which
 * modes it measures and its targets, and opens a session on the bench's shared harness (one
 * server, one browser with the bench build of the extension). The session's `measure` loads or
 * plays one case once and returns its times; panel.ts does the rest the same way for every
 * surface: one uncounted warm-up round, `BENCH_ROUNDS` counted rounds, every case in every mode
 * (the brief cache emptied before each cold one), then p50/p95/max of `panel − start` per mode.
 *
 * Times are the page's `performance.now()` (ms after the document's navigation start). The panel's
 * own times come from the bench build's paint log in the extension's isolated world
 * (extension/core/page/mount.ts, WXT_PANEL_PAINT_LOG=1), read over the DevTools protocol
 * (test/e2e/extension-world.ts): the panel's root is closed to the page.
 */
import type { Page, Worker } from 'playwright-core';
import type { PaintEntry } from '../../extension/core/page/mount.ts';
import { evaluateInExtensionWorld } from '../e2e/extension-world.ts';
import type { Harness } from '../e2e/harness.ts';

/**
 * cold: the brief cache emptied (the server answers); warm: the same case right after (the fastest
 * copy the extension keeps: the tab's memory where the surface has one, else the worker's cache);
 * saved: the same again once every tab forgot (the worker's cache answers, as in a new tab).
 */
export type Mode = 'warm' | 'cold' | 'saved';

/** One case measured once: ms after the document's navigation start (its `performance.now()`). */
export interface Measured {
  /** What the rep waits from: the page showing the name, sender or title (0: the navigation's start, the URL). */
  start: number;
  /** The panel's first paint with its data (the surface says which card). */
  panel: number;
  /** The panel's first paint of any kind (mounted), when known. */
  host?: number | undefined;
  /** A later milestone, for surfaces with `completeLabel` (the package with what changed since the last meeting). */
  complete?: number | undefined;
  /** The card painted at `panel` (brief, not-in-crm, people, meeting-package). */
  kind?: string | undefined;
}

/** One counted measurement. */
export interface Sample {
  mode: Mode;
  case: string;
  measured: Measured;
}

/** What every surface gets from panel.ts: the harness (server + browser) and the run's settings. */
export interface BenchContext {
  h: Harness;
  /** The extension's service worker (the brief cache lives there). */
  worker: Worker;
  verbose: boolean;
}

/** One surface measured by bench:panel. */
export interface PanelSurface {
  /** Its name in `PANEL_SURFACES` (e.g. `gmail`). */
  id: string;
  /** The report's heading: what is measured after what. */
  title: string;
  /** The column naming the start (`name`: LinkedIn's rows keep their old header). */
  startLabel: string;
  /** Measured in this order for each case of a round. */
  modes: readonly Mode[];
  /** p95 of `panel − start`, in ms, per mode (issue targets). */
  targets: Partial<Record<Mode, number>>;
  /** When the surface measures `complete` too: what it is (printed as a second set of rows, same targets). */
  completeLabel?: string | undefined;
  open(bench: BenchContext): Promise<SurfaceSession>;
}

export interface SurfaceSession {
  /** The cases of one round, by label. */
  cases: readonly string[];
  /** Loads or plays `label` once in `mode` (the brief cache is already emptied for cold) and times it. */
  measure(label: string, mode: Mode): Promise<Measured>;
  /** Lines printed after the surface's report (LinkedIn: the server's own time for the same requests). */
  epilogue?(samples: readonly Sample[]): Promise<void>;
  close(): Promise<void>;
}

/** The panel's paints as the bench build logs them in the extension's world (extension/core/page/mount.ts). */
const PAINT_LOG = `(globalThis[Symbol.for('signalhouse.paint-log')] ?? [])`;

/** Every paint of UI `ui` in `page`'s current document, oldest first. */
export async function paintsOf(page: Page, ui: string): Promise<PaintEntry[]> {
  return (await evaluateInExtensionWorld<PaintEntry[]>(page, PAINT_LOG)).filter((p) => p.ui === ui);
}

/** How many paints the document logged so far (any UI): a measurement reads the entries after it. */
export async function paintCount(page: Page): Promise<number> {
  return evaluateInExtensionWorld<number>(page, `${PAINT_LOG}.length`);
}

/**
 * Polls the paint log until `done` holds for the paints of `ui` logged after the first `from`
 * entries (of any UI); throws after `timeoutMs` with what was logged.
 */
export async function waitForPaints(page: Page, ui: string, done: (paints: PaintEntry[]) => boolean, from = 0, timeoutMs = 20_000): Promise<PaintEntry[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const all = await evaluateInExtensionWorld<PaintEntry[]>(page, PAINT_LOG).catch(() => [] as PaintEntry[]);
    const paints = all.slice(from).filter((p) => p.ui === ui);
    if (done(paints)) return paints;
    if (Date.now() > deadline) throw new Error(`${ui}: not done within ${timeoutMs / 1000} s; paints: ${JSON.stringify(paints.map((p) => ({ at: Math.round(p.at), cards: p.cards, pending: p.pending })))}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Nearest-rank percentile of an unsorted list. */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  // NaN for no values: a report row with nothing measured prints NaN rather than failing.
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}
