/**
 * `GET /v1/changes?since=<cursor>`: what the extension's offline copy must forget. Today that is
 * tombstones of erased people and of CRM-deleted contacts, accounts and deals; each rep's cache asks
 * from its last cursor and drops what is listed (extension/core/background/changes.ts).
 * The cursor is the last tombstone's id (`0` for everything); an empty page means up to date.
 * Ids commit in order (server/db/tombstones.ts), so a cursor never passes one still to commit.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import type { Deps } from '../deps.ts';
import type { AppEnv } from '../http/auth.ts';
import { queryOf } from '../http/validate.ts';
import { CHANGES_PAGE_MAX as PAGE_MAX, type ChangesPage } from '../../shared/directory.ts';

const wholeNumber = z.string().regex(/^\d{1,15}$/, 'a whole number (a cursor from an earlier answer, or 0)').transform(Number);

const ChangesQuery = z.strictObject({
  since: wholeNumber,
  limit: wholeNumber.pipe(z.number().int().min(1).max(PAGE_MAX)).optional(),
});

export const changesRoutes = ({ db }: Deps) =>
  new Hono<AppEnv>().get('/changes', queryOf(ChangesQuery), async (c) => {
    const { since, limit } = c.req.valid('query');
    const rows = await db.kysely
      .selectFrom('tombstones')
      .select(['id', 'entity', 'entity_id', 'at'])
      .where('team_id', '=', c.var.auth.teamId)
      .where('id', '>', since)
      .orderBy('id')
      .limit(limit ?? PAGE_MAX)
      .execute();
    const tombstones = rows.map((r) => ({ entity: r.entity, id: r.entity_id, at: r.at }));
    // Ids are shared by all teams, so a team's cursor jumps; only its order matters to the client.
    const cursor = rows.length ? Number(rows[rows.length - 1]!.id) : since;
    return c.json({ tombstones, cursor } satisfies ChangesPage);
  });
