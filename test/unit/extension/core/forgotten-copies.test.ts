/**
 * What the changes follow forgot leaves the worker's other in-memory copies and the open tabs too
 * (core/background/forgotten-copies.ts): "what changed" kept for a meeting may name an erased person.
 */
import { describe, expect, it } from 'vitest';
import { dropCopies } from '../../../../extension/core/background/forgotten-copies.ts';
import { createSinceCopies } from '../../../../extension/core/background/since-copies.ts';
import type { SinceLastMeeting } from '../../../../shared/meetings.ts';

describe('dropCopies', () => {
  it("drops the worker's 'what changed' copies and tells the tabs when a page of tombstones listed anyone", () => {
    const since = createSinceCopies(() => new Date('2026-12-05T10:00:00Z'));
    since.put('acc_initech', undefined, { accountId: 'acc_initech' } as unknown as SinceLastMeeting);
    let told = 0;
    expect(dropCopies({ contactIds: [], accountIds: [], dealIds: [] }, [since], () => told++)).toBe(false);
    expect(since.get('acc_initech', undefined)).not.toBeNull();
    expect(dropCopies({ contactIds: ['ct_dana'], accountIds: [], dealIds: [] }, [since], () => told++)).toBe(true);
    expect(since.get('acc_initech', undefined)).toBeNull();
    expect(told).toBe(1);
  });
});
