/**
 * The soak's verdicts (test/bench/soak-report.ts): which latencies count (after warm-up, from the
 * intended instant), errors by reason, "RSS flat after warm-up" judged on anonymous memory, and
 * the offered mix.
 */
import { describe, expect, it } from 'vitest';
import type { Sample } from '../../bench/open-loop.ts';
import type { MemorySample } from '../../bench/process-memory.ts';
import { PER_REP_HOUR, mixFrom, offeredRate } from '../../bench/soak-mix.ts';
import { SoakTally, memoryByMinute, memoryVerdict } from '../../bench/soak-report.ts';

const sample = (index: number, latency: number, extra: Partial<Sample> = {}): Sample => ({
  route: 'POST /v1/briefs',
  index,
  intendedAt: index,
  sentAt: index,
  doneAt: index + latency,
  status: 200,
  error: null,
  serverMs: null,
  ...extra,
});

const memory = (at: number, anonMb: number, fileMb = 100): MemorySample => ({ at, rssMb: anonMb + fileMb, anonMb, fileMb, processes: 3 });

describe('the soak tally', () => {
  it('leaves warm-up latencies out of the measured p99 but counts their errors and 5xx', () => {
    // 10 req/s, 20 warm-up requests (2 s), then 1,200 measured (2 minutes).
    const tally = new SoakTally(10, 20);
    for (let i = 0; i < 20; i++) tally.add(sample(i, 900, i === 3 ? { status: 503, error: 'HTTP 503' } : {}));
    for (let i = 20; i < 1220; i++) tally.add(sample(i, i >= 620 && i < 640 ? 80 : 5));
    const [briefs] = tally.summary();
    expect(briefs!.sent).toBe(1220);
    expect(briefs!.fiveXx).toBe(1);
    expect(briefs!.errors).toBe(1);
    expect(briefs!.warmup.p99).toBe(900);
    expect(briefs!.measured.count).toBe(1200);
    expect(briefs!.measured.max).toBe(80);
    // 20 slow ones of the second minute's 600: its p99 shows them, the first minute's does not.
    expect(briefs!.p99ByMinute).toEqual([5, 80]);
    expect([...tally.errorReasons]).toEqual([['POST /v1/briefs: HTTP 503', 1]]);
  });

  it("reports the server's own time beside the latency, over the measured samples that carried it", () => {
    const tally = new SoakTally(10, 2);
    tally.add(sample(0, 50, { serverMs: 40 }));
    tally.add(sample(1, 50, { serverMs: 40 }));
    for (let i = 2; i < 102; i++) tally.add(sample(i, 30, { serverMs: i === 50 ? 9 : 1 }));
    tally.add(sample(102, 30));
    const [briefs] = tally.summary();
    expect(briefs!.server.count).toBe(100);
    expect(briefs!.server.p50).toBe(1);
    expect(briefs!.server.max).toBe(9);
    expect(briefs!.measured.p50).toBe(30);
  });
});

describe('RSS flat after warm-up', () => {
  const run = (anonAt: (t: number) => number, fileAt: (t: number) => number = () => 100) =>
    Array.from({ length: 160 }, (_, i) => memory(i * 5, anonAt(i * 5), fileAt(i * 5)));

  it('is flat when anonymous memory ends where it was after warm-up, however much of the mapped database was read', () => {
    const verdict = memoryVerdict(run(() => 400, (t) => 100 + t * 3), 60, 795);
    expect(verdict!.flat).toBe(true);
    expect(verdict!.afterWarmup.anonMb).toBe(400);
    expect(verdict!.end.rssMb).toBeGreaterThan(verdict!.afterWarmup.rssMb + 1000);
  });

  it('is not flat when anonymous memory grows past max(64 MB, 10%)', () => {
    const leaking = memoryVerdict(run((t) => 400 + t * 0.2), 60, 795);
    expect(leaking!.allowedMb).toBe(64);
    expect(leaking!.flat).toBe(false);
    // 10% of a larger heap: 1,000 MB may end 100 MB higher, not more.
    expect(memoryVerdict(run((t) => (t > 700 ? 1090 : 1000)), 60, 795)!.flat).toBe(true);
    expect(memoryVerdict(run((t) => (t > 700 ? 1110 : 1000)), 60, 795)!.flat).toBe(false);
  });

  it('takes medians, so one sample before a collection does not decide it', () => {
    expect(memoryVerdict(run((t) => (t === 790 ? 900 : 400)), 60, 795)!.flat).toBe(true);
    expect(memoryVerdict(run((t) => (t === 790 ? 900 : 400)), 60, 795)!.max.anonMb).toBe(900);
  });

  it('cannot judge a run with no samples after warm-up', () => {
    expect(memoryVerdict([memory(0, 400)], 60, 120)).toBeNull();
  });

  it('gives the median per minute of the measured window', () => {
    expect(memoryByMinute(run((t) => (t < 120 ? 400 : 500)), 60).slice(0, 2)).toEqual([
      { rssMb: 500, anonMb: 400 },
      { rssMb: 600, anonMb: 500 },
    ]);
  });
});

describe("the soak's mix", () => {
  it("offers a 500-rep team's busy hour times the scale, with counts changed by SOAK_MIX", () => {
    // 100 requests per rep-hour × 500 reps × 10 / 3600 s.
    expect(offeredRate(mixFrom(undefined), 500, 10)).toBeCloseTo(138.9, 1);
    expect(mixFrom('search:0, brief:120')).toEqual({ ...PER_REP_HOUR, search: 0, brief: 120 });
    expect(() => mixFrom('searches:3')).toThrow(/route:count/);
    expect(() => mixFrom('brief:-1')).toThrow(/route:count/);
  });
});
