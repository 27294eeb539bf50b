/**
 * Team members as an admin manages them: list, add, change role, disable. Every function takes
 * the team id so a caller can never reach another team's user; an id from another team is
 * "not found", exactly like an id that never existed.
 */
import { z } from 'zod';
import type { DB } from '../db/connect.ts';
import type { Role, UserRow } from '../db/schema.ts';
import { audit } from '../db/audit.ts';
import { createUser } from '../auth/users.ts';
import { AdminError, isUniqueViolation } from './errors.ts';

export const RoleName = z.enum(['admin', 'manager', 'rep']);

export const NewMember = z.strictObject({
  email: z.email().max(320),
  name: z.string().trim().min(1).max(200),
  role: RoleName,
});
export type NewMember = z.infer<typeof NewMember>;

export const MemberChange = z
  .strictObject({ role: RoleName.optional(), disabled: z.boolean().optional() })
  .refine((v) => v.role !== undefined || v.disabled !== undefined, { message: 'send role, disabled or both' });
export type MemberChange = z.infer<typeof MemberChange>;

export interface Member {
  id: string;
  email: string;
  name: string;
  role: Role;
  createdAt: string;
  disabledAt: string | null;
}

const memberOf = (u: UserRow): Member => ({
  id: u.id,
  email: u.email,
  name: u.name,
  role: u.role,
  createdAt: u.created_at,
  disabledAt: u.disabled_at,
});

/**
 * The team's users, oldest first.
 *
 * @example const members = await listMembers(db, 'team_1');
 */
export async function listMembers(db: DB, teamId: string): Promise<Member[]> {
  const rows = await db.selectFrom('users').selectAll().where('team_id', '=', teamId).orderBy('created_at').orderBy('id').execute();
  return rows.map(memberOf);
}

/** One user of the team, by id or (case-insensitively) email; null when not in this team. */
export async function findMember(db: DB, teamId: string, idOrEmail: string): Promise<Member | null> {
  const key = idOrEmail.trim();
  const row = await db
    .selectFrom('users')
    .selectAll()
    .where('team_id', '=', teamId)
    .where((eb) => eb.or([eb('id', '=', key), eb('email', '=', key.toLowerCase())]))
    .executeTakeFirst();
  return row ? memberOf(row) : null;
}

/**
 * Adds a user to the team. A second user with the same email in the team is a conflict.
 *
 * @example await addMember(db, 'team_1', { email: 'ana@acme.test', name: 'Ana', role: 'rep' }, adminId, now)
 */
export async function addMember(db: DB, teamId: string, input: NewMember, actorId: string | null, now: Date): Promise<Member> {
  const team = await db.selectFrom('teams').select('id').where('id', '=', teamId).executeTakeFirst();
  if (!team) throw new AdminError('not-found', 'No such team.', 'team');
  try {
    return await db.transaction().execute(async (trx) => {
      const { id } = await createUser(trx, { teamId, email: input.email, name: input.name, role: input.role }, now);
      await audit(trx, { teamId, actorId, action: 'user.create', target: id, detail: { role: input.role } }, now);
      return memberOf(await trx.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirstOrThrow());
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AdminError('conflict', 'A user with this email is already in the team.', 'email');
    throw error;
  }
}

/**
 * Changes a user's role or disables (re-enables) them. A disabled user's tokens stop working at
 * once, because authentication checks `disabled_at`. The team's last active admin cannot be
 * demoted or disabled: nobody could then manage the team except through the CLI.
 */
export async function changeMember(
  db: DB,
  teamId: string,
  userId: string,
  change: MemberChange,
  actorId: string | null,
  now: Date,
): Promise<Member> {
  return db.transaction().execute(async (trx) => {
    const user = await trx.selectFrom('users').selectAll().where('team_id', '=', teamId).where('id', '=', userId).executeTakeFirst();
    if (!user) throw new AdminError('not-found', 'No such user in this team.', 'id');
    const role = change.role ?? user.role;
    const disabledAt = change.disabled === undefined ? user.disabled_at : change.disabled ? (user.disabled_at ?? now.toISOString()) : null;
    const losesAdmin = user.role === 'admin' && user.disabled_at === null && (role !== 'admin' || disabledAt !== null);
    if (losesAdmin) {
      const { n } = await trx
        .selectFrom('users')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('team_id', '=', teamId)
        .where('role', '=', 'admin')
        .where('disabled_at', 'is', null)
        .executeTakeFirstOrThrow();
      if (Number(n) <= 1) throw new AdminError('conflict', 'This is the team’s last active admin.', change.role ? 'role' : 'disabled');
    }
    await trx.updateTable('users').set({ role, disabled_at: disabledAt }).where('id', '=', user.id).execute();
    const detail = { ...(change.role ? { role } : {}), ...(change.disabled !== undefined ? { disabled: change.disabled } : {}) };
    await audit(trx, { teamId, actorId, action: 'user.update', target: user.id, detail }, now);
    return memberOf({ ...user, role, disabled_at: disabledAt });
  });
}
