/**
 * `npm run bench:panel`: how long after a page shows what the rep looks at the panel shows their
 * CRM data, per surface, in real Chromium with the built extension, the real server (demo data)
 * on loopback, and pages served at their real URLs (captures and hand-made fixtures).
 *
 * One module per surface (test/bench/panel-<surface>.ts, the interface in panel-surface.ts),
 * listed below one line each; `PANEL_SURFACES=gmail,calendar` (or the same as arguments:
 * `npm run bench:panel -- gmail`) measures only those. Every surface is measured the same way, one
 * after another on one server and one browser: one uncounted warm-up round (Chromium, the bundles'
 * code cache, the server), then `BENCH_ROUNDS` (default 6) rounds of every case in every mode
 * the surface measures, interleaved per case:
 * - cold: the extension's brief cache is emptied first (through the cache, so the worker's
 *   in-memory copies go too), so the data comes from the server;
 * - warm: the same case again right after, so the fastest copy answers (the tab's memory where the
 *   surface has one: a Gmail thread opened again; else the worker's cache);
 * - saved (surfaces that list it): the same again once every tab forgot what it remembers, so the
 *   worker's cache answers (a thread opened in a new tab, or more than a minute later).
 * Then p50/p95/max of `panel − start` per mode against the surface's targets (p95).
 *
 * The bench builds the extension with WXT_PANEL_PAINT_LOG=1, which logs each paint's time and
 * cards in the extension's world (extension/core/page/mount.ts), read over the DevTools protocol.
 * Exits non-zero only on errors, never on a missed target. `BENCH_VERBOSE=1` prints each
 * navigation's stamps (LinkedIn). `BENCH_AGAINST` measures another build beside this one in the
 * same run: this code with other build settings, or another commit's build (test/bench/panel-against.ts).
 */
import { buildExtension, emptyBriefCache, forgetTabMemories, startHarness, type Harness } from '../e2e/harness.ts';
import { AGAINST_DIR, readAgainst, reportAgainst, type Variant } from './panel-against.ts';
import { calendarSurface } from './panel-calendar.ts';
import { benchCompose, reportCompose } from './panel-compose.ts';
import { gmailSurface } from './panel-gmail.ts';
import { joinSurface } from './panel-join.ts';
import { linkedinSurface } from './panel-linkedin.ts';
import { percentile, type Measured, type Mode, type PanelSurface, type Sample, type SurfaceSession } from './panel-surface.ts';

/** The surfaces, in the order they run: one line each. */
const SURFACES: readonly PanelSurface[] = [
  linkedinSurface,
  gmailSurface,
  calendarSurface,
  joinSurface,
];

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 6);
const VERBOSE = Boolean(process.env.BENCH_VERBOSE);

/** The surfaces asked for: `PANEL_SURFACES` or the arguments (comma or space separated); all when none. */
/**
 * Gmail's compose rows (a recipient's card after its chip, typing with the card open) have their
 * own shape (test/bench/panel-compose.ts): `compose` picks them, and they run after the surfaces.
 */
const COMPOSE = 'compose';

function chosenSurfaces(): { surfaces: PanelSurface[]; compose: boolean } {
  const asked = [process.env.PANEL_SURFACES ?? '', ...process.argv.slice(2)]
    .join(',')
    .split(/[\s,]+/)
    .filter(Boolean);
  if (asked.length === 0) return { surfaces: [...SURFACES], compose: true };
  const unknown = asked.filter((id) => id !== COMPOSE && !SURFACES.some((s) => s.id === id));
  if (unknown.length > 0) throw new Error(`unknown surface(s) ${unknown.join(', ')}; known: ${[...SURFACES.map((s) => s.id), COMPOSE].join(', ')}`);
  return { surfaces: SURFACES.filter((s) => asked.includes(s.id)), compose: asked.includes(COMPOSE) };
}

/** Measures `surface` on each build (one, or two with BENCH_AGAINST: each case on both, the order swapped each round). */
async function runSurface(surface: PanelSurface, variants: readonly Variant[]): Promise<void> {
  console.log(`\n== ${surface.title}`);
  const runs: { variant: Variant; session: SurfaceSession; samples: Sample[] }[] = [];
  try {
    for (const variant of variants) runs.push({ variant, session: await surface.open({ h: variant.h, worker: variant.worker, verbose: VERBOSE }), samples: [] });
    const cases = runs[0]!.session.cases;
    // Round 0 warms up Chromium, the bundle's code cache and the server; it is not counted.
    for (let round = 0; round <= ROUNDS; round++) {
      for (const label of cases) {
        for (const { variant, session, samples } of round % 2 === 0 ? runs : [...runs].reverse()) {
          for (const mode of surface.modes) {
            if (mode === 'cold') await emptyBriefCache(variant.worker);
            if (mode === 'saved') await forgetTabMemories(variant.worker);
            const measured = await session.measure(label, mode);
            if (round > 0) samples.push({ mode, case: label, measured });
          }
        }
      }
      if (round > 0) process.stdout.write(`round ${round}/${ROUNDS} done\n`);
    }
    for (const { variant, session, samples } of runs) {
      if (runs.length > 1) console.log(`\n-- ${variant.name}`);
      report(surface, samples);
      await session.epilogue?.(samples);
    }
    if (runs.length > 1) reportAgainst(surface, runs.map(({ variant, samples }) => ({ name: variant.name, samples })));
  } finally {
    for (const { session } of runs) await session.close();
  }
}

