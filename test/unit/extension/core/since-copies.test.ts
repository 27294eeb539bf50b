/**
 * The background's copies of "what changed since we last met" (core/background/since-copies.ts),
 * and the handler that keeps and answers them: a package opened again paints the copy at once;
 * nothing is kept past ten minutes, past 64 meetings, or past a Disconnect.
 */
import { describe, expect, it } from 'vitest';
import { createSinceCopies, MAX_SINCE_COPIES, SINCE_COPY_MS } from '../../../../extension/core/background/since-copies.ts';
import type { SinceLastMeeting } from '../../../../shared/meetings.ts';

const since = (accountId: string): SinceLastMeeting => ({ accountId, lastMeeting: null, since: '2026-11-05T00:00:00.000Z', changes: [], questions: [] });

describe('the kept copies of what changed since the last meeting', () => {
  it('answers the copy of an account and meeting for ten minutes, then nothing', () => {
    let clock = Date.parse('2026-12-05T09:00:00Z');
    const copies = createSinceCopies(() => new Date(clock));
    copies.put('acc_1', '2026-12-08T10:00:00Z', since('acc_1'));
    expect(copies.get('acc_1', '2026-12-08T10:00:00Z')).toEqual(since('acc_1'));
    // Another meeting of the same account is another question.
    expect(copies.get('acc_1', '2026-12-15T10:00:00Z')).toBeNull();
    clock += SINCE_COPY_MS;
    expect(copies.get('acc_1', '2026-12-08T10:00:00Z')).toBeNull();
  });

  it('keeps the latest 64 and forgets them all at once', () => {
    const copies = createSinceCopies(() => new Date('2026-12-05T09:00:00Z'));
    for (let i = 0; i <= MAX_SINCE_COPIES; i++) copies.put(`acc_${i}`, undefined, since(`acc_${i}`));
    expect(copies.get('acc_0', undefined)).toBeNull();
    expect(copies.get(`acc_${MAX_SINCE_COPIES}`, undefined)).not.toBeNull();
    copies.clear();
    expect(copies.get(`acc_${MAX_SINCE_COPIES}`, undefined)).toBeNull();
  });
});
