/**
 * What the CRM connector tests share: a harness with a SECRETS_KEY, a clock the fakes and the
 * runs share, a call environment whose sleeps are recorded instead of waited, and connecting
 * (`connectedHubSpot`).
 */
import crypto from 'node:crypto';
import type { CallEnv } from '../../../../server/crm/http.ts';
import { secretsKey } from '../../../../server/crm/secrets.ts';
import { connectCrm } from '../../../../server/crm/connections.ts';
import { startHubSpot, type HubSpotOptions } from '../../../fakes/hubspot.ts';
import { makeHarness } from '../harness.ts';

export const SECRETS_KEY = crypto.randomBytes(32).toString('base64');
export const KEY = secretsKey({ SECRETS_KEY });

/** Sleeps recorded, never waited; jitter from a seeded generator. */
export function fastCallEnv(seed = 1): CallEnv & { slept: number[] } {
  let state = seed >>> 0 || 1;
  const slept: number[] = [];
  return {
    slept,
    sleep: async (ms) => {
      slept.push(ms);
    },
    random: () => {
      // xorshift32: the same seed replays the same jitter.
      state ^= state << 13;
      state ^= state >>> 17;
      state ^= state << 5;
      return (state >>> 0) / 2 ** 32;
    },
    fetch: (...args) => fetch(...args),
  };
}

export const FAST = { minIntervalMs: 0, baseBackoffMs: 10, maxBackoffMs: 100 };

/** A clock both the fake CRM and the runs read; `tick` moves it on. */
export function sharedClock(start = '2026-11-23T09:00:00.000Z') {
  const clock = {
    at: new Date(start),
    now: () => new Date(clock.at),
    tick(ms: number) {
      clock.at = new Date(clock.at.getTime() + ms);
    },
  };
  return clock;
}

/**
 * Team A of a fresh harness connected to a fresh HubSpot fake, both on one shared clock: where most
 * connector tests start. `close` stops both.
 *
 * @example const { h, hub, clock, close } = await connectedHubSpot('pat-na1-x', { searchCap: 10_000 });
 */
export async function connectedHubSpot(token: string, fake: Omit<HubSpotOptions, 'token' | 'now'> = {}) {
  const h = await makeHarness();
  const clock = sharedClock();
  h.clock.now = clock.at;
  const hub = await startHubSpot({ token, now: clock.now, ...fake });
  await connectCrm(h.db.kysely, h.teamA, { provider: 'hubspot', token, baseUrl: hub.url }, KEY, null, clock.now());
  const close = async () => {
    await hub.close();
    await h.close();
  };
  return { h, hub, clock, close };
}
