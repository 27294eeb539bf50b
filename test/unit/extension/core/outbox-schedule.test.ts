/** Backoff with full jitter: the ceiling doubles from 5 s per failure up to 30 min, and the delay is a uniform draw below it. */
import { describe, expect, it } from 'vitest';
import { backoffDelayMs, RETRY_BASE_MS, RETRY_CAP_MS, retryCeilingMs } from '../../../../extension/core/background/outbox-schedule.ts';

describe('retry schedule', () => {
  it('doubles the ceiling per failure from 5 s and caps it at 30 minutes', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9].map(retryCeilingMs)).toEqual([5, 10, 20, 40, 80, 160, 320, 640, 1280].map((s) => s * 1000));
    expect(retryCeilingMs(10)).toBe(RETRY_CAP_MS);
    expect(retryCeilingMs(10_000)).toBe(RETRY_CAP_MS);
    expect(retryCeilingMs(0)).toBe(RETRY_BASE_MS);
  });

  it('draws the delay uniformly in [0, ceiling) and clamps a misbehaving random source', () => {
    expect(backoffDelayMs(3, () => 0)).toBe(0);
    expect(backoffDelayMs(3, () => 0.5)).toBe(10_000);
    expect(backoffDelayMs(3, () => 0.999999)).toBeLessThan(20_000);
    expect(backoffDelayMs(50, () => 2)).toBe(RETRY_CAP_MS);
    expect(backoffDelayMs(2, () => -1)).toBe(0);
    let seed = 42;
    const lcg = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let attempts = 1; attempts < 20; attempts++) {
      for (let i = 0; i < 50; i++) {
        const d = backoffDelayMs(attempts, lcg);
        expect(d).toBeGreaterThanOrEqual(0);
        expect(d).toBeLessThan(retryCeilingMs(attempts));
      }
    }
  });
});
