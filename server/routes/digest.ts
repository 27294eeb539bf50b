/**
 * `GET /v1/digest`: the caller's daily digest (shared/digest.ts). `POST /v1/signals/state`
 * `{key, state}`: the caller saw, acted on or dismissed a signal; a dismissed one leaves their
 * digests, an acted one stops being a task. States are each rep's own.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import { SignalStateUpdate, type Digest, type SignalStateAnswer } from '../../shared/digest.ts';
import type { Deps } from '../deps.ts';
import type { AppEnv } from '../http/auth.ts';
import { jsonBody, queryOf } from '../http/validate.ts';
import { digestFor } from '../digest/build.ts';

export const digestRoutes = ({ db, now }: Deps) =>
  new Hono<AppEnv>()
    .get('/digest', queryOf(z.strictObject({})), async (c) => {
      const { teamId, userId } = c.var.auth;
      return c.json((await digestFor(db, { teamId, userId }, now())) satisfies Digest);
    })
    .post('/signals/state', jsonBody(SignalStateUpdate), async (c) => {
      const { teamId, userId } = c.var.auth;
      const { key, state } = c.req.valid('json');
      const changedAt = now().toISOString();
      await db.kysely
        .insertInto('signal_states')
        .values({ team_id: teamId, user_id: userId, signal_key: key, state, changed_at: changedAt })
        .onConflict((oc) => oc.columns(['user_id', 'signal_key']).doUpdateSet({ state, changed_at: changedAt }))
        .execute();
      return c.json({ key, state, changedAt } satisfies SignalStateAnswer);
    });
