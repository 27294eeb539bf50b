/**
 * `npm run intel:refresh --if-stale` refreshes a team whose snapshots are missing, expiring, or
 * written by another version of the rules: a brief would recompute each of those.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refreshAccountIntel } from '../../../../server/briefs/refresh.ts';
import { staleAccounts } from '../../../../server/cli/intel-refresh.ts';
import { makeHarness, type Harness } from '../harness.ts';
import { seedBriefTeam } from './seed.ts';

describe('staleAccounts', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await makeHarness();
    await seedBriefTeam(h);
  });
  afterAll(async () => {
    await h?.close();
  });

  it('counts accounts without a current snapshot, including one written by an older version', async () => {
    const now = h.clock.now;
    expect(await staleAccounts(h.db, h.teamA, now)).toBe(2);
    await refreshAccountIntel(h.db, h.teamA, now);
    expect(await staleAccounts(h.db, h.teamA, now)).toBe(0);
    const row = await h.db.kysely.selectFrom('account_intel').select('payload').where('account_id', '=', 'acc_acme').executeTakeFirstOrThrow();
    const older = row.payload.replace(/^\{"version":\d+,/, '{"version":0,');
    expect(older).not.toBe(row.payload);
    await h.db.kysely.updateTable('account_intel').set({ payload: older }).where('account_id', '=', 'acc_acme').execute();
    expect(await staleAccounts(h.db, h.teamA, now)).toBe(1);
    // Valid until the next UTC midnight: a day later every snapshot is stale.
    expect(await staleAccounts(h.db, h.teamA, new Date(now.getTime() + 86_400_000))).toBe(2);
  });
});
