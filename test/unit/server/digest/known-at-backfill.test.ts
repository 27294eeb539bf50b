/**
 * Migration 0009 backfills `events.known_at` for rows written before it: a webhook row was known
 * when its delivery was received, any other row when it occurred (what the digest used before, so
 * the upgrade neither re-announces old signals nor hides one); a technology's adoption and removal
 * likewise when they happened. Runs on both dialects.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventKnownAt } from '../../../../server/db/migrations/0009_event_known_at.ts';
import { openTestDatabase } from '../harness.ts';
import type { OpenedDatabase } from '../../../../server/db/connect.ts';

let db: OpenedDatabase;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  ({ db, cleanup } = await openTestDatabase());
});
afterAll(() => cleanup());

describe('migration 0009: when existing events became known', () => {
  it('takes a delivered event’s received_at, and an imported one’s occurred_at', async () => {
    const migration = eventKnownAt();
    await migration.down!(db.kysely);
    await sql`insert into teams (id, name, created_at) values ('t1', 'Team', '2026-01-01T00:00:00.000Z')`.execute(db.kysely);
    await sql`insert into accounts (id, team_id, name, stage, field_sources, created_at, updated_at)
      values ('a1', 't1', 'Northwind', 'target', '{}', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z')`.execute(db.kysely);
    await sql`insert into webhook_deliveries (team_id, source, delivery_id, received_at, result)
      values ('t1', 'intent', 'd-1', '2026-12-03T14:00:00.000Z', '{}')`.execute(db.kysely);
    await sql`insert into events (team_id, account_id, contact_id, kind, occurred_at, source, natural_key, delivery_id, data) values
      ('t1', 'a1', null, 'intent', '2026-11-30T00:00:00.000Z', 'intent', 'k-delivered', 'd-1', '{}'),
      ('t1', 'a1', null, 'funding', '2026-11-28T10:00:00.000Z', 'import:company-events', 'k-imported', null, '{}')`.execute(db.kysely);
    await sql`insert into technologies (team_id, account_id, name, competitor, added_at) values ('t1', 'a1', 'Globex CRM', 1, '2026-10-01T00:00:00.000Z')`.execute(db.kysely);
    await migration.up(db.kysely);
    const rows = await db.kysely.selectFrom('events').select(['natural_key', 'known_at']).orderBy('natural_key').execute();
    expect(rows).toEqual([
      { natural_key: 'k-delivered', known_at: '2026-12-03T14:00:00.000Z' },
      { natural_key: 'k-imported', known_at: '2026-11-28T10:00:00.000Z' },
    ]);
    const tech = await db.kysely.selectFrom('technologies').select(['name', 'added_known_at', 'removed_known_at']).execute();
    expect(tech).toEqual([{ name: 'Globex CRM', added_known_at: '2026-10-01T00:00:00.000Z', removed_known_at: null }]);
  });
});
