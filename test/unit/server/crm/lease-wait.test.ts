/**
 * A sync that finds the connection's lease held (a `crm-writeback` run, every minute, starting at
 * the same instant as the ten-minute `crm-sync`) waits for it rather than skipping its slot: it
 * runs once the other run lets go, within `leaseWaitMs`. A write-back only run does not wait (the
 * next minute runs it), and a lease never released still ends in `busy`. Both dialects.
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { Harness } from '../harness.ts';
import type { HubSpotFake } from '../../../fakes/hubspot.ts';
import { syncCrm, type SyncOptions } from '../../../../server/crm/sync.ts';
import { FAST, KEY, connectedHubSpot, fastCallEnv, sharedClock } from './crm-test-kit.ts';

let h: Harness;
let clock: ReturnType<typeof sharedClock>;
let close: () => Promise<void>;

beforeEach(async () => {
  let hub: HubSpotFake;
  ({ h, hub, clock, close } = await connectedHubSpot('pat-na1-lease'));
  hub.put('companies', { name: 'Leased Co', domain: 'leased.test' });
  clock.tick(60_000);
});
afterEach(() => close());

// Real sleeps for the lease's polls (the CRM calls themselves go at the test's pace).
const realSleep = { ...fastCallEnv(), sleep: (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)) };
const sync = (extra: Partial<SyncOptions> = {}) => syncCrm(h.db.kysely, { teamId: h.teamA, provider: 'hubspot', key: KEY, now: clock.now(), callEnv: realSleep, pacing: FAST, ...extra });
/** Another run holds the lease, as a write-back that started first does. */
const holdLease = () => h.db.kysely.updateTable('crm_connections').set({ lease_until: new Date(clock.now().getTime() + 600_000).toISOString() }).where('team_id', '=', h.teamA).execute();
const releaseLease = () => h.db.kysely.updateTable('crm_connections').set({ lease_until: null }).where('team_id', '=', h.teamA).execute();
const imported = async () => (await h.db.kysely.selectFrom('accounts').select('name').where('team_id', '=', h.teamA).where('name', '=', 'Leased Co').execute()).length;

it('a sync waits for the lease a write-back holds, and runs its slot once it is let go', async () => {
  await holdLease();
  const run = sync({ leaseWaitMs: 10_000 });
  await new Promise((resolve) => setTimeout(resolve, 1200));
  await releaseLease();
  expect((await run).status).toBe('ok');
  expect(await imported()).toBe(1);
});

it('a write-back only run does not wait, and a lease never let go ends in busy', async () => {
  await holdLease();
  const started = Date.now();
  expect((await sync({ parts: { push: true, pull: false }, leaseWaitMs: 10_000 })).status).toBe('busy');
  expect(Date.now() - started).toBeLessThan(1000);
  expect((await sync({ leaseWaitMs: 1200 })).status).toBe('busy');
  expect(await imported()).toBe(0);
});
