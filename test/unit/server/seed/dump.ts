/**
 * A fingerprint of everything one team owns: every seeded table dumped in key order and hashed,
 * so two databases can be compared byte for byte.
 */
import crypto from 'node:crypto';
import type { DB } from '../../../../server/db/connect.ts';
import type { Database } from '../../../../server/db/schema.ts';

/** Each table and the columns that order its rows completely. */
const TABLES: [keyof Database, string[]][] = [
  ['teams', ['id']],
  ['users', ['id']],
  ['api_tokens', ['id']],
  ['accounts', ['id']],
  ['account_domains', ['domain']],
  ['account_history', ['id']],
  ['contacts', ['id']],
  ['contact_emails', ['email']],
  ['technologies', ['id']],
  ['deals', ['id']],
  ['deal_history', ['id']],
  ['events', ['id']],
  ['activities', ['id']],
  ['audit_log', ['id']],
];

/** Columns keyed by the team's random salt, so they differ between two installs of the same seed. */
const PER_INSTALL = new Set(['events.natural_key']);

export async function teamFingerprint(db: DB, teamId: string): Promise<{ hash: string; rows: number }> {
  const hash = crypto.createHash('sha256');
  let rows = 0;
  for (const [table, order] of TABLES) {
    let query = db
      .selectFrom(table)
      .selectAll()
      .where(table === 'teams' ? 'id' : 'team_id', '=', teamId);
    for (const column of order) query = query.orderBy(column as never);
    const found = await query.execute();
    rows += found.length;
    hash.update(`${table}\n`);
    // Column order differs between dialects' row objects; sort keys so only values count.
    for (const row of found) hash.update(`${JSON.stringify(Object.entries(row).filter(([column]) => !PER_INSTALL.has(`${table}.${column}`)).sort(([a], [b]) => (a < b ? -1 : 1)))}\n`);
  }
  return { hash: hash.digest('hex'), rows };
}
