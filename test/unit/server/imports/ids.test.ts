import { describe, expect, it } from 'vitest';
import { importId } from '../../../../server/ingest/csv/ids.ts';

describe('ids of imported records', () => {
  it('look like every other id and sort by creation time, so inserts append to the index', () => {
    const earlier = importId('con', Date.parse('2026-11-23T09:00:00.000Z'));
    const later = importId('con', Date.parse('2026-11-23T09:00:00.001Z'));
    expect(earlier).toMatch(/^con_[0-9a-f]{20}$/);
    expect(earlier < later).toBe(true);
    expect(new Set(Array.from({ length: 1000 }, () => importId('con', 0))).size).toBe(1000);
  });
});
