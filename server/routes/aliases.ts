/**
 * `/v1/aliases`: a teammate's correction of a match ("wrong match? this is Jane at Acme"),
 * remembered for the whole team. `POST` records or replaces one, `GET` lists them,
 * `DELETE /:id` removes one (a rep or manager their own, an admin any).
 */
import { Hono } from 'hono';
import { z } from 'zod';
import type { Deps } from '../deps.ts';
import type { AppEnv } from '../http/auth.ts';
import { problem } from '../http/problem.ts';
import { jsonBody, queryOf } from '../http/validate.ts';
import { audit } from '../db/audit.ts';
import { AliasRequest, type AliasAnswer } from '../../shared/alias.ts';
import { aliasKeyOf, aliasOf, recordAlias } from '../identity/aliases.ts';
import { erasedAmong } from '../admin/erased-keys.ts';

// `<createdAt>~<id>` of the last alias on the previous page.
const CURSOR = /^(\d{4}-\d{2}-\d{2}T[\d:.]+Z)~([A-Za-z0-9_]{1,64})$/;
const ListQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  cursor: z.string().regex(CURSOR, 'not a cursor from a previous page').optional(),
});

/**
 * @example
 * POST /v1/aliases {"ref":{"kind":"linkedin","profileUrl":"https://www.linkedin.com/in/jd-1/"},"contactId":"ct_…"}
 * → 201 {"alias":{"id":"als_…","refKey":"linkedin:jd-1","contactId":"ct_…","accountId":null,…}}
 */
export const aliasesRoutes = ({ db, now }: Deps) =>
  new Hono<AppEnv>()
    .post('/aliases', jsonBody(AliasRequest), async (c) => {
      const body = c.req.valid('json');
      const { teamId, userId } = c.var.auth;
      const key = aliasKeyOf(body.ref);
      if (!key.ok) {
        return problem(c, 422, 'validation-error', key.reason, { errors: [{ field: key.field, message: key.reason }] });
      }
      const at = now();
      const alias = await db.kysely.transaction().execute(async (trx) => {
        // An erased person's address or profile is not stored again, by a correction either (an
        // alias key is spelled like an erased key: `email:…`, `linkedin:…`).
        const erasedAt = (await erasedAmong(trx, teamId, [key.value])).get(key.value);
        if (erasedAt) return { erasedAt };
        // The target must be the caller's team's: another team's id is as unknown as a made-up one.
        const target = body.contactId
          ? await trx.selectFrom('contacts').select('id').where('team_id', '=', teamId).where('id', '=', body.contactId).executeTakeFirst()
          : await trx.selectFrom('accounts').select('id').where('team_id', '=', teamId).where('id', '=', body.accountId!).executeTakeFirst();
        if (!target) return null;
        const recorded = await recordAlias(
          trx,
          { teamId, refKey: key.value, contactId: body.contactId ?? null, accountId: body.accountId ?? null, userId },
          at,
        );
        // Ids and the kind of key only: the key itself is a slug or an address, personal data.
        const detail = { kind: body.ref.kind, ...(body.contactId ? { contactId: body.contactId } : { accountId: body.accountId }) };
        await audit(trx, { teamId, actorId: userId, action: 'alias.record', target: recorded.id, detail }, at);
        return recorded;
      });
      if (alias && 'erasedAt' in alias) {
        const message = `this person was erased on ${alias.erasedAt.slice(0, 10)}; a correction cannot link them again`;
        return problem(c, 409, 'conflict', message, { errors: [{ field: key.field, message }] });
      }
      if (!alias) {
        const field = body.contactId ? 'contactId' : 'accountId';
        return problem(c, 404, 'not-found', `No such ${body.contactId ? 'contact' : 'account'}.`, {
          errors: [{ field, message: 'not found' }],
        });
      }
      return c.json({ alias } satisfies AliasAnswer, 201);
    })
    .get('/aliases', queryOf(ListQuery), async (c) => {
      const { limit, cursor } = c.req.valid('query');
      const after = cursor ? CURSOR.exec(cursor) : null;
      let query = db.kysely
        .selectFrom('aliases')
        .selectAll()
        .where('team_id', '=', c.var.auth.teamId)
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(limit + 1);
      if (after) {
        const [, createdAt, lastId] = after as unknown as [string, string, string];
        query = query.where((eb) =>
          eb.or([eb('created_at', '<', createdAt), eb.and([eb('created_at', '=', createdAt), eb('id', '<', lastId)])]),
        );
      }
      const rows = await query.execute();
      const page = rows.slice(0, limit).map(aliasOf);
      const last = page.at(-1);
      const nextCursor = rows.length > limit && last ? `${last.createdAt}~${last.id}` : null;
      return c.json({ aliases: page, nextCursor });
    })
    .delete('/aliases/:id', async (c) => {
      const { teamId, userId, role } = c.var.auth;
      const aliasId = c.req.param('id');
      const at = now();
      const outcome = await db.kysely.transaction().execute(async (trx) => {
        const row = await trx.selectFrom('aliases').select(['id', 'created_by']).where('team_id', '=', teamId).where('id', '=', aliasId).executeTakeFirst();
        if (!row) return 'missing' as const;
        if (role !== 'admin' && row.created_by !== userId) return 'forbidden' as const;
        await trx.deleteFrom('aliases').where('team_id', '=', teamId).where('id', '=', aliasId).execute();
        await audit(trx, { teamId, actorId: userId, action: 'alias.delete', target: aliasId, detail: {} }, at);
        return 'deleted' as const;
      });
      if (outcome === 'missing') return problem(c, 404, 'not-found', 'No such alias.', { errors: [{ field: 'id', message: 'not found' }] });
      if (outcome === 'forbidden') return problem(c, 403, 'forbidden', 'Only an admin may remove a teammate\'s correction.');
      return c.body(null, 204);
    });
