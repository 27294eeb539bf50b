/**
 * The Gmail thread panel's side asked ahead (sites/gmail/ask-ahead.ts): asked when the rep leaves a
 * thread, used by the next thread when at most a minute old, asked again otherwise, used once.
 */
import { describe, expect, it } from 'vitest';
import { askAhead } from '../../../../../extension/sites/gmail/ask-ahead.ts';

describe('the rep\'s side asked ahead of the next thread', () => {
  it('hands the next thread the answer asked when the last one was left, and asks at once when nothing was', async () => {
    let clock = 0;
    let asked = 0;
    const side = askAhead(async () => ++asked, () => clock, 60_000);
    expect(await side.next()).toBe(1);
    side.ahead();
    expect(asked).toBe(2);
    clock += 60_000;
    // Opened a minute later: the answer asked on leaving, no new question.
    expect(await side.next()).toBe(2);
    expect(asked).toBe(2);
    // Used once: the thread after asks again.
    expect(await side.next()).toBe(3);
  });

  it('asks again when the answer asked ahead is older than allowed (a never-log entry added meanwhile holds)', async () => {
    let clock = 0;
    let asked = 0;
    const side = askAhead(async () => ++asked, () => clock, 60_000);
    side.ahead();
    clock += 60_001;
    expect(await side.next()).toBe(2);
  });
});
