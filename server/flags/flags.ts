/**
 * Flags of wrong data: stored, listed and resolved. The route (routes/flags.ts) validates and
 * answers; this module holds the rules. Audit entries name ids, the entity and the field, never
 * the values or the problem text (they may describe a person).
 */
import type { Selectable } from 'kysely';
import type { DB } from '../db/connect.ts';
import type { FlagsTable, Role } from '../db/schema.ts';
import { audit } from '../db/audit.ts';
import { newId } from '../auth/users.ts';
import { FlagResolution, type Flag, type FlagEntity, type FlagRequest, type FlagStatus, type ResolveFlagRequest } from '../../shared/flag.ts';
import { applyFlagValue } from './apply.ts';

const TABLE = { contact: 'contacts', account: 'accounts', deal: 'deals' } as const;

function resolutionOf(text: string | null): Flag['resolution'] {
  if (!text) return null;
  try {
    const parsed = FlagResolution.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export const flagOf = (row: Selectable<FlagsTable>): Flag => ({
  id: row.id,
  // Rows are written only through FlagRequest, whose entity enum is narrower than the column's type.
  entity: row.entity as FlagEntity,
  entityId: row.entity_id,
  field: row.field,
  problem: row.problem,
  suggestedValue: row.suggested_value,
  status: row.status,
  resolution: resolutionOf(row.resolution),
  reportedBy: row.user_id,
  createdAt: row.created_at,
  resolvedAt: row.resolved_at,
  resolvedBy: row.resolved_by,
});

/**
 * Stores a rep's flag; null when the flagged record is not the team's (another team's id is as
 * unknown as a made-up one).
 *
 * @example await createFlag(db, { teamId, userId }, { entity: 'contact', entityId: 'ct_1', field: 'title', problem: 'left' }, now)
 */
export async function createFlag(db: DB, by: { teamId: string; userId: string }, body: FlagRequest, now: Date): Promise<Flag | null> {
  const at = now.toISOString();
  return db.transaction().execute(async (trx) => {
    const target = await trx.selectFrom(TABLE[body.entity]).select('id').where('team_id', '=', by.teamId).where('id', '=', body.entityId).executeTakeFirst();
    if (!target) return null;
    const row = await trx
      .insertInto('flags')
      .values({
        id: newId('flg'),
        team_id: by.teamId,
        user_id: by.userId,
        entity: body.entity,
        entity_id: body.entityId,
        field: body.field,
        problem: body.problem,
        suggested_value: body.suggestedValue ?? null,
        status: 'open',
        resolution: null,
        created_at: at,
        resolved_at: null,
        resolved_by: null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await audit(trx, { teamId: by.teamId, actorId: by.userId, action: 'flag.create', target: row.id, detail: { entity: body.entity, entityId: body.entityId, field: body.field } }, now);
    return flagOf(row);
  });
}

/** `<createdAt>~<id>` of the last flag on the previous page. */
export const FLAG_CURSOR = /^(\d{4}-\d{2}-\d{2}T[\d:.]+Z)~([A-Za-z0-9_]{1,64})$/;

/**
 * A page of flags, newest first: a rep's own, or the whole team's for managers and admins.
 *
 * @example await listFlags(db, { teamId, userId, role: 'rep' }, { limit: 50, status: 'open' })
 */
export async function listFlags(
  db: DB,
  by: { teamId: string; userId: string; role: Role },
  options: { limit: number; status?: FlagStatus | undefined; cursor?: string | undefined; onlyOwn?: boolean },
): Promise<{ flags: Flag[]; nextCursor: string | null }> {
  let query = db
    .selectFrom('flags')
    .selectAll()
    .where('team_id', '=', by.teamId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(options.limit + 1);
  if (by.role === 'rep' || options.onlyOwn) query = query.where('user_id', '=', by.userId);
  if (options.status) query = query.where('status', '=', options.status);
  const after = options.cursor ? FLAG_CURSOR.exec(options.cursor) : null;
  if (after) {
    const [, createdAt, lastId] = after as unknown as [string, string, string];
    query = query.where((eb) => eb.or([eb('created_at', '<', createdAt), eb.and([eb('created_at', '=', createdAt), eb('id', '<', lastId)])]));
  }
  const rows = await query.execute();
  const flags = rows.slice(0, options.limit).map(flagOf);
  const last = flags.at(-1);
  return { flags, nextCursor: rows.length > options.limit && last ? `${last.createdAt}~${last.id}` : null };
}

export type ResolveOutcome =
  | { ok: true; flag: Flag }
  | { ok: false; status: 404 | 409 | 422; field: string; message: string };

/**
 * An admin's decision on an open flag. Accepting with a value writes it to the record (apply.ts)
 * in the same transaction as the resolution, so a value that cannot be written leaves the flag open.
 *
 * @example await resolveFlag(db, { teamId, userId }, 'flg_1', { action: 'accept', value: 'CTO' }, now)
 */
export async function resolveFlag(db: DB, by: { teamId: string; userId: string }, flagId: string, body: ResolveFlagRequest, now: Date): Promise<ResolveOutcome> {
  const at = now.toISOString();
  const value = body.action === 'accept' ? (body.value ?? null) : null;
  const resolution: FlagResolution = { action: body.action, value, note: body.note ?? null };
  try {
    return await db.transaction().execute(async (trx): Promise<ResolveOutcome> => {
      // Claiming the open flag first makes a second, concurrent decision a 409 instead of a second write.
      const claimed = await trx
        .updateTable('flags')
        .set({ status: body.action === 'accept' ? 'resolved' : 'rejected', resolution: JSON.stringify(resolution), resolved_at: at, resolved_by: by.userId })
        .where('team_id', '=', by.teamId)
        .where('id', '=', flagId)
        .where('status', '=', 'open')
        .returningAll()
        .executeTakeFirst();
      if (!claimed) {
        const row = await trx.selectFrom('flags').select('status').where('team_id', '=', by.teamId).where('id', '=', flagId).executeTakeFirst();
        if (!row) return { ok: false, status: 404, field: 'id', message: 'No such flag.' };
        return { ok: false, status: 409, field: 'id', message: `The flag was already ${row.status === 'resolved' ? 'accepted' : 'rejected'}.` };
      }
      if (value !== null) {
        const target = { entity: claimed.entity as FlagEntity, entityId: claimed.entity_id, field: claimed.field };
        const applied = await applyFlagValue(trx, by.teamId, target, value, now);
        // Thrown so the claim rolls back: a value that cannot be written leaves the flag open.
        if (!applied.ok) throw new Refused(applied);
      }
      await audit(
        trx,
        { teamId: by.teamId, actorId: by.userId, action: 'flag.resolve', target: flagId, detail: { action: body.action, written: value !== null, entity: claimed.entity, field: claimed.field } },
        now,
      );
      return { ok: true, flag: flagOf(claimed) };
    });
  } catch (error) {
    if (error instanceof Refused) return error.outcome;
    throw error;
  }
}

class Refused extends Error {
  constructor(readonly outcome: Extract<ResolveOutcome, { ok: false }>) {
    super(outcome.message);
  }
}