function report(surface: PanelSurface, samples: readonly Sample[]): void {
  const fmt = (n: number) => n.toFixed(1).padStart(8);
  const start = surface.startLabel;
  const table = (heading: string, milestone: (m: Measured) => number | undefined) => {
    console.log(`\nmode   n    ${heading}-${start} p50   p95   max | ${start} p50  host p50  ${heading} p50 (ms after navigation start)  target (p95)`);
    for (const mode of ['warm', 'saved', 'cold'] as const satisfies readonly Mode[]) {
      const rows = samples.filter((s) => s.mode === mode && milestone(s.measured) !== undefined);
      if (rows.length === 0) continue;
      const delta = rows.map((s) => milestone(s.measured)! - s.measured.start);
      const p95 = percentile(delta, 95);
      const hosts = rows.flatMap((s) => (s.measured.host === undefined ? [] : [s.measured.host]));
      const target = surface.targets[mode];
      console.log(
        `${mode.padEnd(5)} ${String(rows.length).padStart(3)} ${fmt(percentile(delta, 50))} ${fmt(p95)} ${fmt(Math.max(...delta))} |` +
          `${fmt(percentile(rows.map((s) => s.measured.start), 50))} ${fmt(hosts.length ? percentile(hosts, 50) : NaN)} ${fmt(percentile(rows.map((s) => milestone(s.measured)!), 50))}` +
          (target === undefined ? '   no target' : `   <= ${target} ms: ${p95 <= target ? 'met' : 'NOT met'}`),
      );
    }
  };
  table('panel', (m) => m.panel);
  if (surface.completeLabel) {
    console.log(`(${surface.completeLabel})`);
    table('complete', (m) => m.complete);
  }
  const kinds = new Map<string, number>();
  for (const s of samples) kinds.set(`${s.case}:${s.measured.kind}`, (kinds.get(`${s.case}:${s.measured.kind}`) ?? 0) + 1);
  console.log(`\ncards: ${[...kinds].map(([k, n]) => `${k} x${n}`).join(', ')}`);
}

async function main(): Promise<void> {
  const { surfaces, compose } = chosenSurfaces();
  console.log(`surfaces: ${[...surfaces.map((s) => s.id), ...(compose ? [COMPOSE] : [])].join(', ')}; ${ROUNDS} rounds each after one warm-up round`);
  console.log('building the extension (NODE_ENV=production, WXT_PANEL_PAINT_LOG=1)…');
  // The bench build logs the panel's paints in the extension's world (extension/core/page/mount.ts).
  process.env.WXT_PANEL_PAINT_LOG = '1';
  // The harness serves every page through one `context.route` handler in this process, and while
  // a route exists Playwright also intercepts the extension's service worker: each request the
  // worker makes to the server (loopback) would stop in this Node process and be continued from
  // here, a detour no rep's browser takes (measured: the worker's package request during a join
  // page's load answered 45-100 ms after it left with it, 11-47 ms without). The worker's own
  // requests are left alone; pages are still served through the route. BENCH_INTERCEPT_WORKER=1
  // measures with the detour (docs/benchmarks.md compares the two).
  if (process.env.BENCH_INTERCEPT_WORKER !== '1') process.env.PLAYWRIGHT_DISABLE_SERVICE_WORKER_NETWORK = '1';
  buildExtension();
  const against = readAgainst();
  if (against && 'settings' in against) {
    console.log(`building the variant to measure against (${process.env.BENCH_AGAINST})…`);
    buildExtension(AGAINST_DIR, against.settings);
  }
  const started = Date.now();
  const harnesses: Harness[] = [];
  const variants: Variant[] = [];
  const start = async (name: string, extensionDir?: string) => {
    const h = await startHarness(extensionDir ? { extensionDir } : {});
    // Kept before connecting: the `finally` below stops it whatever happens next.
    harnesses.push(h);
    await h.connectAsDemoRep();
    const worker = h.context.serviceWorkers()[0];
    if (!worker) throw new Error('no extension service worker');
    variants.push({ name, h, worker });
  };
  try {
    await start('this build');
    if (against) await start(process.env.BENCH_AGAINST!.trim(), 'dir' in against ? against.dir : AGAINST_DIR);
    const h = variants[0]!.h;
    for (const surface of surfaces) {
      const at = Date.now();
      await runSurface(surface, variants);
      console.log(`(${surface.id}: ${Math.round((Date.now() - at) / 1000)} s)`);
    }
    // The compose rows compare with a browser without the extension already: this build only.
    if (compose) {
      const at = Date.now();
      console.log('\n== Gmail compose window');
      reportCompose(await benchCompose(h, { rounds: ROUNDS, verbose: VERBOSE }));
      console.log(`(${COMPOSE}: ${Math.round((Date.now() - at) / 1000)} s)`);
    }
    console.log(`\nmeasured in ${Math.round((Date.now() - started) / 1000)} s after the build`);
  } finally {
    for (const h of harnesses) await h.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
