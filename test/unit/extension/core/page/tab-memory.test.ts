/**
 * The tab's memory of answers it showed (core/page/tab-memory.ts): how long an answer serves, how
 * many are kept, and what makes every memory in the tab forget (the background's broadcasts).
 */
import { describe, expect, it } from 'vitest';
import { connectionMessage } from '../../../../../extension/core/connection-status.ts';
import { FORGET_MESSAGE, followForgetting, forgetsTabMemory, tabMemory } from '../../../../../extension/core/page/tab-memory.ts';

describe('tabMemory', () => {
  it('serves an answer for maxAgeMs, then no more', () => {
    let now = 0;
    const memory = tabMemory<string>({ maxAgeMs: 60_000, maxEntries: 4, now: () => now });
    memory.remember('dana@initech.example', 'Dana at Initech');
    now = 59_999;
    expect(memory.recall('dana@initech.example')).toBe('Dana at Initech');
    now = 60_001;
    expect(memory.recall('dana@initech.example')).toBeUndefined();
  });

  it('keeps the newest maxEntries, counting a remembered-again answer as new', () => {
    const memory = tabMemory<number>({ maxAgeMs: 60_000, maxEntries: 2, now: () => 0 });
    memory.remember('a', 1);
    memory.remember('b', 2);
    memory.remember('a', 3);
    memory.remember('c', 4);
    expect([memory.recall('a'), memory.recall('b'), memory.recall('c')]).toEqual([3, undefined, 4]);
  });
});

describe('forgetting, for the life of the content script', () => {
  const status = (state: 'not_connected' | 'token_refused' | 'token_expired' | 'offline' | 'connecting' | 'connected') =>
    connectionMessage({ state, serverUrl: 'https://crm.example.test', expiredAt: null });

  it("forgets on the cache's broadcast and when the connection ends, not while offline or connecting", () => {
    expect(forgetsTabMemory({ type: FORGET_MESSAGE })).toBe(true);
    expect(forgetsTabMemory(status('not_connected'))).toBe(true);
    expect(forgetsTabMemory(status('token_refused'))).toBe(true);
    expect(forgetsTabMemory(status('token_expired'))).toBe(true);
    expect(forgetsTabMemory(status('offline'))).toBe(false);
    expect(forgetsTabMemory(status('connecting'))).toBe(false);
    expect(forgetsTabMemory(status('connected'))).toBe(false);
    expect(forgetsTabMemory({ type: 'signalhouse:something-else' })).toBe(false);
  });

  it('empties every memory of the tab when a Disconnect is broadcast (one listener however many features follow)', () => {
    const listeners: Array<(message: unknown) => void> = [];
    const runtime = { onMessage: { addListener: (l: (message: unknown) => void) => listeners.push(l), removeListener: () => undefined } };
    const panels = tabMemory<string>({ maxAgeMs: 60_000, maxEntries: 4 });
    const compose = tabMemory<string>({ maxAgeMs: 60_000, maxEntries: 4 });
    panels.remember('thread', 'Novare brief');
    compose.remember('dana@initech.example', 'Dana');
    followForgetting(runtime);
    followForgetting(runtime);
    expect(listeners).toHaveLength(1);
    listeners[0]!(status('offline'));
    expect(panels.recall('thread')).toBe('Novare brief');
    listeners[0]!(status('not_connected'));
    expect([panels.recall('thread'), compose.recall('dana@initech.example')]).toEqual([undefined, undefined]);
  });
});
