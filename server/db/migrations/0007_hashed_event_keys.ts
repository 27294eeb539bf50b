/**
 * Raw events' natural keys become keyed hashes (server/ingest/event-keys.ts): keys stored before
 * were the clear text built from the row (`departure|acme.com|…|jane quill`), naming people in a
 * unique index. Each team with events gets its salt (`erasure_salts`, created here when missing)
 * and every key is replaced by HMAC-SHA-256(salt, `event:<key>`), exactly as the importers and
 * webhooks now compute it, so the next import of the same row still finds its event.
 *
 * Done in SQL, one statement per team, so a database of millions of events migrates in one pass:
 * SQLite calls `hmac_sha256_hex`, a function connect.ts registers on every connection; PostgreSQL
 * has no HMAC without the pgcrypto extension, so it is spelled with its built-in sha256() as
 * RFC 2104 defines it: sha256((K ⊕ opad) ‖ sha256((K ⊕ ipad) ‖ m)), K the 32-byte salt padded to
 * the 64-byte block (the pads are computed here).
 */
import crypto from 'node:crypto';
import { sql, type Kysely, type Migration } from 'kysely';
import type { Dialect } from '../connect.ts';

const PREFIX = 'event:';

/** The two HMAC-SHA-256 pads of a hex salt (at most 64 bytes, as every salt we make is 32). */
function pads(saltHex: string): { inner: Buffer; outer: Buffer } {
  const key = Buffer.alloc(64);
  Buffer.from(saltHex, 'hex').copy(key);
  return { inner: Buffer.from(key.map((b) => b ^ 0x36)), outer: Buffer.from(key.map((b) => b ^ 0x5c)) };
}

export function hashedEventKeys(dialect: Dialect): Migration {
  return {
    async up(db: Kysely<unknown>) {
      const teams = (await sql<{ team_id: string }>`select distinct team_id from events`.execute(db)).rows;
      for (const { team_id: teamId } of teams) {
        await sql`insert into erasure_salts (team_id, salt) values (${teamId}, ${crypto.randomBytes(32).toString('hex')}) on conflict (team_id) do nothing`.execute(db);
        const salt = (await sql<{ salt: string }>`select salt from erasure_salts where team_id = ${teamId}`.execute(db)).rows[0]!.salt;
        if (dialect === 'sqlite') {
          await sql`update events set natural_key = hmac_sha256_hex(${salt}, ${PREFIX} || natural_key) where team_id = ${teamId}`.execute(db);
        } else {
          const { inner, outer } = pads(salt);
          await sql`update events set natural_key = encode(sha256(${outer}::bytea || sha256(${inner}::bytea || convert_to(${PREFIX} || natural_key, 'UTF8'))), 'hex') where team_id = ${teamId}`.execute(db);
        }
      }
    },
    // Hashes cannot be turned back into the keys they came from: going down leaves them hashed.
    async down() {},
  };
}
