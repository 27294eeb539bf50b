/**
 * bench:panel against another build, in the same run. `BENCH_AGAINST` is either
 * - build settings for this code (`BENCH_AGAINST=WXT_SOME_FLAG=1`, space separated), which the
 *   bench builds as a second variant, or
 * - the directory of another built extension (`BENCH_AGAINST=../base/.output/chrome-mv3`: another
 *   commit's worktree, built there with `NODE_ENV=production WXT_PANEL_PAINT_LOG=1 WXT_TEST_SITES=1
 *   npx wxt build` so that it logs its paints and serves the test site too).
 * The bench starts a second harness with it (its own server with the same demo data, its own
 * browser) and measures every case on both, one after the other, the order swapped each round;
 * each is idle while the other measures. This machine's noise moves a surface's figures by
 * ±10-15 ms between runs (docs/benchmarks.md, "Join pages against the page alone"): two builds are
 * compared within one run, under the same minutes of load.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Worker } from 'playwright-core';
import { EXTENSION_DIR, type Harness } from '../e2e/harness.ts';
import { percentile, type Measured, type Mode, type PanelSurface, type Sample } from './panel-surface.ts';

/** One build measured in the run: this code as built, or the variant `BENCH_AGAINST` names. */
export interface Variant {
  name: string;
  h: Harness;
  worker: Worker;
}

/** Where the variant's build is kept (beside the bench's own). */
export const AGAINST_DIR = `${EXTENSION_DIR}-against`;

/** What `BENCH_AGAINST` asks for: this code built with other settings, or a build already made. */
export type Against = { settings: Record<string, string> } | { dir: string };

/**
 * Reads `BENCH_AGAINST`: a directory with a manifest.json, else `NAME=value` pairs; null when unset.
 *
 * @example readAgainst('WXT_SOME_FLAG=1') // { settings: { WXT_SOME_FLAG: '1' } }
 * @example readAgainst('../base/.output/chrome-mv3') // { dir: '/…/base/.output/chrome-mv3' }
 */
export function readAgainst(raw: string | undefined = process.env.BENCH_AGAINST, hasManifest = (dir: string) => existsSync(path.join(dir, 'manifest.json'))): Against | null {
  const value = raw?.trim();
  if (!value) return null;
  if (hasManifest(value)) return { dir: path.resolve(value) };
  const settings: Record<string, string> = {};
  for (const pair of value.split(/\s+/)) {
    const match = /^([A-Z][A-Z0-9_]*)=(.*)$/.exec(pair);
    if (!match) throw new Error(`BENCH_AGAINST: "${pair}" is neither NAME=value nor a built extension's directory (with a manifest.json)`);
    settings[match[1]!] = match[2]!;
  }
  return { settings };
}

/** The two builds' p50 and p95 side by side per mode (the panel, and `complete` where the surface has it), with this code's difference. */
export function reportAgainst(surface: PanelSurface, variants: readonly { name: string; samples: readonly Sample[] }[]): void {
  const [mine, other] = variants;
  if (!mine || !other) return;
  const fmt = (n: number) => n.toFixed(1).padStart(7);
  const rows = (heading: string, milestone: (m: Measured) => number | undefined) => {
    for (const mode of ['warm', 'saved', 'cold'] as const satisfies readonly Mode[]) {
      const deltas = (samples: readonly Sample[]) => samples.filter((s) => s.mode === mode && milestone(s.measured) !== undefined).map((s) => milestone(s.measured)! - s.measured.start);
      const a = deltas(mine.samples);
      const b = deltas(other.samples);
      if (a.length === 0 || b.length === 0) continue;
      const [a50, a95, b50, b95] = [percentile(a, 50), percentile(a, 95), percentile(b, 50), percentile(b, 95)];
      console.log(`${`${heading} ${mode}`.padEnd(15)} ${String(a.length).padStart(3)} ${fmt(a50)} ${fmt(a95)}   ${fmt(b50)} ${fmt(b95)}   ${fmt(a50 - b50)} ${fmt(a95 - b95)}`);
    }
  };
  console.log(`\nin the same run (ms after ${surface.startLabel})   ${mine.name}: p50    p95   ${other.name}: p50    p95   difference: p50    p95`);
  rows('panel', (m) => m.panel);
  if (surface.completeLabel) rows('complete', (m) => m.complete);
}
