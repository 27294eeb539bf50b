/**
 * The soak's arithmetic (`npm run bench:soak`), kept apart from its I/O so it can be tested:
 * per-route latency over the measured window and per minute, error counts by reason, and the
 * verdict on memory ("flat after warm-up").
 *
 * Flat, defined: the median of the server's anonymous RSS (all its processes summed) over the last
 * minute is at most max(64 MB, 10%) above its median over the first minute after warm-up. Medians
 * of a minute's samples, not single samples, so one sample taken just before a major GC does not
 * decide it; anonymous memory, not total RSS, because total RSS also counts the database pages
 * SQLite memory-maps (file-backed, shared with the OS cache, reclaimable), which grow as the run
 * reads more of the 4 GB file without anything leaking. Total RSS is reported beside it.
 */
import { summarise, type LatencySummary, type Sample } from './open-loop.ts';
import type { MemorySample } from './process-memory.ts';

export const P99_TARGET_MS = 50;
export const FLAT_SLACK_MB = 64;
export const FLAT_SLACK_RATIO = 0.1;

interface RouteAccount {
  sent: number;
  errors: number;
  fiveXx: number;
  warmup: number[];
  measured: number[];
  /** The server's own time (Server-Timing) of the measured samples that carried it. */
  server: number[];
  byMinute: number[][];
}

/** Collects samples as they complete: warm-up ones apart, measured ones also bucketed by minute. */
export class SoakTally {
  readonly routes = new Map<string, RouteAccount>();
  readonly errorReasons = new Map<string, number>();
  sendLags: number[] = [];

  constructor(
    private readonly rate: number,
    private readonly warmupCount: number,
  ) {}

  private route(name: string): RouteAccount {
    let r = this.routes.get(name);
    if (!r) this.routes.set(name, (r = { sent: 0, errors: 0, fiveXx: 0, warmup: [], measured: [], server: [], byMinute: [] }));
    return r;
  }

  add(sample: Sample): void {
    const r = this.route(sample.route);
    r.sent += 1;
    if (sample.status >= 500) r.fiveXx += 1;
    if (sample.error) {
      r.errors += 1;
      const reason = `${sample.route}: ${sample.error}`;
      this.errorReasons.set(reason, (this.errorReasons.get(reason) ?? 0) + 1);
    }
    const latency = sample.doneAt - sample.intendedAt;
    if (sample.index < this.warmupCount) {
      r.warmup.push(latency);
      return;
    }
    r.measured.push(latency);
    if (sample.serverMs !== null) r.server.push(sample.serverMs);
    this.sendLags.push(sample.sentAt - sample.intendedAt);
    const minute = Math.floor((sample.index - this.warmupCount) / (this.rate * 60));
    (r.byMinute[minute] ??= []).push(latency);
  }

  /** Per route: counts over the whole run, latency over the measured window. */
  summary(): Array<{ route: string; sent: number; errors: number; fiveXx: number; warmup: LatencySummary; measured: LatencySummary; server: LatencySummary; p99ByMinute: number[] }> {
    return [...this.routes].map(([route, r]) => ({
      route,
      sent: r.sent,
      errors: r.errors,
      fiveXx: r.fiveXx,
      warmup: summarise(r.warmup),
      measured: summarise(r.measured),
      server: summarise(r.server),
      p99ByMinute: Array.from(r.byMinute, (m) => summarise(m ?? []).p99),
    }));
  }
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.floor((sorted.length - 1) / 2)]! : Number.NaN;
};

export interface MemoryVerdict {
  afterWarmup: { rssMb: number; anonMb: number };
  end: { rssMb: number; anonMb: number };
  max: { rssMb: number; anonMb: number };
  /** How far above afterWarmup.anonMb the end may be. */
  allowedMb: number;
  flat: boolean;
}

/**
 * Flat after warm-up (see the header): `warmupEnd` and `end` in seconds on the samples' clock.
 * Null when there are no samples in either minute (a run too short to judge).
 */
export function memoryVerdict(samples: MemorySample[], warmupEnd: number, end: number): MemoryVerdict | null {
  const window = Math.min(60, (end - warmupEnd) / 2);
  const first = samples.filter((s) => s.at >= warmupEnd && s.at < warmupEnd + window);
  const last = samples.filter((s) => s.at > end - window && s.at <= end + 5);
  if (first.length === 0 || last.length === 0) return null;
  const measured = samples.filter((s) => s.at >= warmupEnd);
  const afterWarmup = { rssMb: median(first.map((s) => s.rssMb)), anonMb: median(first.map((s) => s.anonMb)) };
  const atEnd = { rssMb: median(last.map((s) => s.rssMb)), anonMb: median(last.map((s) => s.anonMb)) };
  const allowedMb = Math.max(FLAT_SLACK_MB, afterWarmup.anonMb * FLAT_SLACK_RATIO);
  return {
    afterWarmup,
    end: atEnd,
    max: { rssMb: Math.max(...measured.map((s) => s.rssMb)), anonMb: Math.max(...measured.map((s) => s.anonMb)) },
    allowedMb,
    flat: atEnd.anonMb - afterWarmup.anonMb <= allowedMb,
  };
}

/** The median total and anonymous RSS per minute of the measured window, for the timeline. */
export function memoryByMinute(samples: MemorySample[], warmupEnd: number): Array<{ rssMb: number; anonMb: number }> {
  const minutes: MemorySample[][] = [];
  for (const s of samples) if (s.at >= warmupEnd) (minutes[Math.floor((s.at - warmupEnd) / 60)] ??= []).push(s);
  return Array.from(minutes, (m) => ({ rssMb: median((m ?? []).map((s) => s.rssMb)), anonMb: median((m ?? []).map((s) => s.anonMb)) }));
}
