/**
 * The CLI's progress display: a bar redrawn in place (at most ten times a second) on a terminal,
 * a plain line every tenth of the way otherwise (logs and CI), so a long import shows it is alive.
 *
 * @example
 * const progress = progressReporter(process.stderr);
 * await runImport(db, importer, source, { …, onProgress: progress.update });
 * progress.done();
 */
import type { ImportProgress } from './run.ts';

export interface ProgressSink {
  write(text: string): unknown;
  isTTY?: boolean;
}

const REDRAW_MS = 100;
const BAR_WIDTH = 24;

/**
 * One line of progress; the percentage is of bytes read, the rate of rows in this phase.
 *
 * @example progressLine({ phase: 'importing', bytesRead: 50, totalBytes: 100, rows: 5000 }, 2000)
 * // 'importing   [############            ]  50.0%  5,000 rows  2,500 rows/s'
 */
export function progressLine(p: ImportProgress, elapsedMs: number): string {
  const fraction = p.totalBytes > 0 ? Math.min(1, p.bytesRead / p.totalBytes) : 0;
  const filled = Math.round(fraction * BAR_WIDTH);
  const rate = elapsedMs > 0 ? Math.round((p.rows * 1000) / elapsedMs) : 0;
  const bar = `[${'#'.repeat(filled)}${' '.repeat(BAR_WIDTH - filled)}]`;
  return `${p.phase.padEnd(11)} ${bar} ${(fraction * 100).toFixed(1).padStart(5)}%  ${p.rows.toLocaleString('en-US')} rows  ${rate.toLocaleString('en-US')} rows/s`;
}

export function progressReporter(sink: ProgressSink, clock: () => number = Date.now) {
  let phase: ImportProgress['phase'] | null = null;
  let phaseStart = 0;
  let lastDraw = 0;
  let lastTenth = -1;
  let last: ImportProgress | null = null;
  let lastShown = true;
  /** The phase's final state, which throttling may have skipped, on a line of its own. */
  const endLine = () => {
    if (!last) return;
    if (sink.isTTY) sink.write(`\r${progressLine(last, clock() - phaseStart)}\n`);
    else if (!lastShown) sink.write(`${progressLine(last, clock() - phaseStart)}\n`);
  };
  return {
    update(p: ImportProgress) {
      const now = clock();
      if (p.phase !== phase) {
        endLine();
        phase = p.phase;
        phaseStart = now;
        lastDraw = 0;
        lastTenth = -1;
      }
      last = p;
      lastShown = false;
      if (sink.isTTY) {
        if (now - lastDraw < REDRAW_MS) return;
        lastDraw = now;
        sink.write(`\r${progressLine(p, now - phaseStart)}`);
        lastShown = true;
        return;
      }
      const tenth = p.totalBytes > 0 ? Math.floor((10 * p.bytesRead) / p.totalBytes) : 0;
      if (tenth === lastTenth) return;
      lastTenth = tenth;
      sink.write(`${progressLine(p, now - phaseStart)}\n`);
      lastShown = true;
    },
    /** Leaves the final state of the bar on its own line. */
    done() {
      endLine();
      last = null;
    },
  };
}
