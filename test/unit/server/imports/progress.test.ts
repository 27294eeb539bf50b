import { describe, expect, it } from 'vitest';
import { progressLine, progressReporter } from '../../../../server/ingest/csv/progress.ts';

const at = (bytesRead: number, rows: number, phase: 'validating' | 'importing' = 'importing') => ({ phase, bytesRead, totalBytes: 1000, rows });

describe('the import progress bar', () => {
  it('shows the share of bytes read and the rows per second', () => {
    expect(progressLine(at(500, 5000), 2000)).toBe('importing   [############            ]  50.0%  5,000 rows  2,500 rows/s');
  });

  it('redraws in place on a terminal at most ten times a second', () => {
    const written: string[] = [];
    let clock = 0;
    const progress = progressReporter({ write: (t) => written.push(t), isTTY: true }, () => clock);
    for (let i = 1; i <= 100; i += 1) {
      clock = i * 10; // an update every 10 ms for one second
      progress.update(at(i * 10, i * 100));
    }
    progress.done();
    expect(written.length).toBeGreaterThanOrEqual(10);
    expect(written.length).toBeLessThanOrEqual(12);
    expect(written.every((t) => t.startsWith('\r'))).toBe(true);
    expect(written.at(-1)).toMatch(/100\.0%.*\n$/);
  });

  it('prints a plain line every tenth of the way when not on a terminal', () => {
    const written: string[] = [];
    const progress = progressReporter({ write: (t) => written.push(t) }, () => 0);
    for (let bytes = 0; bytes <= 1000; bytes += 5) progress.update(at(bytes, bytes));
    expect(written).toHaveLength(11);
    expect(written.some((t) => t.includes('\r'))).toBe(false);
    // The last state is shown even when it fell inside an already printed tenth.
    progress.update(at(1000, 1234));
    progress.done();
    expect(written.at(-1)).toContain('1,234 rows');
  });
});
