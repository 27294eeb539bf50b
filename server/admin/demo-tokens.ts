/**
 * The demo team's tokens as the operator manages them: how many still work (a server on a
 * non-loopback HOST refuses to start while any do: `exposureRefusal`), revoke them all, or issue
 * fresh random ones (an install upgraded from the seed-derived tokens, or one whose token file was lost).
 *
 * "The demo team's tokens" are every token of the demo team, not only the three printed ones: a
 * team of invented data has no business on a network, whoever holds its tokens.
 *
 * @example
 * await revokeDemoTokens(db, env.DATA_DIR, new Date()) // { teamFound: true, revoked: 3 }
 */
import net from 'node:net';
import type { DB } from '../db/connect.ts';
import { audit } from '../db/audit.ts';
import { hashToken } from '../auth/tokens.ts';
import { issueToken } from '../auth/users.ts';
import { DEMO_SEED, DEMO_TEAM_NAME, demoIdentity } from '../seed/demo.ts';
import {
  DEMO_ROLES,
  DEMO_TOKEN_LABEL,
  randomDemoTokens,
  readDemoTokenFile,
  removeDemoTokenFile,
  writeDemoTokenFile,
  type DemoTokens,
} from '../seed/demo-tokens.ts';
import { AdminError } from './errors.ts';

export const demoTeamId = () => demoIdentity(DEMO_SEED).teamId;

async function demoTeamExists(db: DB): Promise<boolean> {
  return (await db.selectFrom('teams').select('id').where('id', '=', demoTeamId()).executeTakeFirst()) !== undefined;
}

/** Tokens of the demo team that would authenticate now: not revoked, not expired, their user enabled. */
export async function activeDemoTokenCount(db: DB, now: Date): Promise<number> {
  const row = await db
    .selectFrom('api_tokens as t')
    .innerJoin('users as u', 'u.id', 't.user_id')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('t.team_id', '=', demoTeamId())
    .where('t.revoked_at', 'is', null)
    .where('u.disabled_at', 'is', null)
    .where((eb) => eb.or([eb('t.expires_at', 'is', null), eb('t.expires_at', '>', now.toISOString())]))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

const loopback = new net.BlockList();
loopback.addSubnet('127.0.0.0', 8, 'ipv4');
loopback.addAddress('::1', 'ipv6');

/** 127.0.0.0/8, ::1 and localhost; anything else (0.0.0.0, ::, a LAN address, a host name) may be reachable by others. */
export function isLoopbackHost(host: string): boolean {
  if (host.toLowerCase() === 'localhost') return true;
  const family = net.isIP(host);
  return family !== 0 && loopback.check(host, family === 4 ? 'ipv4' : 'ipv6');
}

/**
 * Why the server must not listen on `host` now, or null. Anyone who reaches a non-loopback address
 * could use a demo token they came by (a terminal log, a shared screen), and with the admin one
 * own the server. Loopback costs no query: this runs before every listen.
 */
export async function exposureRefusal(db: DB, host: string, now: Date): Promise<string | null> {
  if (isLoopbackHost(host)) return null;
  const active = await activeDemoTokenCount(db, now);
  if (active === 0) return null;
  return (
    `refusing to listen on ${host}: the demo team "${DEMO_TEAM_NAME}" has ${active} working token${active === 1 ? '' : 's'}, ` +
    'and its data is invented. Revoke them with `npm run admin -- revoke-demo-tokens`, or keep HOST on 127.0.0.1.'
  );
}

/** Revokes every token of the demo team and deletes the token file (what it holds no longer works). */
export async function revokeDemoTokens(db: DB, dataDir: string, now: Date): Promise<{ teamFound: boolean; revoked: number }> {
  if (!(await demoTeamExists(db))) return { teamFound: false, revoked: 0 };
  const revoked = await db.transaction().execute(async (trx) => {
    const rows = await trx
      .updateTable('api_tokens')
      .set({ revoked_at: now.toISOString() })
      .where('team_id', '=', demoTeamId())
      .where('revoked_at', 'is', null)
      .returning('id')
      .execute();
    for (const row of rows) await audit(trx, { teamId: demoTeamId(), actorId: null, action: 'token.revoke', target: row.id, detail: { reason: 'revoke-demo-tokens' } }, now);
    return rows.length;
  });
  removeDemoTokenFile(dataDir);
  return { teamFound: true, revoked };
}

/**
 * Issues new random tokens for the demo rep, manager and admin and writes them to the token file;
 * the tokens the file held before are revoked. The file is written inside the transaction, so a
 * failure to write it leaves the database as it was.
 */
export async function reissueDemoTokens(db: DB, dataDir: string, now: Date): Promise<{ tokens: DemoTokens; path: string }> {
  if (!(await demoTeamExists(db))) throw new AdminError('not-found', 'This database has no demo team.', 'team');
  const previous = readDemoTokenFile(dataDir);
  const { users } = demoIdentity(DEMO_SEED);
  return db.transaction().execute(async (trx) => {
    if (previous) {
      const hashes = DEMO_ROLES.map((role) => hashToken(previous.tokens[role]));
      await trx.updateTable('api_tokens').set({ revoked_at: now.toISOString() }).where('team_id', '=', demoTeamId()).where('hash', 'in', hashes).where('revoked_at', 'is', null).execute();
    }
    const tokens = randomDemoTokens();
    for (const role of DEMO_ROLES) {
      const user = await trx.selectFrom('users').select(['id', 'disabled_at']).where('id', '=', users.find((u) => u.role === role)!.id).executeTakeFirst();
      if (!user || user.disabled_at) throw new AdminError('conflict', `The demo ${role} is missing or disabled.`, 'user');
      await issueToken(trx, user.id, DEMO_TOKEN_LABEL, now, { token: tokens[role] });
    }
    return { tokens, path: writeDemoTokenFile(dataDir, tokens) };
  });
}
