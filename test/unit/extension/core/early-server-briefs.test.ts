/**
 * The server's answer the worker asks at a profile's page load, for the panel's own ask a moment
 * later (core/background/early-server-briefs.ts), and the handler that hands it over.
 */
import { describe, expect, it } from 'vitest';
import type { BriefRef } from '../../../../shared/brief.ts';
import { createEarlyServerBriefs, SHARED_MS } from '../../../../extension/core/background/early-server-briefs.ts';
import { createHandlers, type HandlerDeps } from '../../../../extension/core/background/handlers.ts';
import { fail, ok, type BriefsAnswer, type Result } from '../../../../extension/core/protocol.ts';

const jane: BriefRef[] = [{ kind: 'linkedin', profileUrl: 'https://www.linkedin.com/in/jane-doe/' }];
const answered: Result<BriefsAnswer> = ok({ briefs: [null] });

describe('createEarlyServerBriefs', () => {
  it('hands the answer to the same tab asking for the same refs, once, within SHARED_MS', () => {
    let now = 1_000;
    const early = createEarlyServerBriefs(() => now);
    const answer = Promise.resolve(answered);
    early.start(7, jane, answer);
    expect(early.take(8, jane)).toBeUndefined();
    expect(early.take(7, [{ kind: 'linkedin', profileUrl: 'https://www.linkedin.com/in/someone-else/' }])).toBeUndefined();
    expect(early.take(undefined, jane)).toBeUndefined();
    expect(early.take(7, jane)).toBe(answer);
    expect(early.take(7, jane)).toBeUndefined();
    early.start(7, jane, answer);
    now += SHARED_MS;
    expect(early.take(7, jane)).toBeUndefined();
  });

  it('keeps no failure (the panel asks itself) and forgets everything on clear', async () => {
    const early = createEarlyServerBriefs(() => 0);
    early.start(7, jane, Promise.resolve(fail('offline', 'The server could not be reached.')));
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(early.take(7, jane)).toBeUndefined();
    early.start(7, jane, Promise.resolve(answered));
    early.clear();
    expect(early.take(7, jane)).toBeUndefined();
  });
});

describe("getBriefs from the server, in the worker's handlers", () => {
  it("answers the panel's ask with the worker's early answer for its tab, without asking the server again", async () => {
    const early = createEarlyServerBriefs(() => 0);
    const asked: string[] = [];
    const connection = {
      api: async () => (asked.push('api'), fail('not_connected', 'not connected')),
    } as unknown as HandlerDeps['connection'];
    const handlers = createHandlers({ connection, now: () => new Date(0), earlyServer: early });
    const waiting = Promise.resolve(ok({ briefs: [{ brief: null, asOf: '2026-12-05T09:00:00.000Z', source: 'server' as const }] }));
    early.start(3, jane, waiting);
    await expect(handlers.getBriefs({ refs: jane, from: 'server' }, { tab: { id: 3 } })).resolves.toEqual(await waiting);
    expect(asked).toEqual([]);
    // Another tab's panel asks for itself.
    await handlers.getBriefs({ refs: jane, from: 'server' }, { tab: { id: 4 } });
    expect(asked).toEqual(['api']);
  });
});
