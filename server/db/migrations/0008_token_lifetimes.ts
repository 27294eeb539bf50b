/**
 * Tokens that end: `api_tokens.expires_at` (null: never expires) and `replaced_by` (the token a
 * rotation issued in this one's place; it keeps working until its `expires_at`, the grace period).
 *
 * It also revokes the demo tokens that earlier versions derived from the seed committed in the
 * repository (every install accepted the same three, admin included). They are recognised by their
 * sha256, written out here rather than recomputed, so this migration does not depend on code that
 * no longer exists. `npm run admin -- issue-demo-tokens` gives such an install random ones.
 */
import { sql, type Kysely, type Migration } from 'kysely';

/** sha256 of the rep, manager and admin tokens derived from demo seed 20261123 (prefixes shk_A0R9LO, shk_bhwinI, shk_4vFSj7). */
export const LEGACY_DEMO_TOKEN_HASHES = [
  'dff49d3e8900a3ed6f7bf3988e1a46d8815116e894932003767adbb030e21ab8',
  '027b5d57623a83be5c79079600c24ad6640867800ed54a91ad24ec3fce3d3c1e',
  'f8f7372b95ac46fcf6acda687835393dfaf596ad550155a750dc378fc93d084d',
] as const;

export function tokenLifetimes(now: () => Date = () => new Date()): Migration {
  return {
    async up(db: Kysely<unknown>) {
      // One column per statement: SQLite's ALTER TABLE adds one at a time.
      await db.schema.alterTable('api_tokens').addColumn('expires_at', 'text').execute();
      await db.schema.alterTable('api_tokens').addColumn('replaced_by', 'text').execute();

      const at = now().toISOString();
      const legacy = sql.join(LEGACY_DEMO_TOKEN_HASHES.map((h) => sql`${h}`));
      const { rows } = await sql<{ id: string; team_id: string }>`select id, team_id from api_tokens where hash in (${legacy}) and revoked_at is null`.execute(db);
      for (const row of rows) {
        await sql`update api_tokens set revoked_at = ${at} where id = ${row.id}`.execute(db);
        await sql`insert into audit_log (team_id, actor_id, action, target, detail, at)
          values (${row.team_id}, ${null}, ${'token.revoke'}, ${row.id}, ${JSON.stringify({ reason: 'legacy demo token (derived from the committed seed)' })}, ${at})`.execute(db);
      }
    },
    async down(db: Kysely<unknown>) {
      await db.schema.alterTable('api_tokens').dropColumn('replaced_by').execute();
      await db.schema.alterTable('api_tokens').dropColumn('expires_at').execute();
    },
  };
}
