/**
 * A digest built on request reads a rep's whole book (~200 accounts) and computes the accounts
 * whose snapshots are stale: in a server worker that held the event loop 15-200 ms at a stretch on
 * the scale data (bench:soak), and every request behind it waited. The book is read in time
 * slices; slices of 0 ms make the turns countable, one per account.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { intelForAccounts } from '../../../../server/briefs/intel-for-accounts.ts';
import { TimeSlice } from '../../../../server/db/time-slice.ts';
import { turnsDuring } from '../event-loop-turns.ts';
import { dialectUnderTest, makeHarness, type Harness } from '../harness.ts';
import { csv, postCsv } from '../imports/helpers.ts';

const ACCOUNTS = 40;
let h: Harness;
let ids: string[];
beforeAll(async () => {
  h = await makeHarness();
  const rows = Array.from({ length: ACCOUNTS }, (_, i) => `S-${i},Sliced ${i},sliced-${i}.example.com,rep@a.test`);
  const { status } = await postCsv(h, 'accounts', csv('external_id,name,domains,owner_email', ...rows));
  expect(status).toBe(200);
  ids = (await h.db.kysely.selectFrom('accounts').select('id').where('team_id', '=', h.teamA).execute()).map((a) => a.id);
  expect(ids).toHaveLength(ACCOUNTS);
});
afterAll(() => h.close());

describe("a rep's book read in time slices", () => {
  it('gives the event loop a turn after each account it computes, and after each stored one it reads', async () => {
    const computing = await turnsDuring(() => intelForAccounts(h.db, h.teamA, ids, h.clock.now, new TimeSlice(0)));
    expect(computing).toBeGreaterThanOrEqual(ACCOUNTS);
    // Now stored: read back, still a turn per account.
    const reading = await turnsDuring(() => intelForAccounts(h.db, h.teamA, ids, h.clock.now, new TimeSlice(0)));
    expect(reading).toBeGreaterThanOrEqual(ACCOUNTS);
  });

  // On PostgreSQL every query is network I/O and gives the loop turns of its own, slices or not.
  it.skipIf(dialectUnderTest === 'postgres')('keeps a CLI job (no slices) to the turns its queries take', async () => {
    const turns = await turnsDuring(() => intelForAccounts(h.db, h.teamA, ids, h.clock.now, new TimeSlice(null)));
    expect(turns).toBeLessThan(ACCOUNTS);
  });
});
