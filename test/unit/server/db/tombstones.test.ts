/**
 * Tombstones commit in id order (server/db/tombstones.ts), so a rep's `/v1/changes` cursor never
 * moves past one that commits later. On PostgreSQL an id is taken at insert, not at commit: without
 * the lock, a CRM sync's tombstone could commit while an erasure's smaller id is still open.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OpenedDatabase } from '../../../../server/db/connect.ts';
import { writeTombstones } from '../../../../server/db/tombstones.ts';
import { dialectUnderTest, openTestDatabase } from '../harness.ts';

let db: OpenedDatabase;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ db, cleanup } = await openTestDatabase()));
afterEach(async () => cleanup());

const tombstone = (entityId: string) => ({ team_id: 'team_a', entity: 'contact', entity_id: entityId, at: '2026-12-05T09:00:00.000Z' });

describe(`tombstones (${dialectUnderTest})`, () => {
  // SQLite runs one transaction at a time on its connection (the read below would wait too): PostgreSQL only.
  it.skipIf(dialectUnderTest === 'sqlite')("a tombstone written while another one's transaction is open waits for it to commit, so ids commit in order", async () => {
    let wrote!: () => void;
    const firstWrote = new Promise<void>((resolve) => (wrote = resolve));
    let release!: () => void;
    const mayCommit = new Promise<void>((resolve) => (release = resolve));
    // The erasure: takes the smaller id, then is slow to commit.
    const erasure = db.kysely.transaction().execute(async (trx) => {
      await writeTombstones(trx, [tombstone('ct_erased')]);
      wrote();
      await mayCommit;
    });
    await firstWrote;
    // The CRM sync's deletion, meanwhile.
    let synced = false;
    const sync = db.kysely
      .transaction()
      .execute(async (trx) => writeTombstones(trx, [tombstone('ct_deleted_in_crm')]))
      .then(() => (synced = true));
    await new Promise((resolve) => setTimeout(resolve, 300));
    // What a follow would read now: nothing past an id that is still to commit.
    const visible = await db.kysely.selectFrom('tombstones').select(['id', 'entity_id']).orderBy('id').execute();
    expect(synced).toBe(false);
    expect(visible).toEqual([]);
    release();
    await Promise.all([erasure, sync]);
    const rows = await db.kysely.selectFrom('tombstones').select(['id', 'entity_id']).orderBy('id').execute();
    expect(rows.map((r) => r.entity_id)).toEqual(['ct_erased', 'ct_deleted_in_crm']);
  });

  it('refuses to write outside a transaction (the lock only holds until the transaction commits)', async () => {
    await expect(writeTombstones(db.kysely, [tombstone('ct_1')])).rejects.toThrow(/inside the transaction/);
  });
});
