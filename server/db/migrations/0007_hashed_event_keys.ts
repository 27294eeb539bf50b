/**
 * Raw events' natural keys become keyed hashes (server/ingest/event-keys.ts): keys stored before
 * were the clear text built from the row (`departure|acme.com|…|jane quill`), naming people in a
 * unique index. Each team with events gets its salt (`erasure_salts`, created here when missing)
 * and every key is replaced by HMAC-SHA-256(salt, `event:<key>`), exactly as the importers and
 * webhooks now compute it, so the next import of the same row still finds its event.
 *
 * The LinkedIn touches of people erased before this version get their erased key too
 * (hashErasedActivityKeys, below).
 *
 * Done in SQL, one statement per team and slice of 100k ids, so a database of millions of events migrates in one pass:
 * SQLite calls `hmac_sha256_hex`, a function connect.ts registers on every connection; PostgreSQL
 * has no HMAC without the pgcrypto extension, so it is spelled with its built-in sha256() as
 * RFC 2104 defines it: sha256((K ⊕ opad) ‖ sha256((K ⊕ ipad) ‖ m)), K the 32-byte salt padded to
 * the 64-byte block (the pads are computed here).
 */
import crypto from 'node:crypto';
import { sql, type Kysely, type Migration } from 'kysely';
import type { Dialect } from '../schema.ts';

const PREFIX = 'event:';
const SLICE = 100_000;
/**
 * SQLite runs migrations outside a transaction (Kysely: no transactional DDL there), so a migration
 * stopped half-way runs again over slices already done: a key that is already a hash is skipped.
 */
const NOT_HASHED = sql`not (length(natural_key) = 64 and natural_key not glob '*[^0-9a-f]*')`;

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
        // In slices of ids, so SQLite's WAL is checkpointed between them instead of growing by the
        // whole table (ten million events on the scale data set).
        const range = (await sql<{ low: number | null; high: number | null }>`select min(id) as low, max(id) as high from events where team_id = ${teamId}`.execute(db)).rows[0]!;
        for (let low = Number(range.low); low <= Number(range.high); low += SLICE) {
          const high = low + SLICE - 1;
          if (dialect === 'sqlite') {
            await sql`update events set natural_key = hmac_sha256_hex(${salt}, ${PREFIX} || natural_key) where team_id = ${teamId} and id between ${low} and ${high} and ${NOT_HASHED}`.execute(db);
          } else {
            const { inner, outer } = pads(salt);
            await sql`update events set natural_key = encode(sha256(${outer}::bytea || sha256(${inner}::bytea || convert_to(${PREFIX} || natural_key, 'UTF8'))), 'hex') where team_id = ${teamId} and id between ${low} and ${high}`.execute(db);
          }
        }
      }
      await hashErasedActivityKeys(db);
    },
    // Hashes cannot be turned back into the keys they came from: going down leaves them hashed.
    async down() {},
  };
}

const hmac = (saltHex: string, text: string) => crypto.createHmac('sha256', Buffer.from(saltHex, 'hex')).update(text).digest('hex');

/**
 * People erased before this version left their LinkedIn touches' natural keys in clear
 * (`linkedin:<slug>:<type>:<minute>`). Their slugs are known only as keyed hashes in
 * `erased_keys`: a touch whose slug hashes to one of them gets the erased form an erasure now
 * writes (`erased:` + HMAC(salt, `activity:<key>`), server/ledger/activity-keys.ts).
 */
async function hashErasedActivityKeys(db: Kysely<unknown>): Promise<void> {
  const touches = (await sql<{ id: string; team_id: string; natural_key: string }>`
    select a.id, a.team_id, a.natural_key from activities a
    where a.natural_key like 'linkedin:%' and a.contact_id is null
      and exists (select 1 from erased_keys k where k.team_id = a.team_id)`.execute(db)).rows;
  const salts = new Map<string, string>();
  for (const touch of touches) {
    let salt = salts.get(touch.team_id);
    if (salt === undefined) {
      salt = (await sql<{ salt: string }>`select salt from erasure_salts where team_id = ${touch.team_id}`.execute(db)).rows[0]?.salt ?? '';
      salts.set(touch.team_id, salt);
    }
    const slug = touch.natural_key.split(':')[1];
    if (!salt || !slug) continue;
    const erased = await sql`select 1 from erased_keys where team_id = ${touch.team_id} and key_hash = ${hmac(salt, `linkedin:${slug}`)}`.execute(db);
    if (!erased.rows.length) continue;
    await sql`update activities set natural_key = ${`erased:${hmac(salt, `activity:${touch.natural_key}`)}`} where id = ${touch.id}`.execute(db);
  }
}
